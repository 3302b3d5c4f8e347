"""A believable, entirely fictional care record to try the app with.

Everyone is made up; phone numbers are in Ofcom's drama ranges, emails at example.org/.com.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from mycare.store import Appointment, Contact, Person

from . import (
    appointments,
    coordination,
    diary,
    goals,
    health,
    people,
    questions,
    steps,
    team,
    vocab,
)
from .coordination_themes import AnsweredBy
from .demo_story import (
    ASKED,
    CARER_COORDINATION,
    CHECK_IN_NOTES,
    COMING,
    COORDINATION,
    COORDINATION_NOTES,
    COORDINATION_WOBBLE,
    DIARY_EXTRA,
    DIARY_GARDEN,
    DIARY_HIGH,
    DIARY_LOW,
    DIARY_MID,
    GOALS,
    HOME,
    MEDICINES,
    NOTES,
    PAST,
    STEPS,
    SURGERY,
    TEAM,
    TO_ASK,
)
from .errors import CareError
from .record import CareRecord


@dataclass
class _Filler:
    """What every step of filling needs: the record, the day, the dice and the team."""

    record: CareRecord
    today: date
    rng: random.Random
    team: dict[str, Contact] = field(default_factory=dict)

    def day(self, offset: int, workday: bool = False) -> date:
        """The day offset days from today; a workday is moved off a weekend, away from today."""
        day = self.today + timedelta(days=offset)
        while workday and day.weekday() >= 5:
            day += timedelta(days=1 if offset > 0 else -1)
        return day

    def visit(
        self, person: Person, offset: int, hhmm: str, who: str, workday: bool = True, **fields: Any
    ) -> Appointment:
        """An appointment at hh:mm with the team members named in who."""
        hour, minute = (int(part) for part in hhmm.split(":"))
        starts = datetime.combine(self.day(offset, workday), time(hour, minute))
        contacts = [self.team[key] for key in who.split()]
        return appointments.add_appointment(self.record, person, starts, with_contacts=contacts,
                                            **fields)  # fmt: skip

    def contact(self, person: Person, key: str) -> Contact:
        """Add the TEAM member called key to the person's care team."""
        name, role, org, sector, phone, email = TEAM[key]
        email = email if "@" in email else f"{email}@example.org"
        self.team[key] = team.add_contact(self.record, person, name, role=role, organisation=org,
                                          sector=sector, phone=phone, email=email,
                                          notes=NOTES.get(key, ""))  # fmt: skip
        return self.team[key]


def fill_demo(record: CareRecord, today: date, seed: int = 7) -> Person:
    """Fill an empty store with Peggy Okafor's year of care (and her husband's); return her."""
    if people.people(record):
        raise CareError("The demo only goes into an empty store; this one already has people.")
    record.after_commit = lambda: None
    try:
        peggy = _fill_peggy(_Filler(record, today, random.Random(seed)))
        _fill_desmond(_Filler(record, today, random.Random(seed)))
    finally:
        record.after_commit = record.save
    record.save()
    return peggy


def _fill_peggy(f: _Filler) -> Person:
    """Peggy: her team, a year of appointments, questions, steps, goals, health and diary."""
    peggy = people.add_person(
        f.record, "Margaret (Peggy) Okafor", date_of_birth=date(1948, 3, 14),
        nhs_number="999 000 1006", gp_practice="Elm Tree Surgery",
        important_people="Ngozi, my daughter, who cares for me; my husband Des.",
        please_do="Speak to me, not only to Ngozi.", please_dont="Rush me on the stairs.",
        written_with="Ngozi", written_on=f.day(-20),
        what_matters="Staying in my own home for as long as I can.\nMy garden, especially the "
        "roses.\nSeeing my grandchildren, Chidi and Ada, every week.\nSinging with the St "
        "Barnabas church choir again.",
        communication_needs="I am hard of hearing in my left ear: please face me when you "
        "speak.\nPlease send letters in large print.\nI need rooms on the ground floor or "
        "with a lift; I walk with a stick.",
        care_plan="Heart failure: weigh every morning; ring the heart failure nurses if my "
        "weight goes up 2 kg in 3 days or I am more breathless.\nDiabetes: checks every six "
        "months, eyes and feet once a year.\nAt home: district nurse weekly; grab rails and "
        "pendant alarm; Ngozi helps with shopping, prescriptions and lifts.",
        plan_reviewed_on=f.day(-300), plan_review_due=f.day(60),
    )  # fmt: skip
    for key in TEAM:
        f.contact(peggy, key)
    team.set_lead(f.record, peggy, f.team["gp"])
    team.set_lead(f.record, peggy, f.team["hfn"])
    team.set_first_contact(f.record, peggy, f.team["pn"])

    past: list[Appointment] = []
    coming: list[Appointment] = []
    for days, hhmm, minutes, purpose, where, who, status, outcome in PAST:
        visit = f.visit(peggy, days, hhmm, who, duration_minutes=minutes, purpose=purpose,
                        location=where)  # fmt: skip
        said = vocab.one_of(vocab.APPOINTMENT_STATUSES, status)
        past.append(appointments.record_outcome(f.record, visit.id, outcome, status=said))
    for days, hhmm, minutes, purpose, where, who, prep in COMING:
        coming.append(f.visit(peggy, days, hhmm, who, duration_minutes=minutes,
                              purpose=purpose, location=where, preparation=prep))  # fmt: skip
    weekly = appointments.repeat_rule("weekly", times=20)
    f.visit(peggy, -54, "14:00", "dn", purpose="District nurse: legs, skin and weight check",
            location=HOME, preparation="Have the weight diary out.", rrule=weekly,
            workday=False)  # fmt: skip
    first_befriending = -250 - max(0, f.day(-250).day - 28)  # a day every month has
    monthly = appointments.repeat_rule("monthly", times=12)
    f.visit(peggy, first_befriending, "14:00", "friend", duration_minutes=60,
            purpose="Befriending visit from Beryl", location=HOME, rrule=monthly,
            workday=False)  # fmt: skip

    for visit_no, text, reply in ASKED:
        visit = past[visit_no]
        asked = questions.add_question(f.record, peggy, text, appointment_id=visit.id)
        if reply == "?":
            questions.mark_asked(f.record, asked.id, on=visit.starts_at.date())
        else:
            questions.answer(f.record, asked.id, reply, on=visit.starts_at.date())
    for visit_no, text in TO_ASK:
        questions.add_question(f.record, peggy, text, appointment_id=coming[visit_no].id)
    questions.add_question(
        f.record, peggy, "Can the council help with the cost of the grab rails?",
        contact_id=f.team["sw"].id,
    )  # fmt: skip

    for past_no, what, who, due, done in STEPS:
        contact = None if who in ("me", "carer") else f.team[who]
        step = steps.add_step(
            f.record, peggy, what, who="me" if contact else who,
            contact_id=contact.id if contact else None,
            due_on=None if due is None else f.day(due),
            appointment_id=past[past_no].id if past_no is not None else None,
        )  # fmt: skip
        if done is not None:
            done_at = datetime.combine(f.day(done), time(17, 0), tzinfo=UTC)
            steps.mark_done(f.record, step.id, done_at)

    _add_goals(f, peggy)
    _add_health(f, peggy)
    _add_diary(f, peggy)
    _add_coordination(f, peggy)
    return peggy


def _add_goals(f: _Filler, person: Person) -> None:
    """Goals with some steps ticked and monthly check-ins that trend upward."""
    for matters, text, began, target, goal_steps, (low, high) in GOALS:
        texts = [s.lstrip("+") for s in goal_steps]
        goal = goals.add_goal(f.record, person, text, what_matters=matters,
                              target_on=f.day(target), steps=texts)  # fmt: skip
        stored = goals.goal_steps(f.record, goal.id)
        for step, wanted in zip(stored, goal_steps, strict=True):
            if wanted.startswith("+"):
                goals.tick_step(f.record, step.id)
        days = range(began + 14, 0, 30)
        last: int | None = None
        for i, offset in enumerate(days):
            trend = low + (high - low) * i / max(1, len(days) - 1)
            score = max(0, min(10, round(trend) + f.rng.choice((-1, 0, 0, 1))))
            change = None if last is None else (score > last) - (score < last)
            note = CHECK_IN_NOTES[change]
            goals.add_check_in(f.record, goal.id, score, note=note, on=f.day(offset))
            last = score


def _add_health(f: _Filler, person: Person) -> None:
    """Medicines (one stopped), conditions (one resolved) and a penicillin allergy."""
    for name, dose, how, reason, who, started, *stopped in MEDICINES:
        medicine = health.add_medication(
            f.record, person, name, dose=dose, how_taken=how, reason=reason,
            prescriber=f.team[who].name, started_on=f.day(started),
        )  # fmt: skip
        if stopped:
            health.stop_medication(f.record, medicine.id, on=f.day(stopped[0]))
    for name, since, status, notes in [
        ("Heart failure", f.day(-320), "active", "Heart pumps weakly; found in a hospital stay."),
        ("Type 2 diabetes", date(2014, 5, 1), "active", "Tablets only, no insulin."),
        ("Atrial fibrillation", date(2019, 9, 1), "active", "Irregular heartbeat; on apixaban."),
        ("Osteoarthritis of the right knee", date(2016, 1, 1), "active", ""),
        ("Chest infection", f.day(-200), "resolved", "Treated with doxycycline; cleared up."),
    ]:
        health.add_condition(f.record, person, name, since=since, status=status, notes=notes)
    health.add_allergy(f.record, person, "Penicillin", reaction="Itchy rash all over",
                       severity="moderate")  # fmt: skip


def _add_diary(f: _Filler, person: Person) -> None:
    """About 120 evening lines over the year; the words follow how the day felt."""
    for offset in sorted({1, 3} | set(f.rng.sample(range(4, 366), 118)), reverse=True):
        day = f.day(-offset)
        feeling = round(4 + 3 * (365 - offset) / 365) + f.rng.choice((-2, -1, 0, 0, 1, 2))
        if 185 <= offset <= 205:  # the chest infection
            feeling -= 3
        feeling = max(0, min(10, feeling))
        if feeling <= 3:
            pool = DIARY_LOW
        elif feeling <= 6:
            pool = DIARY_MID
        else:
            pool = DIARY_HIGH + (DIARY_GARDEN if 4 <= day.month <= 9 else [])
        words = [f.rng.choice(pool), f.rng.choice(DIARY_EXTRA)]
        if f.rng.random() < 0.3:
            words.append(f"Weight {f.rng.randint(700, 716) / 10:.1f} kg.")
        hhmm = f.rng.choice((19, 20, 21)), f.rng.choice((0, 30))
        diary.add_entry(f.record, person, " ".join(w for w in words if w), feeling=feeling,
                        written_at=datetime.combine(day, time(*hhmm)))  # fmt: skip


def _add_coordination(f: _Filler, person: Person) -> None:
    """A check-in every month for a year, mostly Peggy's own, some by Ngozi on her behalf;
    and every three months Ngozi's own experience as her carer."""
    months = len(COORDINATION_WOBBLE)
    for n, wobble in enumerate(COORDINATION_WOBBLE):
        answers = []
        for key, (first, last) in COORDINATION.items():
            rating = round(first + (last - first) * n / (months - 1))
            if 0 < n < months - 1:
                rating = max(1, min(5, rating + wobble))
            answers.append(coordination.Answer(key, rating, COORDINATION_NOTES.get((n, key), "")))
        by: AnsweredBy = "carer for them" if n in (2, 7) else "me"
        on = f.day(-5 - 30 * (months - 1 - n))
        coordination.add_check_in(f.record, person, answers, answered_by=by, on=on)
        if n % 3 == 2:
            own = [
                coordination.Answer(key, round(a + (b - a) * n / (months - 1)))
                for key, (a, b) in CARER_COORDINATION.items()
            ]
            coordination.add_check_in(f.record, person, own, answered_by="carer themself", on=on)


def _fill_desmond(f: _Filler) -> Person:
    """Peggy's husband: a small record so the store shows a carer looking after both."""
    des = people.add_person(
        f.record, "Desmond Okafor", date_of_birth=date(1945, 9, 30),
        what_matters="Looking after Peggy.\nMy allotment.\nThe Saturday football on the radio.",
        communication_needs="Wears hearing aids in both ears: check they are switched on.",
        care_plan="COPD: inhalers every day; rescue pack at home; review every year.",
        plan_reviewed_on=f.day(-75), plan_review_due=f.day(290),
    )  # fmt: skip
    team.set_lead(f.record, des, f.contact(des, "gp"))
    team.set_first_contact(f.record, des, f.contact(des, "carer"))
    review = f.visit(des, -75, "11:30", "gp", purpose="COPD annual review", location=SURGERY)
    appointments.record_outcome(f.record, review.id, "Breathing test steady; inhalers checked.")
    f.visit(des, 6, "09:30", "", duration_minutes=10, purpose="Flu jab", location=SURGERY)
    f.visit(des, 20, "14:00", "carer", purpose="Hearing aid check",
            location="Audiology, St Anne's Hospital",
            preparation="Bring both hearing aids and spare batteries.")  # fmt: skip
    for name, dose, how in [
        ("Tiotropium inhaler", "2.5 micrograms", "Two puffs once a day"),
        ("Salbutamol inhaler", "100 micrograms", "One or two puffs when breathless"),
    ]:
        health.add_medication(f.record, des, name, dose=dose, how_taken=how, reason="COPD",
                              prescriber="Dr Priya Raman", started_on=date(2017, 4, 1))  # fmt: skip
    health.add_condition(f.record, des, "COPD", since=date(2017, 3, 1), notes="Ex-smoker.")
    health.set_no_known_allergies(f.record, des)
    return des
