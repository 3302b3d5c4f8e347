"""The care team: who is in it, who is in charge, and who to call first."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col
from sqlmodel.sql.expression import SelectOfScalar

from mycare.store import CareRole, Contact, Person, utcnow

from . import records, vocab
from .errors import InvalidField
from .fields import check_values
from .record import CareRecord

SECTORS = vocab.SECTORS
LEAD = "lead"
FIRST_CONTACT = "first_contact"
ROLE_NAMES = {LEAD: "in charge of my care", FIRST_CONTACT: "first point of contact"}

_SECTOR_WORDS = {
    "health": "health",
    "nhs": "health",
    "social": "social care",
    "social care": "social care",
    "council": "social care",
    "voluntary": "voluntary & community",
    "community": "voluntary & community",
    "charity": "voluntary & community",
    "voluntary & community": "voluntary & community",
    "family": "family & friends",
    "friends": "family & friends",
    "family & friends": "family & friends",
    "other": "other",
}


def sector_from(text: str) -> str:
    """The sector meant by everyday words like 'social' or 'charity'."""
    key = " ".join(text.casefold().replace(" and ", " & ").split())
    if key in _SECTOR_WORDS:
        return _SECTOR_WORDS[key]
    choices = ", ".join(SECTORS)
    raise InvalidField("sector", f"Sector {text!r:.40} is not one of: {choices}.")


def add_contact(
    record: CareRecord,
    person: Person,
    name: str,
    *,
    lead: bool = False,
    first_contact: bool = False,
    **fields: Any,
) -> Contact:
    """Add someone to the person's care team, perhaps as lead or first contact, in one change."""
    if "sector" in fields:
        fields["sector"] = sector_from(fields["sector"])
    contact = Contact(**check_values(Contact, dict(person_id=person.id, name=name, **fields)))
    with record.changing() as session:
        session.add(contact)
        session.flush()
        for wanted, role in ((lead, LEAD), (first_contact, FIRST_CONTACT)):
            if wanted:
                _take_role(session, person, role, contact)
    return contact


def update_contact(record: CareRecord, contact_id: uuid.UUID, **fields: Any) -> Contact:
    if "sector" in fields:
        fields["sector"] = sector_from(fields["sector"])
    return records.update(record, Contact, contact_id, **fields)


def delete_contact(record: CareRecord, contact_id: uuid.UUID) -> Contact:
    """Remove someone from the team; any role they held ends today."""
    with record.changing() as session:
        contact = records.fetch(session, Contact, contact_id)
        now = utcnow()
        for role in session.exec(_current_roles().where(CareRole.contact_id == contact.id)):
            role.ended_at = now
            session.add(role)
        contact.deleted_at = now
        session.add(contact)
    return contact


def contacts(record: CareRecord, person: Person) -> list[Contact]:
    """The care team, by sector then name."""
    with record.reading() as session:
        query = records.live(Contact).where(Contact.person_id == person.id)
        found = list(session.exec(query))
    return sorted(found, key=lambda c: (_sector_rank(c.sector), c.name.casefold()))


def _sector_rank(sector: str) -> int:
    return SECTORS.index(sector) if sector in SECTORS else len(SECTORS)


def _current_roles() -> SelectOfScalar[CareRole]:
    return records.live(CareRole).where(col(CareRole.ended_at).is_(None))


def _take_role(session: Session, person: Person, role: str, contact: Contact | None) -> None:
    """End whoever holds role now and give it to contact (unless they already hold it)."""
    now = utcnow()
    current = session.exec(
        _current_roles().where(CareRole.person_id == person.id, CareRole.role == role)
    ).first()
    if current is not None:
        if contact is not None and current.contact_id == contact.id:
            return
        current.ended_at = now
        session.add(current)
        session.flush()
    if contact is not None:
        session.add(CareRole(person_id=person.id, role=role, contact_id=contact.id, started_at=now))


def _set_role(record: CareRecord, person: Person, role: str, contact: Contact | None) -> None:
    with record.changing() as session:
        if contact is not None:
            contact = records.fetch(session, Contact, contact.id)
            if contact.person_id != person.id:
                raise InvalidField("contact", f"{contact.name} is not in {person.name}'s team.")
        _take_role(session, person, role, contact)


def set_lead(record: CareRecord, person: Person, contact: Contact | None) -> None:
    """Make contact the one in charge of the person's care (None: nobody)."""
    _set_role(record, person, LEAD, contact)


def set_first_contact(record: CareRecord, person: Person, contact: Contact | None) -> None:
    """Make contact the person's first point of contact (None: nobody)."""
    _set_role(record, person, FIRST_CONTACT, contact)


def holder(record: CareRecord, person: Person, role: str) -> Contact | None:
    """Who holds a role now."""
    with record.reading() as session:
        current = session.exec(
            _current_roles().where(CareRole.person_id == person.id, CareRole.role == role)
        ).first()
        return None if current is None else session.get(Contact, current.contact_id)


def lead(record: CareRecord, person: Person) -> Contact | None:
    return holder(record, person, LEAD)


def first_contact(record: CareRecord, person: Person) -> Contact | None:
    return holder(record, person, FIRST_CONTACT)


@dataclass(frozen=True)
class RoleSpell:
    """One person's time in a role."""

    contact: Contact
    started_at: datetime
    ended_at: datetime | None


def role_history(record: CareRecord, person: Person, role: str) -> list[RoleSpell]:
    """Everyone who has held a role, oldest first."""
    with record.reading() as session:
        rows = session.exec(
            records.live(CareRole)
            .where(CareRole.person_id == person.id, CareRole.role == role)
            .order_by(col(CareRole.started_at))
        ).all()
        return [
            RoleSpell(session.get(Contact, r.contact_id), r.started_at, r.ended_at)  # type: ignore[arg-type]
            for r in rows
        ]


def find_contact(record: CareRecord, person: Person, name: str) -> Contact:
    """The team member meant by name: exact, then unique start, then unique part."""
    team_now = contacts(record, person)
    wanted = name.casefold().strip()
    matchers: tuple[Callable[[Contact], bool], ...] = (
        lambda c: c.name.casefold() == wanted,
        lambda c: c.name.casefold().startswith(wanted),
        lambda c: wanted in c.name.casefold() or wanted == c.role.casefold(),
    )
    for match in matchers:
        found = [c for c in team_now if match(c)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(c.name for c in found)
            raise InvalidField("contact", f"{name!r:.60} could mean {names}; give more of it.")
    raise InvalidField(
        "contact", f"Nobody called {name!r:.60} is in {person.name}'s care team yet."
    )


def _name_key(contact: Contact) -> str:
    return " ".join(contact.name.casefold().split())


def _same_one(a: Contact, b: Contact) -> bool:
    """Whether two team entries are one real person: same name, and a phone, email or
    (when neither has those) organisation in common."""
    if _name_key(a) != _name_key(b):
        return False
    digits_a = "".join(ch for ch in a.phone if ch.isdigit())
    digits_b = "".join(ch for ch in b.phone if ch.isdigit())
    email_a, email_b = a.email.strip().casefold(), b.email.strip().casefold()
    if (digits_a and digits_a == digits_b) or (email_a and email_a == email_b):
        return True
    if digits_a or digits_b or email_a or email_b:
        return False
    return a.organisation.strip().casefold() == b.organisation.strip().casefold()


def in_other_teams(
    record: CareRecord, person: Person, team_now: list[Contact]
) -> dict[uuid.UUID, list[tuple[Person, Contact]]]:
    """For each of this team's contacts who is also in another person's care team (a GP
    both parents see), those people and their own entry for the contact."""
    with record.reading() as session:
        others = {p.id: p for p in session.exec(records.live(Person).where(Person.id != person.id))}
        theirs = list(
            session.exec(records.live(Contact).where(col(Contact.person_id).in_(list(others))))
        )
    by_name: dict[str, list[Contact]] = {}
    for c in theirs:
        by_name.setdefault(_name_key(c), []).append(c)
    found: dict[uuid.UUID, list[tuple[Person, Contact]]] = {}
    for mine in team_now:
        named = by_name.get(_name_key(mine), [])
        same = [(others[c.person_id], c) for c in named if _same_one(mine, c)]
        if same:
            found[mine.id] = sorted(same, key=lambda pc: pc[0].name.casefold())
    return found
