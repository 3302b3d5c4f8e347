"""Problems with what was asked of the care record, told in the person's words."""

from __future__ import annotations


class CareError(Exception):
    """Something the person can put right; ``str()`` says what and how."""


class InvalidField(CareError):
    """A value that cannot be stored, with the field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFound(CareError):
    """A record that does not exist (or was deleted)."""
