"""Problems with what was asked of the care record, told in the person's words.

Problems with the store file itself come from the vault; they are named here too, so the
app and the command line meet every problem through ``mycare.care``.
"""

from __future__ import annotations

from mycare.vault.errors import (
    CopyPassphraseWrong,
    DamagedStore,
    NewerFormat,
    OtherKey,
    OtherStore,
    PassphraseChanged,
    SaveFailed,
    StoreChanged,
    StoreExists,
    StoreInUse,
    StoreMissing,
    VaultError,
    WrongPassphrase,
)


class CareError(Exception):
    """Something the person can put right; ``str()`` says what and how."""


class InvalidField(CareError):
    """A value that cannot be stored, with the field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFound(CareError):
    """A record that does not exist (or was deleted)."""


PROBLEMS = (CareError, VaultError)  # everything the person is told about in one line

__all__ = [
    "PROBLEMS",
    "CareError",
    "InvalidField",
    "NotFound",
    "CopyPassphraseWrong",
    "DamagedStore",
    "NewerFormat",
    "OtherKey",
    "OtherStore",
    "PassphraseChanged",
    "SaveFailed",
    "StoreChanged",
    "StoreExists",
    "StoreInUse",
    "StoreMissing",
    "VaultError",
    "WrongPassphrase",
]
