"""The store file as the app and the command line see it: key settings, backups, checks."""

from __future__ import annotations

from pathlib import Path

from mycare.store import image_problems
from mycare.vault import DEFAULT_KDF, BackupReport, KdfParams, existing_backups, real_path
from mycare.vault import check_file as _check_file


def check_file(path: Path, passphrase: str, store: Path | None = None) -> BackupReport:
    """Open a store or backup file read-only and look inside it, without taking its lock.

    ``store``: the store a backup belongs to, so one on its other passphrase is named so.
    """
    return _check_file(path, passphrase, image_problems, store)


__all__ = [
    "DEFAULT_KDF",
    "BackupReport",
    "KdfParams",
    "check_file",
    "existing_backups",
    "real_path",
]
