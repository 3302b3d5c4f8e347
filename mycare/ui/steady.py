"""Screens that are laid out once for each size of the terminal.

When Textual shows a screen it lays it out, then tells the screen it has that size; the screen
then lays itself out a second time, at the same size, together with every screen visible
beneath it. On a ten-year record that second pass was a third of the time a section, a form or
the share screen took to appear. A steady screen skips it; a real change of size is laid out
as before.

Shown, Textual also restyles every widget of the screen, although each was styled as it was
mounted: a steady screen is restyled only if the theme changed since it was last on show.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.screen import ModalScreen, Screen, ScreenResultType


def skip_second_layout(screen: Screen[Any], event: events.Resize) -> None:
    """Stop a resize to the size the screen has just been laid out at: it says nothing new.

    A real resize reaches a screen before its layout has the new size, and goes on as usual."""
    if screen.is_attached and event.size == screen._compositor.size:
        event.stop()
        event.prevent_default()


class SteadyScreen(Screen[ScreenResultType]):
    """A full screen laid out once per size and styled once per theme."""

    styled_for: str | None = None  # the theme the screen's widgets were last styled in

    @on(events.Mount)
    @on(events.ScreenSuspend)
    def _styled_in_this_theme(self) -> None:
        self.styled_for = self.app.theme

    @on(events.ScreenResume)
    def _restyle_if_themed_anew(self, event: events.ScreenResume) -> None:
        if self.styled_for is not None and self.styled_for == self.app.theme:
            event.refresh_styles = False

    @on(events.Resize)
    def _laid_out_once(self, event: events.Resize) -> None:
        skip_second_layout(self, event)


class SteadyModal(ModalScreen[ScreenResultType], SteadyScreen[ScreenResultType]):
    """A screen over another (a form, a question), laid out and styled as a steady screen."""
