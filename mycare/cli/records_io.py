"""`mycare export` and `mycare import`."""

from __future__ import annotations

import re
import sys
from argparse import Namespace
from pathlib import Path

from mycare.care import clock
from mycare.care.transfer import export_json
from mycare.export import BY_NAME, SUFFIXES, render, write_export
from mycare.export.formats import FORMATS

from . import opening
from .add import appointment_ref
from .errors import CliError
from .output import safe


def _default_name(stem: str, suffix: str) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.casefold()).strip("-")[:40] or "summary"
    return Path(f"mycare-{slug}-{clock.today().isoformat()}{suffix}")


def _write(args: Namespace, data: bytes, default: Path) -> Path | None:
    if args.out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return None
    out = Path(args.out).expanduser() if args.out else default
    write_export(out, data, overwrite=args.force)
    return out


def _sections(args: Namespace) -> set[str] | None:
    if not args.sections:
        return None
    return {part for item in args.sections for part in re.split(r"[,\s]+", item) if part}


def _check_options(args: Namespace) -> None:
    """Refuse an option that would change nothing in this format, before the store opens."""
    fmt = BY_NAME[args.format]
    if args.for_appointment and not fmt.for_appointment:
        meant = ", ".join(f.name for f in FORMATS if f.for_appointment)
        raise CliError(
            f"--for-appointment makes no difference to {fmt.name} ({fmt.help}); "
            f"leave it out, or choose one of: {meant}."
        )
    if getattr(args, "reminders", False) and not fmt.reminders:
        meant = ", ".join(f.name for f in FORMATS if f.reminders)
        raise CliError(
            f"--reminders makes no difference to {fmt.name} ({fmt.help}); "
            f"only a calendar holds reminders: {meant}."
        )


def export(args: Namespace) -> int:
    _check_options(args)
    with opening.open_record(args, reading=True) as record:
        if args.format == "json":
            whose = opening.person(record, args) if getattr(args, "person", None) else None
            data = export_json(record, whose).encode("utf-8")
            stem = f"records-{whose.name}" if whose is not None else "records"
            default = _default_name(stem, ".json")
        else:
            person = opening.person(record, args)
            appointment = None
            notes: list[str] = []
            if args.for_appointment:
                appointment = appointment_ref(record, person, args.for_appointment)[0].id
            data = render(
                record,
                person,
                args.format,
                sections=_sections(args),
                since=opening.recorded_day(args.since) if args.since else None,
                for_appointment=appointment,
                prepared_by=args.prepared_by,
                reminders=args.reminders,
                notes=notes,
            )
            for note in notes:
                print(safe(note), file=sys.stderr)
            default = _default_name(person.name, SUFFIXES[args.format])
    out = _write(args, data, default)
    if out is not None:
        print(f"Wrote {out}.")
        print(f"Note: {BY_NAME[args.format].warning}")
    return 0


def run(args: Namespace) -> int:
    if args.command == "export":
        return export(args)
    return import_file(args)


def import_file(args: Namespace) -> int:
    """Preview what a file brings, then bring it in as one change (unless --dry-run)."""
    from mycare.care.importing import import_parsed, parse_file
    from mycare.care.importing.preview import outcome, preview

    source = Path(args.file).expanduser()
    parsed = parse_file(source)  # before unlocking: a bad file costs no passphrase
    with opening.open_record(args) as record:
        plan = import_parsed(record, parsed, getattr(args, "person", None), dry_run=args.dry_run)
    for line in preview(plan):
        print(safe(line))
    print(safe(outcome(plan, done=not args.dry_run)))
    return 0
