"""The plan of an import: what will be added, what will update an earlier import, what is
skipped and why. Worked out against the store without changing it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from mycare.store import Allergy, Appointment, Condition, Contact, Medication, Person
from mycare.store.tables import Imported

from ..appointments import check_rule
from ..errors import CareError, InvalidField
from ..fields import check_values
from ..merge_report import MergeReport
from ..people import find_person
from ..record import CareRecord
from .incoming import Attendee, BadFile, Item, Parsed, Skipped

MODELS: dict[str, type[Imported]] = {
    "person": Person,
    "contact": Contact,
    "appointment": Appointment,
    "medication": Medication,
    "condition": Condition,
    "allergy": Allergy,
}
ORDER = ("person", "contact", "appointment", "medication", "condition", "allergy")
NAMES = {
    "person": ("person", "people"),
    "contact": ("care team member", "care team members"),
    "appointment": ("appointment", "appointments"),
    "medication": ("medicine", "medicines"),
    "condition": ("condition", "conditions"),
    "allergy": ("allergy", "allergies"),
}


def kind_words(kind: str, count: int) -> str:
    """'1 appointment', '3 medicines'."""
    one, many = NAMES.get(kind, (kind, kind + "s"))
    return f"{count} {one if count == 1 else many}"


@dataclass
class Step:
    """One record the import adds or updates."""

    action: str  # "add" or "update"
    item: Item
    record_id: uuid.UUID | None = None
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    with_ids: list[uuid.UUID] = field(default_factory=list)  # attendees already in the team
    with_items: list[Item] = field(default_factory=list)  # attendees this import adds


@dataclass
class Plan:
    """Everything an import will do, for the preview and for applying it."""

    parsed: Parsed
    person: Person | None  # None when the file's patient becomes a new person
    steps: list[Step] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    merge: MergeReport | None = None  # for a mycare records file: what merging it brings

    @property
    def adds(self) -> list[Step]:
        return [s for s in self.steps if s.action == "add"]

    @property
    def updates(self) -> list[Step]:
        return [s for s in self.steps if s.action == "update"]

    def counts(self) -> dict[str, dict[str, int]]:
        """Per action ("added", "updated"), how many of each kind."""
        found: dict[str, dict[str, int]] = {"added": {}, "updated": {}}
        for step in self.steps:
            bucket = found["added" if step.action == "add" else "updated"]
            bucket[step.item.kind] = bucket.get(step.item.kind, 0) + 1
        return found

    @property
    def person_name(self) -> str:
        if self.person is not None:
            return self.person.name
        patient = next((s.item for s in self.steps if s.item.kind == "person"), None)
        return str(patient.values.get("name", "")) if patient else ""


def _checked(item: Item) -> dict[str, Any]:
    model = MODELS[item.kind]
    values = dict(item.values)
    try:
        clean = check_values(model, values)
        if item.kind == "appointment" and clean.get("rrule"):
            clean["rrule"] = check_rule(clean["rrule"], clean["starts_at"])
    except InvalidField as exc:
        raise BadFile(f"{item.where}: {exc}") from None
    return clean


def _choose_person(record: CareRecord, parsed: Parsed, name: str | None) -> Person | None:
    from ..people import people

    everyone = people(record)
    patient = next((i for i in parsed.items if i.kind == "person"), None)
    if name:
        return find_person(record, name)
    if patient is not None:
        called = " ".join(str(patient.values.get("name", "")).casefold().split())
        for p in everyone:
            if p.source_id == patient.source_id or " ".join(p.name.casefold().split()) == called:
                return p
        if not everyone:
            return None
        names = ", ".join(p.name for p in everyone)
        raise CareError(
            f"This health record is about {patient.values.get('name') or 'someone unnamed'}, "
            f"but the store holds {names}: say whose record it is with --person NAME."
        )
    return find_person(record, None)


def _existing(session: Session, kind: str, person: Person | None, source_id: str) -> Any:
    model = MODELS[kind]
    query = select(model).where(col(model.deleted_at).is_(None))
    query = query.where(col(model.source_id) == source_id)
    if kind != "person":
        if person is None:
            return None
        query = query.where(model.person_id == person.id)  # type: ignore[attr-defined]
    return session.exec(query).first()


def _attendee_key(who: Attendee) -> str:
    return "attendee:" + (who.email.casefold() or " ".join(who.name.casefold().split()))


def make_plan(record: CareRecord, parsed: Parsed, person_name: str | None = None) -> Plan:
    """Work out what importing parsed would do; nothing is changed."""
    if parsed.records is not None:
        from .records_file import plan_records

        return plan_records(record, parsed)
    person = _choose_person(record, parsed, person_name)
    plan = Plan(parsed, person, skipped=list(parsed.skipped))
    seen: set[tuple[str, str]] = set()
    by_source: dict[str, Item] = {}
    with record.reading() as session:
        team = (
            []
            if person is None
            else list(
                session.exec(
                    select(Contact).where(
                        col(Contact.deleted_at).is_(None), Contact.person_id == person.id
                    )
                )
            )
        )
        for item in sorted(parsed.items, key=lambda i: ORDER.index(i.kind)):
            key = (item.kind, item.source_id)
            label = _label(item)
            twice = (item.kind, _sameness(item))
            if key in seen or twice in seen:
                plan.skipped.append(
                    Skipped(label, item.where, "the same item is in the file twice")
                )
                continue
            seen |= {key, twice}
            if item.kind == "person":
                _plan_person(plan, item, person)
                continue
            values = _checked(item)
            found = _existing(session, item.kind, person, item.source_id)
            if found is None and item.kind == "contact":
                twin = _same_contact(team, values.get("name", ""), values.get("email", ""))
                if twin is not None and not twin.source_id:
                    plan.skipped.append(
                        Skipped(label, item.where, f"{twin.name} is already in the care team")
                    )
                    by_source[item.source_id] = item
                    item.matched = twin.id
                    continue
            step = _step(item, values, found)
            if item.kind == "contact":
                by_source[item.source_id] = item
            if step is None:
                plan.skipped.append(Skipped(label, item.where, "already imported, unchanged"))
                item.matched = found.id
                continue
            if item.kind == "appointment":
                _attendees(plan, step, team, by_source, session)
            plan.steps.append(step)
    plan.steps.sort(key=lambda s: ORDER.index(s.item.kind))
    return plan


def _same_contact(team: list[Contact], name: str, email: str) -> Contact | None:
    for c in team:
        if email and c.email.casefold() == email.casefold():
            return c
        if name and " ".join(c.name.casefold().split()) == " ".join(name.casefold().split()):
            return c
    return None


def _step(item: Item, values: dict[str, Any], found: Any) -> Step | None:
    item.values = values
    if found is None:
        return Step("add", item)
    item.matched = found.id
    kept = set() if item.sector_guessed else {"sector"}  # the person may have set it since
    changes = {
        k: (getattr(found, k), v)
        for k, v in values.items()
        if getattr(found, k) != v and k not in kept
    }
    if not changes:
        return None
    return Step("update", item, found.id, changes)


def _plan_person(plan: Plan, item: Item, person: Person | None) -> None:
    values = _checked(item)
    item.values = values
    if person is None:
        plan.steps.append(Step("add", item))
        return
    changes: dict[str, tuple[Any, Any]] = {}
    for k, v in values.items():
        if k == "name":
            continue
        now = getattr(person, k)
        if now in (None, ""):
            changes[k] = (now, v)
        elif now != v:
            plan.skipped.append(
                Skipped(f"{person.name}'s {k.replace('_', ' ')}", item.where,
                        f"the file says {v}, the record says {now}; the record is kept")
            )  # fmt: skip
    if changes:
        plan.steps.append(Step("update", item, person.id, changes))


def _attendees(
    plan: Plan,
    step: Step,
    team: list[Contact],
    by_source: dict[str, Item],
    session: Session,
) -> None:
    """Match who an appointment is with to the care team, or offer them as new members."""
    for who in step.item.attendees:
        if who.ref and who.ref in by_source:
            target = by_source[who.ref]
            if target.matched is not None:
                step.with_ids.append(target.matched)
            else:
                step.with_items.append(target)
            continue
        known = _same_contact(team, who.name, who.email)
        if known is not None:
            step.with_ids.append(known.id)
            continue
        key = _attendee_key(who)
        if key in by_source:
            step.with_items.append(by_source[key])
            continue
        found = _existing(session, "contact", plan.person, key)
        if found is not None:
            step.with_ids.append(found.id)
            continue
        if plan.person is None and not who.name:
            continue
        new = Item(
            "contact",
            key,
            _checked(Item("contact", key, {"name": who.name, "email": who.email,
                                           "sector": "other"}, step.item.where)),
            step.item.where,
            sector_guessed=False,
        )  # fmt: skip
        new.notes.append(f"at {step.item.values.get('purpose', 'an appointment')}")
        by_source[key] = new
        plan.steps.append(Step("add", new))
        step.with_items.append(new)


def _sameness(item: Item) -> str:
    """What makes two health facts in one file the same (a medicine listed as taken and as
    prescribed); appointments and contacts are told apart by their identifiers alone."""
    if item.kind not in ("medication", "condition", "allergy"):
        return item.source_id
    v = item.values
    words = (v.get("name") or v.get("substance"), v.get("dose", ""), v.get("reaction", ""))
    return "|".join(" ".join(str(w or "").casefold().split()) for w in words)


def _label(item: Item) -> str:
    v = item.values
    return str(v.get("purpose") or v.get("name") or v.get("substance") or item.kind)
