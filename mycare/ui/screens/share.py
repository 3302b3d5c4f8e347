"""Share a summary: pick what goes in and the format, preview it, and say where it went."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Header, Input, Label, Select, SelectionList, Static

from mycare.care import appointments, clock
from mycare.care.dates import format_datetime
from mycare.care.errors import CareError
from mycare.export import (
    BY_NAME,
    SUFFIXES,
    SUMMARY_FORMATS,
    build_summary,
    render_apart,
    write_export,
)
from mycare.export.summary import DEFAULT_SECTIONS

from ..access import app_of, opened
from ..form import ConfirmScreen
from ..steady import SteadyScreen
from ..widgets.footer import KeysFooter
from ..widgets.nav import NavBar
from ..widgets.safe_input import SafeInput
from ..widgets.ticks import TickList
from ..widgets.wrapped_text import WrappedText

PARTS = (
    ("Who I am and what matters to me", "about"),
    ("My care team", "team"),
    ("Conditions, medicines, allergies", "health"),
    ("What has happened lately", "recent"),
    ("My goals", "goals"),
    ("Questions for the appointment", "appointment"),
    ("How joined-up my care feels", "coordination"),
)
TICKED_FIRST = set(DEFAULT_SECTIONS)  # how joined-up care feels goes in only when ticked


WIDE_ENOUGH = 72  # columns: narrower, the preview would be a sliver; the choices get it all
PREVIEW_PAUSE = 0.3  # seconds of no ticking before the preview is rebuilt
PREVIEW_LINES = 200  # a longer summary is previewed in part: drawing it all would freeze the app


def preview_of(text: str) -> str:
    """The start of a summary as plain text, and how much more the file holds."""
    lines = text.splitlines()
    if len(lines) <= PREVIEW_LINES:
        return text
    more = len(lines) - PREVIEW_LINES
    return "\n".join([*lines[:PREVIEW_LINES], "", f"…and {more:,} more lines in the file."])


class ShareScreen(SteadyScreen[None]):
    """Choose, preview, export; the file written is not encrypted, and it says so."""

    BINDINGS = [
        Binding("escape", "leave", "Back", id="share-back", tooltip="Leave without exporting"),
        Binding(
            "ctrl+e", "export", "Export", id="share-export", tooltip="Write the file",
            priority=True,  # from the path box too, where ctrl+e would move to the end
        ),
    ]  # fmt: skip
    _preview_timer: Timer | None = None
    DEFAULT_CSS = """
    ShareScreen #choices { width: 42; padding: 0 1; }
    ShareScreen #choices Label { margin-top: 1; text-style: bold; }
    ShareScreen #choices #leave { margin-top: 0; text-style: none; color: $text-muted; }
    ShareScreen SelectionList { height: auto; }
    ShareScreen #preview { border-left: solid $primary; width: 1fr; height: 1fr; }
    ShareScreen #warning { color: $warning; height: auto; margin-top: 1; }
    ShareScreen #where { color: $success; height: auto; }
    ShareScreen #narrow { display: none; color: $text-muted; margin-top: 1; height: auto; }
    ShareScreen.-narrow #choices { width: 1fr; }
    ShareScreen.-narrow #preview { display: none; }
    ShareScreen.-narrow #narrow { display: block; }
    """

    def __init__(self, back: str = "1") -> None:
        super().__init__()
        self.back = back  # the section to go back to

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar("")
        with Horizontal():
            with VerticalScroll(id="choices"):
                yield Label("Esc goes back without exporting.", id="leave")
                yield Label("What goes in")
                yield TickList(
                    *[(n, v, v in TICKED_FIRST) for n, v in PARTS], id="parts", compact=True
                )
                yield Label("For which appointment")
                yield Select([], id="visit", compact=True, prompt="None")
                yield Label("Format")
                yield Select(
                    [(f.label, f.name) for f in SUMMARY_FORMATS],
                    value="html",
                    id="format",
                    allow_blank=False,
                    compact=True,
                )
                yield Label("Save as")
                yield SafeInput(id="path", compact=True)
                yield Static(
                    "An exported file is NOT encrypted: anyone with it can read it.",
                    id="warning",
                )
                yield Static("", id="where", markup=False)
                yield Static(
                    f"A window {WIDE_ENOUGH} columns wide shows a preview beside this.", id="narrow"
                )
            yield WrappedText(id="preview")
        yield KeysFooter()

    def _visits(self) -> list[tuple[str, str]]:
        """The appointments of the next four months, to prepare for (read in a thread)."""
        record, person = opened(self)
        now = clock.now()
        upcoming = appointments.occurrences(record, person, now, now + timedelta(days=120))
        seen, options = set(), []
        for occ in upcoming:
            if occ.appointment.id not in seen:
                seen.add(occ.appointment.id)
                label = f"{format_datetime(occ.starts_at)} {occ.appointment.purpose}"[:60]
                options.append((label, str(occ.appointment.id)))
        return options

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < WIDE_ENOUGH, "-narrow")

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < WIDE_ENOUGH, "-narrow")
        self._suggest_path()
        self.call_after_refresh(self._load_visits)  # after the first frame, not during it

    class VisitsReady(Message):
        """The appointments to choose from, read off the UI loop."""

        def __init__(self, visits: list[tuple[str, str]]) -> None:
            super().__init__()
            self.visits = visits

    @work(thread=True, exclusive=True, group="visits", exit_on_error=False)
    def _load_visits(self) -> None:
        try:
            visits = self._visits()
        except CareError:
            visits = []  # the summary can still be made, for no appointment in particular
        self.post_message(self.VisitsReady(visits))

    def on_share_screen_visits_ready(self, message: VisitsReady) -> None:
        choose = self.query_one("#visit", Select)
        choose.set_options(message.visits)
        if message.visits:
            choose.value = message.visits[0][1]  # the next one; its change starts the preview
        else:
            self.refresh_preview()

    def _suggest_path(self) -> None:
        person = opened(self)[1]
        fmt = self.query_one("#format", Select).value
        stem = "".join(c if c.isalnum() else "-" for c in person.name.casefold()).strip("-")
        name = f"mycare-{stem[:40]}-{clock.today().isoformat()}{SUFFIXES[str(fmt)]}"
        self.query_one("#path", Input).value = str(Path.home() / name)

    class PreviewReady(Message):
        """The preview of the summary, built off the UI loop."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def choices(self) -> tuple[set[Any], uuid.UUID | None]:
        """What the person ticked, and for which appointment (read on the UI loop)."""
        visit = self.query_one("#visit", Select).value
        chosen = set(self.query_one("#parts", SelectionList).selected)
        return chosen, None if visit is Select.NULL else uuid.UUID(str(visit))

    def build_export(
        self, chosen: set[Any], visit: uuid.UUID | None, fmt: str, notes: list[str] | None = None
    ) -> bytes:
        """Build and render the summary; slow on a long record, so run in a thread. `notes`
        receives what the person should be told (characters that could not be printed)."""
        record, person = opened(self)
        summary = build_summary(
            record,
            person,
            sections=chosen,
            for_appointment=visit,
            now=clock.now(),
            reads=BY_NAME[fmt].reads,
        )
        data = render_apart(summary, fmt)
        if notes is not None:
            notes.extend(summary.notes)
        return data

    @on(SelectionList.SelectedChanged)
    @on(Select.Changed, "#visit")
    def refresh_preview(self) -> None:
        """Rebuild the preview once the ticking stops for a moment."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_PAUSE, self._start_preview)

    def _start_preview(self) -> None:
        self._preview_timer = None
        self._build_preview(*self.choices())

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _build_preview(self, chosen: set[Any], visit: uuid.UUID | None) -> None:
        try:
            text = preview_of(self.build_export(chosen, visit, "txt").decode("utf-8"))
        except CareError as exc:
            text = str(exc)
        self.post_message(self.PreviewReady(text))

    def on_share_screen_preview_ready(self, message: PreviewReady) -> None:
        self.query_one("#preview", WrappedText).show_text(message.text)

    @on(Select.Changed, "#format")
    def _format(self) -> None:
        self._suggest_path()

    def action_leave(self) -> None:
        """Back to where sharing started, with nothing written."""
        app_of(self).action_section(self.back)

    @work
    async def action_export(self) -> None:
        where = self.query_one("#where", Static)
        path = Path(self.query_one("#path", Input).value).expanduser()
        fmt = str(self.query_one("#format", Select).value)
        overwrite = False
        if path.exists():
            overwrite = await self.app.push_screen_wait(
                ConfirmScreen(f"{path} already exists. Replace it?")
            )
            if not overwrite:
                return
        where.update(f"Writing {path}…")
        chosen, visit = self.choices()
        notes: list[str] = []
        try:
            data = await asyncio.to_thread(self.build_export, chosen, visit, fmt, notes)
            await asyncio.to_thread(write_export, path, data, overwrite=overwrite)
        except CareError as exc:
            where.update(str(exc))
            return
        where.update(" ".join([f"Saved {path} at {datetime.now():%H:%M}.", *notes]))
        self.notify(f"Exported to {path}. {BY_NAME[fmt].warning}")
