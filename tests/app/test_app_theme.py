"""The high-contrast theme reads at WCAG AA, and the chosen theme is there again next time."""

from __future__ import annotations

import json

import pytest
from textual.color import Color

from mycare.care import settings
from mycare.ui.themes import HIGH_CONTRAST

TEXT = (  # primary is the colour of box titles
    "foreground", "text", "primary", "text-muted", "text-primary", "text-secondary", "text-accent",
    "text-warning", "text-error", "text-success", "warning", "error", "success", "accent",
    "footer-key-foreground", "footer-description-foreground",
)  # fmt: skip
BACKGROUNDS = ("background", "surface", "panel", "footer-background")
PAIRS = (  # text drawn on a coloured bar or button
    ("block-cursor-foreground", "block-cursor-background"),
    ("block-cursor-blurred-foreground", "block-cursor-blurred-background"),
    ("button-color-foreground", "primary"),
    ("text", "block-hover-background"),
    ("text", "input-selection-background"),
)


def luminance(colour: Color) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def colours() -> dict[str, Color]:
    return {k: Color.parse(v) for k, v in HIGH_CONTRAST.to_color_system().generate().items()
            if not v.startswith(("ansi", "auto")) and k.split("-")[-1] not in ("style",)
            and _parses(v)}  # fmt: skip


def _parses(value: str) -> bool:
    try:
        Color.parse(value)
    except Exception:
        return False
    return True


def test_the_contrast_sum_is_right_for_known_colours():
    assert contrast(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21)
    assert contrast(Color.parse("#777777"), Color(255, 255, 255)) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("text", TEXT)
def test_high_contrast_text_reads_at_aa_on_every_background(text):
    c = colours()
    for ground in BACKGROUNDS:
        assert c[text].a == 1 and c[ground].a == 1, (text, ground)  # solid, not blended
        assert contrast(c[text], c[ground]) >= 4.5, (text, ground)


@pytest.mark.parametrize(("text", "ground"), PAIRS)
def test_high_contrast_bars_and_buttons_read_at_aa(text, ground):
    c = colours()
    assert contrast(c[text], c[ground]) >= 4.5, (text, ground)


async def test_a_theme_chosen_from_the_palette_is_there_next_time(small_store, ui):
    store = small_store()
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        assert app.theme != HIGH_CONTRAST.name
        await pilot.press("ctrl+p")
        await pilot.pause()
        await ui.type(pilot, "theme")
        await pilot.pause(0.3)
        await pilot.press("enter")  # "Theme": the list of themes
        await pilot.pause(0.3)
        await ui.type(pilot, "high-contrast")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await ui.wait_until(pilot, lambda: app.theme == HIGH_CONTRAST.name)
        await ui.quit(pilot)
    kept = json.loads((settings.folder() / "settings.json").read_text())
    assert kept["theme"] == HIGH_CONTRAST.name
    assert "Sam" not in json.dumps(kept)  # the store's records never go there
    again = ui.app(store)
    async with ui.run(again) as pilot:
        await pilot.pause()
        assert again.theme == HIGH_CONTRAST.name
        await ui.quit(pilot)


async def test_a_damaged_settings_file_is_said_once_and_the_app_opens(small_store, ui):
    store = small_store()
    settings.folder().mkdir(parents=True, exist_ok=True)
    (settings.folder() / "settings.json").write_text('{"theme": "mycare-hi')
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await pilot.pause()
        assert any("could not be read" in t for t in ui.toasts(app))
        await ui.unlock(pilot)
        assert app.record is not None
        await ui.quit(pilot)


async def test_in_high_contrast_every_box_to_type_in_stands_out_from_the_screen(small_store, ui):
    from textual.widgets import Input, TextArea
    from textual.widgets._select import SelectCurrent

    text = colours()["text"]

    def plainly_boxes(kinds: tuple[type, ...]) -> int:
        ground = app.screen.styles.background
        fields = [w for w in app.screen.query("*") if isinstance(w, kinds) and w.display]
        for field in fields:
            box = field.styles.background
            assert contrast(box, ground) >= 1.5, field  # a lighter ground than the screen's
            assert contrast(text, box) >= 4.5, field  # and what is typed reads on it
            if field.has_class("-textual-compact") or isinstance(field, SelectCurrent):
                edge, colour = field.styles.border_left
                assert edge and contrast(colour, ground) >= 3, field  # a bar down its edge
        return len(fields)

    app = ui.app(small_store())
    async with ui.run(app) as pilot:
        app.theme = HIGH_CONTRAST.name
        await pilot.pause()
        assert plainly_boxes((Input,)) == 1  # the passphrase
        await ui.unlock(pilot)
        await pilot.press("ctrl+e")  # sharing: two choices and where to save
        await ui.wait_until(pilot, lambda: type(app.screen).__name__ == "ShareScreen")
        assert plainly_boxes((Input, SelectCurrent)) == 3
        await pilot.press("escape", "8", "a")  # a new diary line
        await ui.wait_until(pilot, lambda: bool(app.screen.query(TextArea)))
        assert plainly_boxes((Input, TextArea)) >= 2
        await ui.quit(pilot)
