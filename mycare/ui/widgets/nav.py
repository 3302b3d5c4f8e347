"""The line of section keys under the header, so every section is one key (or click) away."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ..registry import SECTIONS


class NavBar(Static):
    """`1 Home  2 Appointments …`, the current one highlighted; each is clickable."""

    DEFAULT_CSS = """
    NavBar { height: 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, current: str) -> None:
        parts = []
        for entry in SECTIONS:
            key, name = entry.key, entry.short
            look = "b reverse" if key == current else "not b"
            parts.append(  # fixed labels only: no user text ever goes through markup here
                Content.from_markup(
                    f"[@click=app.section('{key}')][b $accent]{key}[/][{look}] {name}[/][/]"
                )
            )
        super().__init__(Content(" ").join(parts))
