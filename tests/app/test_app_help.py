"""The help screen is made from the same declarations as the keys, so it cannot drift."""

from __future__ import annotations

from mycare.ui.registry import SECTIONS
from mycare.ui.screens.help import HELP, HelpScreen
from mycare.ui.screens.home import HomeScreen
from mycare.ui.widgets.nav import NavBar


def help_text() -> str:
    from mycare.ui.registry import home_keys, moving_about

    return HELP.format(sections=moving_about(), home=home_keys())


def test_help_names_every_section_and_every_home_key() -> None:
    text = help_text()
    for entry in SECTIONS:
        assert f"  {entry.key}  {entry.help}" in text
    for binding in HomeScreen.BINDINGS:
        assert f"  {binding.key}  " in text, binding.key  # type: ignore[union-attr]
    too_wide = [line for line in text.splitlines() if len(line) > 72]
    assert not too_wide, f"wider than the help box: {too_wide}"


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
