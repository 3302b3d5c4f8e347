"""Next steps: what happens next, who does it, and by when."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlmodel import col

from mycare.store import Contact, NextStep, Person, utcnow

from . import clock, records, vocab
from .errors import InvalidField
from .record import CareRecord

WHO = vocab.WHO


def _who(who: str, contact_id: uuid.UUID | None) -> str:
    if contact_id is not None:
        return "contact"
    if who not in WHO[:2]:
        raise InvalidField("who", "Who does it must be me, my carer, or someone in the team.")
    return who


def add_step(
    record: CareRecord,
    person: Person,
    what: str,
    *,
    who: str = "me",
    contact_id: uuid.UUID | None = None,
    due_on: date | None = None,
    appointment_id: uuid.UUID | None = None,
) -> NextStep:
    """Note what happens next and who does it."""
    return records.add(
        record,
        NextStep,
        person_id=person.id,
        what=what,
        who=_who(who, contact_id),
        contact_id=contact_id,
        due_on=due_on,
        appointment_id=appointment_id,
    )


def update_step(record: CareRecord, step_id: uuid.UUID, **fields: Any) -> NextStep:
    if "who" in fields or "contact_id" in fields:
        fields["who"] = _who(fields.get("who", "contact"), fields.get("contact_id"))
    return records.update(record, NextStep, step_id, **fields)


def mark_done(record: CareRecord, step_id: uuid.UUID, when: datetime | None = None) -> NextStep:
    """The step has been done."""
    return records.update(record, NextStep, step_id, status="done", done_at=when or utcnow())


def reopen(record: CareRecord, step_id: uuid.UUID) -> NextStep:
    return records.update(record, NextStep, step_id, status="open", done_at=None)


def is_overdue(step: NextStep, today: date | None = None) -> bool:
    """Open and past its date."""
    today = today or clock.today()
    return step.status == "open" and step.due_on is not None and step.due_on < today


def steps(
    record: CareRecord,
    person: Person,
    *,
    include_done: bool = False,
    done_since: datetime | None = None,
) -> list[NextStep]:
    """A person's next steps: dated ones soonest first, then undated. With include_done,
    done ones too (only those done from done_since, an aware instant, if given)."""
    with record.reading() as session:
        query = records.live(NextStep).where(NextStep.person_id == person.id)
        if not include_done:
            query = query.where(NextStep.status == "open")
        elif done_since is not None:
            query = query.where(
                col(NextStep.done_at).is_(None) | (col(NextStep.done_at) >= done_since)
            )
        found = list(session.exec(query.order_by(col(NextStep.created_at))))
    return sorted(found, key=lambda s: (s.due_on is None, s.due_on or date.max))


def who_does_it(step: NextStep, contacts: dict[uuid.UUID, Contact]) -> str:
    """'me', 'my carer' or the contact's name."""
    if step.who == "contact" and step.contact_id in contacts:
        return contacts[step.contact_id].name
    return {"me": "me", "carer": "my carer"}.get(step.who, "someone in the team")
