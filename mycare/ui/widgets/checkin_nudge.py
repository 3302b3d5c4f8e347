"""Home's one gentle line, about once a month: how joined-up does my care feel?"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from mycare.care import coordination

from ..access import Locked, app_of, opened

WORDS = (
    "How joined-up does your care feel? A check-in takes a minute: "
    "Enter or j to answer, x for not now."
)


class CheckInNudge(Static, can_focus=False):
    """Shown only when a check-in is due and "not now" was not said lately; never a nag."""

    BINDINGS = [
        Binding("enter,j", "answer", "Check in", id="nudge-answer", show=False),
        Binding("x", "not_now", "Not now", id="nudge-not-now", show=False),
    ]
    DEFAULT_CSS = """
    CheckInNudge { height: auto; padding: 0 1; color: $text; background: $boost; display: none; }
    CheckInNudge:focus { text-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__(Content(WORDS), id="checkin-nudge")

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._screen_changed)
        self.check()

    def _screen_changed(self, screen: Any) -> None:
        if screen is self.screen:
            self.check()

    def check(self) -> None:
        """Show the line when a check-in is due."""
        try:
            record, person = opened(self)
        except Locked:
            return
        showing = coordination.offer_on_home(record, person)
        self.display = showing
        self.can_focus = showing  # hidden, it must never take the keys meant for Home
        if showing:
            self.focus()
        elif self.has_focus:
            self.blur()

    def action_answer(self) -> None:
        app_of(self).action_joined_up(check_in=True)

    def action_not_now(self) -> None:
        try:
            record, _ = opened(self)
        except Locked:
            return
        coordination.not_now(record)
        self.display = False
        self.can_focus = False
        self.blur()
        self.notify("Not now, then. Press j any time for how joined-up your care feels.")
