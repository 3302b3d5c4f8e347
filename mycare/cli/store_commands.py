"""Creating, demonstrating, checking and re-keying a store."""

from __future__ import annotations

import shlex
import sys
import tempfile
from argparse import Namespace
from pathlib import Path

from mycare.care import clock, history
from mycare.care.people import add_person, people
from mycare.care.record import CareRecord

from . import locate, opening
from .errors import CliError
from .output import safe

DEMO_PASSPHRASE = "try mycare demo"


def run(args: Namespace) -> int:
    return {"init": init, "demo": demo, "check": check, "passwd": passwd, "people": list_people}[
        args.command
    ](args)


def init(args: Namespace) -> int:
    path = locate.store_path(getattr(args, "store", None))
    if path.exists():
        from mycare.care.errors import StoreExists

        raise StoreExists(path)
    passphrase = locate.new_passphrase(getattr(args, "passphrase_file", None))
    name = args.name
    if name is None and sys.stdin.isatty():
        name = input("Whose care record is this? Their name (or Enter to add later): ")
    with CareRecord.create(path, passphrase) as record:
        record.me = opening.who_am_i(args)
        if name and name.strip():
            add_person(record, name)
    print(f"Created your encrypted care record at {path}")
    if not (name and name.strip()):
        print("Add the first person with: mycare add person NAME")
    return 0


def demo(args: Namespace) -> int:
    from mycare.care.demo import fill_demo

    given = args.path or getattr(args, "store", None)
    if given:
        path = Path(given).expanduser()
    else:
        path = Path(tempfile.mkdtemp(prefix="mycare-demo-")) / "demo.mycare"
    passphrase = DEMO_PASSPHRASE
    with CareRecord.create(path, passphrase) as record:
        record.me = "mycare demo"
        first = fill_demo(record, clock.today())
    print(f"Created a demo care record for {safe(first.name)} and her husband (fictional) at:")
    print(f"  {path}")
    print(f"Its passphrase is: {passphrase}")
    print("Try:")
    print(f"  export MYCARE_STORE={path} MYCARE_PASSPHRASE='{passphrase}'")
    print("  mycare agenda")
    print("  mycare          (the full-screen app)")
    return 0


def list_people(args: Namespace) -> int:
    with opening.open_record(args, reading=True) as record:
        everyone = people(record)
    if not everyone:
        print("Nobody yet. Add someone with: mycare add person NAME")
    for p in everyone:
        born = f" (born {p.date_of_birth:%d %b %Y})" if p.date_of_birth else ""
        print(f"{safe(p.name)}{born}")
    return 0


def check(args: Namespace) -> int:
    from mycare.care.errors import NewerFormat, StoreInUse, VaultError, WrongPassphrase
    from mycare.care.files import check_file, existing_backups, real_path

    path = real_path(locate.store_path(getattr(args, "store", None)))
    passphrase = locate.passphrase(getattr(args, "passphrase_file", None))
    backups = existing_backups(path)
    copies: list[Path] = []
    other_key: set[Path] = set()
    to_check = 0
    restore = True  # whether going back to a backup could be the right advice
    try:
        with CareRecord.open(path, passphrase, forget_deleted=False) as record:
            problems, generation = record.verify()
            counts = record.counts()
            reports = record.check_backups(passphrase)
            copies = record.copies()
            other_key = {c for c in copies if record.copy_needs_other_passphrase(c)}
            to_check = len(history.to_check(record))
    except WrongPassphrase:
        raise
    except StoreInUse:
        restore = False
        found = check_file(path, passphrase)
        reports = [check_file(b, passphrase, path) for b in backups]
        healthy = found.ok
        state = "OK" if found.ok else f"could not be read fully ({found.problem})"
        print(
            f"Store: in use — {path} is open in another mycare on this computer, so it was "
            f"checked without opening it: {state}"
            + (f" (save number {found.generation})." if found.ok else ".")
        )
        if not found.ok:
            print("Close the other mycare and run `mycare check` again; nothing was changed.")
    except NewerFormat as exc:
        restore = False
        healthy = False
        print(f"Store: NOT OPENED — {exc}")
        reports = [check_file(b, passphrase, path) for b in backups]
    except VaultError as exc:
        print(f"Store: NOT OK — {exc}")
        reports = [check_file(b, passphrase, path) for b in backups]
        healthy = False
    else:
        healthy = not problems
        if problems:
            print(f"Store: NOT OK — {len(problems)} problem(s) inside: {problems[0]}")
        else:
            total = sum(counts.values())
            print(
                f"Store: OK — {path} (save number {generation}); "
                f"{_people(counts.get('person', 0))}, {total} records in all."
            )
    if not backups:
        print("Backups: none yet (one is kept at each save, up to 5).")
    for report in reports:
        if report.ok:
            print(f"Backup {report.path.name}: OK (save number {report.generation})")
        else:
            print(f"Backup {report.path.name}: NOT OK — {report.problem}")
    for copy in copies:
        if copy in other_key:
            print(
                f"Copy waiting: {copy.name} is a version of this store locked with another "
                "passphrase (from before or after a passphrase change); merge it with "
                f"`mycare merge {shlex.quote(str(copy))}`, which asks for that passphrase."
            )
            continue
        print(
            f"Copy waiting: {copy.name} is another version of this store (left by a sync "
            "service); mycare merges it the next time the store is opened, or now with "
            f"`mycare merge {shlex.quote(str(copy))}`."
        )
    if to_check:
        print(
            f"Changed by both: {to_check} value(s) two carers changed at once — "
            "see them with `mycare history --check`."
        )
    good = [r for r in reports if r.ok]
    if not healthy and restore and good:
        print(
            f"The newest good backup is {good[0].path.name} (save number {good[0].generation}). "
            "To go back to it: keep a copy of the damaged store, then "
            f"cp {shlex.quote(str(good[0].path))} {shlex.quote(str(path))}"
        )
    return 0 if healthy and all(r.ok for r in reports) else 1


def _people(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"


def passwd(args: Namespace) -> int:
    path = locate.store_path(getattr(args, "store", None))
    old = locate.passphrase(getattr(args, "passphrase_file", None), label="Current passphrase: ")
    with CareRecord.open(path, old) as record:
        new = locate.new_passphrase(
            args.new_passphrase_file, env=locate.ENV_NEW_PASSPHRASE, flag="--new-passphrase-file"
        )
        if new == old:
            raise CliError("The new passphrase is the same as the old one; nothing was changed.")
        left_behind = record.change_passphrase(old, new)
    print(
        f"Passphrase changed for {path}. It has a new key, so an old copy of the file and "
        "the old passphrase open nothing saved from now on."
    )
    if not left_behind:
        print("Its backups were re-locked under the new key too.")
    for backup in left_behind:
        print(
            f"Warning: {backup.name} could not be re-locked and still opens only with the "
            "old passphrase; delete it if the old passphrase is no longer safe."
        )
    return 0
