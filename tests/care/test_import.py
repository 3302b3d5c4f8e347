"""Importing mycare's own exports back, importing twice, updates, and bad files."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from mycare import export
from mycare.care import appointments as appts
from mycare.care import health, team, transfer
from mycare.care.importing import BadFile, import_file
from mycare.care.importing.detect import MAX_BYTES
from mycare.care.people import add_person, people
from mycare.care.record import CareRecord
from mycare.store import Person

NOW = datetime(2026, 11, 22, 10, 45)


@pytest.fixture
def filled(record: CareRecord, person: Person) -> CareRecord:
    gp = team.add_contact(
        record, person, "Dr Ruth Bell", role="GP", organisation="Elm Tree Surgery",
        phone="01632 960001", email="ruth.bell@example.org", address="1 Elm Tree Road\nLeeds",
        notes="Mornings are best", lead=True,
    )  # fmt: skip
    team.add_contact(record, person, "Sam Okafor", role="son", sector="family & friends")
    appts.add_appointment(
        record, person, datetime(2026, 12, 3, 14, 0), with_contacts=[gp], duration_minutes=20,
        purpose="Diabetes review", location="Elm Tree Surgery", preparation="Bring the diary",
    )  # fmt: skip
    weekly = appts.add_appointment(
        record, person, datetime(2026, 12, 1, 9, 30), purpose="Physio",
        rrule=appts.repeat_rule("weekly", times=6),
    )  # fmt: skip
    appts.update_appointment(record, weekly.id, skips="2026-12-08T09:30:00")
    health.add_medication(record, person, "Metformin", dose="500 mg", reason="diabetes")
    health.add_condition(record, person, "Type 2 diabetes", since=date(2019, 3, 1))
    health.add_allergy(record, person, "Penicillin", reaction="rash", severity="moderate")
    return record


def _write(tmp_path: Path, record: CareRecord, person: Person, fmt: str, name: str) -> Path:
    out = tmp_path / name
    out.write_bytes(export.render(record, person, fmt, now=NOW))
    return out


def test_calendar_round_trip(filled: CareRecord, person: Person, new_store, tmp_path) -> None:
    ics = _write(tmp_path, filled, person, "ics", "mine.ics")
    other = new_store()
    margaret = add_person(other, "Margaret Okafor")
    team.add_contact(other, margaret, "Dr Ruth Bell")
    import_file(other, ics)
    shape = ("starts_at", "duration_minutes", "purpose", "location", "rrule", "skips", "status")
    got = {tuple(getattr(a, k) for k in shape) for a in appts.appointments(other, margaret)}
    want = {tuple(getattr(a, k) for k in shape) for a in appts.appointments(filled, person)}
    assert got == want
    review = next(a for a in appts.appointments(other, margaret) if a.purpose == "Diabetes review")
    assert review.preparation == "Bring the diary"
    assert [c.name for c in appts.attendees(other, [review.id])[review.id]] == ["Dr Ruth Bell"]
    assert import_file(other, ics).steps == []  # twice: nothing changes


def test_address_book_round_trip(filled: CareRecord, person: Person, new_store, tmp_path) -> None:
    vcf = _write(tmp_path, filled, person, "vcf", "team.vcf")
    other = new_store()
    margaret = add_person(other, "Margaret Okafor")
    import_file(other, vcf)
    shape = ("name", "role", "organisation", "sector", "phone", "email", "address", "notes")
    got = {tuple(getattr(c, k) for k in shape) for c in team.contacts(other, margaret)}
    want = {tuple(getattr(c, k) for k in shape) for c in team.contacts(filled, person)}
    assert got == want


def test_fhir_round_trip(filled: CareRecord, person: Person, new_store, tmp_path) -> None:
    fhir = _write(tmp_path, filled, person, "fhir", "summary.json")
    other = new_store()
    import_file(other, fhir)  # an empty store: the patient becomes the person
    (margaret,) = people(other)
    assert margaret.name == "Margaret Okafor"

    def facts(record: CareRecord, who: Person) -> tuple[set[tuple[object, ...]], ...]:
        return (
            {(m.name, m.reason) for m in health.medications(record, who)},
            {(c.name, c.since, c.status) for c in health.conditions(record, who)},
            {(a.substance, a.reaction, a.severity) for a in health.allergies(record, who)},
            {
                (c.name, c.role, c.organisation, c.phone, c.email)
                for c in team.contacts(record, who)
            },
        )

    assert facts(other, margaret) == facts(filled, person)
    assert {m.dose for m in health.medications(other, margaret)} == {"500 mg"}


def test_an_updated_calendar_updates_its_appointments(record, person, tmp_path) -> None:
    ics = tmp_path / "clinic.ics"
    event = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Clinic//EN\r\nBEGIN:VEVENT\r\n"
        "UID:visit-1@clinic.example\r\nDTSTAMP:20261101T090000Z\r\n"
        "DTSTART:{start}\r\nDTEND:{end}\r\nSUMMARY:Eye clinic\r\n{extra}"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    ics.write_text(event.format(start="20261203T100000Z", end="20261203T103000Z", extra=""))
    first = import_file(record, ics)
    assert first.counts()["added"] == {"appointment": 1}
    ics.write_text(
        event.format(start="20261203T110000Z", end="20261203T113000Z", extra="STATUS:CANCELLED\r\n")
    )
    second = import_file(record, ics)
    assert second.counts() == {"added": {}, "updated": {"appointment": 1}}
    (visit,) = appts.appointments(record, person)
    assert (visit.starts_at, visit.status) == (datetime(2026, 12, 3, 11, 0), "cancelled")
    assert (visit.source_file, visit.source_id) == ("clinic.ics", "visit-1@clinic.example")


def test_records_file_merges_into_a_store_with_records(filled, person, new_store, tmp_path):
    out = tmp_path / "records.json"
    out.write_text(transfer.export_json(filled))
    other = new_store()
    add_person(other, "Desmond")
    plan = import_file(other, out)
    assert plan.merge is not None and plan.merge.added["appointment"] == 2
    assert sorted(p.name for p in people(other)) == ["Desmond", "Margaret Okafor"]
    assert not import_file(other, out).merge.brought_anything  # twice: nothing new


BAD = {
    "not a calendar": ("notes.ics", b"Dear Dr Bell,\nthank you.\n", "is not a calendar"),
    "truncated calendar": (
        "cut.ics",
        b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20261203T100000\n",
        "truncated",
    ),
    "impossible date": (
        "feb.ics",
        b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20260231T100000\nSUMMARY:x\n"
        b"END:VEVENT\nEND:VCALENDAR\n",
        "line 2: DTSTART 20260231T100000 is not a real date",
    ),
    "control characters": (
        "esc.ics",
        b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20261203T100000\nSUMMARY:x\x1b[2Jy\n"
        b"END:VEVENT\nEND:VCALENDAR\n",
        "line 2: Purpose contains a control character (U+001B)",
    ),
    "markup": (
        "tag.vcf",
        b"BEGIN:VCARD\nVERSION:3.0\nFN:<script>x</script>\nEND:VCARD\n",
        "markup",
    ),
    "broken encoding": (
        "qp.vcf",
        b"BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=28\nEND:VCARD\n",
        "line 3: FN is wrongly encoded",
    ),
    "not utf-8": ("latin.vcf", b"BEGIN:VCARD\nFN:Jos\xe9\nEND:VCARD\n", "line 2: byte 0xE9"),
    "damaged json": ("half.json", b'{"resourceType": "Patient", "name": [', "truncated"),
    "invalid fhir": (
        "p.json",
        b'{"resourceType": "Patient", "birthDate": "1990-02-31"}',
        "birthDate",
    ),
    "invalid fhir entry": (
        "b.json",
        b'{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": '
        b'{"resourceType": "Condition", "subject": {"reference": "Patient/1"}, "onsetDateTime": '
        b'"yesterday"}}]}',
        "entry 1 (Condition): not valid FHIR: onsetDateTime",
    ),
    "unknown resource": ("r.json", b'{"resourceType": "Spaceship"}', "not a kind of FHIR"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_say_what_and_where_and_change_nothing(
    case: str, filled: CareRecord, tables, tmp_path: Path
) -> None:
    name, data, message = BAD[case]
    path = tmp_path / name
    path.write_bytes(data)
    before = tables(filled)
    with pytest.raises(BadFile) as raised:
        import_file(filled, path)
    assert message in str(raised.value) and "\n" not in str(raised.value)
    assert tables(filled) == before


def test_a_huge_file_is_refused_before_it_is_read(record, person, tmp_path) -> None:
    huge = tmp_path / "huge.ics"
    with huge.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(BadFile, match="mycare imports files of up to 50 MB"):
        import_file(record, huge)
