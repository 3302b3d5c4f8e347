"""Every released file format and schema still opens. Fixture files are never regenerated.

format1-schema1.mycare: the first release (file format 1, schema 1, no history table).

format2-schema2.mycare: file format 2 (store identity in the header) and schema 2 (a
``change`` history table). Made once with CareRecord.create(..., kdf=TEST_KDF) and the
passphrase below, as "Ann": add Margaret (Peggy) Okafor (what matters: "Her garden", then
changed to "Her garden and her grandchildren"); add Dr Ruth Bell (GP, Elm Tree Surgery,
01632 960001) as lead, then change her phone to 01632 960002; add a Diabetes review on
2026-12-03 14:00 with her; add the diary line "Walked to the shop and back" (feeling 7,
2026-11-30 18:00) and "Written by mistake" (19:00), then delete the second one.

format2-schema3.mycare: schema 3 (imported records keep their file and identifier; a repeat
keeps the dates it leaves out). Made once the same way, as "Ann": add Margaret (Peggy) Okafor,
then import clinic.ics, one event (UID visit-1@clinic.example, "Physio", Tuesdays 09:30
Europe/London from 2026-12-01, six times, EXDATE 2026-12-08 09:30).

format2-schema4.mycare: schema 4 (the PRSB About Me headings, an NHS number and the
registered GP practice, the person's time zone). Made once the same way, as "Ann": add
Margaret (Peggy) Okafor with NHS number 943 476 5919, GP practice "Elm Tree Surgery", what
matters "Her garden", people important "Ngozi, her daughter", please do "Face her when you
speak", please don't "Rush her", written with "Ngozi" on 2026-12-01, time zone Europe/London.

format2-schema5.mycare: schema 5 (coordination check-ins and their answers). Made once the
same way, as "Ann": add Margaret (Peggy) Okafor, then a coordination check-in on 2026-12-01
answered by "carer for them": who is in charge 2 (note "Nobody has said who leads"), one
first contact 4, carer involved "does not apply".
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import col, select

from mycare.care import coordination
from mycare.care.people import people, update_person
from mycare.care.record import CareRecord
from mycare.store import SCHEMA_VERSION, Appointment, Change, Contact, DiaryEntry
from mycare.store.migrations import schema_version
from mycare.vault import fileformat
from mycare.vault.fileformat import read_header

FIXTURES = Path(__file__).parent / "fixtures"
PASSPHRASE = "fixture passphrase"


# file name -> (file format, schema, what it must still hold)
RELEASED = {
    "format1-schema1.mycare": (
        1,
        1,
        {"person": 2, "contact": 12, "appointment": 29, "diaryentry": 120, "checkin": 18},
    ),
    "format2-schema2.mycare": (
        2,
        2,
        {"person": 1, "contact": 1, "carerole": 1, "appointment": 1, "diaryentry": 1},
    ),
    "format2-schema3.mycare": (2, 3, {"person": 1, "appointment": 1}),
    "format2-schema4.mycare": (2, 4, {"person": 1}),
    "format2-schema5.mycare": (2, 5, {"person": 1, "coordination": 1, "coordinationanswer": 3}),
}

# The history format2-schema2 holds, oldest first: (table, action, field, old, new).
FORMAT2_HISTORY = [
    ("person", "added", "", None, None),
    ("person", "changed", "what_matters", "Her garden", "Her garden and her grandchildren"),
    ("contact", "added", "", None, None),
    ("carerole", "added", "", None, None),
    ("contact", "changed", "phone", "01632 960001", "01632 960002"),
    ("appointment", "added", "", None, None),
    ("appointmentcontact", "added", "", None, None),
    ("diaryentry", "added", "", None, None),
    ("diaryentry", "added", "", None, None),
    ("diaryentry", "deleted", "deleted_at", None, "<a time>"),
]


def _history(record: CareRecord) -> list[Change]:
    with record.reading() as session:
        return list(session.exec(select(Change).order_by(col(Change.created_at))))


@pytest.mark.parametrize("name", sorted(RELEASED))
def test_released_store_opens_and_holds_its_records(name: str, tmp_path: Path) -> None:
    _, _, expected = RELEASED[name]
    released = (FIXTURES / name).read_bytes()
    copy = tmp_path / name
    copy.write_bytes(released)
    with CareRecord.open(copy, PASSPHRASE) as record:
        counts = record.counts()
        assert {k: counts[k] for k in expected} == expected
        assert "Margaret (Peggy) Okafor" in [p.name for p in people(record)]
        assert schema_version(record.db.conn) == SCHEMA_VERSION
        assert record.db.integrity_problems() == []
    # whatever it was, it is the newest format once opened, and opens again
    assert read_header(copy.read_bytes())[0].version == fileformat.LATEST.version
    with CareRecord.open(copy, PASSPHRASE) as again:
        assert again.counts() == counts
    assert (FIXTURES / name).read_bytes() == released  # only ever copied, never changed


def test_every_fixture_is_listed() -> None:
    on_disk = {p.name for p in FIXTURES.glob("*.mycare")}
    assert on_disk == set(RELEASED)


@pytest.mark.parametrize("name", sorted(RELEASED))
def test_fixture_header_and_schema_are_as_released(name: str) -> None:
    file_format, schema, _ = RELEASED[name]
    blob = (FIXTURES / name).read_bytes()
    fmt, header = read_header(blob)
    assert fmt.version == file_format
    assert len(header.store_id) == (16 if file_format >= 2 else 0)
    image, _, _ = fileformat.decrypt(blob, PASSPHRASE)
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(image)
        assert schema_version(conn) == schema
    finally:
        conn.close()


def test_fixture_header_is_format_one() -> None:
    fmt, _ = read_header((FIXTURES / "format1-schema1.mycare").read_bytes())
    assert fmt.version == 1


def test_format_one_fixture_is_upgraded_keeping_a_derived_identity(tmp_path: Path) -> None:
    blob = (FIXTURES / "format1-schema1.mycare").read_bytes()
    _, keys, _ = fileformat.decrypt(blob, PASSPHRASE)
    copy = tmp_path / "care.mycare"
    copy.write_bytes(blob)
    with CareRecord.open(copy, PASSPHRASE) as record:
        assert record.vault.store_id == fileformat.derived_store_id(keys.data_key)
        assert _history(record) == []  # history starts with schema 2
    fmt, header = read_header(copy.read_bytes())
    assert fmt.version == 2
    assert header.store_id == fileformat.derived_store_id(keys.data_key)
    # the first-release file is kept as the newest backup, still format 1
    assert read_header((tmp_path / "care.mycare.backup-1").read_bytes())[0].version == 1


def test_newest_fixture_opens_without_being_written(tmp_path: Path) -> None:
    original = (FIXTURES / "format2-schema5.mycare").read_bytes()
    copy = tmp_path / "care.mycare"
    copy.write_bytes(original)
    with CareRecord.open(copy, PASSPHRASE) as record:
        assert record.vault.store_id == read_header(original)[1].store_id
        assert not record.vault.needs_upgrade
    assert copy.read_bytes() == original
    assert not (tmp_path / "care.mycare.backup-1").exists()


def test_format_two_fixture_holds_its_records_and_history(tmp_path: Path) -> None:
    copy = tmp_path / "care.mycare"
    shutil.copyfile(FIXTURES / "format2-schema2.mycare", copy)
    with CareRecord.open(copy, PASSPHRASE, forget_deleted=False) as record:
        (peggy,) = people(record)
        assert peggy.name == "Margaret (Peggy) Okafor"
        assert peggy.what_matters == "Her garden and her grandchildren"
        with record.reading() as session:
            (gp,) = session.exec(select(Contact)).all()
            diary = session.exec(select(DiaryEntry).order_by(col(DiaryEntry.written_at))).all()
        assert (gp.name, gp.role, gp.organisation, gp.phone) == (
            "Dr Ruth Bell",
            "GP",
            "Elm Tree Surgery",
            "01632 960002",
        )
        assert [(d.text, d.feeling, d.deleted_at is None) for d in diary] == [
            ("Walked to the shop and back", 7, True),
            ("Written by mistake", None, False),
        ]
        history = _history(record)
    rows = [
        (h.table_name, h.action, h.field, h.old, "<a time>" if h.action == "deleted" else h.new)
        for h in history
    ]
    assert rows == FORMAT2_HISTORY
    assert {h.author for h in history} == {"Ann"}
    assert history[1].record_id == peggy.id
    assert history[4].record_id == gp.id
    assert history[-1].record_id == diary[1].id and history[-1].new is not None


def test_schema_two_gains_empty_sources_and_skips(tmp_path: Path) -> None:
    copy = tmp_path / "care.mycare"
    shutil.copyfile(FIXTURES / "format2-schema2.mycare", copy)
    with CareRecord.open(copy, PASSPHRASE) as record:
        with record.reading() as session:
            (gp,) = session.exec(select(Contact)).all()
            (visit,) = session.exec(select(Appointment)).all()
        assert (gp.source_file, gp.source_id, visit.skips) == ("", "", "")
    # the schema-2 file is kept as the newest backup
    image, _, _ = fileformat.decrypt((tmp_path / "care.mycare.backup-1").read_bytes(), PASSPHRASE)
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(image)
        assert schema_version(conn) == 2
    finally:
        conn.close()


def test_schema_three_fixture_holds_its_import(tmp_path: Path) -> None:
    copy = tmp_path / "care.mycare"
    shutil.copyfile(FIXTURES / "format2-schema3.mycare", copy)
    with CareRecord.open(copy, PASSPHRASE) as record, record.reading() as session:
        (visit,) = session.exec(select(Appointment)).all()
    assert (visit.purpose, visit.rrule, visit.skips) == (
        "Physio",
        "FREQ=WEEKLY;COUNT=6",
        "2026-12-08T09:30:00",
    )
    assert (visit.source_file, visit.source_id) == ("clinic.ics", "visit-1@clinic.example")


def test_schema_four_fixture_holds_about_me(tmp_path: Path) -> None:
    copy = tmp_path / "care.mycare"
    shutil.copyfile(FIXTURES / "format2-schema4.mycare", copy)
    with CareRecord.open(copy, PASSPHRASE) as record:
        (peggy,) = people(record)
    assert (peggy.nhs_number, peggy.gp_practice) == ("943 476 5919", "Elm Tree Surgery")
    assert (peggy.important_people, peggy.please_do, peggy.please_dont) == (
        "Ngozi, her daughter",
        "Face her when you speak",
        "Rush her",
    )
    assert (peggy.written_with, peggy.written_on) == ("Ngozi", date(2026, 12, 1))
    assert peggy.time_zone == "Europe/London"


def test_schema_five_fixture_holds_a_coordination_check_in(tmp_path: Path) -> None:
    copy = tmp_path / "care.mycare"
    shutil.copyfile(FIXTURES / "format2-schema5.mycare", copy)
    with CareRecord.open(copy, PASSPHRASE) as record:
        (peggy,) = people(record)
        (check,) = coordination.check_ins(record, peggy)
    assert (check.check.checked_on, check.check.answered_by) == (
        date(2026, 12, 1),
        "carer for them",
    )
    answers = {k: (a.rating, a.note) for k, a in check.answers.items()}
    assert answers == {
        "in_charge": (2, "Nobody has said who leads"),
        "first_contact": (4, ""),
        "carer_involved": (None, ""),
    }


def test_schema_four_gains_coordination_check_ins_that_can_be_added(tmp_path: Path) -> None:
    copy = tmp_path / "care.mycare"
    shutil.copyfile(FIXTURES / "format2-schema4.mycare", copy)
    with CareRecord.open(copy, PASSPHRASE) as record:
        (peggy,) = people(record)
        assert coordination.check_ins(record, peggy) == []
        coordination.add_check_in(record, peggy, [coordination.Answer("one_team", 3)])
    with CareRecord.open(copy, PASSPHRASE) as record:
        (check,) = coordination.check_ins(record, peggy)
    assert check.answers["one_team"].rating == 3


@pytest.mark.parametrize("name", ["format2-schema2.mycare", "format2-schema3.mycare"])
def test_older_stores_gain_an_empty_about_me_that_can_be_filled(name: str, tmp_path: Path) -> None:
    copy = tmp_path / "care.mycare"
    shutil.copyfile(FIXTURES / name, copy)
    with CareRecord.open(copy, PASSPHRASE) as record:
        (peggy,) = people(record)
        assert (peggy.nhs_number, peggy.wellness, peggy.written_on) == ("", "", None)
        update_person(record, peggy, wellness="Gardening", nhs_number="9434765919")
    with CareRecord.open(copy, PASSPHRASE) as record:
        (peggy,) = people(record)
    assert (peggy.wellness, peggy.nhs_number) == ("Gardening", "943 476 5919")
