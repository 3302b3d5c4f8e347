"""Section screens kept between visits, for the person whose record is on show.

Building a screen anew on every key press cost a Textual compose and mount each time, and left
the old screen behind as thousands of objects in cycles: the garbage collector's next pass had
to walk them all, holding the UI loop for hundreds of milliseconds on a ten-year record. A kept
screen is built once, comes back as it was left (cursor, sort, filter), and reads its records
again each time it is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from .steady import SteadyScreen

if TYPE_CHECKING:
    from .app import MycareApp


class KeptScreens:
    """The app's section screens, one per person and section key, installed in the app."""

    def __init__(self, app: MycareApp) -> None:
        self.app = app
        self.names: dict[str, KeptScreen] = {}

    def _prefix(self) -> str | None:
        """The start of the names of the shown person's screens (None once locked)."""
        app = self.app
        return f"kept-{app.person.id}-" if app.record is not None and app.person else None

    def get(self, key: str, focus: Any = None) -> KeptScreen:
        """The screen for a section key (1–9), built on its first visit; with `focus`, that
        record highlighted."""
        name = f"{self._prefix() or 'kept-nobody-'}{key}"
        screen = self.names.get(name)
        if screen is None:
            screen = self.app.make_screen(key, focus=focus)
            self.app.install_screen(screen, name)
            self.names[name] = screen
        elif focus is not None:
            screen.show_record(focus)
        else:
            screen.visited_again()
        return screen

    def prune(self, leaving: Screen[Any] | None = None) -> None:
        """Let go of every kept screen that is not the current person's, or all of them once
        the record is locked. `leaving` is the screen just switched away from: Textual removes
        it itself once it is no longer installed."""
        wanted = self._prefix()
        on_stack = set(self.app.screen_stack)
        for name, screen in list(self.names.items()):
            if (wanted and name.startswith(wanted)) or screen in on_stack:
                continue
            del self.names[name]
            self.app.uninstall_screen(name)
            if screen is not leaving and screen.is_attached:
                screen.remove()


class KeptScreen(SteadyScreen[None]):
    """A screen that is kept: shown again, it is restyled only if the theme changed meanwhile
    (restyling every widget, and drawing every table cell afresh, held the loop for tens of
    milliseconds each time a section or a form closed over it came back)."""

    def on_screen_resume(self) -> None:
        self.resumed()

    def resumed(self) -> None:
        """Shown, for the first time or again (a form over it closed, or a visit back)."""

    def visited_again(self) -> None:
        """About to be shown again after a visit elsewhere (Home and About read their records
        whenever they are shown, in `resumed`)."""

    def show_record(self, record_id: Any) -> None:
        """About to be shown again with one record highlighted (a search hit)."""
