"""What `check` finds in a store's files: each opened, looked inside, and named plainly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import disk, rekey
from .fileformat import FormatProblem, Keys, decrypt, decrypt_with_key, read_header

UNUSUAL_SETTINGS = "this file asks for unusual settings, so mycare did not try to open it"


@dataclass(frozen=True)
class BackupReport:
    """What `check` found in one backup file."""

    path: Path
    ok: bool
    generation: int | None
    size: int
    problem: str = ""


Inspect = Callable[[bytes], list[str]]
OTHER_PASSPHRASE = (
    "it is locked with another passphrase (the one before or after a passphrase change); "
    "it opens with that one"
)


def _unreadable(exc: OSError) -> str:
    return disk.describe_os_error(exc, reading=True)


def _detail(problem: FormatProblem) -> str:
    return {
        "passphrase": OTHER_PASSPHRASE,
        "foreign": "not a mycare file",
        "newer": "made by a newer mycare: update mycare",
        "unsafe": UNUSUAL_SETTINGS,
    }.get(problem.kind, problem.detail or "damaged")


def _report(
    path: Path, generation: int, size: int, image: bytes, inspect: Inspect | None
) -> BackupReport:
    problems = inspect(image) if inspect is not None else []
    if problems:
        return BackupReport(path, False, generation, size, problems[0])
    return BackupReport(path, True, generation, size)


def _other_key(
    path: Path, passphrase: str, inspect: Inspect | None, needs: str = OTHER_PASSPHRASE
) -> BackupReport:
    """A backup our data key does not open: under another passphrase, or damaged."""
    report = check_file(path, passphrase, inspect)
    if report.ok or report.problem != "the passphrase does not open it":
        return report
    return BackupReport(path, False, None, report.size, needs)


def check_file(
    path: Path, passphrase: str, inspect: Inspect | None = None, store: Path | None = None
) -> BackupReport:
    """Try to open any store or backup file with a passphrase, without locking or writing.

    Given the ``store`` a backup belongs to, one the passphrase does not open but the
    store's does is said to need the store's other passphrase (before or after a change).
    """
    path = Path(path)
    try:
        blob = path.read_bytes()
    except OSError as exc:
        return BackupReport(path, False, None, 0, _unreadable(exc))
    try:
        image, _, header = decrypt(blob, passphrase)
    except FormatProblem as problem:
        detail = _detail(problem)
        if problem.kind == "passphrase":
            detail = _which_passphrase(store, blob, passphrase)
        return BackupReport(path, False, None, len(blob), detail)
    return _report(path, header.generation, len(blob), image, inspect)


def _which_passphrase(store: Path | None, blob: bytes, passphrase: str) -> str:
    """Why a passphrase does not open a file: the store's other one, when that is so."""
    plain = "the passphrase does not open it"
    if store is None:
        return plain
    try:
        _, ours = read_header(store.read_bytes())
        _, theirs = read_header(blob)
        decrypt(store.read_bytes(), passphrase)  # the store itself opens with it
    except (OSError, FormatProblem):
        return plain
    if not ours.store_id or ours.store_id != theirs.store_id:
        return plain
    return rekey.other_passphrase(store, blob, rekey.wrapping(ours))


def check_backups(
    store: Path, keys: Keys, passphrase: str = "", inspect: Inspect | None = None
) -> list[BackupReport]:
    """Open every backup of a store with its keys, and the passphrase for those on another."""

    reports = []
    for path in disk.existing_backups(store):
        try:
            blob = path.read_bytes()
        except OSError as exc:
            reports.append(BackupReport(path, False, None, 0, _unreadable(exc)))
            continue
        try:
            image, header = decrypt_with_key(blob, keys.data_key)
        except FormatProblem as problem:
            if passphrase and problem.kind == "damaged" and "integrity" in problem.detail:
                needs = rekey.other_passphrase(store, blob, rekey.wrapping(keys))
                reports.append(_other_key(path, passphrase, inspect, needs))
                continue
            reports.append(BackupReport(path, False, None, len(blob), _detail(problem)))
            continue
        reports.append(_report(path, header.generation, len(blob), image, inspect))
    return reports
