"""The demo store: what a person trying the app would notice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from mycare.care import appointments, coordination, diary, goals, people, questions, steps, team
from mycare.care.demo import fill_demo
from mycare.care.errors import CareError
from mycare.care.record import CareRecord
from mycare.store import Person
from mycare.vault import TEST_KDF

TODAY = date(2026, 11, 22)  # a Sunday
MIDNIGHT = datetime.combine(TODAY, time())


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[tuple[CareRecord, Person]]:
    record = CareRecord.create(tmp_path / "demo.mycare", "pw", kdf=TEST_KDF)
    peggy = fill_demo(record, TODAY)
    yield record, peggy
    record.close()


def _fingerprint(record: CareRecord) -> list[object]:
    """What a person would see, independent of record ids."""
    seen: list[object] = []
    for person in people.people(record):
        seen.append(person.name)
        seen += [(c.name, c.role, c.phone) for c in team.contacts(record, person)]
        seen += [
            (a.starts_at, a.purpose, a.status) for a in appointments.appointments(record, person)
        ]
        seen += [(e.written_at, e.text, e.feeling) for e in diary.entries(record, person)]
        seen += [(q.text, q.status) for q in questions.questions(record, person)]
        seen += [
            (s.what, s.due_on, s.status) for s in steps.steps(record, person, include_done=True)
        ]
        seen += [[c.score for c in g.check_ins] for g in goals.goals(record, person)]
    return seen


def test_mum_and_dad_are_both_there(filled: tuple[CareRecord, Person]) -> None:
    record, peggy = filled
    assert [p.name for p in people.people(record)] == ["Desmond Okafor", "Margaret (Peggy) Okafor"]
    assert peggy.plan_reviewed_on < TODAY < peggy.plan_review_due <= TODAY + timedelta(days=90)
    assert "face me" in peggy.communication_needs
    desmond = people.find_person(record, "Desmond")
    assert len(team.contacts(record, desmond)) == 2
    assert len(appointments.appointments(record, desmond)) == 3


def test_team_has_a_lead_with_history_and_a_first_contact(
    filled: tuple[CareRecord, Person],
) -> None:
    record, peggy = filled
    contacts = team.contacts(record, peggy)
    assert len(contacts) == 10
    assert {c.sector for c in contacts} == set(team.SECTORS) - {"other"}
    assert team.lead(record, peggy).role == "Heart failure specialist nurse"
    assert team.first_contact(record, peggy).role == "Practice nurse"
    history = team.role_history(record, peggy, team.LEAD)
    assert [spell.contact.role for spell in history] == ["GP", "Heart failure specialist nurse"]
    assert history[0].ended_at is not None and history[1].ended_at is None
    for contact in contacts:
        assert contact.phone.startswith(("01632 960", "07700 900"))
        assert contact.email.endswith(("@example.org", "@example.com"))


def test_the_coming_fortnight_is_busy(filled: tuple[CareRecord, Person]) -> None:
    record, peggy = filled
    fortnight = appointments.occurrences(record, peggy, MIDNIGHT, MIDNIGHT + timedelta(days=14))
    assert len(fortnight) >= 3
    assert fortnight[0].starts_at < MIDNIGHT + timedelta(days=2)
    assert all(o.appointment.status == "planned" for o in fortnight)
    assert any(o.appointment.rrule for o in fortnight)


def test_a_year_of_appointments_in_working_hours(filled: tuple[CareRecord, Person]) -> None:
    record, peggy = filled
    year = appointments.occurrences(
        record, peggy, MIDNIGHT - timedelta(days=300), MIDNIGHT + timedelta(days=100),
        include_cancelled=True,
    )  # fmt: skip
    assert year[0].starts_at < MIDNIGHT - timedelta(days=240)
    assert year[-1].starts_at > MIDNIGHT + timedelta(days=60)
    for sitting in year:
        assert sitting.starts_at.minute in (0, 30)
        assert sitting.starts_at.hour >= 8 and sitting.ends_at.hour < 18
    statuses = [a.status for a in appointments.appointments(record, peggy)]
    assert statuses.count("cancelled") == 1 and statuses.count("missed") == 1
    past = [a for a in appointments.appointments(record, peggy) if a.starts_at < MIDNIGHT]
    assert all(a.outcome for a in past if a.status != "planned")


def test_overdue_steps_and_open_questions_for_the_next_visit(
    filled: tuple[CareRecord, Person],
) -> None:
    record, peggy = filled
    open_steps = steps.steps(record, peggy)
    assert sum(steps.is_overdue(s, TODAY) for s in open_steps) == 2
    assert any(s.due_on is None for s in open_steps)
    assert len(steps.steps(record, peggy, include_done=True)) > len(open_steps) + 5
    next_visit = appointments.occurrences(record, peggy, MIDNIGHT, MIDNIGHT + timedelta(days=14))[
        0
    ].appointment
    to_ask = questions.questions(record, peggy, status="open", appointment_id=next_visit.id)
    assert len(to_ask) >= 2
    answered = questions.questions(record, peggy, status="answered")
    assert len(answered) >= 5 and all(q.answer for q in answered)


def test_goals_are_going_somewhere(filled: tuple[CareRecord, Person]) -> None:
    record, peggy = filled
    found = goals.goals(record, peggy)
    assert len(found) == 3
    for goal in found:
        assert goal.progress is not None and goal.progress > goal.check_ins[0].score
        assert 0 < goal.steps_done < len(goal.steps)
        assert all(c.checked_on < TODAY for c in goal.check_ins)


def test_diary_covers_the_year(filled: tuple[CareRecord, Person]) -> None:
    record, peggy = filled
    lines = diary.entries(record, peggy)
    assert 100 <= len(lines) <= 140
    assert lines[-1].written_at < MIDNIGHT - timedelta(days=300)
    assert all(e.written_at < MIDNIGHT and 0 <= e.feeling <= 10 for e in lines)
    assert len({e.text for e in lines}) > 60


def test_same_seed_same_demo_and_it_is_quick(tmp_path: Path) -> None:
    seen = []
    for name in ("a", "b"):
        with CareRecord.create(tmp_path / name, "pw", kdf=TEST_KDF) as record:
            writes: list[bytes] = []
            real_save = record.vault.save

            def counted(image: bytes, writes=writes, real_save=real_save) -> None:
                writes.append(image)
                real_save(image)

            record.vault.save = counted  # type: ignore[method-assign]
            fill_demo(record, TODAY, seed=3)
            assert len(writes) == 1  # quick because the whole year is one save, not hundreds
            seen.append(_fingerprint(record))
    assert seen[0] == seen[1]
    with CareRecord.create(tmp_path / "c", "pw", kdf=TEST_KDF) as record:
        fill_demo(record, TODAY, seed=4)
        assert _fingerprint(record) != seen[0]


def test_survives_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "demo.mycare"
    with CareRecord.create(path, "pw", kdf=TEST_KDF) as record:
        fill_demo(record, TODAY)
        assert record.after_commit == record.save and not record.unsaved
        before = _fingerprint(record)
    with CareRecord.open(path, "pw") as record:
        assert _fingerprint(record) == before


def test_refuses_a_store_that_already_has_people(filled: tuple[CareRecord, Person]) -> None:
    record, _ = filled
    with pytest.raises(CareError):
        fill_demo(record, TODAY)


def test_a_year_of_coordination_check_ins_shows_a_trend(filled: tuple[CareRecord, Person]) -> None:
    record, peggy = filled
    mine = coordination.picture(record, peggy, "person", TODAY)
    assert len(mine.check_ins) == 12
    days = [v.check.checked_on for v in mine.check_ins]
    assert days[0] > TODAY - timedelta(days=365) and days[-1] >= TODAY - timedelta(days=30)
    assert {v.check.answered_by for v in mine.check_ins} == {"me", "carer for them"}
    trends = {t.theme.key: t for t in mine.trends}
    assert trends["in_charge"].direction == "better"
    assert len(trends["in_charge"].points) == 12
    assert mine.weakest is not None and mine.weakest.theme.key == "story_once"
    assert any("next steps are past their dates" in said for said in mine.contradictions)
    carer = coordination.picture(record, peggy, "carer", TODAY)
    assert len(carer.check_ins) == 4
    assert not coordination.offer_on_home(record, peggy, TODAY), "a check-in was days ago"
