"""Merging with a record whose text one carer's mycare has already forgotten."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from mycare.care import people, records
from mycare.care.errors import NotFound
from mycare.care.record import CareRecord
from mycare.store import NextStep
from mycare.vault import TEST_KDF

PASSPHRASE = "test passphrase"
WHAT = "Ask about the memory clinic referral"

Pair = tuple[CareRecord, CareRecord, NextStep]


@pytest.fixture
def two(tmp_path: Path, opened: list[CareRecord]) -> Callable[[], Pair]:
    """Ann's and Sam's computers with one synced store holding one next step."""

    def make() -> Pair:
        for name in ("ann", "sam"):
            (tmp_path / name).mkdir()
        first = CareRecord.create(tmp_path / "ann" / "care.mycare", PASSPHRASE, TEST_KDF)
        mum = people.add_person(first, "Mum")
        step = records.add(first, NextStep, person_id=mum.id, what=WHAT, who="carer")
        first.close()
        shutil.copy(tmp_path / "ann" / "care.mycare", tmp_path / "sam" / "care.mycare")
        ann = CareRecord.open(tmp_path / "ann" / "care.mycare", PASSPHRASE, me="Ann")
        sam = CareRecord.open(tmp_path / "sam" / "care.mycare", PASSPHRASE, me="Sam")
        opened.extend([ann, sam])
        return ann, sam, step

    return make


def relock(store: CareRecord, opened: list[CareRecord]) -> CareRecord:
    """Lock and unlock: what was deleted can no longer be brought back, so is forgotten."""
    path, me = store.path, store.me
    store.close()
    again = CareRecord.open(path, PASSPHRASE, me=me)
    opened.append(again)
    return again


def sync(source: CareRecord, target: CareRecord) -> None:
    shutil.copy(source.path, target.path)
    target.refresh()


def raw_step(store: CareRecord, step: NextStep) -> tuple[str, str, bool]:
    with store.reading() as session:
        row = session.get(NextStep, step.id)
        assert row is not None, "the tombstone is kept"
        return row.what, row.who, row.deleted_at is None


def test_an_edit_made_after_the_deletion_keeps_the_record_and_its_text(two, opened):
    ann, sam, step = two()
    records.delete(ann, NextStep, step.id)
    records.update(sam, NextStep, step.id, due_on=date(2026, 12, 4))  # after the deletion
    ann = relock(ann, opened)  # Ann's mycare forgets it, later than Sam's edit
    assert raw_step(ann, step) == ("", "carer", False)

    sync(sam, ann)
    sync(ann, sam)

    for store in (ann, sam):  # the deletion lost to the later edit; forgetting is no edit
        kept = records.get(store, NextStep, step.id)
        assert (kept.what, kept.due_on) == (WHAT, date(2026, 12, 4))


def test_an_unchanged_live_copy_does_not_bring_the_text_back(two, opened):
    ann, sam, step = two()
    records.delete(ann, NextStep, step.id)
    ann = relock(ann, opened)

    sync(sam, ann)  # Sam's copy still has the step, live and with its text
    sync(ann, sam)

    for store in (ann, sam):
        with pytest.raises(NotFound):
            records.get(store, NextStep, step.id)
        assert raw_step(store, step) == ("", "carer", False)
        assert WHAT.encode() not in store.db.image()


def test_both_deleted_and_one_forgot_both_end_blank(two, opened):
    ann, sam, step = two()
    records.delete(sam, NextStep, step.id)
    records.delete(ann, NextStep, step.id)
    ann = relock(ann, opened)

    sync(ann, sam)  # Sam could still undo; the merge says Ann's mycare let it go
    assert raw_step(sam, step) == ("", "carer", False)
    sync(sam, ann)
    assert raw_step(ann, step) == ("", "carer", False)
    assert WHAT.encode() not in sam.db.image() and WHAT.encode() not in ann.db.image()
