"""`mycare export` and `mycare import`."""

from __future__ import annotations

import os
import sys
from argparse import Namespace
from pathlib import Path

from mycare.care.transfer import export_json, import_json

from . import opening
from .errors import CliError


def write_new_file(path: Path, text: str, *, force: bool) -> None:
    """Write atomically; never replace an existing file unless told to."""
    if path.exists() and not force:
        raise CliError(f"{path} already exists; choose another name or add --force to replace it.")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CliError(f"Could not write {path}: {exc.strerror}.") from None


def run(args: Namespace) -> int:
    if args.command == "export":
        with opening.open_record(args) as record:
            text = export_json(record)
        if args.out == "-":
            sys.stdout.write(text)
            return 0
        out = Path(args.out).expanduser()
        write_new_file(out, text, force=args.force)
        print(f"Wrote every record to {out}.")
        print(
            "Note: this file is NOT encrypted and holds every record, deleted ones too; "
            "keep it somewhere safe or delete it after use."
        )
        return 0
    source = Path(args.file).expanduser()
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"Could not read {source}: {exc}.") from None
    with opening.open_record(args) as record:
        counts = import_json(record, text)
    print(f"Imported {sum(counts.values())} records from {source}.")
    return 0
