"""Who changed what and when: one record's history, or what other carers changed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from mycare.care.history import HistoryLine

from ..steady import SteadyModal
from ..text import plain, styled


def _line(line: HistoryLine, with_record: bool) -> Content:
    record = (
        f"{line.kind} “{line.title}”: "
        if with_record and line.title
        else (f"{line.kind}: " if with_record else "")
    )
    check = ("  ← check it", "bold $warning") if line.needs_check else ""
    return styled(plain(record), plain(line.text), check)


class HistoryScreen(SteadyModal[None]):
    """A list of changes, newest first; Escape closes it."""

    BINDINGS = [Binding("escape,h,q", "dismiss(None)", "Close", id="history-close")]
    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    HistoryScreen VerticalScroll { width: 90%; max-width: 120; height: 80%;
        border: round $primary; background: $surface; padding: 0 1; }
    HistoryScreen Static { width: 1fr; }
    HistoryScreen .heading { text-style: bold; color: $accent; margin-top: 1; }
    """

    def __init__(
        self,
        title: str,
        groups: list[tuple[str, list[HistoryLine]]],
        *,
        with_record: bool = True,
        empty: str = "No changes are recorded yet.",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.groups = groups
        self.with_record = with_record
        self.empty = empty

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = self.title_text
            box.border_subtitle = "Escape to close"
            shown = False
            for heading, lines in self.groups:
                if not lines:
                    continue
                shown = True
                if heading:
                    yield Static(heading, classes="heading", markup=False)
                for line in lines:
                    yield Static(_line(line, self.with_record))
            if not shown:
                yield Static(self.empty, markup=False)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
