"""The line of section keys under the header, so every section is one key (or click) away."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import Static

from ..registry import SECTIONS, SectionEntry


def _label(entry: SectionEntry, length: str) -> str:
    if length == "tiny":
        return entry.tiny
    if length == "none":
        return ""
    return entry.short


# From the fullest to the most compact: (label length, space after the key, between sections)
TIERS = (
    ("short", " ", "  "),
    ("short", " ", " "),
    ("tiny", " ", " "),
    ("tiny", "", " "),
    ("none", "", " "),
)


def nav_line(current: str, width: int) -> Content:
    """`1 Home  2 Appointments …` in the fullest form that fits `width` cells.

    Narrower terminals get shorter names, so sections 8 and 9 never drop off the end;
    the section being shown always keeps its name.
    """
    for length, gap, between in TIERS:
        line = _line(current, length, gap, between)
        if line.cell_length <= width:
            return line
    return line


def _line(current: str, length: str, gap: str, between: str) -> Content:
    parts = []
    for entry in SECTIONS:
        key = entry.key
        name = _label(entry, length) or (entry.tiny if key == current else "")
        look = "b reverse" if key == current else "not b"
        spacer = gap if name else ""
        parts.append(  # fixed labels only: no user text ever goes through markup here
            Content.from_markup(
                f"[@click=app.section('{key}')][b $accent]{key}[/][{look}]{spacer}{name}[/][/]"
            )
        )
    return Content(between).join(parts)


class NavBar(Static):
    """`1 Home  2 Appointments …`, the current one highlighted; each is clickable."""

    DEFAULT_CSS = """
    NavBar { height: 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, current: str) -> None:
        self.current = current
        super().__init__(nav_line(current, 80))

    def on_resize(self, event: events.Resize) -> None:
        self.update(nav_line(self.current, event.size.width))
