"""Moving every record out as JSON and back into a new store, without losing anything."""

from __future__ import annotations

import copy
import json
import uuid
from datetime import date, datetime

import pytest
from sqlmodel import select

from mycare.care import (
    appointments,
    clock,
    coordination,
    diary,
    goals,
    health,
    people,
    questions,
    records,
    steps,
    team,
    transfer,
)
from mycare.care.coordination import Answer
from mycare.care.errors import CareError
from mycare.care.record import CareRecord
from mycare.store import ALL_TABLES, Contact, DiaryEntry, Medication
from mycare.vault import TEST_KDF

NOW = datetime(2026, 11, 22, 10, 45)  # as the fixed clock in conftest


def fill(record, person):
    """Put some of everything in a store, including deleted rows and awkward text."""
    record.after_commit = lambda: None  # one save at the end keeps this quick
    dad = people.add_person(
        record,
        "Samuel Okafor 🩺",
        date_of_birth=date(1941, 2, 28),
        what_matters="Tending the allotment\nSeeing the grandchildren",
        plan_review_due=date(2027, 1, 15),
        no_known_allergies=True,
    )
    gp = team.add_contact(record, person, "Dr Zoë Shah", role="GP", phone="01632 960000")
    nurse = team.add_contact(record, person, "שלום Reilly", sector="social", notes="[bold]x[/]")
    old = team.add_contact(record, person, "Dr Gone", sector="charity")
    team.set_lead(record, person, old)
    team.set_lead(record, person, gp)
    team.set_first_contact(record, person, nurse)
    team.delete_contact(record, old.id)
    appt = appointments.add_appointment(
        record,
        person,
        datetime(2026, 11, 24, 9, 30),
        with_contacts=[gp, nurse],
        purpose="Review",
        preparation="Bring the <script>alert(1)</script> letter",
    )
    appointments.add_appointment(
        record, person, datetime(2026, 8, 3, 14, 0), rrule="FREQ=WEEKLY;COUNT=20"
    )
    q = questions.add_question(record, person, "Why the change?", appointment_id=appt.id)
    questions.answer(record, q.id, "Kidneys.", on=date(2026, 11, 20))
    step = steps.add_step(record, person, "Book bloods", contact_id=gp.id, due_on=date(2026, 12, 1))
    steps.mark_done(record, step.id)
    goal = goals.add_goal(record, person, "Walk to the shop", steps=["gate", "bus stop"])
    goals.tick_step(record, goals.goal_steps(record, goal.id)[0].id)
    goals.add_check_in(record, goal.id, 4, note="windy")
    coordination.add_check_in(
        record, person, [Answer("in_charge", 2, "Not sure who"), Answer("one_team", None)]
    )
    med = health.add_medication(
        record, person, "Metformin", dose="500 mg", started_on=date(2020, 1, 2)
    )
    health.stop_medication(record, med.id)
    health.add_condition(record, person, "Type 2 diabetes", since=date(2019, 5, 1))
    health.add_allergy(record, person, "Penicillin", severity="severe")
    entry = diary.add_entry(record, person, '"; DROP TABLE person; -- مرحبا', feeling=0)
    diary.add_entry(record, dad, "Dad's line", feeling=10)
    records.delete(record, DiaryEntry, entry.id)
    record.after_commit = record.save
    record.save()
    return record


@pytest.fixture
def full(record, person):
    return fill(record, person)


@pytest.fixture(scope="module")
def full_export(tmp_path_factory):
    """The export of a full store, made once for the many broken-file cases."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clock, "now", lambda: NOW)
        path = tmp_path_factory.mktemp("source") / "care.mycare"
        with CareRecord.create(path, "test passphrase", kdf=TEST_KDF) as record:
            return transfer.export_records(fill(record, people.add_person(record, "Margaret")))


# -- round trip ---------------------------------------------------------------------


def test_export_then_import_is_lossless(full, new_store, reopen, tables):
    text = transfer.export_json(full)
    original = tables(full)
    assert all(original[name] for name in original), "the fixture should fill every table"

    target = new_store()
    counts = transfer.import_json(target, text)

    assert counts == {name: len(rows) for name, rows in original.items()}
    assert tables(target) == original
    assert transfer.export_json(target) == text  # same clock, so the very same file
    again = tables(reopen(target))  # deleted rows are forgotten at the next unlock
    for name, rows in original.items():
        assert [r for r in again[name] if not r["deleted_at"]] == [
            r for r in rows if not r["deleted_at"]
        ]
        tombstones = [(r["id"], r["created_at"], r["deleted_at"]) for r in rows if r["deleted_at"]]
        assert [
            (r["id"], r["created_at"], r["deleted_at"]) for r in again[name] if r["deleted_at"]
        ] == tombstones


def test_deleted_rows_travel_and_stay_deleted(full, new_store):
    target = new_store()
    transfer.import_json(target, transfer.export_json(full))
    someone = people.find_person(target, "Margaret")
    assert [c.name for c in team.contacts(target, someone)] == ["Dr Zoë Shah", "שלום Reilly"]
    assert team.lead(target, someone).name == "Dr Zoë Shah"
    assert [s.contact.name for s in team.role_history(target, someone, team.LEAD)] == [
        "Dr Gone",
        "Dr Zoë Shah",
    ]
    assert diary.entries(target, someone) == []
    assert [m.name for m in health.medications(target, someone, current_only=False)] == [
        "Metformin"
    ]


def test_the_export_is_readable_json_with_unicode_as_is(full):
    text = transfer.export_json(full)
    assert "Dr Zoë Shah" in text and "🩺" in text and "مرحبا" in text
    data = json.loads(text)
    assert data["format"] == "mycare-records"
    assert data["exported_at"] == "2026-11-22T10:45"


def test_import_refuses_a_store_that_already_has_records(full, new_store, tables):
    text = transfer.export_json(full)
    target = new_store()
    people.add_person(target, "Someone Else")
    before = tables(target)
    on_disk = target.path.read_bytes()
    with pytest.raises(CareError) as caught:
        transfer.import_json(target, text)
    assert "empty" in str(caught.value)
    assert tables(target) == before
    assert target.path.read_bytes() == on_disk


def test_a_store_with_only_deleted_records_is_not_empty(person, record, new_store):
    text = transfer.export_json(record)
    target = new_store()
    other = people.add_person(target, "Someone Else")
    records.delete(target, type(other), other.id)
    with pytest.raises(CareError):
        transfer.import_json(target, text)


# -- broken files -------------------------------------------------------------------


def _first(data, table):
    return data["tables"][table][0]


def _set(table, field, value):
    def change(data):
        _first(data, table)[field] = value

    return change


def _drop(table, field):
    def change(data):
        del _first(data, table)[field]

    return change


def _duplicate_id(data):
    twin = copy.deepcopy(_first(data, "contact"))
    twin["name"] = "Twin"
    data["tables"]["contact"].append(twin)


def _two_current_leads(data):
    twin = copy.deepcopy(_first(data, "carerole"))
    twin["id"] = str(uuid.uuid4())
    twin["ended_at"] = None
    data["tables"]["carerole"].append(twin)
    _first(data, "carerole")["ended_at"] = None


BROKEN = {
    "wrong format name": lambda d: d.update(format="something-else"),
    "no format at all": lambda d: d.pop("format"),
    "newer version": lambda d: d.update(version=2),
    "newer schema": lambda d: d.update(schema=99),
    "schema as text": lambda d: d.update(schema="2"),
    "schema missing value": lambda d: d.update(schema=None),
    "no tables": lambda d: d.pop("tables"),
    "tables is a list": lambda d: d.update(tables=[]),
    "unknown table": lambda d: d["tables"].update(spaceship=[]),
    "rows not a list": lambda d: d["tables"].update(person={"a": 1}),
    "row not a record": lambda d: d["tables"]["person"].append("Margaret"),
    "unknown field": _set("person", "favourite_colour", "blue"),
    "no id": _drop("person", "id"),
    "bad id": _set("person", "id", "not-a-uuid"),
    "id as a number": _set("person", "id", 12345),
    "bad date": _set("person", "date_of_birth", "1950-13-45"),
    "date in words": _set("person", "date_of_birth", "last Tuesday"),
    "date as a number": _set("person", "date_of_birth", 19500301),
    "bad timestamp": _set("contact", "created_at", "yesterday"),
    "int where text expected": _set("person", "name", 42),
    "list where text expected": _set("contact", "phone", ["0163"]),
    "text where a number is expected": _set("diaryentry", "feeling", "7"),
    "true where a number is expected": _set("diaryentry", "feeling", True),
    "score out of range": _set("checkin", "score", 11),
    "text where true/false is expected": _set("goalstep", "done", "yes"),
    "control character": _set("person", "name", "Mar\x1bgaret"),
    "line break in a name": _set("contact", "name", "Dr\nShah"),
    "blank name": _set("person", "name", "   "),
    "missing name": _drop("person", "name"),
    "too long": _set("contact", "name", "x" * 5000),
    "duplicate id": _duplicate_id,
    "contact of a missing person": _set("contact", "person_id", str(uuid.uuid4())),
    "step of a missing contact": _set("nextstep", "contact_id", str(uuid.uuid4())),
    "two current leads": _two_current_leads,
}


@pytest.mark.parametrize("problem", list(BROKEN))
def test_a_broken_records_file_is_refused_and_nothing_is_stored(full_export, new_store, problem):
    data = copy.deepcopy(full_export)
    BROKEN[problem](data)
    target = new_store()
    on_disk = target.path.read_bytes()

    with pytest.raises(CareError) as caught:
        transfer.import_json(target, json.dumps(data))

    message = str(caught.value)
    assert message.strip() and "\n" not in message, message
    assert "Traceback" not in message
    assert transfer.is_empty(target)
    assert target.path.read_bytes() == on_disk
    # And the store is still usable afterwards.
    people.add_person(target, "After")
    assert [p.name for p in people.people(target)] == ["After"]


@pytest.mark.parametrize(
    "text",
    ["", "{not json", "[]", "null", "42", '"mycare-records"', "\x00\x01", '{"format": 1}'],
    ids=repr,
)
def test_things_that_are_not_records_files(record, text):
    with pytest.raises(CareError) as caught:
        transfer.import_json(record, text)
    assert "not a mycare records file" in str(caught.value)
    assert transfer.is_empty(record)


def test_the_error_says_which_record_is_wrong(full_export, new_store):
    data = copy.deepcopy(full_export)
    data["tables"]["contact"][1]["phone"] = 7700900123
    with pytest.raises(CareError) as caught:
        transfer.import_records(new_store(), data)
    assert "Record 2 of contact" in str(caught.value)


def test_an_export_of_an_empty_store_imports_into_another(record, new_store, tables):
    target = new_store()
    counts = transfer.import_json(target, transfer.export_json(record))
    assert set(counts.values()) == {0}
    assert transfer.is_empty(target)


def test_what_is_imported_is_checked_like_what_is_typed(full, new_store):
    """A medicine stored through the file is the same as one typed in."""
    data = transfer.export_records(full)
    target = new_store()
    transfer.import_records(target, data)
    med_id = data["tables"]["medication"][0]["id"]
    assert records.get(target, Medication, med_id).dose == "500 mg"
    contact_id = data["tables"]["contact"][0]["id"]
    assert isinstance(records.get(target, Contact, contact_id).person_id, uuid.UUID)


TRICKY = 'tab\t"quoted" back\\slash </script> 🩺\nsecond line'


def test_every_value_is_written_as_python_reads_it(full, person):
    """The file spells ids as stored (32 hex digits), times and flags as the models hold them,
    control characters and all, for every row of every table (SQLite writes the lines, so
    this checks its spelling)."""
    diary.add_entry(full, person, TRICKY, written_at=datetime(
        2026, 11, 21, 8, 5, 7, 123456))  # fmt: skip
    written = transfer.export_records(full)["tables"]
    with full.reading() as session:
        for model in ALL_TABLES:
            rows = session.exec(select(model).order_by(model.created_at, model.id)).all()
            expected = [
                {
                    name: v.hex if isinstance(v, uuid.UUID) else
                    v.isoformat() if isinstance(v, datetime | date) else v
                    for name, v in row.model_dump().items()
                }
                for row in rows
            ]  # fmt: skip
            assert written[model.__tablename__] == expected, model.__name__
    assert any(
        r["text"] == TRICKY and r["written_at"] == "2026-11-21T08:05:07.123456"
        for r in written["diaryentry"]
    )
    assert any(r["created_at"].endswith("+00:00") for r in written["diaryentry"])


def test_a_file_with_dashed_ids_is_read_as_well(full, new_store):
    """Files written before ids were kept as stored spelt them with dashes; they still import."""
    data = transfer.export_records(full)
    for rows in data["tables"].values():
        for row in rows:
            for name, value in row.items():
                if (name == "id" or name.endswith("_id")) and isinstance(value, str):
                    row[name] = str(uuid.UUID(value)) if value else value
    target = new_store()
    transfer.import_records(target, data)
    assert transfer.export_records(target)["tables"] == transfer.export_records(full)["tables"]
