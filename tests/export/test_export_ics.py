"""iCalendar: read back by the icalendar library, and imported into khal when it is here."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from datetime import datetime
from pathlib import Path

import icalendar
import pytest

from mycare.care import appointments


def _events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_every_appointment_is_an_event(demo) -> None:
    data = demo.output("ics")
    cal = icalendar.Calendar.from_ical(data)
    assert cal["VERSION"] == "2.0" and "mycare" in str(cal["PRODID"])
    events = _events(data)
    every = appointments.appointments(demo.record, demo.person)
    assert len(events) == len(every) == 26
    assert {str(e["UID"]) for e in events} == {f"{a.id}@mycare.invalid" for a in every}
    for event in events:
        for prop in ("DTSTART", "DTEND", "DTSTAMP", "SUMMARY"):
            assert prop in event
        assert event.decoded("DTSTART").tzinfo is None  # floating local time
        assert event.decoded("DTSTAMP").tzinfo is not None


def test_repeats_locations_and_preparation(demo) -> None:
    events = {str(e["SUMMARY"]): e for e in _events(demo.output("ics"))}
    nurse = events["District nurse: legs, skin and weight check"]
    assert nurse["RRULE"]["FREQ"] == ["WEEKLY"] and nurse["RRULE"]["COUNT"] == [20]
    befriending = events["Befriending visit from Beryl"]
    assert befriending["RRULE"]["FREQ"] == ["MONTHLY"]
    clinic = events["Heart failure nurse clinic"]
    assert str(clinic["LOCATION"]).startswith("Heart Failure Clinic, St Anne's Hospital")
    assert clinic.decoded("DTEND") - clinic.decoded("DTSTART") == datetime(
        1, 1, 1, 0, 45
    ) - datetime(1, 1, 1)
    description = str(events["Six-monthly GP review"]["DESCRIPTION"])
    assert "With: Dr Priya Raman" in description
    assert "Blood results should be back" in description
    assert "What did the blood tests show about my kidneys?" in description
    assert str(events["Cardiology follow-up"]["STATUS"]) == "CANCELLED"


def test_no_appointments_no_events(lonely) -> None:
    assert _events(lonely.output("ics")) == []
    assert b"BEGIN:VCALENDAR" in lonely.output("ics")


KHAL_CONFIG = """\
    [calendars]
    [[care]]
    path = {folder}/calendar
    type = calendar
    [locale]
    timeformat = %H:%M
    dateformat = %Y-%m-%d
    longdateformat = %Y-%m-%d
    datetimeformat = %Y-%m-%d %H:%M
    longdatetimeformat = %Y-%m-%d %H:%M
    default_timezone = Europe/London
    local_timezone = Europe/London
    [sqlite]
    path = {folder}/khal.db
"""


@pytest.mark.skipif(not shutil.which("khal"), reason="khal is not installed")
def test_khal_imports_the_calendar(demo, tmp_path: Path) -> None:
    (tmp_path / "calendar").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(textwrap.dedent(KHAL_CONFIG).format(folder=tmp_path))
    ics = tmp_path / "care.ics"
    ics.write_bytes(demo.output("ics"))

    def khal(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["khal", "-c", str(config), *args],
            capture_output=True,
            text=True,
            timeout=60,
            env={"PATH": "/usr/bin:/bin", "TZ": "UTC", "HOME": str(tmp_path)},
        )

    done = khal("import", "--batch", str(ics))
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr.lower() and "error" not in done.stderr.lower()
    assert len(list((tmp_path / "calendar").glob("*.ics"))) == 26
    listed = khal("list", "2026-11-23", "2026-11-28")
    assert listed.returncode == 0, listed.stderr
    assert "Heart failure nurse clinic" in listed.stdout
    assert "Six-monthly GP review" in listed.stdout
    assert "District nurse: legs, skin and weight check" in listed.stdout  # a repeat
