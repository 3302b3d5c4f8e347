"""Adding, changing and (softly) deleting any kind of record, with checks."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from mycare.store import Record, utcnow

from .errors import NotFound
from .fields import check_values
from .record import CareRecord

R = TypeVar("R", bound=Record)

KIND_NAMES = {
    "Person": "person",
    "Contact": "care team member",
    "CareRole": "lead or first-contact choice",
    "Appointment": "appointment",
    "AppointmentContact": "attendee",
    "Question": "question",
    "NextStep": "next step",
    "Goal": "goal",
    "GoalStep": "goal step",
    "CheckIn": "check-in",
    "Medication": "medicine",
    "Condition": "condition",
    "Allergy": "allergy",
    "DiaryEntry": "diary entry",
    "Coordination": "coordination check-in",
    "CoordinationAnswer": "coordination answer",
}


def kind_name(model: type[Record]) -> str:
    """What a person calls this kind of record."""
    return KIND_NAMES.get(model.__name__, model.__name__.lower())


def live(model: type[R]) -> SelectOfScalar[R]:
    """Select the records of a kind that have not been deleted."""
    return select(model).where(col(model.deleted_at).is_(None))


def fetch(session: Session, model: type[R], record_id: uuid.UUID | str) -> R:
    """One live record by id, or NotFound."""
    try:
        key = record_id if isinstance(record_id, uuid.UUID) else uuid.UUID(str(record_id))
    except ValueError:
        raise NotFound(f"There is no {kind_name(model)} with id {record_id!s:.40}.") from None
    obj = session.get(model, key)
    if obj is None or obj.deleted_at is not None:
        raise NotFound(f"There is no {kind_name(model)} with id {key}.")
    return obj


def get(record: CareRecord, model: type[R], record_id: uuid.UUID | str) -> R:
    with record.reading() as session:
        return fetch(session, model, record_id)


def add(record: CareRecord, model: type[R], **values: Any) -> R:
    """Check and store a new record."""
    obj = model(**check_values(model, values))
    with record.changing() as session:
        session.add(obj)
    return obj


def update(record: CareRecord, model: type[R], record_id: uuid.UUID | str, **values: Any) -> R:
    """Check and store new values for some fields of a record."""
    clean = check_values(model, values)
    with record.changing() as session:
        obj = fetch(session, model, record_id)
        for field, value in clean.items():
            setattr(obj, field, value)
        session.add(obj)
    return obj


def delete(record: CareRecord, model: type[R], record_id: uuid.UUID | str) -> R:
    """Mark a record deleted; it stays in the file so it can be restored or merged."""
    with record.changing() as session:
        obj = fetch(session, model, record_id)
        obj.deleted_at = utcnow()
        session.add(obj)
    return obj


def restore(record: CareRecord, model: type[R], record_id: uuid.UUID | str) -> R:
    """Bring back a deleted record."""
    with record.changing() as session:
        obj = session.get(model, uuid.UUID(str(record_id)))
        if obj is None:
            raise NotFound(f"There is no {kind_name(model)} with id {record_id}.")
        obj.deleted_at = None
        session.add(obj)
    return obj


def find(record: CareRecord, model: type[R], prefix: str, person_id: uuid.UUID) -> R:
    """A person's live record by the start of its id."""
    with record.reading() as session:
        return find_by_prefix(session, model, prefix, person_id)


def find_by_prefix(
    session: Session, model: type[R], prefix: str, person_id: uuid.UUID | None = None
) -> R:
    """A live record whose id starts with prefix (as the CLI shows short ids)."""
    prefix = prefix.strip().lower().replace("-", "")
    if len(prefix) < 4 or any(c not in "0123456789abcdef" for c in prefix):
        raise NotFound(
            f"{prefix!r:.40} is not the id of any {kind_name(model)} "
            "(give at least 4 of its characters)."
        )
    query = live(model)
    if person_id is not None and hasattr(model, "person_id"):
        query = query.where(model.person_id == person_id)  # type: ignore[attr-defined]
    matches = [obj for obj in session.exec(query) if obj.id.hex.startswith(prefix)]
    if not matches:
        raise NotFound(f"No {kind_name(model)} has an id starting {prefix}.")
    if len(matches) > 1:
        raise NotFound(f"Several {kind_name(model)}s have ids starting {prefix}; give more of it.")
    return matches[0]
