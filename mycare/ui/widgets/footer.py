"""The key line at the foot of every screen: as many of that screen's keys as fit, and Help.

It is drawn as one line of text rather than a widget per key: mounting, styling and drawing a
dozen key widgets, again at every change of focus, was a tenth of the time a screen took to
appear on a long record.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

ROOMY = 120  # from this width on, keys get a little more space around them
# Keys shown after a screen's own keys, in this order, as room allows (Help is always shown).
SECONDARY = ("delete", "filter", "share", "person", "quit", "lock")


class Key(NamedTuple):
    """One key as offered in the footer."""

    binding: Binding
    enabled: bool


class KeysFooter(Widget, can_focus=False):
    """The screen's own keys first, then the app's, dropping those that do not fit.

    "? Help" is always there (it lists every key), so the line never ends in a key
    without its name. The search key sits at the right-hand end. A click on a key presses it.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keys-footer--key", "keys-footer--description"}
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .keys-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keys-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.ready = False  # the screen's keys are known
        self.spans: list[tuple[int, int, Key]] = []  # where each key was drawn

    @property
    def compact(self) -> bool:
        return self.size.width < ROOMY

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._keys_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _keys_changed(self, screen: Screen[object]) -> None:
        self.ready = True
        if self.is_attached and screen is self.screen:
            self.refresh()

    def _display(self, binding: Binding) -> str:
        """The key as shown; Help says f1 while a text box has the keys (? types a ?)."""
        if binding.id == "help" and isinstance(self.screen.focused, (Input, TextArea)):
            return "f1"
        return self.app.get_key_display(binding)

    def _label(self, binding: Binding) -> tuple[str, str]:
        """The key and its name as drawn, with the space around them."""
        key, name = self._display(binding), binding.description
        return (key, f" {name} ") if self.compact else (f" {key} ", f"{name} ")

    def _cost(self, binding: Binding) -> int:
        return sum(cell_len(part) for part in self._label(binding))

    def choose(self, width: int) -> tuple[list[Key], Key | None]:
        """The keys that fit in `width` columns, in order, and the search key for the end."""
        active = self.screen.active_bindings
        keys: dict[str, Key] = {}
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in keys:
                keys[binding.action] = Key(binding, enabled)
        found = active.get(self.app.COMMAND_PALETTE_BINDING)
        palette = Key(found[1], found[2]) if found is not None else None
        room = width - (self._cost(palette.binding) + 1 if palette else 0)
        helps = [k for k in keys.values() if k.binding.id == "help"]
        room -= sum(self._cost(k.binding) for k in helps)
        ranked = sorted(
            (k for k in keys.values() if k.binding.id != "help"),
            key=lambda k: SECONDARY.index(k.binding.id) + 1 if k.binding.id in SECONDARY else 0,
        )  # the screen's own keys first (in their order), then the everyday ones
        taken = set()
        for key in ranked:
            if self._cost(key.binding) <= room:
                taken.add(key.binding.action)
                room -= self._cost(key.binding)
            elif key.binding.id not in SECONDARY:
                break  # the screen's own keys are shown in order or not at all
        chosen = [k for k in keys.values() if k.binding.action in taken]
        return [*chosen, *helps], palette

    def render(self) -> Text:
        width = self.size.width
        self.spans = []
        if not self.ready or not width:
            return Text()
        keys, palette = self.choose(width)
        key_style = self.get_component_rich_style("keys-footer--key")
        name_style = self.get_component_rich_style("keys-footer--description")
        line = Text(no_wrap=True, overflow="crop", end="")

        def draw(key: Key) -> None:
            shown, name = self._label(key.binding)
            dim = Style() if key.enabled else Style(dim=True)
            start = line.cell_len
            line.append(shown, key_style + dim)
            line.append(name, name_style + dim)
            self.spans.append((start, line.cell_len, key))

        for key in keys:
            draw(key)
        if palette is not None:
            line.append(" " * max(0, width - line.cell_len - self._cost(palette.binding) - 1))
            line.append("│", name_style + Style(dim=True))
            draw(palette)
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self.spans:
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.binding.key)
                else:
                    self.app.bell()
                break
