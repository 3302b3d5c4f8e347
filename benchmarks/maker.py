"""The records of the heavy store, made from one seeded random generator.

Every id and timestamp comes from the generator or from BASE; nothing reads the clock.
Records are returned in batches whose foreign keys point only at earlier batches.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from typing import Any

import phrases as w

from mycare.store import (
    Allergy,
    Appointment,
    AppointmentContact,
    CareRole,
    CheckIn,
    Condition,
    Contact,
    DiaryEntry,
    Goal,
    GoalStep,
    Medication,
    NextStep,
    Person,
    Question,
    Record,
)

BASE_DATE = date(2026, 11, 22)
BASE = datetime.combine(BASE_DATE, clock_time(10, 45))
DAYS = 3652  # ten years back from BASE_DATE
FULL = {"contacts": 150, "appointments": 3000, "questions": 5000, "steps": 5000,
        "goals": 200, "check_ins": 4000, "medicines": 300, "diary": 10000}  # fmt: skip
SHARE = (0.5, 0.33, 0.17)  # how most kinds of record fall between the three people


def _lower(role: str) -> str:
    """'Practice nurse' -> 'practice nurse', but 'GP' stays 'GP'."""
    return role if role.split()[0].isupper() else role[0].lower() + role[1:]


class Maker:
    """The dice, the counts and the records made so far."""

    def __init__(self, seed: int, scale: float) -> None:
        self.rng = random.Random(seed)
        self.n = {kind: max(3, round(count * scale)) for kind, count in FULL.items()}
        self.people: list[Person] = []
        self.team: dict[uuid.UUID, list[tuple[Contact, str]]] = {}
        self.visits: dict[uuid.UUID, list[Appointment]] = {}
        self.links: list[Record] = []

    def meta(self, when: datetime, deleted: float = 0.0) -> dict[str, Any]:
        """Id and bookkeeping times for a record made at `when` (local, naive)."""
        made = min(when, BASE).replace(tzinfo=UTC)
        gone = made + timedelta(days=1) if self.rng.random() < deleted else None
        uid = uuid.UUID(int=self.rng.getrandbits(128), version=4)
        return {"id": uid, "created_at": made, "updated_at": made, "deleted_at": gone}

    def day(self, low: int = -DAYS, high: int = 0) -> date:
        return BASE_DATE + timedelta(days=self.rng.randint(low, high))

    def split(self, kind: str) -> list[tuple[Person, int]]:
        total = self.n[kind]
        counts = [round(total * share) for share in SHARE[:-1]]
        return list(zip(self.people, [*counts, total - sum(counts)], strict=True))

    def at(self, day: date, hour: int = 9) -> datetime:
        return datetime.combine(day, clock_time(hour, 0))

    def utc(self, day: date, hour: int = 9) -> datetime:
        return datetime.combine(day, clock_time(hour, 0), tzinfo=UTC)

    # -- the records, in an order the foreign keys accept ---------------------------
    def batches(self) -> Iterator[list[Record]]:
        yield self.make_people()
        yield self.make_team()
        yield self.make_roles()
        yield self.make_appointments()
        yield self.links
        yield self.make_questions() + self.make_steps() + self.make_health()
        goals = self.make_goals()
        yield goals
        yield self.make_goal_progress(goals)
        yield self.make_diary()

    def make_people(self) -> list[Record]:
        for n, (name, born, matters, needs, plan) in enumerate(w.PEOPLE):
            self.people.append(Person(
                **self.meta(BASE - timedelta(days=DAYS + 30 - n)), name=name,
                date_of_birth=date(*born), what_matters=matters, communication_needs=needs,
                care_plan=plan, plan_reviewed_on=self.day(-340, -300),
                plan_review_due=self.day(10, 60 + 100 * n), no_known_allergies=n == 1,
            ))  # fmt: skip
        return list(self.people)

    def make_team(self) -> list[Record]:
        made: list[Record] = []
        for person, count in self.split("contacts"):
            team = self.team[person.id] = []
            for i in range(count):
                role, org, sector, where = w.ROLES[i % len(w.ROLES)]
                name = f"{self.rng.choice(w.FIRST)} {self.rng.choice(w.LAST)}"
                phone = f"01632 960{self.rng.randint(0, 999):03d}"
                email = f"{name.split()[0].lower()}.{i}@example.org"
                team.append((Contact(
                    **self.meta(self.at(self.day(-DAYS, -200)), deleted=0.1 if i > 20 else 0),
                    person_id=person.id, name=name, role=role, organisation=org,
                    sector=sector, phone=phone, email=email,
                ), where))  # fmt: skip
            made += [c for c, _ in team]
        return made

    def make_roles(self) -> list[Record]:
        made: list[Record] = []
        for person in self.people:
            team = self.team[person.id]
            current = [c for c, _ in team if c.deleted_at is None]
            for role in ("lead", "first_contact"):
                starts = sorted(self.day(-DAYS, -30) for _ in range(self.rng.randint(2, 5)))
                for k, began in enumerate(starts):
                    ended = self.utc(starts[k + 1]) if k + 1 < len(starts) else None
                    who = self.rng.choice(current if ended is None else [c for c, _ in team])
                    made.append(CareRole(**self.meta(self.at(began)), person_id=person.id,
                                         role=role, contact_id=who.id, started_at=self.utc(began),
                                         ended_at=ended))  # fmt: skip
        return made

    def make_appointments(self) -> list[Record]:
        made: list[Record] = []
        rng = self.rng
        for person, count in self.split("appointments"):
            visits = self.visits[person.id] = []
            for _ in range(count):
                contact, where = rng.choice(self.team[person.id])
                day = self.day(-DAYS, 90)
                rule = ""
                if rng.random() < 0.03:
                    every = rng.choice(("WEEKLY", "WEEKLY;INTERVAL=2", "MONTHLY"))
                    rule = f"FREQ={every};COUNT={rng.randint(4, 26)}"
                    day -= timedelta(days=max(0, day.day - 28))
                while day.weekday() >= 5 and not rule:
                    day += timedelta(days=1)
                starts = datetime.combine(day, clock_time(rng.randint(9, 16), rng.choice((0, 30))))
                past = starts < BASE
                status = "planned"
                if past and not rule:
                    status = rng.choices(("attended", "cancelled", "missed"), (88, 7, 5))[0]
                    if BASE - starts < timedelta(days=30) and rng.random() < 0.5:
                        status = "planned"  # no outcome written yet
                outcome = rng.choice(w.OUTCOMES) if status in ("attended", "cancelled") else ""
                visit = Appointment(
                    **self.meta(starts - timedelta(days=rng.randint(7, 60))), person_id=person.id,
                    starts_at=starts, duration_minutes=rng.choice((10, 15, 20, 30, 45, 60)),
                    purpose=f"{rng.choice(w.VISITS)} with {_lower(contact.role)}",
                    location=where, status=status, outcome=outcome, rrule=rule,
                    preparation="" if past else rng.choice(w.PREPARE),
                )  # fmt: skip
                visits.append(visit)
                made.append(visit)
                others = rng.sample(self.team[person.id], k=rng.choice((0, 0, 1)))
                for who, _ in [(contact, where), *others]:
                    link = {"appointment_id": visit.id, "contact_id": who.id}
                    made_at = visit.created_at.replace(tzinfo=None)
                    self.links.append(AppointmentContact(**self.meta(made_at), **link))
        return made

    def make_questions(self) -> list[Record]:
        made: list[Record] = []
        rng = self.rng
        for person, count in self.split("questions"):
            for _ in range(count):
                visit = rng.choice(self.visits[person.id]) if rng.random() < 0.85 else None
                if visit is not None:
                    when = visit.starts_at - timedelta(days=rng.randint(1, 14))
                    odds = (80, 19.5, 0.5) if visit.starts_at < BASE else (0, 0, 1)
                    asked_on = visit.starts_at.date()
                else:
                    when = self.at(self.day())
                    odds, asked_on = (70, 29, 1), when.date() + timedelta(days=rng.randint(1, 30))
                status = rng.choices(("answered", "asked", "open"), odds)[0]
                contact = rng.choice(self.team[person.id])[0] if visit is None else None
                made.append(Question(
                    **self.meta(when, deleted=0.01), person_id=person.id,
                    text=rng.choice(w.QUESTIONS), appointment_id=visit.id if visit else None,
                    contact_id=contact.id if contact else None, status=status,
                    answer=rng.choice(w.ANSWERS) if status == "answered" else "",
                    asked_on=None if status == "open" else min(asked_on, BASE_DATE),
                ))  # fmt: skip
        return made

    def make_steps(self) -> list[Record]:
        made: list[Record] = []
        rng = self.rng
        for person, count in self.split("steps"):
            for _ in range(count):
                visit = rng.choice(self.visits[person.id]) if rng.random() < 0.7 else None
                made_on = visit.starts_at.date() if visit else self.day()
                due = None if rng.random() < 0.15 else made_on + timedelta(rng.randint(3, 60))
                if due is None:
                    done = made_on < BASE_DATE - timedelta(60) and rng.random() < 0.97
                elif due < BASE_DATE - timedelta(14):
                    done = rng.random() < 0.995
                else:
                    done = due < BASE_DATE and rng.random() < 0.5
                who = rng.choices(("me", "carer", "contact"), (40, 25, 35))[0]
                contact = rng.choice(self.team[person.id])[0] if who == "contact" else None
                done_at = self.utc(min(due or made_on, BASE_DATE), 17)
                made.append(NextStep(
                    **self.meta(self.at(made_on), deleted=0.01), person_id=person.id,
                    what=rng.choice(w.STEPS), who=who, contact_id=contact.id if contact else None,
                    due_on=due, status="done" if done else "open",
                    appointment_id=visit.id if visit else None, done_at=done_at if done else None,
                ))  # fmt: skip
        return made

    def make_health(self) -> list[Record]:
        made: list[Record] = []
        rng = self.rng
        for person, count in self.split("medicines"):
            prescribers = [c.name for c, _ in self.team[person.id] if c.sector == "health"]
            for _ in range(count):
                name, dose, how, why = rng.choice(w.MEDICINE_NAMES)
                began = self.day()
                stopped = began + timedelta(rng.randint(7, 900)) if rng.random() < 0.9 else None
                made.append(Medication(
                    **self.meta(self.at(began)), person_id=person.id, name=name, dose=dose,
                    how_taken=how, reason=why, prescriber=rng.choice(prescribers),
                    started_on=began, stopped_on=stopped and min(stopped, BASE_DATE),
                ))  # fmt: skip
            for name in rng.sample(w.CONDITIONS, rng.randint(3, 6)):
                since = self.day()
                status = rng.choice(("active", "active", "resolved"))
                made.append(Condition(**self.meta(self.at(since)), person_id=person.id,
                                      name=name, since=since, status=status))  # fmt: skip
            allergies = 0 if person.no_known_allergies else rng.randint(1, 2)
            for substance, reaction, severity in w.ALLERGIES[:allergies]:
                made.append(Allergy(**self.meta(self.at(self.day())), person_id=person.id,
                                    substance=substance, reaction=reaction,
                                    severity=severity))  # fmt: skip
        return made

    def make_goals(self) -> list[Goal]:
        made: list[Goal] = []
        for person, count in self.split("goals"):
            for _ in range(count):
                matters, goal = self.rng.choice(w.GOALS)
                began = self.day(-DAYS, -30)
                recent = began > BASE_DATE - timedelta(365)
                odds = (70, 20, 10) if recent else (0, 60, 40)
                made.append(Goal(
                    **self.meta(self.at(began)), person_id=person.id, what_matters=matters,
                    goal=goal, target_on=began + timedelta(self.rng.randint(90, 360)),
                    status=self.rng.choices(("active", "achieved", "stopped"), odds)[0],
                ))  # fmt: skip
        return made

    def make_goal_progress(self, goals: list[Goal]) -> list[Record]:
        made: list[Record] = []
        rng = self.rng
        total = self.n["check_ins"]
        for g, goal in enumerate(goals):
            began = goal.created_at.replace(tzinfo=None)
            for i, text in enumerate(w.GOAL_STEPS[: rng.randint(3, 5)]):
                done = goal.status == "achieved" or rng.random() < 0.4
                made.append(
                    GoalStep(**self.meta(began), goal_id=goal.id, text=text, done=done, position=i)
                )
            count = total // len(goals) + (g < total % len(goals))
            end = min(BASE, datetime.combine(goal.target_on, clock_time(9)))  # type: ignore[arg-type]
            span = max(end - began, timedelta(days=count))
            low, high = rng.randint(1, 4), rng.randint(5, 9)
            last: int | None = None
            for i in range(count):
                score = max(0, min(10, low + (high - low) * i // max(1, count - 1)
                                   + rng.choice((-1, 0, 0, 1))))  # fmt: skip
                change = None if last is None else (score > last) - (score < last)
                when = min(BASE, began + span * (i + 1) / (count + 1))
                made.append(CheckIn(**self.meta(when), goal_id=goal.id, checked_on=when.date(),
                                    score=score, note=w.CHECK_IN_NOTES[change]))  # fmt: skip
                last = score
        return made

    def make_diary(self) -> list[Record]:
        made: list[Record] = []
        rng = self.rng
        person, count = self.people[0], self.n["diary"]
        feeling = 5
        for i in range(count):
            day = BASE_DATE - timedelta(days=DAYS * (count - i) // count)
            feeling = max(0, min(10, feeling + rng.choice((-2, -1, 0, 0, 1, 2)) + (feeling < 4)))
            pool = w.DIARY_LOW if feeling <= 3 else w.DIARY_MID if feeling <= 6 else w.DIARY_HIGH
            if feeling > 6 and 4 <= day.month <= 9:
                pool = pool + w.DIARY_GARDEN
            words = [rng.choice(pool), rng.choice(w.DIARY_EXTRA)]
            if rng.random() < 0.3:
                words.append(f"Weight {rng.randint(700, 716) / 10:.1f} kg.")
            written = datetime.combine(day, clock_time(rng.randint(7, 22), rng.choice((0, 30))))
            made.append(DiaryEntry(**self.meta(written, deleted=0.01), person_id=person.id,
                                   written_at=written, text=" ".join(x for x in words if x),
                                   feeling=feeling))  # fmt: skip
        return made
