"""Finding 1 (second way in): dates far outside a lifetime, from the CLI and from an import."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from icalendar import Calendar

from mycare.care.people import people
from mycare.care.record import CareRecord
from mycare.store import Appointment


def test_typed_and_imported_far_dates_are_refused_and_nothing_is_stored(
    store: Path, tmp_path: Path, cli, passphrase: str
):
    done = cli("--store", str(store), "add", "appointment", "9999-12-31 10:00", "Far")
    assert done.returncode == 1
    assert "between 1900 and 2200" in done.stderr

    exported = tmp_path / "records.json"
    assert cli("--store", str(store), "export", "--format", "json", "--out", str(exported))
    data = json.loads(exported.read_text())
    person = data["tables"]["person"][0]["id"]
    data["tables"]["appointment"] = [
        {"id": "8f0c5a3e-5d5b-4c36-9d43-000000000001", "person_id": person,
         "starts_at": "9999-12-31T23:30:00", "created_at": "2026-01-01T10:00:00",
         "updated_at": "2026-01-01T10:00:00", "duration_minutes": 60}
    ]  # fmt: skip
    exported.write_text(json.dumps(data))
    fresh = tmp_path / "fresh.mycare"
    assert cli("--store", str(fresh), "init").returncode == 0
    done = cli("--store", str(fresh), "import", str(exported))
    assert done.returncode == 1
    assert "out of range: dates must fall between 1900 and 2200" in done.stderr
    assert "Traceback" not in done.stderr and "unexpected" not in done.stderr
    with CareRecord.open(fresh, passphrase) as record:
        assert people(record) == []


def test_a_stored_last_day_of_the_calendar_does_not_break_agenda_or_calendar(
    store: Path, cli, passphrase: str
):
    with CareRecord.open(store, passphrase, "Test carer") as record:
        sam = people(record)[0]
        with record.changing() as session:  # as a store saved before dates were bounded
            for rule in ("", "FREQ=YEARLY"):
                session.add(
                    Appointment(person_id=sam.id, starts_at=datetime(9999, 12, 31, 23, 30),
                                duration_minutes=60, purpose="Far away", rrule=rule)
                )  # fmt: skip
    agenda = cli("--store", str(store), "agenda")
    assert agenda.returncode == 0, agenda.stderr
    ics = cli("--store", str(store), "export", "--format", "ics", "--out", "-")
    assert ics.returncode == 0, ics.stderr
    events = Calendar.from_ical(ics.stdout).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Far away", "Far away"]
    assert cli("--store", str(store), "export", "--format", "md", "--out", "-").returncode == 0
