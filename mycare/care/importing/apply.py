"""Carrying out an import's plan as one change: every record comes in, or none does."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlmodel import col, select

from mycare.store import AppointmentContact, Person

from ..record import CareRecord
from . import records_file
from .incoming import Parsed
from .plan import MODELS, Plan, make_plan


def apply_plan(record: CareRecord, plan: Plan) -> None:
    """Write the plan's additions and updates in one change (rolled back whole on any error)."""
    source_file = plan.parsed.source_name
    with record.one_change() as session:
        person = plan.person
        made: dict[int, uuid.UUID] = {}
        for step in plan.steps:
            item = step.item
            model = MODELS[item.kind]
            if step.action == "update":
                obj = session.get(model, step.record_id)
                assert obj is not None
                for name, (_, new) in step.changes.items():
                    setattr(obj, name, new)
                obj.source_file = source_file
                obj.source_id = item.source_id
                session.add(obj)
                made[id(item)] = obj.id
                continue
            values = dict(item.values)
            if item.kind != "person":
                if person is None:
                    raise RuntimeError("an import needs a person before its records")
                values["person_id"] = person.id
            values |= {"source_file": source_file, "source_id": item.source_id}
            obj = model(**values)
            session.add(obj)
            session.flush()
            made[id(item)] = obj.id
            if item.kind == "person":
                assert isinstance(obj, Person)
                person = obj
            elif item.kind == "allergy" and person is not None and person.no_known_allergies:
                stored = session.get(Person, person.id)
                if stored is not None:
                    stored.no_known_allergies = False
                    session.add(stored)
        for step in plan.steps:
            if step.item.kind != "appointment":
                continue
            appointment_id = made[id(step.item)]
            wanted = {*step.with_ids, *(made[id(i)] for i in step.with_items if id(i) in made)}
            have = set(
                session.exec(
                    select(AppointmentContact.contact_id).where(
                        AppointmentContact.appointment_id == appointment_id,
                        col(AppointmentContact.deleted_at).is_(None),
                    )
                )
            )
            for contact_id in sorted(wanted - have):
                session.add(
                    AppointmentContact(appointment_id=appointment_id, contact_id=contact_id)
                )


def import_file(
    record: CareRecord, path: Path, person: str | None = None, *, dry_run: bool = False
) -> Plan:
    """Read, plan and (unless a dry run) apply an import of one file; the plan is returned."""
    from .detect import parse_file

    parsed = parse_file(Path(path))
    return import_parsed(record, parsed, person, dry_run=dry_run)


def import_parsed(
    record: CareRecord, parsed: Parsed, person: str | None = None, *, dry_run: bool = False
) -> Plan:
    """Plan and (unless a dry run) apply what a file brings, planned afresh under one change."""
    if parsed.records is not None:
        return records_file.bring_in(record, parsed, dry_run=dry_run)
    if dry_run:
        return make_plan(record, parsed, person)
    with record.one_change():
        plan = make_plan(record, parsed, person)
        apply_plan(record, plan)
    return plan
