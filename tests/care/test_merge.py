"""Merging another computer's version of the store: what each carer finds afterwards.

The unit tests keep two real encrypted stores in two folders and copy a file from one
to the other, as a sync service would.  The property tests work on in-memory databases
(no encryption, no files) so that hypothesis can try many histories quickly.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import col, select

from mycare.care import appointments, people, records, team
from mycare.care.errors import CareError
from mycare.care.merge import LONG_TEXT, merge_into
from mycare.care.merge_report import MergeReport
from mycare.care.record import CareRecord
from mycare.store import (
    ALL_TABLES,
    Appointment,
    AppointmentContact,
    CareRole,
    Change,
    Contact,
    Database,
    DiaryEntry,
    Medication,
    NextStep,
    Person,
)
from mycare.vault import TEST_KDF

PASSPHRASE = "test passphrase"
DIARY = "Slept badly\nWalked to the shop\nSoup for lunch"
PLAN = "Walk daily\nPhysio on Tuesdays\nCheck feet every evening"


# -- two carers, two folders, one synced file -----------------------------------------


@dataclass
class Carers:
    ann: CareRecord
    sam: CareRecord
    mum: Person
    gp: Contact
    nurse: Contact
    step: NextStep
    diary: DiaryEntry
    appointment: Appointment


@pytest.fixture
def carers(tmp_path: Path, opened: list[CareRecord]) -> Carers:
    """Ann's and Sam's computers, each holding the same store as last synced."""
    (tmp_path / "ann").mkdir()
    (tmp_path / "sam").mkdir()
    first = CareRecord.create(tmp_path / "ann" / "care.mycare", PASSPHRASE, TEST_KDF)
    first.me = "Ann"
    first.after_commit = lambda: None  # one save at the end keeps this quick
    mum = people.add_person(first, "Mum", care_plan=PLAN)
    gp = team.add_contact(first, mum, "Dr Shah", role="GP", phone="01632 960000")
    nurse = team.add_contact(first, mum, "Tom Reilly", role="District nurse")
    step = records.add(first, NextStep, person_id=mum.id, what="Book the eye test")
    diary = records.add(
        first, DiaryEntry, person_id=mum.id, written_at=datetime(2026, 11, 20, 9), text=DIARY
    )
    appointment = appointments.add_appointment(
        first, mum, datetime(2026, 12, 3, 14), purpose="Diabetes review"
    )
    first.save()
    first.close()
    shutil.copy(tmp_path / "ann" / "care.mycare", tmp_path / "sam" / "care.mycare")
    ann = CareRecord.open(tmp_path / "ann" / "care.mycare", PASSPHRASE, me="Ann")
    sam = CareRecord.open(tmp_path / "sam" / "care.mycare", PASSPHRASE, me="Sam")
    opened.extend([ann, sam])
    return Carers(ann, sam, mum, gp, nurse, step, diary, appointment)


def sync(source: CareRecord, target: CareRecord) -> MergeReport:
    """The sync service puts source's file where target's was; target notices and merges."""
    shutil.copy(source.path, target.path)
    report = target.refresh()
    # None: the file is the very one target saved last, so there was nothing to merge.
    return MergeReport() if report is None else report


def both_rows(store: CareRecord) -> list[Change]:
    """The values two carers changed at once, kept for the person to check."""
    with store.reading() as session:
        query = select(Change).where(Change.action == "both").order_by(col(Change.created_at))
        return list(session.exec(query))


def rows_of(store: CareRecord) -> dict[str, dict[Any, tuple[Any, ...]]]:
    return snapshot(store.db.conn)


# -- one side changed it ---------------------------------------------------------------


@pytest.mark.parametrize("editor", ["sam", "ann"])
def test_a_field_changed_on_one_side_only_takes_that_side(carers: Carers, editor: str):
    """Whoever changed a field, both end up with the change, and nobody is asked to check."""
    changer, other = (carers.sam, carers.ann) if editor == "sam" else (carers.ann, carers.sam)
    records.update(changer, NextStep, carers.step.id, what="Book the eye test for Friday")
    team.update_contact(changer, carers.gp.id, phone="01632 960999")

    there = sync(changer, other)  # the change arrives on the other computer
    back = sync(other, changer)  # and the other's file comes back unchanged in substance

    for store in (carers.ann, carers.sam):
        assert records.get(store, NextStep, carers.step.id).what == "Book the eye test for Friday"
        assert records.get(store, Contact, carers.gp.id).phone == "01632 960999"
        assert records.get(store, Contact, carers.gp.id).name == "Dr Shah"
        assert both_rows(store) == []
    assert there.changed == {"nextstep": 1, "contact": 1}
    assert there.both == 0 and not there.notes
    assert not back.added and not back.changed and not back.deleted and back.both == 0


def test_an_old_copy_does_not_undo_a_change(carers: Carers):
    """Merging a copy that simply lacks our edit keeps our edit (the reverse direction)."""
    old_copy = carers.sam.db.image()
    records.update(carers.sam, NextStep, carers.step.id, status="done")

    report = merge_into(carers.sam.db, old_copy)

    assert records.get(carers.sam, NextStep, carers.step.id).status == "done"
    assert not report.brought_anything
    assert report.kept_ours > 0, "the old copy lacks the edit, so a save is needed"


# -- both changed it -------------------------------------------------------------------


def test_both_changed_the_same_field_the_later_wins_and_the_other_is_kept_to_check(
    carers: Carers,
):
    team.update_contact(carers.ann, carers.gp.id, phone="01632 111111")
    team.update_contact(carers.sam, carers.gp.id, phone="01632 222222")  # later

    report = sync(carers.sam, carers.ann)
    sync(carers.ann, carers.sam)

    assert report.both == 1
    assert "changed by both" in report.summary()
    for store in (carers.ann, carers.sam):
        assert records.get(store, Contact, carers.gp.id).phone == "01632 222222"
        (kept,) = both_rows(store)
        assert (kept.table_name, kept.record_id, kept.field) == ("contact", carers.gp.id, "phone")
        assert kept.old == "01632 111111" and kept.new == "01632 222222"
        assert kept.seen is False
        assert kept.author == "Ann", "the value that lost is Ann's"


def test_diary_lines_changed_on_both_sides_are_merged(carers: Carers):
    records.update(
        carers.ann, DiaryEntry, carers.diary.id, text=DIARY.replace("Slept badly", "Slept well")
    )
    records.update(carers.sam, DiaryEntry, carers.diary.id, text=DIARY + "\nNurse came at 4")

    report = sync(carers.sam, carers.ann)
    sync(carers.ann, carers.sam)

    expected = "Slept well\nWalked to the shop\nSoup for lunch\nNurse came at 4"
    for store in (carers.ann, carers.sam):
        assert records.get(store, DiaryEntry, carers.diary.id).text == expected
        assert both_rows(store) == [], "different lines changed: nothing to check"
    assert report.both == 0


def test_clashing_lines_keep_both_versions(carers: Carers):
    plan_a = PLAN.replace("Physio on Tuesdays", "Physio on Mondays")
    plan_s = PLAN.replace("Physio on Tuesdays", "Physio on Thursdays")
    people.update_person(carers.ann, carers.mum, care_plan=plan_a)
    people.update_person(carers.sam, carers.mum, care_plan=plan_s)

    report = sync(carers.sam, carers.ann)
    sync(carers.ann, carers.sam)

    for store in (carers.ann, carers.sam):
        lines = records.get(store, Person, carers.mum.id).care_plan.splitlines()
        assert lines == [
            "Walk daily",
            "Physio on Mondays",
            "Physio on Thursdays",
            "Check feet every evening",
        ]
        (kept,) = both_rows(store)
        assert (kept.field, kept.seen) == ("care_plan", False)
    assert report.both == 1


# -- records added and deleted ---------------------------------------------------------


def test_a_record_added_on_each_side_ends_up_on_both(carers: Carers):
    ann_step = records.add(carers.ann, NextStep, person_id=carers.mum.id, what="Ring the GP")
    sam_med = records.add(carers.sam, Medication, person_id=carers.mum.id, name="Metformin")
    sam_appt = appointments.add_appointment(
        carers.sam, carers.mum, datetime(2026, 12, 9, 10), purpose="Eye test"
    )

    report = sync(carers.sam, carers.ann)
    sync(carers.ann, carers.sam)

    for store in (carers.ann, carers.sam):
        assert records.get(store, NextStep, ann_step.id).what == "Ring the GP"
        assert records.get(store, Medication, sam_med.id).name == "Metformin"
        assert records.get(store, Appointment, sam_appt.id).purpose == "Eye test"
    assert report.added == {"medication": 1, "appointment": 1}
    assert rows_of(carers.ann) == rows_of(carers.sam)


def test_a_deletion_loses_to_a_later_edit_on_the_other_side(carers: Carers):
    records.delete(carers.ann, NextStep, carers.step.id)
    records.update(carers.sam, NextStep, carers.step.id, what="Book the eye test — urgent")

    report = sync(carers.sam, carers.ann)
    sync(carers.ann, carers.sam)

    for store in (carers.ann, carers.sam):
        kept = records.get(store, NextStep, carers.step.id)  # NotFound if it stayed deleted
        assert kept.what == "Book the eye test — urgent"
    assert any("kept" in note for note in report.notes)
    assert rows_of(carers.ann) == rows_of(carers.sam)


def test_an_old_copy_does_not_bring_back_a_clash_over_a_kept_record(carers: Carers):
    """After a deletion lost to a later edit, merging a copy from before that is quiet."""
    records.delete(carers.ann, NextStep, carers.step.id)
    from_before = carers.ann.db.image()
    records.update(carers.sam, NextStep, carers.step.id, what="Book the eye test — urgent")
    sync(carers.sam, carers.ann)

    report = merge_into(carers.ann.db, from_before)

    assert records.get(carers.ann, NextStep, carers.step.id).what == "Book the eye test — urgent"
    assert report.both == 0 and both_rows(carers.ann) == []
    assert not report.brought_anything


def test_a_deletion_with_no_later_edit_holds_on_both(carers: Carers):
    records.update(carers.sam, NextStep, carers.step.id, what="Book the eye test soon")
    records.delete(carers.ann, NextStep, carers.step.id)  # after Sam's edit

    report = sync(carers.ann, carers.sam)
    sync(carers.sam, carers.ann)

    for store in (carers.ann, carers.sam):
        with store.reading() as session:
            assert session.exec(records.live(NextStep)).all() == []
    assert report.deleted == {"nextstep": 1}
    assert "deleted a next step" in report.summary()
    assert rows_of(carers.ann) == rows_of(carers.sam)


def test_both_deleting_the_same_record_is_not_a_clash(carers: Carers):
    """Two carers both deleted a step: it is gone, and there is nothing to check."""
    records.delete(carers.ann, NextStep, carers.step.id)
    records.delete(carers.sam, NextStep, carers.step.id)

    report = sync(carers.sam, carers.ann)
    sync(carers.ann, carers.sam)

    for store in (carers.ann, carers.sam):
        with store.reading() as session:
            assert session.exec(records.live(NextStep)).all() == []
        assert both_rows(store) == []
    assert report.both == 0
    assert "check" not in report.summary() and "changed" not in report.summary()
    assert rows_of(carers.ann) == rows_of(carers.sam)


# -- the care team ---------------------------------------------------------------------


def current_holders(store: CareRecord, person: Person, role: str) -> list[CareRole]:
    with store.reading() as session:
        return list(
            session.exec(
                records.live(CareRole).where(
                    CareRole.person_id == person.id,
                    CareRole.role == role,
                    col(CareRole.ended_at).is_(None),
                )
            )
        )


@pytest.mark.parametrize("role", [team.LEAD, team.FIRST_CONTACT])
def test_two_different_choices_for_a_role_leave_one_the_later(carers: Carers, role: str):
    choose = team.set_lead if role == team.LEAD else team.set_first_contact
    choose(carers.ann, carers.mum, carers.gp)
    choose(carers.sam, carers.mum, carers.nurse)  # later

    report = sync(carers.sam, carers.ann)
    sync(carers.ann, carers.sam)

    for store in (carers.ann, carers.sam):
        (holder,) = current_holders(store, carers.mum, role)
        assert holder.contact_id == carers.nurse.id
        assert team.holder(store, carers.mum, role).name == "Tom Reilly"
        spells = team.role_history(store, carers.mum, role)
        assert [s.contact.name for s in spells] == ["Dr Shah", "Tom Reilly"]
        assert spells[0].ended_at is not None and spells[0].ended_at <= spells[1].started_at
        assert any(r.table_name == "carerole" and not r.seen for r in both_rows(store))
    assert len(report.notes) == 1 and "the later one stands" in report.notes[0]
    assert rows_of(carers.ann) == rows_of(carers.sam)


def test_replacing_a_lead_differently_on_both_sides_asks_one_question(carers: Carers):
    """Both ended the old lead's time (at different moments): one disagreement to check."""
    team.set_lead(carers.ann, carers.mum, carers.gp)
    sync(carers.ann, carers.sam)
    third = team.add_contact(carers.ann, carers.mum, "Priya Patel", role="Social worker")
    sync(carers.ann, carers.sam)
    team.set_lead(carers.ann, carers.mum, third)
    team.set_lead(carers.sam, carers.mum, carers.nurse)  # later

    report = sync(carers.sam, carers.ann)
    sync(carers.ann, carers.sam)

    for store in (carers.ann, carers.sam):
        assert team.lead(store, carers.mum).name == "Tom Reilly"
        assert len(current_holders(store, carers.mum, team.LEAD)) == 1
        spells = team.role_history(store, carers.mum, team.LEAD)
        assert [s.contact.name for s in spells] == ["Dr Shah", "Priya Patel", "Tom Reilly"]
        for before, after in zip(spells, spells[1:], strict=False):
            assert before.ended_at is not None and before.ended_at <= after.started_at
    assert report.both == 1
    assert report.summary().endswith("1 changed by both — check it.")
    assert rows_of(carers.ann) == rows_of(carers.sam)


def test_both_choosing_the_same_lead_is_not_a_clash(carers: Carers):
    team.set_lead(carers.ann, carers.mum, carers.gp)
    team.set_lead(carers.sam, carers.mum, carers.gp)

    report = sync(carers.sam, carers.ann)
    sync(carers.ann, carers.sam)

    for store in (carers.ann, carers.sam):
        (holder,) = current_holders(store, carers.mum, team.LEAD)
        assert holder.contact_id == carers.gp.id
        assert both_rows(store) == []
    assert report.both == 0 and report.notes == []
    assert rows_of(carers.ann) == rows_of(carers.sam)


def test_a_lead_chosen_after_being_removed_elsewhere_stays_in_the_team(carers: Carers):
    team.delete_contact(carers.ann, carers.nurse.id)
    team.set_lead(carers.sam, carers.mum, carers.nurse)  # later, not knowing

    report = sync(carers.sam, carers.ann)
    sync(carers.ann, carers.sam)

    for store in (carers.ann, carers.sam):
        assert team.lead(store, carers.mum).name == "Tom Reilly"
        assert "Tom Reilly" in [c.name for c in team.contacts(store, carers.mum)]
    assert any("kept in the team" in note for note in report.notes)
    assert rows_of(carers.ann) == rows_of(carers.sam)


def test_a_lead_removed_from_the_team_later_elsewhere_is_no_longer_in_charge(carers: Carers):
    team.set_lead(carers.sam, carers.mum, carers.nurse)
    team.delete_contact(carers.ann, carers.nurse.id)  # later, not knowing

    sync(carers.sam, carers.ann)
    sync(carers.ann, carers.sam)

    for store in (carers.ann, carers.sam):
        assert team.lead(store, carers.mum) is None
        assert "Tom Reilly" not in [c.name for c in team.contacts(store, carers.mum)]
        (spell,) = team.role_history(store, carers.mum, team.LEAD)
        assert spell.ended_at is not None
    assert rows_of(carers.ann) == rows_of(carers.sam)


def test_the_same_attendee_added_on_both_sides_is_listed_once(carers: Carers):
    appointments.set_attendees(carers.ann, carers.appointment.id, [carers.gp])
    appointments.set_attendees(carers.sam, carers.appointment.id, [carers.gp, carers.nurse])

    sync(carers.sam, carers.ann)
    sync(carers.ann, carers.sam)

    for store in (carers.ann, carers.sam):
        found = appointments.attendees(store, [carers.appointment.id])[carers.appointment.id]
        assert sorted(c.name for c in found) == ["Dr Shah", "Tom Reilly"]
    assert rows_of(carers.ann) == rows_of(carers.sam)


# -- refusing, repeating, reporting ----------------------------------------------------


def test_a_copy_from_a_newer_mycare_is_refused_and_nothing_changes(carers: Carers):
    records.update(carers.sam, NextStep, carers.step.id, what="Something new")
    carers.sam.db.conn.execute("PRAGMA user_version = 99")
    carers.sam.save()
    on_disk = carers.ann.path.read_bytes()
    before = carers.ann.db.image()

    with pytest.raises(CareError) as caught:
        carers.ann.merge_copy(carers.sam.path)

    message = str(caught.value)
    assert "newer mycare" in message and "update mycare" in message
    assert "\n" not in message and "schema" not in message.lower()
    assert carers.ann.db.image() == before
    assert carers.ann.path.read_bytes() == on_disk
    assert records.get(carers.ann, NextStep, carers.step.id).what == "Book the eye test"


def test_merging_the_same_copy_twice_changes_nothing_the_second_time(carers: Carers):
    records.update(carers.ann, DiaryEntry, carers.diary.id, text="Slept well\n" + DIARY)
    team.update_contact(carers.ann, carers.gp.id, phone="01632 111111")
    team.set_lead(carers.ann, carers.mum, carers.gp)
    records.add(carers.sam, NextStep, person_id=carers.mum.id, what="Ring the GP")
    team.update_contact(carers.sam, carers.gp.id, phone="01632 222222")
    team.set_lead(carers.sam, carers.mum, carers.nurse)
    appointments.set_attendees(carers.sam, carers.appointment.id, [carers.nurse])
    theirs = carers.sam.db.image()

    first = merge_into(carers.ann.db, theirs)
    after_first = carers.ann.db.image()
    second = merge_into(carers.ann.db, theirs)

    assert first.brought_anything
    assert not second.brought_anything
    assert (second.added, second.changed, second.deleted, second.notes) == ({}, {}, {}, [])
    assert second.both == 0
    assert carers.ann.db.image() == after_first


def test_merge_report_summary_reads_well():
    report = MergeReport(authors={"Sam"})
    report.added["appointment"] += 1
    assert report.summary() == "Sam added an appointment."

    report.added["appointment"] += 1
    report.changed["nextstep"] += 1
    report.deleted["medication"] += 3
    assert report.summary() == (
        "Sam added 2 appointments, changed a next step and deleted 3 medicines."
    )

    report = MergeReport(authors={"Sam", "Ann and Sam", ""})
    report.changed["diaryentry"] += 2
    report.changed["person"] += 1
    report.both = 1
    assert report.summary() == (
        "Ann and Sam changed 2 diary entries and a person; 1 changed by both — check it."
    )

    report = MergeReport(authors={""}, both=2)
    report.changed["carerole"] += 1
    assert report.summary() == (
        "Someone on another computer changed a lead or first-contact choice; "
        "2 changed by both — check them."
    )
    assert MergeReport(authors={"Ann"}).summary() == "Ann made changes."


def test_a_real_merge_is_summed_up_in_words(carers: Carers):
    appointments.add_appointment(carers.sam, carers.mum, datetime(2026, 12, 9, 10), purpose="Eye")
    records.update(carers.sam, NextStep, carers.step.id, what="Book the eye test today")

    report = sync(carers.sam, carers.ann)

    assert report.summary() == "Sam added an appointment and changed a next step."


def test_saving_merges_a_version_that_arrived_meanwhile(carers: Carers, reopen):
    """Ann saves after Sam's file has landed: both edits end up in the file on disk."""
    records.update(carers.sam, NextStep, carers.step.id, what="Sam's wording")
    shutil.copy(carers.sam.path, carers.ann.path)
    merged: list[MergeReport] = []
    carers.ann.on_merged = merged.append

    records.add(carers.ann, Medication, person_id=carers.mum.id, name="Ramipril")  # saves

    assert len(merged) == 1 and merged[0].changed == {"nextstep": 1}
    again = reopen(carers.ann)
    assert records.get(again, NextStep, carers.step.id).what == "Sam's wording"
    with again.reading() as session:
        assert [m.name for m in session.exec(records.live(Medication))] == ["Ramipril"]


# == properties ========================================================================
#
# Each "computer" is an in-memory database started from one common image.  Edits are
# made through the same care functions the app uses, so the history is written by the
# real before_flush hook.  Edits on different computers run one after another, so their
# timestamps are distinct.


def memory_store(image: bytes | None, me: str) -> CareRecord:
    """A care record with no file behind it: changes stay in memory."""
    store = CareRecord(None, Database(image))  # type: ignore[arg-type]
    store.after_commit = lambda: None
    store.me = me
    return store


@dataclass(frozen=True)
class Base:
    image: bytes
    person: uuid.UUID
    history: frozenset[str]  # ids of the history rows everyone starts with


@cache
def base() -> Base:
    """The store as everyone last had it: a person, a team with a lead, a few records."""
    store = memory_store(None, "Ann")
    mum = people.add_person(store, "Mum", care_plan=PLAN)
    gp = team.add_contact(store, mum, "Dr Shah", lead=True)
    nurse = team.add_contact(store, mum, "Tom Reilly", first_contact=True)
    team.add_contact(store, mum, "Priya Patel")
    appointments.add_appointment(
        store, mum, datetime(2026, 12, 3, 14), with_contacts=[gp], preparation="Bring letters"
    )
    appointments.add_appointment(store, mum, datetime(2026, 12, 10, 9), with_contacts=[nurse])
    records.add(store, NextStep, person_id=mum.id, what="Book the eye test")
    records.add(store, NextStep, person_id=mum.id, what="Order prescriptions")
    records.add(store, Medication, person_id=mum.id, name="Metformin", dose="500 mg")
    records.add(
        store, DiaryEntry, person_id=mum.id, written_at=datetime(2026, 11, 20, 9), text=DIARY
    )
    image = store.db.image()
    ids = frozenset(history(store.db.conn))
    store.db.close()
    return Base(image, mum.id, ids)


SHORT_FIELDS: list[tuple[type, str]] = [
    (Person, "name"),
    (Contact, "phone"),
    (Contact, "role"),
    (Appointment, "location"),
    (Appointment, "status"),
    (NextStep, "what"),
    (NextStep, "status"),
    (Medication, "dose"),
    (DiaryEntry, "feeling"),
]
TEXT_FIELDS: list[tuple[type, str]] = [
    (Person, "care_plan"),
    (DiaryEntry, "text"),
    (Appointment, "preparation"),
]
DELETABLE = [Contact, Appointment, NextStep, Medication, DiaryEntry, AppointmentContact]
ADDABLE = [Contact, NextStep, Medication, DiaryEntry]
CHOICES = {
    (Appointment, "status"): ("planned", "attended", "cancelled"),
    (NextStep, "status"): ("open", "done"),
}

op = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(SHORT_FIELDS), st.integers(0, 9), st.integers(0, 3)),
    st.tuples(
        st.just("lines"),
        st.sampled_from(TEXT_FIELDS),
        st.integers(0, 9),
        st.integers(0, 5),
        st.sampled_from(["replace", "insert", "remove"]),
    ),
    st.tuples(st.just("add"), st.sampled_from(ADDABLE)),
    st.tuples(st.just("delete"), st.sampled_from(DELETABLE), st.integers(0, 9)),
    st.tuples(st.just("restore"), st.sampled_from(DELETABLE), st.integers(0, 9)),
    st.tuples(st.just("role"), st.sampled_from([team.LEAD, team.FIRST_CONTACT]), st.integers(0, 9)),
    st.tuples(st.just("attend"), st.integers(0, 9), st.integers(0, 9)),
    st.tuples(st.just("look")),
)


@dataclass
class Computer:
    """One carer's computer: a store, and what that carer typed, for checking later."""

    name: str
    store: CareRecord
    counter: int = 0
    written: set[tuple[str, str, str, str]] = field(default_factory=set)
    lines_added: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)
    lines_removed: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)

    def fresh(self) -> str:
        self.counter += 1
        return f"{self.name}{self.counter}"


def _pick(store: CareRecord, model: type, index: int, *, live: bool = True) -> Any | None:
    with store.reading() as session:
        query = records.live(model) if live else select(model)
        found = sorted(session.exec(query), key=lambda r: r.id)
    return found[index % len(found)] if found else None


def _value(model: type, name: str, seed: int, computer: Computer) -> Any:
    if name == "feeling":
        return seed * 3
    if (model, name) in CHOICES:
        options = CHOICES[model, name]
        return options[seed % len(options)]
    if seed == 3:
        return computer.fresh()  # a value only this carer typed
    return f"{name} {seed}"  # a value both carers might type


def apply(computer: Computer, step: tuple[Any, ...]) -> None:
    """Make one edit on a computer, through the care functions, and note what was typed."""
    store, kind = computer.store, step[0]
    if kind == "set":
        _, (model, name), index, seed = step
        target = _pick(store, model, index)
        if target is None:
            return
        value = _value(model, name, seed, computer)
        records.update(store, model, target.id, **{name: value})
        computer.written.add((model.__tablename__, target.id.hex, name, str(value)))
    elif kind == "lines":
        _, (model, name), index, line, how = step
        target = _pick(store, model, index)
        if target is None:
            return
        old = getattr(target, name).splitlines()
        new = list(old)
        at = line % (len(old) + 1)
        if how == "remove" and at < len(old) and len(old) > 1:
            del new[at]
        elif how == "replace" and at < len(old):
            new[at] = computer.fresh()
        else:
            new.insert(at, computer.fresh())
        key = (model.__tablename__, target.id.hex, name)
        computer.lines_added.setdefault(key, set()).update(set(new) - set(old))
        computer.lines_removed.setdefault(key, set()).update(set(old) - set(new))
        records.update(store, model, target.id, **{name: "\n".join(new)})
        computer.written.add((*key, "\n".join(new)))
    elif kind == "add":
        model = step[1]
        person = base().person
        text = computer.fresh()
        if model is Contact:
            team.add_contact(store, records.get(store, Person, person), text)
        elif model is DiaryEntry:
            records.add(
                store, model, person_id=person, written_at=datetime(2026, 11, 21), text=text
            )
        elif model is NextStep:
            records.add(store, model, person_id=person, what=text)
        else:
            records.add(store, model, person_id=person, name=text)
    elif kind == "delete":
        _, model, index = step
        target = _pick(store, model, index)
        if target is None:
            return
        if model is Contact:
            team.delete_contact(store, target.id)
        else:
            records.delete(store, model, target.id)
    elif kind == "restore":
        _, model, index = step
        target = _pick(store, model, index, live=False)
        if target is not None and target.deleted_at is not None:
            records.restore(store, model, target.id)
    elif kind == "role":
        _, role, index = step
        mum = records.get(store, Person, base().person)
        contact = _pick(store, Contact, index)
        choose = team.set_lead if role == team.LEAD else team.set_first_contact
        choose(store, mum, None if index == 9 else contact)
    elif kind == "attend":
        _, appointment_index, contact_index = step
        appointment = _pick(store, Appointment, appointment_index)
        contact = _pick(store, Contact, contact_index)
        if appointment is None or contact is None:
            return
        now = appointments.attendees(store, [appointment.id])[appointment.id]
        appointments.set_attendees(store, appointment.id, [*now, contact])
    elif kind == "look":  # the carer looks at everything marked "changed by both"
        with store.changing() as session:
            for change in session.exec(
                select(Change).where(Change.action == "both", col(Change.seen).is_(False))
            ):
                change.seen = True
                session.add(change)


def snapshot(conn: sqlite3.Connection) -> dict[str, dict[Any, tuple[Any, ...]]]:
    """Every row of every record table (deleted ones too), by id."""
    tables = [m.__tablename__ for m in ALL_TABLES]
    return {
        t: {row[0]: row for row in conn.execute(f'SELECT * FROM "{t}"')}  # noqa: S608
        for t in tables
    }


def history(conn: sqlite3.Connection) -> dict[Any, tuple[Any, ...]]:
    return {row[0]: row for row in conn.execute('SELECT * FROM "change"')}


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def merge(target: Computer, source: Computer) -> MergeReport:
    return merge_into(target.store.db, source.store.db.image())


def gossip(computers: list[Computer], rounds: int = 3) -> None:
    """Merge every computer into every other until nothing new arrives (a few rounds)."""
    for _ in range(rounds):
        quiet = True
        for target in computers:
            for source in computers:
                if source is not target and merge(target, source).brought_anything:
                    quiet = False
        if quiet:
            return
    pytest.fail(f"still bringing changes after {rounds} rounds of merging everyone")


def check_domain_rules(conn: sqlite3.Connection) -> None:
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    doubled = conn.execute(
        "SELECT person_id, role, count(*) FROM carerole "
        "WHERE ended_at IS NULL AND deleted_at IS NULL GROUP BY person_id, role "
        "HAVING count(*) > 1"
    ).fetchall()
    assert doubled == [], "at most one current lead and first contact per person"
    twice = conn.execute(
        "SELECT appointment_id, contact_id, count(*) FROM appointmentcontact "
        "WHERE deleted_at IS NULL GROUP BY appointment_id, contact_id HAVING count(*) > 1"
    ).fetchall()
    assert twice == [], "nobody is listed twice at one appointment"
    gone = conn.execute(
        "SELECT carerole.role FROM carerole JOIN contact ON contact.id = carerole.contact_id "
        "WHERE carerole.ended_at IS NULL AND carerole.deleted_at IS NULL "
        "AND contact.deleted_at IS NOT NULL"
    ).fetchall()
    assert gone == [], "whoever is in charge or first to call is still in the care team"


def check_nothing_lost(
    conn: sqlite3.Connection,
    computers: list[Computer],
    earlier: list[tuple[dict[str, dict[Any, tuple[Any, ...]]], dict[Any, tuple[Any, ...]]]],
) -> None:
    """Every value typed is current or in history; no value that was current anywhere
    vanished without a trace; no history row went missing; no typed line was dropped."""
    rows = snapshot(conn)
    kept = history(conn)
    hcols = columns(conn, "change")
    at = {c: hcols.index(c) for c in ("table_name", "record_id", "field", "old", "new")}
    traces: dict[tuple[str, str, str], set[str | None]] = {}
    olds: dict[tuple[str, str, str], set[str | None]] = {}
    for row in kept.values():
        key = (row[at["table_name"]], row[at["record_id"]], row[at["field"]])
        traces.setdefault(key, set()).update((row[at["old"]], row[at["new"]]))
        olds.setdefault(key, set()).add(row[at["old"]])

    def current(table: str, record: str, name: str) -> Any:
        return rows[table][record][columns(conn, table).index(name)]

    for computer in computers:
        for table, record, name, value in computer.written:
            now = current(table, record, name)
            assert str(now) == value or value in traces.get((table, record, name), set()), (
                f"{value!r} typed on {computer.name} into {table}.{name} is nowhere to be found"
            )
        for key, added in computer.lines_added.items():
            removed = set().union(*(c.lines_removed.get(key, set()) for c in computers))
            final = set(str(current(*key)).splitlines())
            missing = added - removed - final
            assert not missing, f"lines {missing} typed on {computer.name} were dropped"

    for before_rows, before_history in earlier:
        assert set(before_history) <= set(kept), "history rows went missing"
        for table, by_id in before_rows.items():
            names = columns(conn, table)
            for record, row in by_id.items():
                for i, name in enumerate(names):
                    # Bookkeeping times are not values anyone typed; deleted_at and ended_at
                    # are also set by the merge's own rules (a deletion that loses to a later
                    # edit, an attendee listed twice, a role two carers gave at once), which
                    # the unit tests check directly.
                    if name in ("id", "created_at", "updated_at", "deleted_at", "ended_at"):
                        continue
                    if (table, name) in LONG_TEXT:
                        continue  # merged line by line: checked through the typed lines
                    value = row[i]
                    if value == rows[table][record][i]:
                        continue
                    assert str(value) in {str(v) for v in olds.get((table, record, name), ())}, (
                        f"{table}.{name} was {value!r} somewhere and vanished without a trace"
                    )


def check_same(computers: list[Computer]) -> None:
    first = computers[0].store.db.conn
    for other in computers[1:]:
        # Every column is compared, updated_at too: the merge keeps the later of the two.
        assert snapshot(other.store.db.conn) == snapshot(first)
        assert history(other.store.db.conn) == history(first)


PROPERTY = settings(
    max_examples=int(os.environ.get("MYCARE_MERGE_EXAMPLES", "50")),  # more for a deeper run
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(ann_edits=st.lists(op, max_size=10), sam_edits=st.lists(op, max_size=10))
def test_two_computers_merging_either_way_end_up_the_same(ann_edits, sam_edits):
    start = base().image
    ann, sam = Computer("A", memory_store(start, "Ann")), Computer("S", memory_store(start, "Sam"))
    for step in ann_edits:
        apply(ann, step)
    for step in sam_edits:
        apply(sam, step)
    ann_image, sam_image = ann.store.db.image(), sam.store.db.image()
    earlier = [(snapshot(c.store.db.conn), history(c.store.db.conn)) for c in (ann, sam)]
    common = base().history
    touched = [  # (table, record, field) each carer changed since the common store
        {
            (r[1], r[2], r[3])
            for r in c.store.db.conn.execute("SELECT id, table_name, record_id, field FROM change")
            if r[0] not in common
        }
        for c in (ann, sam)
    ]

    # Order does not matter: Ann merging Sam's and Sam merging Ann's give the same records.
    into_ann = merge_into(ann.store.db, sam_image)
    into_sam = merge_into(sam.store.db, ann_image)
    assert snapshot(ann.store.db.conn) == snapshot(sam.store.db.conn)
    assert into_ann.both == into_sam.both

    # "Changed by both" only where both carers really changed that field.
    clashes = {
        (r[0], r[1], r[2])
        for r in ann.store.db.conn.execute(
            "SELECT table_name, record_id, field FROM change WHERE action = 'both'"
        )
    }
    both_roles = any(t == "carerole" for t, _, _ in touched[0]) and any(
        t == "carerole" for t, _, _ in touched[1]
    )
    for table, record, name in clashes:
        if table == "carerole" and name == "contact_id":
            assert both_roles, "a role clash needs a role chosen on each side"
        else:
            assert (table, record, name) in touched[0] & touched[1], (
                f"{table}.{name} marked changed by both, but only one carer changed it"
            )
    if not ann_edits or not sam_edits:
        assert clashes == set() and into_ann.both == into_sam.both == 0
    if not sam_edits:
        assert not into_ann.brought_anything, "Sam changed nothing, so nothing came in"
    into_ann.summary()  # reads without failing, whatever came in

    gossip([ann, sam])
    check_same([ann, sam])
    for c in (ann, sam):
        check_domain_rules(c.store.db.conn)
    check_nothing_lost(ann.store.db.conn, [ann, sam], earlier)

    # Merging once more changes nothing.
    image = ann.store.db.image()
    again = merge(ann, sam)
    assert not again.brought_anything and not again.notes and again.kept_ours == 0
    assert ann.store.db.image() == image
    for c in (ann, sam):
        c.store.db.close()


sides = st.integers(0, 2)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), sides, op),
        st.tuples(st.just("merge"), sides, sides).filter(lambda s: s[1] != s[2]),
    ),
    max_size=20,
)


@PROPERTY
@given(history_steps=steps)
def test_three_computers_merging_in_any_order_agree(history_steps):
    start = base().image
    computers = [
        Computer(n, memory_store(start, me))
        for n, me in zip("ACS", ("Ann", "Cat", "Sam"), strict=True)
    ]
    earlier = []
    for kind, first, second in history_steps:
        if kind == "edit":
            apply(computers[first], second)
        else:
            earlier.append(
                (snapshot(computers[first].store.db.conn), history(computers[first].store.db.conn))
            )
            merge(computers[first], computers[second])
            check_domain_rules(computers[first].store.db.conn)
    earlier += [(snapshot(c.store.db.conn), history(c.store.db.conn)) for c in computers]

    gossip(computers)

    check_same(computers)
    for c in computers:
        check_domain_rules(c.store.db.conn)
    check_nothing_lost(computers[0].store.db.conn, computers, earlier)
    for target in computers:  # merging again changes nothing, whoever merges whom
        for source in computers:
            if source is not target:
                image = target.store.db.image()
                again = merge(target, source)
                assert not again.brought_anything and again.kept_ours == 0
                assert target.store.db.image() == image
    for c in computers:
        c.store.db.close()


def test_property_helpers_see_a_store_as_the_app_does():
    """The in-memory stores used above behave like a saved one: history written, rules kept."""
    store = memory_store(base().image, "Ann")
    computer = Computer("A", store)
    apply(computer, ("set", (NextStep, "what"), 0, 3))
    apply(computer, ("role", team.LEAD, 1))
    with store.reading() as session:
        mine = session.exec(select(Change).where(Change.author == "Ann")).all()
    assert {c.table_name for c in mine} >= {"nextstep", "carerole"}
    check_domain_rules(store.db.conn)
    store.db.close()


def test_about_me_changed_by_both_carers_is_merged_line_by_line(carers: Carers):
    start = "Speak to me, not only to my carer\nGive me time to answer\nSit on my left"
    people.update_person(carers.ann, carers.mum, please_do=start, wellness="Walking")
    sync(carers.ann, carers.sam)
    people.update_person(
        carers.ann, carers.mum, please_do=start.replace("Speak to me", "Please speak to me")
    )
    people.update_person(
        carers.sam, carers.mum, please_do=start + "\nWrite things down", gp_practice="Elm Tree"
    )

    report = sync(carers.sam, carers.ann)
    sync(carers.ann, carers.sam)

    for store in (carers.ann, carers.sam):
        mum = records.get(store, Person, carers.mum.id)
        assert mum.please_do.splitlines() == [
            "Please speak to me, not only to my carer",
            "Give me time to answer",
            "Sit on my left",
            "Write things down",
        ]
        assert (mum.gp_practice, mum.wellness) == ("Elm Tree", "Walking")
        assert both_rows(store) == []
    assert report.both == 0
    assert ("person", "please_do") in LONG_TEXT
