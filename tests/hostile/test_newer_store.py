"""A store saved by a newer mycare: refused with "update mycare", in the app and the CLI."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Static

from mycare.care.record import CareRecord
from mycare.ui.app import MycareApp


@pytest.fixture
def newer_store(store: Path, passphrase: str) -> Path:
    """The store as a later mycare would leave it: a database schema this one does not know."""
    record = CareRecord.open(store, passphrase, "Test carer")
    record.db.conn.execute("PRAGMA user_version = 99")
    record.db.conn.commit()
    record.save()
    record.close()
    return store


def test_cli_says_update_mycare_and_never_advises_a_restore(newer_store: Path, cli):
    before = newer_store.read_bytes()
    for command in ("agenda", "check"):
        done = cli("--store", str(newer_store), command)
        said = done.stdout + done.stderr
        assert done.returncode == 1, said
        assert "made by a newer mycare" in said and "update mycare" in said
        assert "Traceback" not in said and "AttributeError" not in said
        assert "cp " not in said and "go back" not in said
    assert newer_store.read_bytes() == before


def test_app_says_update_mycare_on_the_unlock_screen(newer_store: Path, passphrase: str):
    async def drive() -> str:
        app = MycareApp(newer_store)
        async with app.run_test() as pilot:
            await pilot.press(*passphrase, "enter")
            for _ in range(100):
                await pilot.pause(0.05)
                shown = str(app.screen.query_one("#problem", Static).render())
                if "newer" in shown:
                    return shown
            return shown

    shown = asyncio.run(drive())
    assert "made by a newer mycare" in shown and "update mycare" in shown
