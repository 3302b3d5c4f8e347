"""A full disk and a read-only folder, for real, through the care layer and the app.

tests/vault covers the vault with patched os calls.  Here a real 4 MiB tmpfs is
filled up (bytes and inodes) or bind-mounted read-only over the store's folder,
and the change is made as a person makes it: ``diary.add_entry`` or the diary
form.  Each must say plainly what happened, leave every file on disk exactly as
it was, keep the change in memory, and save it once the disk allows.

Where mounting is refused (not root), the tmpfs variants are skipped and the
same drills run with the vault's os calls failing as a full or read-only disk
would make them fail.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from mycare.care import diary, people
from mycare.care.record import CareRecord
from mycare.vault import TEST_KDF, SaveFailed, VaultError, existing_backups

PASSPHRASE = "disk drill passphrase"
SENTINEL = "DISK-DRILL-Ødegård-🩺"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def assert_untouched(folder: Path, before: dict[str, bytes]) -> None:
    after = snapshot(folder)
    assert sorted(after) == sorted(before), "files appeared or disappeared"
    for name, data in before.items():
        assert after[name] == data, f"{name} changed on disk"


def assert_no_plaintext(folder: Path) -> None:
    for p in folder.iterdir():
        if p.is_file():
            data = p.read_bytes()
            for enc in ("utf-8", "utf-16-le"):
                assert SENTINEL.encode(enc) not in data, f"plaintext in {p.name}"


def assert_plain(exc: BaseException, *words: str) -> str:
    assert isinstance(exc, VaultError), repr(exc)
    msg = str(exc)
    assert "\n" not in msg and "Errno" not in msg and "Traceback" not in msg, msg
    for word in words:
        assert word in msg, f"{word!r} not in {msg!r}"
    return msg


def open_record(folder: Path) -> tuple[CareRecord, object]:
    """A store with a person and a few saves (so there are backups), left open."""
    store = folder / "care.mycare"
    record = CareRecord.create(store, PASSPHRASE, kdf=TEST_KDF)
    person = people.add_person(record, "Kit Morgan")
    diary.add_entry(record, person, "before the trouble")
    return record, person


def texts(record: CareRecord, person) -> set[str]:
    return {e.text for e in diary.entries(record, person)}


# -- the care layer -------------------------------------------------------------------
def test_a_full_disk_refuses_plainly_keeps_the_change_and_saves_it_once_freed(faulty_disk):
    folder = faulty_disk.folder()
    record, person = open_record(folder)
    store = record.path
    try:
        before = snapshot(folder)
        faulty_disk.fill()
        first = f"written on a full disk {SENTINEL}"
        with pytest.raises(SaveFailed) as info:
            diary.add_entry(record, person, first)
        msg = assert_plain(info.value, "disk is full", "unchanged")
        assert_untouched(folder, before)
        assert record.unsaved
        assert first in texts(record, person)  # still there, readable through the care layer
        second = f"and another {SENTINEL}"
        with pytest.raises(SaveFailed):
            diary.add_entry(record, person, second)
        with pytest.raises(SaveFailed):
            record.save()
        assert_untouched(folder, before)
        assert {first, second} <= texts(record, person)

        faulty_disk.free()
        record.save()
        assert not record.unsaved
        assert_no_plaintext(folder)
    finally:
        record.close()
        faulty_disk.free()
    with CareRecord.open(store, PASSPHRASE) as again:
        who = people.find_person(again)
        assert texts(again, who) == {"before the trouble", first, second}
    assert len(existing_backups(store)) >= 1
    assert "free some space" in msg


def test_a_read_only_folder_refuses_plainly_keeps_the_change_and_saves_it_later(faulty_disk):
    folder = faulty_disk.folder()
    record, person = open_record(folder)
    store = record.path
    try:
        before = snapshot(folder)
        entry = f"written in a read-only folder {SENTINEL}"
        with faulty_disk.read_only(folder):
            with pytest.raises(SaveFailed) as info:
                diary.add_entry(record, person, entry)
            assert_plain(info.value, "read-only", "unchanged")
            assert_untouched(folder, before)
            assert record.unsaved and entry in texts(record, person)
        record.save()
        assert not record.unsaved
        assert_no_plaintext(folder)
    finally:
        record.close()
    with CareRecord.open(store, PASSPHRASE) as again:
        assert entry in texts(again, people.find_person(again))


ROOMS = [0, 50_000, 400_000, 150_000, 900_000, 270_000, 1_000_000, 10_000, 600_000, 0, 500_000]


def test_a_disk_that_fills_between_saves_never_leaves_a_half_written_store(small_disk):
    """Leave room for some saves and not others: each save goes through whole or is
    refused whole, and the store on disk always opens to the last good save."""
    folder = small_disk.folder()
    record, person = open_record(folder)
    store = record.path
    saved = texts(record, person)
    refused = 0
    try:
        for n, room in enumerate(ROOMS):
            small_disk.free()
            small_disk.fill()
            small_disk.make_room(room, inodes=2)
            try:
                diary.add_entry(record, person, f"entry {n} {SENTINEL}")
            except SaveFailed as exc:
                assert_plain(exc, "disk is full")
                refused += 1
            else:
                saved = texts(record, person)
            assert peek(store) == saved, f"after a save with {room:,} bytes free"
    finally:
        record.close()
        small_disk.free()
    assert 0 < refused < len(ROOMS), f"no mix of refused and good saves ({refused} refused)"
    assert_no_plaintext(folder)


def peek(store: Path) -> set[str]:
    """What the store on disk holds, read from a copy (the original stays locked)."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        copy = Path(d) / "copy.mycare"
        shutil.copyfile(store, copy)
        with CareRecord.open(copy, PASSPHRASE) as record:
            return texts(record, people.find_person(record))


# -- the app --------------------------------------------------------------------------
async def add_diary_line(kit, pilot, text: str) -> None:
    await kit.open_form(pilot, "8", "a")
    await kit.fill(pilot, text=text)
    await pilot.press("ctrl+s")
    await kit.wait_until(pilot, lambda: kit.screen_name(pilot.app) == "SectionScreen")


def diary_rows(app) -> list[str]:
    from textual.widgets import DataTable

    table = app.screen.query_one(DataTable)
    return [getattr(table.get_row_at(i)[2], "plain", "") for i in range(table.row_count)]


async def test_app_on_a_full_disk_says_not_saved_loses_nothing_and_saves_when_freed(app_disk, kit):
    folder = app_disk.folder()
    store = kit.small_store(folder / "care.mycare")
    app = kit.app(store)
    first, second, third = (f"{w} {SENTINEL}" for w in ("first", "second", "third"))
    async with kit.run(app) as pilot:
        await kit.unlock(pilot)
        before = snapshot(folder)
        app_disk.fill()
        await add_diary_line(kit, pilot, first)
        await kit.wait_until(pilot, lambda: app.sub_title == "NOT SAVED")
        await kit.settle(pilot)
        assert "NOT SAVED" in kit.text(app).splitlines()[0]
        toasts = " ".join(kit.toasts(app))
        assert "disk is full" in toasts and "kept while mycare stays open" in toasts, toasts
        assert "Errno" not in toasts and "Traceback" not in toasts
        assert first in diary_rows(app)  # what was typed is on the screen
        assert app.record.unsaved
        assert_untouched(folder, before)

        # quitting now would lose it: mycare says so and stays open
        app.clear_notifications()
        await pilot.press("ctrl+q")
        await kit.settle(pilot)
        kit.alive(app)
        assert any("ctrl+q again" in t for t in kit.toasts(app)), kit.toasts(app)
        assert_untouched(folder, before)

        # another change on the full disk: also kept
        await add_diary_line(kit, pilot, second)
        await kit.settle(pilot)
        assert app.sub_title == "NOT SAVED"
        assert_untouched(folder, before)

        # space again: the next change saves everything
        app_disk.free()
        await add_diary_line(kit, pilot, third)
        await kit.wait_until(pilot, lambda: app.sub_title.startswith("Saved"))
        assert not app.record.unsaved
        assert {first, second, third} <= set(diary_rows(app))
        await kit.press_quit(pilot)
    assert not app.is_running and app._exception is None
    record = kit.reopen(store)
    assert texts(record, people.find_person(record)) == {first, second, third}
    assert_no_plaintext(folder)


async def test_app_quit_after_the_disk_is_freed_saves_what_was_typed(app_disk, kit):
    folder = app_disk.folder()
    store = kit.small_store(folder / "care.mycare")
    app = kit.app(store)
    line = f"typed while the disk was full {SENTINEL}"
    async with kit.run(app) as pilot:
        await kit.unlock(pilot)
        before = snapshot(folder)
        app_disk.fill()
        await add_diary_line(kit, pilot, line)
        await kit.wait_until(pilot, lambda: app.sub_title == "NOT SAVED")
        await pilot.press("ctrl+q")  # refused: it would lose the line
        await kit.settle(pilot)
        kit.alive(app)
        assert_untouched(folder, before)
        app_disk.free()
        await pilot.press("ctrl+q")  # now the save goes through on the way out
        for _ in range(60):
            if not app.is_running:
                break
            await asyncio.sleep(0.05)
    assert not app.is_running and app._exception is None
    record = kit.reopen(store)
    assert line in texts(record, people.find_person(record))


async def test_app_in_a_read_only_folder_says_not_saved_and_keeps_the_change(app_disk, kit):
    folder = app_disk.folder()
    store = kit.small_store(folder / "care.mycare")
    app = kit.app(store)
    line = f"typed in a read-only folder {SENTINEL}"
    async with kit.run(app) as pilot:
        await kit.unlock(pilot)
        before = snapshot(folder)
        with app_disk.read_only(folder):
            await add_diary_line(kit, pilot, line)
            await kit.wait_until(pilot, lambda: app.sub_title == "NOT SAVED")
            await kit.settle(pilot)
            toasts = " ".join(kit.toasts(app))
            assert "read-only" in toasts and "Errno" not in toasts, toasts
            assert line in diary_rows(app) and app.record.unsaved
            assert_untouched(folder, before)
        await kit.press_quit(pilot)  # writable again: quitting saves it
    assert not app.is_running and app._exception is None
    record = kit.reopen(store)
    assert line in texts(record, people.find_person(record))
