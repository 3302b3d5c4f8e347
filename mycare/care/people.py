"""The people whose care a store holds, and choosing one of them."""

from __future__ import annotations

from typing import Any

from sqlmodel import col

from mycare.store import Person

from . import records
from .errors import CareError, NotFound
from .fields import check_values
from .record import CareRecord


def add_person(record: CareRecord, name: str, **fields: Any) -> Person:
    """Add someone whose care this store keeps."""
    return records.add(record, Person, name=name, **fields)


def check_person(values: dict[str, Any]) -> dict[str, Any]:
    """The values a person's record would store, or InvalidField naming what is wrong."""
    return check_values(Person, values)


def update_person(record: CareRecord, person: Person, **fields: Any) -> Person:
    return records.update(record, Person, person.id, **fields)


def people(record: CareRecord) -> list[Person]:
    """Everyone in the store, by name."""
    with record.reading() as session:
        return list(session.exec(records.live(Person).order_by(col(Person.name))))


def find_person(record: CareRecord, name: str | None = None) -> Person:
    """The person meant by name (exact, then unique start), or the only one there is."""
    everyone = people(record)
    if not everyone:
        raise NotFound(
            "This store has nobody in it yet; add someone with `mycare add person NAME`."
        )
    if not name:
        if len(everyone) == 1:
            return everyone[0]
        names = ", ".join(p.name for p in everyone)
        raise CareError(f"This store holds several people ({names}); pick one with --person.")
    wanted = name.casefold().strip()
    for match in (
        lambda p: p.name.casefold() == wanted,
        lambda p: p.name.casefold().startswith(wanted),
        lambda p: wanted in p.name.casefold(),
    ):
        found = [p for p in everyone if match(p)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(p.name for p in found)
            raise CareError(f"{name!r:.60} could mean {names}; give more of the name.")
    names = ", ".join(p.name for p in everyone)
    raise NotFound(f"Nobody called {name!r:.60} is in this store (it holds {names}).")
