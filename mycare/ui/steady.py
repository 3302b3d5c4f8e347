"""Screens that are laid out once for each size of the terminal.

When Textual shows a screen it lays it out, then tells the screen it has that size; the screen
then lays itself out a second time, at the same size, together with every screen visible
beneath it. On a ten-year record that second pass was a third of the time a section, a form or
the share screen took to appear. A steady screen skips it; a real change of size is laid out
as before.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.screen import ModalScreen, Screen, ScreenResultType


def laid_out_already(screen: Screen[Any], event: events.Resize) -> bool:
    """True if the screen has just been laid out at this size, so the resize says nothing new.

    A real resize reaches a screen before its layout has the new size."""
    return bool(screen.is_attached and event.size == screen._compositor.size)


class SteadyScreen(Screen[ScreenResultType]):
    """A full screen laid out once per size (subclasses' own resize handlers still run)."""

    @on(events.Resize)
    def _laid_out_once(self, event: events.Resize) -> None:
        if laid_out_already(self, event):
            event.stop()
            event.prevent_default()


class SteadyModal(ModalScreen[ScreenResultType]):
    """A screen over another (a form, a question), laid out once per size."""

    @on(events.Resize)
    def _laid_out_once(self, event: events.Resize) -> None:
        if laid_out_already(self, event):
            event.stop()
            event.prevent_default()
