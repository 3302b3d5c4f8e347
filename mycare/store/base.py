"""What every stored record has: a UUID, timestamps, and a tombstone instead of a delete."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Now, as an aware UTC instant (bookkeeping times are instants)."""
    return datetime.now(UTC)


class Record(SQLModel):
    """Columns shared by every table, so two copies of a store can be merged row by row."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = Field(default=None, index=True)
