"""The help screen is made from the same declarations as the keys, so it cannot drift."""

from __future__ import annotations

import pytest

from mycare.ui.registry import SECTIONS
from mycare.ui.screens.help import GROUPS, HelpScreen
from mycare.ui.screens.home import HomeScreen
from mycare.ui.widgets.nav import NavBar


def test_help_names_every_section_and_every_home_key() -> None:
    explained = {(key, words) for _, keys in GROUPS for key, words in keys}
    for entry in SECTIONS:
        assert (entry.key, entry.help) in explained
    keys = {key for key, _ in explained}
    for binding in HomeScreen.BINDINGS:
        assert binding.key in keys, binding.key  # type: ignore[union-attr]


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (200, 50)], ids=["60x20", "80x24", "200x50"])
async def test_help_wraps_within_its_columns_and_cuts_nothing(demo_store, ui, size):
    app = ui.app(demo_store)
    async with ui.run(app, size=size) as pilot:
        await ui.peggy(pilot)
        await pilot.press("question_mark")
        await ui.wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        box = app.screen.query_one("VerticalScroll")

        def inside() -> list[str]:  # the help box only, not the screen behind it
            area = box.region
            lines = [line[area.x : area.right] for line in ui.text(app).splitlines()]
            return lines[area.y : area.bottom]

        lines = inside()
        assert not any("…" in line for line in lines)
        share = next(n for n, line in enumerate(lines) if "ctrl+e" in line)
        words_at = lines[share].index("Share a summary")
        if "health record" not in lines[share]:  # it wrapped: under its own words, not the keys
            follow = lines[share + 1]
            assert follow[words_at - 1] == " " and follow[words_at] != " ", follow
        box.scroll_end(animate=False)
        await pilot.pause()
        lines = inside()
        assert not any("…" in line for line in lines)
        assert any("This help; Escape closes it" in line for line in lines), "the end is cut"


async def test_the_nav_bar_and_the_keys_come_from_the_same_list(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        bar = ui.shown(app.screen.query_one(NavBar))
        assert bar == "  ".join(f"{s.key} {s.short}" for s in SECTIONS).replace("  ", " ")
        for entry in SECTIONS[1:]:
            await pilot.press(entry.key)
            await pilot.pause()
            assert entry.key in {b.key for b in app.BINDINGS}  # type: ignore[union-attr]
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await ui.quit(pilot)
