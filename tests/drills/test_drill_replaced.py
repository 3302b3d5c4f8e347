"""The store file replaced (or removed) behind an open app's back.

A sync app or another device writes its own copy over the store while mycare
has it open.  The next change in the app is merged with the other device's:
both are on screen and in the file.  A store that was removed is never made
anew: the change is refused with the "changed elsewhere" message, stays on the
screen, and quitting writes nothing.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable

from mycare.care import diary, people
from mycare.care.record import CareRecord


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def other_device_copy(store: Path, tmp_path: Path, passphrase: str) -> bytes:
    """The store as another device saved it: the same store with one more diary line."""
    elsewhere = tmp_path / "other-device"
    elsewhere.mkdir()
    copy = elsewhere / store.name
    shutil.copyfile(store, copy)
    with CareRecord.open(copy, passphrase) as record:
        diary.add_entry(record, people.find_person(record), "written on the other device")
    return copy.read_bytes()


def replace_behind_its_back(store: Path, blob: bytes) -> None:
    """As a sync app does: write a temp file beside it and rename it over the store."""
    tmp = store.with_name(".sync-" + store.name)
    tmp.write_bytes(blob)
    os.replace(tmp, store)


def diary_rows(app) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [getattr(table.get_row_at(i)[2], "plain", "") for i in range(table.row_count)]


async def test_a_change_after_another_device_replaced_the_file_keeps_both(kit, tmp_path):
    folder = tmp_path / "store"
    folder.mkdir()
    store = kit.small_store(folder / "care.mycare")
    newer = other_device_copy(store, tmp_path, kit.PASSPHRASE)
    app = kit.app(store)
    line = "written in the app after the swap"
    async with kit.run(app) as pilot:
        await kit.unlock(pilot)
        replace_behind_its_back(store, newer)
        await kit.open_form(pilot, "8", "a")
        await kit.fill(pilot, text=line)
        await pilot.press("ctrl+s")
        await kit.wait_until(pilot, lambda: "written on the other device" in diary_rows(app))
        await kit.settle(pilot)
        assert line in diary_rows(app)
        assert app.sub_title.startswith("Saved")
        await pilot.press("ctrl+q")
        for _ in range(60):
            if not app.is_running:
                break
            await asyncio.sleep(0.05)
    assert not app.is_running and app._exception is None
    assert store.read_bytes() != newer
    record = kit.reopen(store)
    texts = {e.text for e in diary.entries(record, people.find_person(record))}
    assert texts == {"written on the other device", line}


@pytest.mark.parametrize("what", ["deleted"])
async def test_a_change_after_the_file_was_removed_is_refused_and_nothing_made(kit, tmp_path, what):
    folder = tmp_path / "store"
    folder.mkdir()
    store = kit.small_store(folder / "care.mycare")
    app = kit.app(store)
    line = "written in the app after the swap"
    async with kit.run(app) as pilot:
        await kit.unlock(pilot)
        store.unlink()
        before = snapshot(folder)

        await kit.open_form(pilot, "8", "a")
        await kit.fill(pilot, text=line)
        await pilot.press("ctrl+s")
        await kit.wait_until(pilot, lambda: app.sub_title == "NOT SAVED")
        await kit.settle(pilot)
        toasts = " ".join(kit.toasts(app))
        assert "changed elsewhere" in toasts and "did not overwrite" in toasts, toasts
        assert "NOT SAVED" in kit.text(app).splitlines()[0]
        assert line in diary_rows(app)  # the change is still on the screen
        assert snapshot(folder) == before, "a file was written after the swap"

        # quitting: asks first, then leaves without writing anything
        app.clear_notifications()
        await pilot.press("ctrl+q")
        await kit.settle(pilot)
        kit.alive(app)
        assert any("ctrl+q again" in t for t in kit.toasts(app)), kit.toasts(app)
        await pilot.press("ctrl+q")
        for _ in range(60):
            if not app.is_running:
                break
            await asyncio.sleep(0.05)
    assert not app.is_running and app._exception is None
    assert snapshot(folder) == before, "quitting wrote over the other copy"
    assert not store.exists(), "mycare made a new store where the old one was removed"
