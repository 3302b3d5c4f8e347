"""What a file brings, before it meets the store: plain items, each with its own identifier."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from ..errors import CareError


class BadFile(CareError):
    """A file that cannot be imported; ``str()`` is one line naming what is wrong and where."""


@dataclass(frozen=True)
class Attendee:
    """Someone an appointment is with, as the file names them."""

    name: str
    email: str = ""
    ref: str = ""  # the source identifier of a contact in the same file, if any


@dataclass
class Item:
    """One record to bring in: its kind, its identifier in the file, and its field values.

    ``kind`` is a table name (person, contact, appointment, medication, condition, allergy).
    ``where`` says where in the file it was found ("line 12", "entry 3 (Condition)").
    """

    kind: str
    source_id: str
    values: dict[str, Any]
    where: str
    attendees: list[Attendee] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the preview should mention
    sector_guessed: bool = True  # contacts: False when the sector could not be told
    matched: uuid.UUID | None = None  # the stored record it turned out to be, once planned


@dataclass(frozen=True)
class Skipped:
    """Something in the file that will not come in, and why."""

    what: str
    where: str
    why: str


@dataclass
class Parsed:
    """Everything one file offers."""

    kind: str  # "calendar", "address book", "health record", "mycare records"
    source_name: str
    items: list[Item] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    records: Any = None  # a mycare records file's data, merged as a whole
