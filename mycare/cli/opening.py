"""Opening the store and choosing the person for a command."""

from __future__ import annotations

import sys
from argparse import Namespace
from datetime import date, datetime

from mycare.care import clock
from mycare.care.dates import parse_date, parse_datetime, parse_planned
from mycare.care.people import find_person
from mycare.care.record import CareRecord
from mycare.store import Person

from . import locate
from .errors import CliError


def who_am_i(args: Namespace) -> str:
    """--me, MYCARE_ME or the name saved here; asked once in a terminal, then remembered."""
    from mycare.care import settings
    from mycare.care.errors import InvalidField

    name = settings.my_name(getattr(args, "me", None))
    if getattr(args, "me", None) and not name:
        raise CliError("--me needs your name as the other carers will see it, on one line.")
    if name or not sys.stdin.isatty():
        return name
    print("Who are you? Your name as the others will see it (kept on this computer only).")
    try:
        typed = input("Your name: ")
    except EOFError:
        return ""
    try:
        return settings.remember_name(typed)
    except InvalidField as exc:
        raise CliError(str(exc)) from None


def tell(line: str) -> None:
    """A notice on stderr, so what a command prints stays clean for pipes."""
    print(f"mycare: {line}", file=sys.stderr)


def open_record(
    args: Namespace, merge_copies: bool = True, forget_deleted: bool = True, reading: bool = False
) -> CareRecord:
    """Unlock the chosen store, then merge in any copies a sync service left beside it.

    Records deleted before this unlock lose their text (``forget_deleted``). A command that
    only reads (reading=True) still works while the app has the store open: it shows the
    store as last saved, and says so in one line.
    """
    from mycare.care.errors import StoreInUse, StoreMissing

    path = locate.store_path(getattr(args, "store", None))
    if not path.exists():
        raise StoreMissing(path)
    me = who_am_i(args)
    passphrase = locate.passphrase(getattr(args, "passphrase_file", None))
    try:
        record = CareRecord.open(path, passphrase, me, forget_deleted=forget_deleted)
    except StoreInUse:
        if not reading:
            raise
        record = CareRecord.open(
            path, passphrase, me, forget_deleted=forget_deleted, read_only=True
        )
        tell("the store is open in another mycare; this shows it as last saved.")
        return record
    record.on_merged = lambda report: tell(
        f"merged a save from another computer: {report.summary()}"
    )
    try:
        for copy, outcome in record.merge_copies() if merge_copies else []:
            if isinstance(outcome, str):
                tell(f"a copy of this store was not merged: {' '.join(outcome.split())}")
            elif outcome.brought_anything:
                tell(f"merged {copy.name} and moved it beside the backups: {outcome.summary()}")
    except BaseException:
        record.close()
        raise
    return record


def person(record: CareRecord, args: Namespace) -> Person:
    return find_person(record, getattr(args, "person", None))


def when(text: str) -> datetime:
    return parse_datetime(text, now=clock.now())


def planned(text: str) -> datetime:
    """An appointment's date and time (a time is needed)."""
    return parse_planned(text, now=clock.now())


def day(text: str) -> date:
    return parse_date(text, now=clock.now())


def planned_day(text: str) -> date:
    """A day something is planned for: "31 Mar" is the next 31 March."""
    from mycare.care.yearless import planned_date

    return planned_date(text, now=clock.now())


def recorded_day(text: str) -> date:
    """A day something happened: "31 Mar" is the last 31 March."""
    from mycare.care.yearless import recorded_date

    return recorded_date(text, now=clock.now())


def recorded_when(text: str) -> datetime:
    """When something happened: "3 Dec 9am" typed in November is last December."""
    from mycare.care.yearless import recorded_datetime

    return recorded_datetime(text, now=clock.now())
