"""Doing SQLAlchemy's one-time setup early, while the person is still typing."""

from __future__ import annotations

from typing import cast

from mycare.store import Database
from mycare.vault import Vault

from . import agenda, goals, people
from .record import CareRecord


def warm_up() -> None:
    """Run the home screen's queries once on a throwaway in-memory database.

    Mapper configuration and query analysis happen on first use; doing them here means
    the real store, once unlocked, shows its home screen sooner. Nothing touches disk.
    """
    db = Database()
    record = CareRecord(cast(Vault, None), db)  # never saved: no file behind it
    record.after_commit = lambda: None
    try:
        person = people.add_person(record, "warm-up")
        agenda.build_agenda(record, person)
        goals.goals(record, person)
        people.people(record)
    finally:
        db.close()
