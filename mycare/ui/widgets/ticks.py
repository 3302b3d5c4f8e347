"""Tick boxes drawn as `[x]` and `[ ]`, so ticked and unticked differ in shape, not only colour."""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.strip import Strip
from textual.style import Style as ContentStyle
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICKED = "x"
UNTICKED = " "


def mark(ticked: bool) -> str:
    """The mark inside the brackets."""
    return TICKED if ticked else UNTICKED


class TickBox(Checkbox):
    """A checkbox that shows `[x]` when ticked and `[ ]` when not."""

    @property
    def _button(self) -> Content:
        colour = self.get_visual_style("toggle--button").foreground
        return Content.assemble("[", (mark(self.value), ContentStyle(foreground=colour)), "]")


class TickList(SelectionList[Any]):
    """A selection list whose rows start with `[x]` or `[ ]`."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        index = self.scroll_offset.y + y
        try:
            selection = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return line
        segments = list(line)
        if len(segments) < 4:
            return line
        under = segments[3].style or Style()
        button = segments[1].style or Style()
        meta = Style(meta={"option": index})
        plain = Style(color=under.color, bgcolor=under.bgcolor) + meta
        inner = Style(color=button.color, bgcolor=under.bgcolor, bold=True) + meta
        ticked = selection.value in self._selected
        return Strip(
            [
                Segment("[", plain),
                Segment(mark(ticked), inner),
                Segment("]", plain),
                *segments[3:],
            ]
        )
