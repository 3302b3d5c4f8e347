"""`mycare history` and `mycare merge`: keeping one record with other carers."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from mycare.care import history
from mycare.care.history import HistoryLine

from . import locate, opening
from .agenda import short_id
from .errors import CliError
from .output import safe


def run(args: Namespace) -> int:
    return show_history(args) if args.command == "history" else merge(args)


def _heading(line: HistoryLine) -> str:
    title = f" “{safe(line.title)}”" if line.title else ""
    return f"{line.kind}{title} ({short_id(line.record_id)})"


def show_history(args: Namespace) -> int:
    if args.limit < 1:
        raise CliError("--limit must be 1 or more.")
    with opening.open_record(args, reading=True) as record:
        if args.id:
            record_id = history.find_record(record, args.id)
            lines = history.of_record(record, record_id)
            if not lines:
                print("No changes are recorded for it (it was made before mycare kept history).")
                return 0
            print(_heading(lines[0]))
            for line in lines:
                flag = "  ← check it" if line.needs_check else ""
                print(f"  {safe(line.text)}{flag}")
            if not record.read_only and history.mark_seen(record, record_id):
                print("The values changed by both are marked as looked at.")
            return 0
        lines = history.to_check(record) if args.check else history.recent(record, args.limit)
        if not lines:
            print(
                "Nothing changed by both is waiting to be checked."
                if args.check
                else "No changes are recorded yet."
            )
            return 0
        if args.check:
            print(f"Changed by both at once — check {'it' if len(lines) == 1 else 'them'}:")
        for line in lines:
            print(f"{_heading(line)}: {safe(line.text)}")
        if args.check:
            print("See one with `mycare history ID`; that marks it as looked at.")
    return 0


def merge(args: Namespace) -> int:
    copy = Path(args.file).expanduser()
    if not copy.is_file():
        raise CliError(f"There is no file at {copy}.")
    with opening.open_record(args, merge_copies=False) as record:  # only the copy named
        if copy.resolve() == record.path.resolve():
            raise CliError("That is the store itself; give the path of another copy of it.")
        from mycare.care.errors import OtherKey

        try:
            report = record.merge_copy(copy)
        except OtherKey:  # saved before (or after) a passphrase change: ask for that one
            given = locate.copy_passphrase(getattr(args, "copy_passphrase_file", None), copy.name)
            report = record.merge_copy(copy, given)
    if report.brought_anything:
        print(f"Merged {copy.name} into {record.path.name}: {report.summary()}")
    else:
        print(f"{copy.name} holds nothing that {record.path.name} does not have already.")
    for note in report.notes:
        print(note)
    print(f"{copy.name} was left where it is; you can delete it now.")
    return 0
