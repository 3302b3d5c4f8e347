"""A long plain text, wrapped off the UI loop and drawn a screenful at a time."""

from __future__ import annotations

from textual import events, work
from textual.content import Content
from textual.message import Message
from textual.widgets import Log


def wrapped(text: str, width: int) -> list[str]:
    """`text` as lines at most `width` cells wide (wide characters count as two)."""
    return [part.plain for line in text.splitlines() for part in Content(line).wrap(width)]


class WrappedText(Log):
    """Plain text, never markup: wrapped to the width in a thread, and only the lines on show
    are drawn. (A Static wrapped and measured every line of a long summary on the UI loop
    each time it was laid out.)"""

    DEFAULT_CSS = """
    WrappedText {
        background: transparent;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
    }
    """

    class Wrapped(Message):
        """The text's lines at a width, from the wrapping thread."""

        def __init__(self, lines: list[str], width: int) -> None:
            super().__init__()
            self.lines = lines
            self.width = width

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(auto_scroll=False, id=id)
        self.text = ""
        self.wrapped_at = 0  # the width the lines on show were wrapped to

    @property
    def width_for_text(self) -> int:
        return max(self.scrollable_content_region.width, 1)

    def show_text(self, text: str) -> None:
        """Show `text` once it is wrapped."""
        self.text = text
        self._wrap(text, self.width_for_text)

    @work(thread=True, exclusive=True, group="wrap", exit_on_error=False)
    def _wrap(self, text: str, width: int) -> None:
        self.post_message(self.Wrapped(wrapped(text, width), width))

    def on_wrapped_text_wrapped(self, message: Wrapped) -> None:
        message.stop()
        top = self.scroll_y  # a text rebuilt, or rewrapped, stays where the person was reading
        self.clear()
        self.write("\n".join(message.lines), scroll_end=False)  # write_lines drops blank lines
        self.wrapped_at = message.width
        self.scroll_to(y=top, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        if self.text and self.width_for_text != self.wrapped_at:
            self._wrap(self.text, self.width_for_text)
