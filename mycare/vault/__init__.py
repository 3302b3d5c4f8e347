"""The encrypted store file. Knows bytes and passphrases, nothing about care."""

from .checking import BackupReport, check_file
from .disk import BACKUP_COUNT, backup_paths, existing_backups
from .errors import (
    BadPassphrase,
    CopyPassphraseWrong,
    DamagedStore,
    FolderUnusable,
    NewerFormat,
    NotAStore,
    OtherKey,
    OtherStore,
    PassphraseChanged,
    SaveFailed,
    StoreChanged,
    StoreExists,
    StoreInUse,
    StoreMissing,
    StoreUnreadable,
    UnusualSettings,
    VaultError,
    WrongPassphrase,
)
from .kdf import DEFAULT_KDF, TEST_KDF, KdfParams
from .vault import DiskVersion, Vault, real_path

__all__ = [
    "BACKUP_COUNT",
    "DEFAULT_KDF",
    "TEST_KDF",
    "BackupReport",
    "DiskVersion",
    "BadPassphrase",
    "CopyPassphraseWrong",
    "DamagedStore",
    "FolderUnusable",
    "KdfParams",
    "NewerFormat",
    "NotAStore",
    "OtherKey",
    "OtherStore",
    "PassphraseChanged",
    "SaveFailed",
    "StoreChanged",
    "StoreExists",
    "StoreInUse",
    "StoreMissing",
    "StoreUnreadable",
    "UnusualSettings",
    "Vault",
    "VaultError",
    "WrongPassphrase",
    "backup_paths",
    "check_file",
    "existing_backups",
    "real_path",
]
