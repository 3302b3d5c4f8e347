"""Text boxes that keep what was typed exactly but never draw control characters raw."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input, TextArea


def show_controls(text: str, keep: str = "") -> str:
    """Control characters as their visible pictures (ESC as ␛), so they cannot drive a terminal."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in keep or not (code < 0x20 or 0x7F <= code < 0xA0):
            out.append(ch)
        elif code < 0x20:
            out.append(chr(0x2400 + code))
        else:
            out.append("␡" if code == 0x7F else "�")
    return "".join(out)


class SafeInput(Input):
    """An input that keeps what was typed exactly but draws control characters as symbols."""

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        return Text(show_controls(self.value), no_wrap=True, overflow="ignore", end="")


class SafeTextArea(TextArea):
    """A text area that keeps what was typed exactly but draws control characters as symbols."""

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        shown = show_controls(line.plain, keep="\t")
        if shown == line.plain:
            return line
        return Text(shown, end="")
