"""The encrypted store file. Knows bytes and passphrases, nothing about care."""

from .disk import BACKUP_COUNT, backup_paths, existing_backups
from .errors import (
    BadPassphrase,
    DamagedStore,
    NewerFormat,
    NotAStore,
    SaveFailed,
    StoreChanged,
    StoreExists,
    StoreInUse,
    StoreMissing,
    VaultError,
    WrongPassphrase,
)
from .kdf import DEFAULT_KDF, TEST_KDF, KdfParams
from .vault import BackupReport, Vault, check_file

__all__ = [
    "BACKUP_COUNT",
    "DEFAULT_KDF",
    "TEST_KDF",
    "BackupReport",
    "BadPassphrase",
    "DamagedStore",
    "KdfParams",
    "NewerFormat",
    "NotAStore",
    "SaveFailed",
    "StoreChanged",
    "StoreExists",
    "StoreInUse",
    "StoreMissing",
    "Vault",
    "VaultError",
    "WrongPassphrase",
    "backup_paths",
    "check_file",
    "existing_backups",
]
