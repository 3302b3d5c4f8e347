"""Finding 4: `passwd` gives the store a new key, so an old copy and the old passphrase
open nothing saved after the change; copies from before the change still merge."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mycare.care import diary, people
from mycare.care.errors import PassphraseChanged
from mycare.care.record import CareRecord
from mycare.vault import Vault, existing_backups
from mycare.vault.fileformat import FormatProblem, decrypt, decrypt_with_key

NEW = "a brand new passphrase"


def _data_key(path: Path, passphrase: str) -> bytes:
    return decrypt(path.read_bytes(), passphrase)[1].data_key


def _add(cli, store: Path, text: str, passphrase: str) -> None:
    done = cli("--store", str(store), "add", "diary", text, MYCARE_PASSPHRASE=passphrase)
    assert done.returncode == 0, done.stderr


def test_an_old_copy_and_the_old_passphrase_open_nothing_saved_after_passwd(
    store: Path, cli, passphrase: str, tmp_path: Path
):
    _add(cli, store, "before the change", passphrase)
    _add(cli, store, "before the change, again", passphrase)
    old_copy = tmp_path / "synced-history.mycare"  # what a sync service's history keeps
    shutil.copyfile(store, old_copy)
    old_key = _data_key(old_copy, passphrase)

    done = cli("--store", str(store), "passwd", MYCARE_NEW_PASSPHRASE=NEW)
    assert done.returncode == 0, done.stderr
    assert "new key" in done.stdout and "re-locked" in done.stdout
    _add(cli, store, "after the change: private", NEW)

    for path in [store, *existing_backups(store)]:
        with pytest.raises(FormatProblem):  # the old key opens no file of the store now
            decrypt_with_key(path.read_bytes(), old_key)
        with pytest.raises(FormatProblem):
            decrypt(path.read_bytes(), passphrase)
        decrypt(path.read_bytes(), NEW)
    assert len(existing_backups(store)) >= 3
    assert _data_key(store, NEW) != old_key
    checked = cli("--store", str(store), "check", MYCARE_PASSPHRASE=NEW)
    assert checked.returncode == 0, checked.stdout
    assert "NOT OK" not in checked.stdout
    wrong = cli("--store", str(store), "check")
    assert wrong.returncode != 0 and "does not open" in wrong.stderr


def test_a_copy_saved_under_the_old_passphrase_merges_with_it(
    store: Path, cli, passphrase: str, tmp_path: Path
):
    elsewhere = tmp_path / "other-carer"
    elsewhere.mkdir()
    theirs = elsewhere / store.name
    shutil.copyfile(store, theirs)
    _add(cli, theirs, "written by the other carer before the change", passphrase)

    assert cli("--store", str(store), "passwd", MYCARE_NEW_PASSPHRASE=NEW).returncode == 0
    conflict = store.with_name("care (Sam's conflicted copy).mycare")
    shutil.copyfile(theirs, conflict)

    opened = cli("--store", str(store), "agenda", MYCARE_PASSPHRASE=NEW)
    assert opened.returncode == 0, opened.stderr
    assert "another passphrase" in opened.stderr and "mycare merge" in opened.stderr
    assert conflict.exists()  # left where it is, to be merged by hand
    checked = cli("--store", str(store), "check", MYCARE_PASSPHRASE=NEW)
    assert f"Copy waiting: {conflict.name}" in checked.stdout
    assert "locked with another passphrase" in checked.stdout

    wrong = cli(
        "--store", str(store), "merge", str(conflict), MYCARE_PASSPHRASE=NEW,
        MYCARE_COPY_PASSPHRASE="not it at all",
    )  # fmt: skip
    assert wrong.returncode == 1 and "does not open" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    unasked = cli("--store", str(store), "merge", str(conflict), MYCARE_PASSPHRASE=NEW)
    assert unasked.returncode == 1 and "MYCARE_COPY_PASSPHRASE" in unasked.stderr

    merged = cli(
        "--store", str(store), "merge", str(conflict), MYCARE_PASSPHRASE=NEW,
        MYCARE_COPY_PASSPHRASE=passphrase,
    )  # fmt: skip
    assert merged.returncode == 0, merged.stderr
    assert "Merged" in merged.stdout
    found = cli("--store", str(store), "search", "other carer", MYCARE_PASSPHRASE=NEW)
    assert "written by the other carer" in found.stdout
    with pytest.raises(FormatProblem):  # and the store stays on the new passphrase only
        decrypt(store.read_bytes(), passphrase)


def test_a_carer_with_the_store_open_during_passwd_keeps_their_change(
    store: Path, cli, passphrase: str, tmp_path: Path
):
    other = tmp_path / "other-computer"
    other.mkdir()
    there = other / store.name
    shutil.copyfile(store, there)
    with CareRecord.open(store, passphrase, "Sam") as record:
        person = people.find_person(record)
        assert cli("--store", str(there), "passwd", MYCARE_NEW_PASSPHRASE=NEW).returncode == 0
        arriving = store.with_name(".syncing")  # the sync service brings the re-keyed store
        shutil.copyfile(there, arriving)
        os.replace(arriving, store)
        with pytest.raises(PassphraseChanged) as seen:
            diary.add_entry(record, person, "typed while the passphrase changed")
    msg = str(seen.value)
    assert "new passphrase" in msg and "mycare merge" in msg
    kept = next(p for p in store.parent.iterdir() if "kept under the old passphrase" in p.name)
    assert kept.name in msg
    assert b"typed while" not in kept.read_bytes()

    merged = cli(
        "--store", str(store), "merge", str(kept), MYCARE_PASSPHRASE=NEW,
        MYCARE_COPY_PASSPHRASE=passphrase,
    )  # fmt: skip
    assert merged.returncode == 0, merged.stderr
    found = cli("--store", str(store), "search", "typed while", MYCARE_PASSPHRASE=NEW)
    assert "typed while the passphrase changed" in found.stdout


class _Stop(BaseException):
    """The process stops here, as a kill would stop it."""


def test_check_after_a_passwd_cut_short_says_which_passphrase_each_file_needs(
    store: Path, cli, passphrase: str, monkeypatch: pytest.MonkeyPatch
):
    for n in range(3):
        _add(cli, store, f"line {n}", passphrase)
    backups = existing_backups(store)
    with CareRecord.open(store, passphrase, "Test carer") as record:

        def killed(*_args: object, **_kw: object) -> None:
            raise _Stop

        monkeypatch.setattr(Vault, "_write", killed)  # backups done, the store not yet
        with pytest.raises(_Stop):
            record.change_passphrase(passphrase, NEW)
        monkeypatch.undo()

    for backup in backups:  # every file opens with one of the two
        decrypt(backup.read_bytes(), NEW)
    decrypt(store.read_bytes(), passphrase)
    checked = cli("--store", str(store), "check")
    assert checked.returncode == 1
    for backup in backups:
        line = next(x for x in checked.stdout.splitlines() if backup.name + ":" in x)
        assert "NEW passphrase of a passphrase change that was cut short" in line
        assert "mycare passwd" in line
    assert "cp " not in checked.stdout  # the store is fine: no restore advised
    with CareRecord.open(store, passphrase, "Test carer"):  # and while it is open elsewhere
        in_use = cli("--store", str(store), "check")
    assert "open in another mycare" in in_use.stdout
    for backup in backups:
        line = next(x for x in in_use.stdout.splitlines() if backup.name + ":" in x)
        assert "NEW passphrase of a passphrase change that was cut short" in line
    tried_new = cli("--store", str(store), "agenda", MYCARE_PASSPHRASE=NEW)
    assert tried_new.returncode != 0
    assert "still opens with its old passphrase" in tried_new.stderr

    again = cli("--store", str(store), "passwd", MYCARE_NEW_PASSPHRASE=NEW)
    assert again.returncode == 0, again.stderr
    assert "Warning" not in again.stdout  # the backups on the new one were taken along
    done = cli("--store", str(store), "check", MYCARE_PASSPHRASE=NEW)
    assert done.returncode == 0, done.stdout
    assert not store.with_name(store.name + ".passwd-unfinished").exists()


def test_a_passwd_killed_after_the_store_was_written_counts_as_finished(
    store: Path, cli, passphrase: str, monkeypatch: pytest.MonkeyPatch
):
    from mycare.vault import disk

    _add(cli, store, "a line", passphrase)
    marker = store.with_name(store.name + ".passwd-unfinished")
    real = disk.remove_quietly

    def killed_before_the_marker_goes(path: Path | None) -> None:
        if path == marker:
            raise _Stop
        real(path)

    with CareRecord.open(store, passphrase, "Test carer") as record:
        monkeypatch.setattr(disk, "remove_quietly", killed_before_the_marker_goes)
        with pytest.raises(_Stop):
            record.change_passphrase(passphrase, NEW)
        monkeypatch.undo()
    assert marker.exists()
    checked = cli("--store", str(store), "check", MYCARE_PASSPHRASE=NEW)
    assert checked.returncode == 0, checked.stdout  # every file is on the new one
    assert not marker.exists()  # opened with the new passphrase: the change is done
