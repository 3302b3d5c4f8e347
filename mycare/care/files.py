"""The store file as the app and the command line see it: key settings, backups, checks."""

from __future__ import annotations

from mycare.vault import DEFAULT_KDF, BackupReport, KdfParams, check_file, existing_backups

__all__ = ["DEFAULT_KDF", "BackupReport", "KdfParams", "check_file", "existing_backups"]
