"""`mycare forget`: what deleted records said, gone from the store and its backups."""

from __future__ import annotations

import sys
from argparse import Namespace

from . import opening
from .errors import CliError


def _records(n: int) -> str:
    return "1 deleted record" if n == 1 else f"{n} deleted records"


def run(args: Namespace) -> int:
    with opening.open_record(args, forget_deleted=False) as record:
        waiting = record.deleted_count()
        if not waiting:
            print("Nothing deleted is kept: there is nothing to forget.")
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                raise CliError(
                    f"mycare forget removes what {_records(waiting)} said for good; run it "
                    "in a terminal to be asked first, or add --yes. Nothing was changed."
                )
            answer = input(
                f"Forget what {_records(waiting)} said, in the store and its backups? "
                "They can never be brought back. [y/N] "
            )
            if answer.strip().lower() not in ("y", "yes"):
                print("Nothing was changed.")
                return 0
        count, left_behind = record.forget_deleted()
    print(
        f"Forgot what {_records(count)} said, in {record.path.name} and its backups; "
        "each is kept only as a mark that it was deleted, so other carers' copies know."
    )
    for backup in left_behind:
        print(
            f"Warning: {backup.name} could not be rewritten (another passphrase, or damaged) "
            "and may still hold it; delete it if that matters."
        )
    return 0
