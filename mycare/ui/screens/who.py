"""Asked once on each computer: who is using it, so other carers see who changed what."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..steady import SteadyModal
from ..widgets.safe_input import SafeInput

EXPLAIN = (
    "If you share this record with other carers, they will see your name beside "
    "the changes you make. It is kept on this computer only."
)


class WhoScreen(SteadyModal[str]):
    """ "Who are you?" — dismisses with the name, once it is a name that can be kept."""

    DEFAULT_CSS = """
    WhoScreen { align: center middle; }
    WhoScreen Vertical { width: 64; max-width: 100%; height: auto; border: round $primary;
        background: $surface; padding: 1 2; }
    WhoScreen #problem { color: $error; }
    """

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Who are you?"
            yield Static("Your name as the others will see it", markup=False)
            yield SafeInput(placeholder="e.g. Ann", id="me", max_length=60)
            yield Static(EXPLAIN, markup=False, classes="dim")
            yield Static("", id="problem", markup=False)

    def on_mount(self) -> None:
        self.query_one("#me", Input).focus()

    @on(Input.Submitted, "#me")
    def chosen(self, event: Input.Submitted) -> None:
        from mycare.care import settings
        from mycare.care.errors import InvalidField

        try:
            name = settings.check_name(event.value)
        except InvalidField as exc:
            self.query_one("#problem", Static).update(str(exc))
            return
        try:
            settings.remember_name(name)
        except OSError:
            self.notify("Your name could not be kept on this computer; it is used until you quit.")
        self.dismiss(name)
