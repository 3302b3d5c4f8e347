"""The personal care diary: a line a day and how I feel."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col

from mycare.store import DiaryEntry, Person

from . import clock, records
from .record import CareRecord


def add_entry(
    record: CareRecord,
    person: Person,
    text: str,
    *,
    feeling: int | None = None,
    written_at: datetime | None = None,
) -> DiaryEntry:
    """Write a diary line, with how I feel from 0 (awful) to 10 (great)."""
    return records.add(
        record,
        DiaryEntry,
        person_id=person.id,
        text=text,
        feeling=feeling,
        written_at=written_at or clock.now(),
    )


def entries(
    record: CareRecord,
    person: Person,
    *,
    since: datetime | None = None,
    limit: int | None = None,
) -> list[DiaryEntry]:
    """Diary entries, newest first."""
    with record.reading() as session:
        query = records.live(DiaryEntry).where(DiaryEntry.person_id == person.id)
        if since is not None:
            query = query.where(col(DiaryEntry.written_at) >= since)
        query = query.order_by(col(DiaryEntry.written_at).desc())
        if limit is not None:
            query = query.limit(limit)
        return list(session.exec(query))
