"""The personal care diary: a line a day and how I feel."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select

from mycare.store import DiaryEntry, Person, fold

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
    containing: str = "",
) -> list[DiaryEntry]:
    """Diary entries, newest first; only those containing some words, if given.

    Times are kept to the minute, so lines written in the same minute come in the order
    they were written (newest first too).
    """
    with record.reading() as session:
        query = records.live(DiaryEntry).where(DiaryEntry.person_id == person.id)
        if since is not None:
            query = query.where(col(DiaryEntry.written_at) >= since)
        for word in (fold(containing) or "").split():
            query = query.where(func.instr(func.fold(DiaryEntry.text), word) > 0)
        query = query.order_by(col(DiaryEntry.written_at).desc(), col(DiaryEntry.created_at).desc())
        if limit is not None:
            query = query.limit(limit)
        return list(session.exec(query))


def count_entries(record: CareRecord, person: Person) -> int:
    """How many diary entries the person has."""
    with record.reading() as session:
        query = (
            select(func.count())
            .select_from(DiaryEntry)
            .where(DiaryEntry.person_id == person.id, col(DiaryEntry.deleted_at).is_(None))
        )
        return session.exec(query).one()
