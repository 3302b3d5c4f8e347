"""iCalendar: read back by the icalendar library, and imported into khal when it is here."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from datetime import datetime, timedelta
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
        for prop in ("DTSTART", "DTEND", "DTSTAMP", "SUMMARY", "SEQUENCE", "LAST-MODIFIED"):
            assert prop in event
        assert event["DTSTART"].params["TZID"] == "Europe/London"  # the person's zone
        assert str(event.decoded("DTSTART").tzinfo) == "Europe/London"
        assert event.decoded("DTSTAMP").tzinfo is not None
    (zone,) = cal.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/London"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


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
    assert "Cancelled" in events["Cardiology follow-up"]["CATEGORIES"].cats
    missed = events["Blood tests"]
    assert "Missed" in missed["CATEGORIES"].cats
    assert "I missed this appointment." in str(missed["DESCRIPTION"])


def test_who_it_is_with_and_who_organises_it(demo) -> None:
    events = {str(e["SUMMARY"]): e for e in _events(demo.output("ics"))}
    review = events["Six-monthly GP review"]
    attendee = review["ATTENDEE"]  # one, so not a list
    assert str(attendee) == "mailto:elmtree@example.org"
    assert attendee.params["CN"] == "Dr Priya Raman"
    assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
    assert str(review["ORGANIZER"]) == "mailto:elmtree@example.org"
    assert review["ORGANIZER"].params["CN"] == "Dr Priya Raman, Elm Tree Surgery"
    assert review["CATEGORIES"].cats == ["Appointment", "Health"]
    befriending = events["Befriending visit from Beryl"]
    assert befriending["CATEGORIES"].cats == ["Appointment", "Voluntary and community groups"]
    assert "VALARM" not in demo.output("ics").decode()  # reminders only when asked for


def test_reminders_the_day_before_and_an_hour_before(demo) -> None:
    events = {str(e["SUMMARY"]): e for e in _events(demo.render("ics", reminders=True))}
    alarms = events["Six-monthly GP review"].walk("VALARM")
    assert [a.decoded("TRIGGER") for a in alarms] == [-timedelta(days=1), -timedelta(hours=1)]
    assert {str(a["ACTION"]) for a in alarms} == {"DISPLAY"}
    assert str(alarms[1]["DESCRIPTION"]).startswith("In an hour at ")
    assert str(alarms[1]["DESCRIPTION"]).endswith(": Six-monthly GP review")
    assert events["Cardiology follow-up"].walk("VALARM") == []  # cancelled
    assert events["Blood tests"].walk("VALARM") == []  # missed, in the past


def test_hostile_attendees_stay_in_their_fields(hostile, nasty) -> None:
    (event,) = [e for e in _events(hostile.output("ics")) if "ATTENDEE" in e]
    assert event["ATTENDEE"].params["CN"] == nasty["script"]
    assert str(event["ORGANIZER"]).startswith("mailto:a%26b@example.org")


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
    shown = khal(
        "list", "--format", "{title}|{organizer}|{attendees}|{categories}|{alarm-symbol}",
        "2026-11-23", "2026-11-24",
    )  # fmt: skip
    clinic = next(line for line in shown.stdout.splitlines() if line.startswith("Heart failure"))
    assert "Tom Brennan, St Anne's Hospital (hf.nurses@example.org)" in clinic
    assert "|hf.nurses@example.org, ngozi.okafor@example.com|" in clinic
    assert clinic.endswith("|Appointment,Health,Family and friends|")  # no alarms asked for
    ics.write_bytes(demo.render("ics", reminders=True, prepared_by="Ngozi Okafor"))
    assert khal("import", "--batch", str(ics)).returncode == 0  # the same events, updated
    assert len(list((tmp_path / "calendar").glob("*.ics"))) == 26
    shown = khal("list", "--format", "{title}|{alarm-symbol}", "2026-11-23", "2026-11-24")
    assert "Heart failure nurse clinic| \N{ALARM CLOCK}" in shown.stdout


@pytest.mark.skipif(not shutil.which("khal"), reason="khal is not installed")
def test_khal_in_another_time_zone_shows_the_right_hour(demo, tmp_path: Path) -> None:
    """A relative in New York sees Peggy's 10:30 London clinic at 05:30, their time."""
    (tmp_path / "calendar").mkdir()
    config = tmp_path / "khal.conf"
    text = textwrap.dedent(KHAL_CONFIG).format(folder=tmp_path)
    config.write_text(text.replace("timezone = Europe/London", "timezone = America/New_York"))
    ics = tmp_path / "care.ics"
    ics.write_bytes(demo.output("ics"))
    env = {"PATH": "/usr/bin:/bin", "TZ": "America/New_York", "HOME": str(tmp_path)}

    def khal(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["khal", "-c", str(config), *args], capture_output=True, text=True, timeout=60, env=env
        )

    done = khal("import", "--batch", str(ics))
    assert done.returncode == 0, done.stderr
    listed = khal(
        "list", "--format", "{start-date} {start-time} {title}", "2026-11-23", "2026-11-29"
    )
    assert listed.returncode == 0, listed.stderr
    assert "2026-11-23 05:30 Heart failure nurse clinic" in listed.stdout  # 10:30 in London
    assert "2026-11-24 09:00 District nurse" in listed.stdout  # 14:00 in London


def test_a_changed_appointment_replaces_the_old_event(tmp_path: Path) -> None:
    from mycare.care import people
    from mycare.care.record import CareRecord
    from mycare.export import render
    from mycare.vault import TEST_KDF

    record = CareRecord.create(tmp_path / "s.mycare", "pw-pw-pw-pw", kdf=TEST_KDF)
    try:
        ann = people.add_person(record, "Ann Example", time_zone="America/New_York")
        visit = appointments.add_appointment(record, ann, datetime(2026, 7, 1, 9), purpose="Eyes")
        (before,) = _events(render(record, ann, "ics"))
        appointments.update_appointment(record, visit.id, location="Room 4")
        appointments.update_appointment(record, visit.id, starts_at=datetime(2026, 7, 2, 9))
        (after,) = _events(render(record, ann, "ics"))
    finally:
        record.close()
    assert str(before["UID"]) == str(after["UID"])
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 2)
    assert after.decoded("LAST-MODIFIED") >= before.decoded("LAST-MODIFIED")
    assert after["DTSTART"].params["TZID"] == "America/New_York"
    assert after.decoded("DTSTART").isoformat() == "2026-07-02T09:00:00-04:00"


def test_without_the_team_attendees_are_names_only(demo) -> None:
    """Left out of the summary, the team's emails and organisations stay out of it."""
    kept = {"about", "health", "recent", "goals", "appointment"}
    events = {str(e["SUMMARY"]): e for e in _events(demo.render("ics", sections=kept))}
    review = events["Six-monthly GP review"]
    assert review["ATTENDEE"].params["CN"] == review["ORGANIZER"].params["CN"] == "Dr Priya Raman"
    assert str(review["ATTENDEE"]).startswith("urn:uuid:")
