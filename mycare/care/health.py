"""The facts every clinician asks for: medicines, conditions, allergies."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import col, select

from mycare.store import Allergy, Change, Condition, Medication, Person

from . import clock, records, vocab
from .errors import InvalidField
from .fields import check_values
from .record import CareRecord

CONDITION_STATUSES = vocab.CONDITION_STATUSES
SEVERITIES = vocab.SEVERITIES


def add_medication(record: CareRecord, person: Person, name: str, **fields: Any) -> Medication:
    """Add a medicine (dose, when and how, what for, prescriber, started)."""
    return records.add(record, Medication, person_id=person.id, name=name, **fields)


def stop_medication(
    record: CareRecord, medication_id: uuid.UUID, on: date | None = None
) -> Medication:
    return records.update(record, Medication, medication_id, stopped_on=on or clock.today())


def medications(
    record: CareRecord, person: Person, *, current_only: bool = True
) -> list[Medication]:
    """Medicines by name; by default only those not stopped."""
    today = clock.today()
    with record.reading() as session:
        query = records.live(Medication).where(Medication.person_id == person.id)
        found = list(session.exec(query.order_by(col(Medication.name))))
    if current_only:
        found = [m for m in found if m.stopped_on is None or m.stopped_on > today]
    return found


@dataclass(frozen=True)
class DoseChange:
    """A medicine's dose written differently from a day on."""

    medication_id: uuid.UUID
    on: date
    old: str
    new: str


def dose_changes(record: CareRecord, person: Person, since: date) -> list[DoseChange]:
    """Every change of dose to the person's medicines on or after a day, oldest first."""
    start = datetime.combine(since, datetime.min.time()).astimezone()
    with record.reading() as session:
        mine = select(Medication.id).where(Medication.person_id == person.id)
        query = (
            select(Change)
            .where(Change.table_name == "medication", Change.field == "dose")
            .where(col(Change.action).in_(("changed", "both")))
            .where(col(Change.record_id).in_(mine))
            .order_by(col(Change.created_at))
        )
        found = list(session.exec(query))
    changes = []
    for change in found:
        when = change.created_at
        local = (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone()  # stored as UTC
        if local >= start and (change.old or "") != (change.new or ""):
            changes.append(
                DoseChange(change.record_id, local.date(), change.old or "", change.new or "")
            )
    return changes


def add_condition(record: CareRecord, person: Person, name: str, **fields: Any) -> Condition:
    if fields.get("status", "active") not in CONDITION_STATUSES:
        raise InvalidField("status", "A condition is either active or resolved.")
    return records.add(record, Condition, person_id=person.id, name=name, **fields)


def conditions(record: CareRecord, person: Person) -> list[Condition]:
    """Conditions, active first, then by name."""
    with record.reading() as session:
        query = records.live(Condition).where(Condition.person_id == person.id)
        found = list(session.exec(query))
    return sorted(found, key=lambda c: (c.status != "active", c.name.casefold()))


def add_allergy(record: CareRecord, person: Person, substance: str, **fields: Any) -> Allergy:
    """Add an allergy; the person then no longer has 'no known allergies'."""
    if fields.get("severity", "") not in SEVERITIES:
        raise InvalidField("severity", "Severity is mild, moderate or severe (or left empty).")
    allergy = Allergy(
        **check_values(Allergy, dict(person_id=person.id, substance=substance, **fields))
    )
    with record.changing() as session:
        session.add(allergy)
        stored = records.fetch(session, Person, person.id)
        if stored.no_known_allergies:
            stored.no_known_allergies = False
            session.add(stored)
    return allergy


def allergies(record: CareRecord, person: Person) -> list[Allergy]:
    with record.reading() as session:
        query = records.live(Allergy).where(Allergy.person_id == person.id)
        return list(session.exec(query.order_by(col(Allergy.substance))))


def set_no_known_allergies(record: CareRecord, person: Person, value: bool = True) -> Person:
    """Record that the person has no known allergies (only when none are listed)."""
    if value and allergies(record, person):
        raise InvalidField("no_known_allergies", "Allergies are listed; remove them first.")
    return records.update(record, Person, person.id, no_known_allergies=value)
