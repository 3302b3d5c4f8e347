"""What goes into a summary: the right records, and only the sections picked."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from mycare.care import team
from mycare.care.errors import CareError, NotFound
from mycare.export import build_summary
from mycare.export.layout import layout
from mycare.export.summary import DEFAULT_SECTIONS


def _summary(store, **options):
    return build_summary(store.record, store.person, **options)


def test_everything_by_default(demo) -> None:
    s = _summary(demo, for_appointment=demo.appointment.id, prepared_by="Ngozi")
    assert s.sections == DEFAULT_SECTIONS
    assert s.coordination is None, "how joined-up care feels goes in only when ticked"
    assert s.about and s.about.date_of_birth == date(1948, 3, 14)
    assert s.team and s.team.lead.name == "Tom Brennan"
    assert s.team.first_contact.name == "Helen Marsh"
    assert {c.name for _, cs in s.team.by_sector for c in cs}.isdisjoint(
        {"Tom Brennan", "Helen Marsh"}
    )
    assert [sector for sector, _ in s.team.by_sector] == [
        "health",
        "social care",
        "voluntary & community",
        "family & friends",
    ]
    assert s.health and "Ramipril" not in {m.name for m in s.health.medicines}  # stopped
    assert s.health.allergy_status == "" and s.health.allergies[0].substance == "Penicillin"
    assert s.goals and len(s.goals) == 3
    assert s.appointment and s.appointment.purpose == "Six-monthly GP review"
    assert "What did the blood tests show about my kidneys?" in s.appointment.questions
    assert s.appointment.preparation.startswith("Blood results")
    assert s.prepared_by == "Ngozi"


def test_recent_defaults_to_the_last_appointment_attended(demo) -> None:
    recent = _summary(demo).recent
    assert recent is not None
    assert recent.since == date(2026, 11, 13) and recent.since_reason == "my last appointment"
    first = recent.visits[0]
    assert first.purpose == "Blood tests before the GP review" and "Bloods taken" in first.outcome
    assert all(v.starts_at.date() >= recent.since for v in recent.visits)
    assert any(s.overdue for s in recent.steps_open)
    assert recent.diary_count == len(recent.diary) == 2 and recent.feelings


def test_recent_since_a_chosen_date(demo) -> None:
    recent = _summary(demo, since=date(2026, 5, 1)).recent
    assert recent.since_reason == "the date I chose"
    assert any("antibiotics" in s.what for s in recent.steps_done)
    assert recent.diary_count > len(recent.diary) == 6
    feelings = [e.feeling for e in recent.diary]
    assert min(recent.feelings) in feelings and max(recent.feelings) in feelings


def test_the_other_person_in_the_store(demo) -> None:
    from mycare.care import people

    des = people.find_person(demo.record, "Desmond")
    s = build_summary(demo.record, des)
    assert s.health.allergy_status == "None known" and not s.health.allergies
    assert s.team.lead.name == "Dr Priya Raman" == team.lead(demo.record, des).name


def test_left_out_sections_are_none(demo) -> None:
    s = _summary(demo, sections={"health"}, for_appointment=demo.appointment.id)
    assert s.sections == ("health",)
    assert s.about is s.team is s.recent is s.goals is s.appointment is s.calendar is None
    assert [p.key for p in layout(s).parts] == ["first"]


def test_calendar_needs_appointments_and_preparation_needs_its_section(demo) -> None:
    s = _summary(demo, sections={"recent"})
    assert s.calendar and all(not v.preparation and not v.questions for v in s.calendar)
    assert _summary(demo, sections={"appointment"}).calendar[0].preparation is not None


def test_bad_choices_say_what_to_do(demo) -> None:
    with pytest.raises(CareError, match="choose from: about, team"):
        _summary(demo, sections={"medicines"})
    with pytest.raises(NotFound, match="not in Margaret"):
        _summary(demo, for_appointment=uuid.uuid4())


def test_nothing_recorded(lonely) -> None:
    s = _summary(lonely)
    assert s.health.allergy_status == "Not recorded"
    assert s.team.lead is None and not s.team.everyone
    assert s.recent.since_reason == "the last three months" and not s.recent.visits
    assert s.goals == [] and s.calendar == [] and s.appointment is None
