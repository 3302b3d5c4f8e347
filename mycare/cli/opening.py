"""Opening the store and choosing the person for a command."""

from __future__ import annotations

from argparse import Namespace
from datetime import datetime

from mycare.care import clock
from mycare.care.dates import parse_date, parse_datetime, parse_planned
from mycare.care.people import find_person
from mycare.care.record import CareRecord
from mycare.store import Person

from . import locate


def open_record(args: Namespace) -> CareRecord:
    """Unlock the chosen store with the passphrase from wherever it was given."""
    path = locate.store_path(getattr(args, "store", None))
    if not path.is_file():
        from mycare.vault import StoreMissing

        raise StoreMissing(path)
    return CareRecord.open(path, locate.passphrase(getattr(args, "passphrase_file", None)))


def person(record: CareRecord, args: Namespace) -> Person:
    return find_person(record, getattr(args, "person", None))


def when(text: str) -> datetime:
    return parse_datetime(text, now=clock.now())


def planned(text: str) -> datetime:
    """An appointment's date and time (a time is needed)."""
    return parse_planned(text, now=clock.now())


def day(text: str):  # noqa: ANN201 - a date
    return parse_date(text, now=clock.now())
