"""The key line at the foot of every screen: as many of that screen's keys as fit, and Help."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input, TextArea
from textual.widgets._footer import FooterKey

ROOMY = 120  # from this width on, keys get a little more space around them
# Keys shown after a screen's own keys, in this order, as room allows (Help is always shown).
SECONDARY = ("delete", "filter", "share", "person", "quit", "lock")


class KeysFooter(Footer):
    """The screen's own keys first, then the app's, dropping those that do not fit.

    "? Help" is always there (it lists every key), so the line never ends in a key
    without its name.
    """

    def __init__(self) -> None:
        super().__init__(compact=True)
        self.drawn_for = 0

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < ROOMY
        if event.size.width != self.drawn_for:
            self.call_after_refresh(self.recompose)

    def _display(self, binding: Binding) -> str:
        """The key as shown; Help says f1 while a text box has the keys (? types a ?)."""
        if binding.id == "help" and isinstance(self.screen.focused, (Input, TextArea)):
            return "f1"
        return self.app.get_key_display(binding)

    def _cost(self, binding: Binding) -> int:
        key = cell_len(self._display(binding))
        return key + cell_len(binding.description) + (2 if self.compact else 3)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width = self.size.width or self.app.size.width
        self.drawn_for = width
        active = self.screen.active_bindings
        keys: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in keys:
                keys[binding.action] = (binding, enabled, tooltip)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        room = width
        if palette is not None and self.show_command_palette:
            room -= self._cost(palette[1]) + 1
        helps = [k for k in keys.values() if k[0].id == "help"]
        room -= sum(self._cost(k[0]) for k in helps)
        ranked = sorted(
            (k for k in keys.values() if k[0].id != "help"),
            key=lambda k: SECONDARY.index(k[0].id) + 1 if k[0].id in SECONDARY else 0,
        )  # the screen's own keys first (in their order), then the everyday ones
        taken = set()
        for key in ranked:
            if self._cost(key[0]) <= room:
                taken.add(key[0].action)
                room -= self._cost(key[0])
            elif key[0].id not in SECONDARY:
                break  # the screen's own keys are shown in order or not at all
        chosen = [k for k in keys.values() if k[0].action in taken]
        for binding, enabled, tooltip in [*chosen, *helps]:
            yield self._key(binding, enabled, tooltip)
        if palette is not None and self.show_command_palette:
            _node, binding, enabled, tooltip = palette
            yield self._key(binding, enabled, tooltip, classes="-command-palette")

    def _key(self, binding: Binding, enabled: bool, tooltip: str, classes: str = "") -> Any:
        return FooterKey(
            binding.key,
            self._display(binding),
            binding.description,
            binding.action,
            disabled=not enabled,
            tooltip=tooltip or binding.tooltip or binding.description,
            classes=classes,
        ).data_bind(compact=Footer.compact)
