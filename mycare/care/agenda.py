"""What is coming up: appointments, steps due or overdue, questions waiting, reviews."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from mycare.store import Appointment, Contact, NextStep, Person, Question

from . import appointments, clock, questions, steps, team
from .record import CareRecord

REVIEW_WARNING = timedelta(days=31)
OUTCOME_LOOKBACK = timedelta(days=30)


@dataclass
class Agenda:
    """The answer to "what happens next?" for one person."""

    person: Person
    start: datetime
    end: datetime
    lead: Contact | None
    first_contact: Contact | None
    coming_up: list[appointments.Occurrence] = field(default_factory=list)
    overdue: list[NextStep] = field(default_factory=list)
    due: list[NextStep] = field(default_factory=list)
    undated: list[NextStep] = field(default_factory=list)
    open_questions: list[Question] = field(default_factory=list)
    needs_outcome: list[Appointment] = field(default_factory=list)
    contacts: dict[uuid.UUID, Contact] = field(default_factory=dict)

    @property
    def review_due(self) -> date | None:
        """The care-plan review date when it is within a month or past."""
        due = self.person.plan_review_due
        if due is not None and due <= (self.start + REVIEW_WARNING).date():
            return due
        return None

    def questions_for(self, appointment_id: uuid.UUID) -> list[Question]:
        return [q for q in self.open_questions if q.appointment_id == appointment_id]

    @property
    def unattached_questions(self) -> list[Question]:
        planned = {o.appointment.id for o in self.coming_up}
        return [q for q in self.open_questions if q.appointment_id not in planned]


def build_agenda(
    record: CareRecord, person: Person, *, days: int = 14, now: datetime | None = None
) -> Agenda:
    """Everything due in the next `days` days, plus what is already overdue."""
    now = now or clock.now()
    today = now.date()
    end = datetime.combine(today + timedelta(days=days + 1), datetime.min.time())
    agenda = Agenda(
        person=person,
        start=now,
        end=end,
        lead=team.lead(record, person),
        first_contact=team.first_contact(record, person),
        contacts={c.id: c for c in team.contacts(record, person)},
    )
    day_start = datetime.combine(today, datetime.min.time())
    agenda.coming_up = [
        o for o in appointments.occurrences(record, person, day_start, end) if o.ends_at > now
    ]
    for step in steps.steps(record, person):
        if step.due_on is None:
            agenda.undated.append(step)
        elif steps.is_overdue(step, today):
            agenda.overdue.append(step)
        elif step.due_on < end.date():
            agenda.due.append(step)
    agenda.open_questions = questions.questions(record, person, status="open")
    agenda.needs_outcome = [
        a
        for a in appointments.appointments(record, person, since=now - OUTCOME_LOOKBACK)
        if a.status == "planned"
        and not a.rrule
        and clock.later(a.starts_at, timedelta(minutes=a.duration_minutes)) <= now
        and not a.outcome
    ]
    return agenda
