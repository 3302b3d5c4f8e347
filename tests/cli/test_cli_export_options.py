"""Export options mean what they say: --person limits the records file, and an option that
would change nothing in a format is refused, not ignored."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from mycare.care import appointments, diary, team
from mycare.care.people import add_person, find_person
from mycare.care.record import CareRecord
from mycare.vault import TEST_KDF

PASSPHRASE = "test passphrase one"  # as in conftest.py
SOON = (datetime.now() + timedelta(days=30)).replace(hour=14, minute=0, second=0, microsecond=0)


@pytest.fixture
def two_people(store):
    with CareRecord.open(store, PASSPHRASE) as record:
        ada = find_person(record, "Ada")
        charles = add_person(record, "Charles Babbage")
        for who, gp in ((ada, "Dr Ada's GP"), (charles, "Dr Charles's GP")):
            contact = team.add_contact(record, who, gp, role="GP")
            visit = appointments.add_appointment(
                record, who, SOON, purpose=f"Review for {who.name}"
            )
            appointments.set_attendees(record, visit.id, [contact])
            diary.add_entry(record, who, f"A day in the life of {who.name}")
    return store


def test_person_limits_the_records_file_to_that_person(two_people, tmp_path, run_cli):
    out = tmp_path / "charles.json"
    done = run_cli("export", "--format", "json", "--person", "Charles", "--out", str(out))
    assert done.code == 0, done
    tables = json.loads(out.read_text())["tables"]
    assert [p["name"] for p in tables["person"]] == ["Charles Babbage"]
    assert [c["name"] for c in tables["contact"]] == ["Dr Charles's GP"]
    assert [a["purpose"] for a in tables["appointment"]] == ["Review for Charles Babbage"]
    assert len(tables["appointmentcontact"]) == 1
    assert "Ada" not in out.read_text()
    # and it is a records file another store takes in whole
    other = tmp_path / "other.mycare"
    CareRecord.create(other, PASSPHRASE, kdf=TEST_KDF).close()
    taken = run_cli("import", str(out), env={"MYCARE_STORE": str(other)})
    assert taken.code == 0, taken
    with CareRecord.open(other, PASSPHRASE) as record:
        assert record.counts()["person"] == 1 and record.counts()["appointmentcontact"] == 1


def test_without_person_the_records_file_holds_everyone(two_people, run_cli):
    done = run_cli("export", "--format", "json", "--out", "-")
    names = {p["name"] for p in json.loads(done.out)["tables"]["person"]}
    assert names == {"Ada Lovelace", "Charles Babbage"}


@pytest.mark.parametrize("fmt", ["ics", "vcf", "json"])
def test_for_appointment_where_it_means_nothing_says_so(two_people, tmp_path, run_cli, fmt):
    out = tmp_path / f"out.{fmt}"
    done = run_cli(
        "export", "--format", fmt, "--person", "Ada", "--for-appointment", "next",
        "--out", str(out),
    )  # fmt: skip
    assert done.code != 0
    assert done.err.count("\n") == 1 and "--for-appointment makes no difference" in done.err
    assert "md, txt, html, pdf, fhir" in done.err
    assert not out.exists()


@pytest.mark.parametrize("fmt", ["md", "fhir"])
def test_for_appointment_is_taken_where_it_means_something(two_people, run_cli, fmt):
    done = run_cli(
        "export", "--format", fmt, "--person", "Ada", "--for-appointment", "next", "--out", "-"
    )
    assert done.code == 0, done
    assert "Review for Ada Lovelace" in done.out


def test_reminders_go_into_the_calendar(two_people, run_cli):
    import icalendar

    done = run_cli("export", "--format", "ics", "--person", "Ada", "--reminders", "--out", "-")
    assert done.code == 0, done
    (event,) = icalendar.Calendar.from_ical(done.out).walk("VEVENT")
    alarms = event.walk("VALARM")
    assert [a.decoded("TRIGGER") for a in alarms] == [-timedelta(days=1), -timedelta(hours=1)]
    assert str(alarms[0]["DESCRIPTION"]) == "Tomorrow at 14:00: Review for Ada Lovelace"
    plain = run_cli("export", "--format", "ics", "--person", "Ada", "--out", "-")
    assert "VALARM" not in plain.out


@pytest.mark.parametrize("fmt", ["md", "vcf", "fhir", "json"])
def test_reminders_where_they_mean_nothing_says_so(two_people, tmp_path, run_cli, fmt):
    out = tmp_path / f"out.{fmt}"
    done = run_cli("export", "--format", fmt, "--reminders", "--out", str(out))
    assert done.code != 0
    assert done.err.count("\n") == 1 and "--reminders makes no difference" in done.err
    assert not out.exists()


def test_pdf_says_which_characters_could_not_be_printed(store, tmp_path, run_cli):
    pytest.importorskip("fpdf")
    config = tmp_path / "fonts.conf"  # fontconfig that knows no fonts: DejaVu alone is left
    config.write_text('<?xml version="1.0"?><fontconfig></fontconfig>\n')
    with CareRecord.open(store, PASSPHRASE) as record:
        diary.add_entry(record, find_person(record, "Ada"), "我的药 and my tea")
    out = tmp_path / "summary.pdf"
    done = run_cli(
        "export", "--format", "pdf", "--out", str(out), env={"FONTCONFIG_FILE": str(config)}
    )
    assert done.code == 0, done
    (line,) = [x for x in done.err.splitlines() if x.strip()]
    assert line.startswith("Some characters could not be printed") and "U+6211" in line
    assert out.read_bytes().startswith(b"%PDF")
