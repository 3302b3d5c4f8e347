"""An appointment as a summary holds it, and the gathering of one or of all of them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from mycare.care import appointments, clock, history, questions
from mycare.care.errors import NotFound
from mycare.care.record import CareRecord
from mycare.store import Appointment, Contact, Person, Question


@dataclass(frozen=True)
class Visit:
    """One sitting of an appointment, in plain fields."""

    id: uuid.UUID
    starts_at: datetime
    duration_minutes: int
    purpose: str
    location: str
    status: str
    with_names: list[str]
    outcome: str = ""
    rrule: str = ""
    skips: str = ""
    preparation: str = ""
    questions: list[str] = field(default_factory=list)
    changed_at: datetime | None = None  # when the appointment was last changed (UTC)
    sequence: int = 0  # how many times it was changed after it was added
    attendees: list[Contact] = field(default_factory=list)  # the team members it is with

    @property
    def ends_at(self) -> datetime:
        return clock.later(self.starts_at, timedelta(minutes=self.duration_minutes))


def visit_of(
    appt: Appointment,
    starts_at: datetime,
    with_: list[Contact],
    *,
    outcome: bool = False,
    prep: bool = False,
    asks: list[str] | None = None,
    sequence: int = 0,
) -> Visit:
    """One sitting, with its outcome or its preparation and questions only when asked for."""
    return Visit(
        appt.id,
        starts_at,
        appt.duration_minutes,
        appt.purpose,
        appt.location,
        appt.status,
        [c.name for c in with_],
        outcome=appt.outcome if outcome else "",
        rrule=appt.rrule,
        skips=appt.skips,
        preparation=appt.preparation if prep else "",
        questions=list(asks or []) if prep else [],
        changed_at=appt.updated_at,
        sequence=sequence,
        attendees=list(with_),
    )


def questions_for(open_: list[Question], appt_id: uuid.UUID, with_: list[Contact]) -> list[str]:
    """Open questions for this appointment, or for someone it is with."""
    ids = {c.id for c in with_}
    return [
        q.text
        for q in open_
        if q.appointment_id == appt_id or (q.appointment_id is None and q.contact_id in ids)
    ]


def chosen_visit(
    record: CareRecord, person: Person, appointment_id: uuid.UUID, now: datetime
) -> Visit:
    found = [a for a in appointments.appointments(record, person) if a.id == appointment_id]
    if not found:
        raise NotFound(f"That appointment is not in {person.name}'s record.")
    appt = found[0]
    starts_at = appt.starts_at
    if appt.rrule:
        later = appointments.expand(appt, now, now + timedelta(days=3660))
        starts_at = later[0] if later else appt.starts_at
    with_ = appointments.attendees(record, [appt.id])[appt.id]
    open_ = questions.questions(record, person, status="open")
    return visit_of(appt, starts_at, with_, prep=True, asks=questions_for(open_, appt.id, with_))


def calendar_of(record: CareRecord, person: Person, prep: bool) -> list[Visit]:
    """Every appointment, as a calendar would hold it (repeats kept as rules)."""
    every = appointments.appointments(record, person)
    who = appointments.attendees(record, (a.id for a in every))
    open_ = questions.questions(record, person, status="open") if prep else []
    by_visit: dict[uuid.UUID | None, list[Question]] = {}
    by_contact: dict[uuid.UUID | None, list[Question]] = {}
    for q in open_:
        by_visit.setdefault(q.appointment_id, []).append(q)
        if q.appointment_id is None:
            by_contact.setdefault(q.contact_id, []).append(q)
    order = {q.id: n for n, q in enumerate(open_)}  # questions keep the order they are in
    changes = history.revisions(record, (a.id for a in every))
    visits = []
    for a in every:
        ids = {c.id for c in who[a.id]}
        asks = [*by_visit.get(a.id, []), *(q for i in ids for q in by_contact.get(i, []))]
        asks.sort(key=lambda q: order[q.id])
        visits.append(
            visit_of(
                a,
                a.starts_at,
                who[a.id],
                prep=prep,
                asks=[q.text for q in asks],
                sequence=changes[a.id],
            )
        )
    return visits
