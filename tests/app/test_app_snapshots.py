"""Snapshots of the home screen and every section at 80×24, 60×20 and 200×50, and of the
help, the share screen and a new record's home at 80×24, on the demo store with a fixed clock.

Regenerate after a deliberate change to the screens with
``pytest tests/app/test_app_snapshots.py --snapshot-update`` and look at the SVGs
(``rsvg-convert x.svg -o x.png``) before committing them.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from mycare.vault import TEST_KDF

PASSPHRASE = "test passphrase"
PEGGY = "Margaret (Peggy) Okafor"
SECTIONS = {
    "1": "home",
    "2": "appointments",
    "3": "care-team",
    "4": "next-steps",
    "5": "questions",
    "6": "goals",
    "7": "health",
    "8": "diary",
    "9": "about-me",
}
SIZES = {"80x24": (80, 24), "60x20": (60, 20), "200x50": (200, 50)}


async def unlock_as_peggy(pilot: Pilot) -> None:
    """Unlock the demo store on Peggy's record, with no passing messages on screen."""
    from textual.widgets import Input, OptionList

    app = pilot.app
    for _ in range(100):
        if app.screen.query("#passphrase"):
            break
        await pilot.pause(0.02)
    app.screen.query_one("#passphrase", Input).value = PASSPHRASE
    await pilot.press("enter")
    for _ in range(200):
        if app.record is not None and type(app.screen).__name__ == "HomeScreen":
            break
        await pilot.pause(0.05)
    assert app.record is not None, "the demo store did not unlock"
    if app.person.name != PEGGY:
        await pilot.press("p")
        menu = app.screen.query_one(OptionList)
        while str(menu.get_option_at_index(menu.highlighted or 0).prompt) != PEGGY:
            await pilot.press("down")
        await pilot.press("enter")
        for _ in range(100):
            if app.person.name == PEGGY and type(app.screen).__name__ == "HomeScreen":
                break
            await pilot.pause(0.05)
    app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize("key", SECTIONS.keys(), ids=SECTIONS.values())
def test_screen(key, size, demo_store, snap_compare):
    from mycare.ui.app import MycareApp

    app = MycareApp(demo_store, kdf=TEST_KDF)
    try:
        press = [] if key == "1" else [key]  # home is where unlocking lands
        assert snap_compare(app, press=press, run_before=unlock_as_peggy, terminal_size=size)
    finally:
        if app.record is not None:
            app.record.close()


async def share_screen_filled(pilot: Pilot) -> None:
    """Unlock, open the share screen, and wait for its appointments and its preview."""
    from mycare.ui.widgets.wrapped_text import WrappedText

    await unlock_as_peggy(pilot)
    await pilot.press("ctrl+e")
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        preview = pilot.app.screen.query("#preview")
        if preview and preview.first(WrappedText).lines:
            break
        await pilot.pause(0.05)
    await pilot.pause()


@pytest.mark.parametrize(
    ("press", "before"),
    [(["question_mark"], unlock_as_peggy), ([], share_screen_filled)],
    ids=["help", "share"],
)  # fmt: skip
def test_screen_over_home(press, before, demo_store, snap_compare, monkeypatch):
    from mycare.ui.app import MycareApp

    monkeypatch.setenv("HOME", "/home/you")  # the share screen suggests a file in your home
    app = MycareApp(demo_store, kdf=TEST_KDF)
    try:
        assert snap_compare(app, press=press, run_before=before)
    finally:
        if app.record is not None:
            app.record.close()


def test_first_run_home(small_store, snap_compare):
    from mycare.ui.app import MycareApp

    app = MycareApp(small_store(), kdf=TEST_KDF)

    async def unlock(pilot: Pilot) -> None:
        from textual.widgets import Input

        await pilot.pause()
        pilot.app.screen.query_one("#passphrase", Input).value = PASSPHRASE
        await pilot.press("enter")
        for _ in range(200):
            if type(pilot.app.screen).__name__ == "HomeScreen":
                break
            await pilot.pause(0.05)
        await pilot.pause(0.3)
        pilot.app.clear_notifications()
        await pilot.pause()

    try:
        assert snap_compare(app, run_before=unlock)
    finally:
        if app.record is not None:
            app.record.close()


@pytest.mark.parametrize(
    ("press", "name"),
    [(["j"], "joined-up"), (["j", "c", "2", "4"], "check-in")],
    ids=["joined-up", "check-in"],
)
def test_how_joined_up_screens(press, name, demo_store, snap_compare):
    from mycare.ui.app import MycareApp

    app = MycareApp(demo_store, kdf=TEST_KDF)
    try:
        assert snap_compare(app, press=press, run_before=unlock_as_peggy, terminal_size=(80, 24))
    finally:
        if app.record is not None:
            app.record.close()
