"""mycare's own themes, and remembering the one the person chose for the next time."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import Theme

from mycare.care import settings

HIGH_CONTRAST = Theme(
    name="mycare-high-contrast",
    primary="#5cadff",  # also the colour of box titles, so light enough to read on black
    secondary="#c4a8ff",
    accent="#ffc14d",
    warning="#ffd84d",
    error="#ff8a8a",
    success="#6ee66e",
    foreground="#ffffff",
    background="#000000",
    surface="#0a0a0a",
    panel="#1c1c1c",
    dark=True,
    variables={
        # Text is set in solid colours: Textual's defaults blend text into the background.
        "text": "#ffffff",
        "text-muted": "#d0d0d0",
        "text-disabled": "#a8a8a8",
        "text-primary": "#9cc8ff",
        "text-secondary": "#c4a8ff",
        "text-accent": "#ffc14d",
        "text-warning": "#ffd84d",
        "text-error": "#ff8a8a",
        "text-success": "#6ee66e",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#ffffff",
        "block-cursor-blurred-foreground": "#ffffff",
        "block-cursor-blurred-background": "#3a3a3a",
        "block-hover-background": "#2a2a2a",
        "footer-key-foreground": "#ffc14d",
        "footer-description-foreground": "#ffffff",
        "footer-background": "#1c1c1c",
        "button-color-foreground": "#000000",  # on a primary button
        "input-selection-background": "#0050c8",
    },
)

THEMES = (HIGH_CONTRAST,)

# Text boxes are drawn on $surface, which the high-contrast theme keeps nearly black so that
# lists read white on black; a box to type in must still look like one: a lighter ground
# and, where it has no border of its own, a bar in the primary colour down its left edge.
FIELD_BACKGROUND = "#333333"
_HC = f"App.-theme-{HIGH_CONTRAST.name}"
_FIELDS = ("Input", "TextArea", "SelectCurrent")
_BORDERLESS = ("Input.-textual-compact", "TextArea.-textual-compact",
               "Select.-textual-compact SelectCurrent")  # fmt: skip
CSS = (
    ", ".join(f"{_HC} {kind}" for kind in _FIELDS)
    + f" {{ background: {FIELD_BACKGROUND}; }}\n"
    + ", ".join(f"{_HC} {kind}" for kind in _BORDERLESS)
    + " { border-left: outer $primary; }\n"
)


def use_saved_theme(app: App[Any]) -> None:
    """Register mycare's themes and put back the one chosen last time on this computer."""
    for theme in THEMES:
        app.register_theme(theme)
    _, problem = settings.load_checked()
    if problem:  # said once, then the defaults; the next choice writes a good file
        app.notify(problem, severity="warning", timeout=10)
        return
    chosen = settings.theme()
    if chosen in app.available_themes:
        app.theme = chosen


def remember(name: str) -> None:
    """Keep the theme's name (and only that) in this computer's settings."""
    settings.remember_theme(name)
