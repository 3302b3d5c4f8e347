"""Every real file from other programs in ../shared/samples comes in, with known facts."""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from mycare.care import appointments as appts
from mycare.care import health, team
from mycare.care.importing import BadFile, import_file
from mycare.care.people import add_person, people
from mycare.care.record import CareRecord
from mycare.store import Appointment, Person

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
if not SAMPLES.is_dir():
    pytest.skip(f"the shared sample files are not at {SAMPLES}", allow_module_level=True)


@pytest.fixture(autouse=True)
def london(monkeypatch: pytest.MonkeyPatch):
    """Local time is UK time, so converted times are known."""
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def ann(record: CareRecord) -> Person:
    return add_person(record, "Ann Example")


def _visits(record: CareRecord, person: Person) -> dict[str, list[Appointment]]:
    found: dict[str, list[Appointment]] = {}
    for a in appts.appointments(record, person):
        found.setdefault(a.purpose, []).append(a)
    return found


def _bring(record: CareRecord, folder: str, name: str):
    path = SAMPLES / folder / name
    plan = import_file(record, path)
    again = import_file(record, path, dry_run=True)
    assert again.steps == [], "importing the same file twice changes nothing"
    return plan


# (file, appointments added, contacts added as attendees, skipped)
CALENDARS = {
    "apple_ical2_spanish_non_ascii_53_events.ics": (53, 0, 0),
    "apple_macos_partstat_status_variants.ics": (4, 3, 0),
    "exchange2010_allday_recurrence_moved_instance.ics": (2, 0, 0),
    "exchange2010_windows_tz_names_exdate.ics": (3, 0, 1),
    "google_2006_holidays_96_events.ics": (96, 0, 0),
    "google_exdate_list_recurrence_id_no_vtimezone.ics": (3, 0, 0),
    "google_multiple_valarms_email.ics": (1, 0, 0),
    "lotus_notes6_request_folded_attendee_params.ics": (1, 2, 0),
    "outlook2003_custom_vtimezone_daily_rrule_valarm.ics": (1, 0, 0),
    "outlook2007_tab_folding_allday_attendees.ics": (1, 2, 0),
    "thunderbird_vtimezone_history_two_alarms.ics": (1, 0, 0),
    "zimbra_rrule_rdate_exdate_overrides.ics": (8, 3, 0),
}


@pytest.mark.parametrize("name", sorted(CALENDARS))
def test_every_sample_calendar_comes_in(name: str, record: CareRecord, ann: Person) -> None:
    added, attendees, skipped = CALENDARS[name]
    plan = _bring(record, "ics", name)
    assert plan.counts()["added"].get("appointment", 0) == added
    assert plan.counts()["added"].get("contact", 0) == attendees
    assert len(plan.skipped) == skipped
    assert record.counts()["appointment"] == added


def test_every_sample_is_covered() -> None:
    assert {p.name for p in (SAMPLES / "ics").glob("*.ics")} == set(CALENDARS)
    assert {p.name for p in (SAMPLES / "vcf").glob("*.vcf")} == set(CARDS) | {BROKEN_CARDS}
    assert {p.name for p in (SAMPLES / "fhir").glob("*.json")} == set(HEALTH)


def test_spanish_calendar_times_are_uk_time(record: CareRecord, ann: Person) -> None:
    _bring(record, "ics", "apple_ical2_spanish_non_ascii_53_events.ics")
    (match,) = _visits(record, ann)["Athletic Bilbao - Barça"]
    assert match.starts_at == datetime(2006, 10, 1, 16, 0)  # 17:00 in Madrid
    assert match.duration_minutes == 105


def test_windows_zone_names_and_the_broken_start(record: CareRecord, ann: Person) -> None:
    plan = _bring(record, "ics", "exchange2010_windows_tz_names_exdate.ics")
    (skipped,) = plan.skipped
    assert skipped.why == "its start time could not be read" and "line 145" in skipped.where
    (test,) = _visits(record, ann)["test"]
    assert test.starts_at == datetime(2020, 9, 10, 8, 0)  # 09:00 W. Europe, summer time
    (weekly,) = _visits(record, ann)["Not the actual summary either"]
    assert "FREQ=WEEKLY" in weekly.rrule and "2020-07-21T" in weekly.skips


def test_google_series_skips_left_out_and_moved_dates(record: CareRecord, ann: Person) -> None:
    _bring(record, "ics", "google_exdate_list_recurrence_id_no_vtimezone.ics")
    visits = _visits(record, ann)
    (series,) = next(v for k, v in visits.items() if k.startswith("Recurring weekly"))
    assert series.starts_at == datetime(2017, 6, 1, 15, 0)  # 09:00 US/Central
    sittings = appts.expand(series, datetime(2017, 6, 1), datetime(2017, 9, 1))
    days = [s.date() for s in sittings]
    assert date(2017, 6, 8) in days
    assert date(2017, 7, 6) not in days and date(2017, 7, 13) not in days  # EXDATE
    assert date(2017, 6, 29) not in days  # moved to 3 July by a RECURRENCE-ID
    (moved,) = next(v for k, v in visits.items() if k.startswith("Last meeting in June"))
    assert moved.starts_at == datetime(2017, 7, 3, 15, 0) and not moved.rrule


def test_all_day_and_cancelled_events(record: CareRecord, ann: Person) -> None:
    _bring(record, "ics", "outlook2007_tab_folding_allday_attendees.ics")
    (day,) = appts.appointments(record, ann)
    assert (day.starts_at, day.duration_minutes) == (datetime(2009, 6, 21), 24 * 60)
    _bring(record, "ics", "apple_macos_partstat_status_variants.ics")
    (cancelled,) = _visits(record, ann)["Cancelled"]
    assert cancelled.status == "cancelled"
    assert [c.email for c in appts.attendees(record, [cancelled.id])[cancelled.id]] == [
        "cancelled@example.com"
    ]


def test_attendees_are_matched_to_the_team_by_email(record: CareRecord, ann: Person) -> None:
    nurse = team.add_contact(record, ann, "Nurse Confirmed", email="Confirmed@example.com")
    plan = _bring(record, "ics", "apple_macos_partstat_status_variants.ics")
    assert plan.counts()["added"]["contact"] == 2
    (confirmed,) = _visits(record, ann)["Confirmed"]
    assert appts.attendees(record, [confirmed.id])[confirmed.id] == [nurse]


def test_exchange_all_day_moved_sitting(record: CareRecord, ann: Person) -> None:
    _bring(record, "ics", "exchange2010_allday_recurrence_moved_instance.ics")
    series = next(a for a in appts.appointments(record, ann) if a.rrule)
    assert series.skips == "2026-02-26T00:00:00"
    sittings = appts.expand(series, datetime(2026, 2, 19), datetime(2026, 3, 6))
    assert [s.date() for s in sittings] == [
        date(2026, 2, 19), date(2026, 2, 24), date(2026, 3, 3), date(2026, 3, 5)
    ]  # fmt: skip


# (file, contacts added, skipped)
CARDS = {
    "davdroid_40_rev_timestamp.vcf": (1, 0),
    "evolution_30_couchdb_x_props.vcf": (1, 0),
    "gmail_30_three_cards.vcf": (3, 0),
    "gmail_30_xablabel_custom_types.vcf": (1, 0),
    "iphone_ios5_30_item_groups_photo.vcf": (1, 0),
    "outlook2007_21_qp_note_key_photo.vcf": (1, 0),
    "thunderbird_cardbook_40_two_cards_umlauts.vcf": (2, 0),
    "ukrainian_21_utf8_bom_cyrillic.vcf": (1, 0),
}
BROKEN_CARDS = "android_21_quoted_printable_utf8_6_cards.vcf"


@pytest.mark.parametrize("name", sorted(CARDS))
def test_every_sample_address_book_comes_in(name: str, record: CareRecord, ann: Person) -> None:
    added, skipped = CARDS[name]
    plan = _bring(record, "vcf", name)
    assert plan.counts()["added"] == {"contact": added}
    assert len(plan.skipped) == skipped
    assert len(team.contacts(record, ann)) == added


def test_card_phones_notes_and_addresses(record: CareRecord, ann: Person) -> None:
    _bring(record, "vcf", "outlook2007_21_qp_note_key_photo.vcf")
    (mike,) = team.contacts(record, ann)
    assert mike.phone == "(111) 555-1111"  # the work number, as he has an organisation
    assert "Mobile: (111) 555-4444" in mike.notes and "Fax: (111) 555-3333" in mike.notes
    assert mike.notes.startswith("This is the NOTE field\nI assume it encodes")
    assert mike.organisation == "TheCompany, TheDepartment" and mike.role == "TheJobTitle"
    assert "222 Broadway" in mike.address and mike.sector == "other"


def test_iphone_and_umlauts_and_cyrillic(record: CareRecord, ann: Person) -> None:
    _bring(record, "vcf", "iphone_ios5_30_item_groups_photo.vcf")
    _bring(record, "vcf", "thunderbird_cardbook_40_two_cards_umlauts.vcf")
    _bring(record, "vcf", "ukrainian_21_utf8_bom_cyrillic.vcf")
    by_name = {c.name: c for c in team.contacts(record, ann)}
    assert by_name["Mr. John Richter James Doe Sr."].phone == "905-555-1234"
    assert by_name["Möhrke Gerda"].organisation == "KiTa Öhrdingen"
    assert "Віталій Володи́мирович Кличко́" in by_name


def test_android_card_with_a_broken_encoding_is_refused(record: CareRecord, ann: Person) -> None:
    with pytest.raises(BadFile, match=r"line 82: ORG is wrongly encoded"):
        import_file(record, SAMPLES / "vcf" / BROKEN_CARDS)
    assert team.contacts(record, ann) == []


# (file, {kind: added}, skipped)
HEALTH = {
    "epic_ips_section_emptyreason.json": ({"person": 1, "contact": 1, "condition": 5}, 1),
    "eu_ips_medication_atc_ema.json": (
        {"person": 1, "contact": 1, "medication": 3, "condition": 3, "allergy": 1}, 0
    ),
    "hl7_ips_bundle_minimal.json": (
        {"person": 1, "contact": 2, "medication": 1, "condition": 1, "allergy": 1}, 0
    ),
    "meditech_ips_searchset_bundle.json": (
        {"person": 1, "contact": 4, "medication": 5, "condition": 6, "allergy": 2}, 3
    ),
    "nhsx_uk_ips_nhs_number_dmd.json": (
        {"person": 1, "contact": 2, "medication": 2, "condition": 4, "allergy": 1}, 3
    ),
    "synthea_r4_transaction_bundle.json": (
        {"person": 1, "contact": 2, "medication": 1, "condition": 2}, 7
    ),
    "ukps_single_allergyintolerance.json": ({"allergy": 1}, 0),
    "ukps_single_medicationstatement.json": ({"medication": 1}, 0),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(HEALTH))
def test_every_sample_health_record_comes_in(name: str, record: CareRecord) -> None:
    added, skipped = HEALTH[name]
    if "person" not in added:
        add_person(record, "Ann Example")
    plan = _bring(record, "fhir", name)
    assert plan.counts()["added"] == added
    assert len(plan.skipped) == skipped


def test_uk_summary_brings_the_patient_and_medicines(record: CareRecord) -> None:
    _bring(record, "fhir", "nhsx_uk_ips_nhs_number_dmd.json")
    (horace,) = people(record)
    assert (horace.name, horace.date_of_birth) == ("Horace SKELLY", date(1925, 4, 21))
    medicines = {m.name: m for m in health.medications(record, horace)}
    assert medicines["Sertraline 100mg tablets"].dose == "1 tablet once a day"
    (sesame,) = health.allergies(record, horace)
    assert (sesame.substance, sesame.severity) == ("Sesame oil (substance)", "severe")
    surgery = next(c for c in team.contacts(record, horace) if c.name == "COXWOLD SURGERY")
    assert surgery.phone == "12345678" and surgery.sector == "health"
    assert surgery.source_file == "nhsx_uk_ips_nhs_number_dmd.json"
    assert surgery.source_id.startswith("https://fhir.nhs.uk/Id/ods-organization-code|")


def test_a_record_about_someone_else_asks_whose(record: CareRecord, ann: Person) -> None:
    from mycare.care.errors import CareError

    with pytest.raises(CareError, match="about Martha DeLarosa.*--person"):
        import_file(record, SAMPLES / "fhir" / "hl7_ips_bundle_minimal.json")
    import_file(record, SAMPLES / "fhir" / "hl7_ips_bundle_minimal.json", "Ann")
    with record.reading() as session:
        assert [p.name for p in session.exec(select(Person))] == ["Ann Example"]
    assert people(record)[0].date_of_birth == date(1972, 5, 1)  # --person said whose
    assert health.conditions(record, ann)[0].name == "Menopausal flushing (finding)"
