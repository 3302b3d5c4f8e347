"""Finding 10: a deleted record's text leaves the file once it can no longer be brought back.

Looked at as an attacker would: the decrypted image of the store and of every backup.
"""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import datetime
from pathlib import Path

from sqlmodel import select

from mycare.care import diary, people, records
from mycare.care.record import CareRecord
from mycare.store import Change, DiaryEntry
from mycare.vault import existing_backups
from mycare.vault.fileformat import decrypt

SECRET = "Told the nurse about the HIV test"


def _image(path: Path, passphrase: str) -> bytes:
    return decrypt(path.read_bytes(), passphrase)[0]


def _holding(store: Path, passphrase: str) -> list[str]:
    """The files of the store whose decrypted image still holds the secret text."""
    files = [store, *existing_backups(store)]
    return [p.name for p in files if SECRET.encode() in _image(p, passphrase)]


def _write_and_delete(store: Path, passphrase: str) -> str:
    """A diary line written, changed, then deleted (the app's x) in one sitting."""
    with CareRecord.open(store, passphrase, "Test carer") as record:
        person = people.find_person(record)
        entry = diary.add_entry(record, person, SECRET, written_at=datetime(2026, 11, 20, 9))
        records.update(record, DiaryEntry, entry.id, text=SECRET + ", and the result")
        diary.add_entry(record, person, "Walked to the shop and back")
        records.delete(record, DiaryEntry, entry.id)
        return entry.id.hex


def test_a_deleted_record_loses_its_text_at_the_next_unlock_and_forget_purges_backups(
    store: Path, cli, passphrase: str
):
    entry_id = _write_and_delete(store, passphrase)
    assert store.name in _holding(store, passphrase)  # undo still possible until now

    opened = cli("--store", str(store), "agenda")  # the next unlock
    assert opened.returncode == 0, opened.stderr
    assert store.name not in _holding(store, passphrase)
    assert _holding(store, passphrase), "the backups still hold it until `mycare forget`"
    with CareRecord.open(store, passphrase, forget_deleted=False) as record:
        with record.reading() as session:
            tomb = session.get(DiaryEntry, uuid.UUID(entry_id))
            assert tomb is not None and tomb.deleted_at is not None and tomb.text == ""
            kept = session.exec(select(Change).where(Change.record_id == tomb.id)).all()
        assert {c.action for c in kept} >= {"added", "changed", "deleted", "forgotten"}
        assert all(not (c.old or c.new) for c in kept if c.field == "text")
    shown = cli("--store", str(store), "history", entry_id[:8])
    assert "deleted by Test carer" in shown.stdout and "its text forgotten" in shown.stdout
    assert SECRET not in shown.stdout

    before = {p.name: p.read_bytes() for p in store.parent.iterdir()}
    unasked = cli("--store", str(store), "forget")  # not a terminal, no --yes
    assert unasked.returncode == 1 and "--yes" in unasked.stderr
    assert {p.name: p.read_bytes() for p in store.parent.iterdir()} == before

    done = cli("--store", str(store), "forget", "--yes")
    assert done.returncode == 0, done.stderr
    assert "1 deleted record" in done.stdout
    assert _holding(store, passphrase) == []
    assert len(existing_backups(store)) >= 3
    found = cli("--store", str(store), "search", "shop")
    assert "Walked to the shop and back" in found.stdout  # what was not deleted stays
    checked = cli("--store", str(store), "check")
    assert checked.returncode == 0, checked.stdout


def test_forget_asks_first_in_a_terminal(store: Path, terminal, passphrase: str):
    _write_and_delete(store, passphrase)
    argv = ["-m", "mycare", "--store", str(store), "forget"]
    env = {"MYCARE_PASSPHRASE": passphrase}
    asked = terminal(*argv, **env)
    assert asked.wait_for(b"[y/N]"), asked.text
    assert "1 deleted record" in asked.text and "never be brought back" in asked.text
    asked.type(b"n\r")
    assert asked.wait() == 0 and "Nothing was changed" in asked.text
    assert store.name in _holding(store, passphrase)  # the answer no changed nothing

    yes = terminal(*argv, **env)
    assert yes.wait_for(b"[y/N]"), yes.text
    yes.type(b"y\r")
    assert yes.wait() == 0, yes.text
    assert "Forgot what 1 deleted record said" in yes.text
    assert _holding(store, passphrase) == []


def test_merging_a_copy_that_still_holds_the_text_does_not_bring_it_back(
    store: Path, cli, passphrase: str, tmp_path: Path
):
    with CareRecord.open(store, passphrase, "Test carer") as record:
        diary.add_entry(record, people.find_person(record), SECRET)
    other = tmp_path / "sam"
    other.mkdir()
    shutil.copyfile(store, other / store.name)  # Sam's copy: the line, not deleted
    with CareRecord.open(other / store.name, passphrase, "Sam") as record:  # and changed
        (line,) = diary.entries(record, people.find_person(record))
        records.update(record, DiaryEntry, line.id, text=SECRET + " and what she said")
    with CareRecord.open(store, passphrase, "Test carer") as record:  # deleted, later
        (line,) = diary.entries(record, people.find_person(record))
        records.delete(record, DiaryEntry, line.id)
    assert cli("--store", str(store), "agenda").returncode == 0  # forgotten here
    assert store.name not in _holding(store, passphrase)

    conflict = store.with_name("care (Sam's conflicted copy).mycare")
    shutil.copyfile(other / store.name, conflict)
    merged = cli("--store", str(store), "merge", str(conflict))
    assert merged.returncode == 0, merged.stderr
    assert store.name not in _holding(store, passphrase)
    found = cli("--store", str(store), "search", "nurse")
    assert "HIV" not in found.stdout

    # and when Sam's mycare merges this store, Sam's copy lets the text go too
    sam = other / store.name
    arriving = other / ".arriving"
    shutil.copyfile(store, arriving)
    with CareRecord.open(sam, passphrase, "Sam", forget_deleted=False) as record:
        os.replace(arriving, sam.with_name("care (from Ann).mycare"))
        record.merge_copies()
        assert SECRET.encode() not in record.db.image()
    assert SECRET.encode() not in _image(sam, passphrase)


def test_a_store_that_cannot_be_saved_still_opens_and_forgets_at_the_next_save(
    store: Path, passphrase: str, monkeypatch
):
    from mycare.care.errors import SaveFailed
    from mycare.vault import Vault

    _write_and_delete(store, passphrase)
    before = store.read_bytes()

    def refused(self: Vault, plaintext: bytes) -> None:
        raise SaveFailed(self.path, "that folder is read-only or not yours")

    with monkeypatch.context() as patch:
        patch.setattr(Vault, "save", refused)  # a read-only folder, say
        with CareRecord.open(store, passphrase, "Test carer") as record:
            assert record.unsaved and SECRET.encode() not in record.db.image()
    assert store.read_bytes() == before
    with CareRecord.open(store, passphrase, "Test carer"):
        pass
    assert store.name not in _holding(store, passphrase)
