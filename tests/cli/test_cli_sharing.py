"""Two carers on the command line: who changed what, copies found and merged, bad copies refused."""

from __future__ import annotations

import shutil

from mycare.care.people import add_person
from mycare.care.record import CareRecord
from mycare.vault import TEST_KDF

PASSPHRASE = "test passphrase one"  # as in conftest.py


def sams_copy(store, tmp_path, name="care (Sam's conflicted copy 2026-12-01).mycare"):
    """The store as Sam's computer saved it, left beside ours by a sync service."""
    folder = tmp_path / "sam"
    folder.mkdir(exist_ok=True)
    theirs = folder / store.name
    shutil.copy(store, theirs)
    with CareRecord.open(theirs, PASSPHRASE, me="Sam") as record:
        from mycare.care import diary, people

        diary.add_entry(record, people.find_person(record), "Sam took her to the shops")
    copy = store.with_name(name)
    shutil.copy(theirs, copy)
    return copy


def test_check_lists_a_copy_waiting_and_opening_merges_it(store, tmp_path, run_cli):
    copy = sams_copy(store, tmp_path)
    checked = run_cli("check")
    assert checked.code == 0, checked
    assert "Copy waiting: care (Sam's conflicted copy 2026-12-01).mycare" in checked.out
    added = run_cli("add", "diary", "Ann rang the surgery", env={"MYCARE_ME": "Ann"})
    assert added.code == 0, added
    assert "merged care (Sam's conflicted copy" in added.err and "Sam added a diary entry" in (
        added.err
    )
    assert not copy.exists()
    assert list(store.parent.glob("care.mycare.merged-*"))
    shown = run_cli("history")
    assert "added by Sam" in shown.out and "added by Ann" in shown.out
    assert "Copy waiting" not in run_cli("check").out


def test_merge_by_hand_and_history_of_one_record(store, tmp_path, run_cli):
    copy = sams_copy(store, tmp_path, name="from-sam.mycare")
    elsewhere = tmp_path / "sam" / "elsewhere.mycare"
    shutil.move(copy, elsewhere)
    merged = run_cli("merge", str(elsewhere), env={"MYCARE_ME": "Ann"})
    assert merged.code == 0, merged
    assert "Sam added a diary entry" in merged.out
    assert elsewhere.exists()  # a copy named by hand is left where it is
    again = run_cli("merge", str(elsewhere))
    assert "holds nothing that care.mycare does not have already" in again.out
    listing = run_cli("history", "--limit", "1").out
    short = listing.split("(")[1].split(")")[0]
    one = run_cli("history", short)
    assert one.code == 0 and "added by Sam" in one.out


def test_bad_copies_get_one_plain_line_and_are_left_untouched(store, tmp_path, run_cli):
    tmp_path = tmp_path / "downloads"
    tmp_path.mkdir()
    other = tmp_path / "other.mycare"
    with CareRecord.create(other, PASSPHRASE, kdf=TEST_KDF) as record:
        add_person(record, "Someone else")
    damaged = tmp_path / "damaged.mycare"
    blob = bytearray(store.read_bytes())
    blob[-5] ^= 1
    damaged.write_bytes(bytes(blob))
    text = tmp_path / "notes.mycare"
    text.write_text("not a store at all")
    for bad, words in (
        (other, "different mycare store"),
        (damaged, "damaged"),
        (text, "not a mycare store"),
        (tmp_path / "missing.mycare", "There is no file"),
    ):
        before = bad.read_bytes() if bad.exists() else None
        done = run_cli("merge", str(bad))
        assert done.code == 1, done
        assert words in done.err, done.err
        assert len(done.err.strip().splitlines()) == 1 and "Traceback" not in done.err
        assert (bad.read_bytes() if bad.exists() else None) == before


def test_me_must_be_a_name(store, run_cli):
    done = run_cli("--me", "   ", "add", "diary", "x")
    assert done.code == 1 and "--me needs your name" in done.err
