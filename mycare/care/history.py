"""Who changed what, when: a record's earlier versions, and what two carers both changed."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from mycare.store import (
    ALL_TABLES,
    Appointment,
    AppointmentContact,
    CareRole,
    Change,
    Contact,
    Record,
)

from .dayformat import format_date
from .errors import NotFound
from .fields import label
from .record import CareRecord
from .records import kind_name

MODELS: dict[str, type[Record]] = {m.__tablename__: m for m in ALL_TABLES}  # type: ignore[misc]
TITLE_FIELDS = ("name", "purpose", "text", "what", "goal", "substance", "role")
SHORT = 60


@dataclass(frozen=True)
class HistoryLine:
    """One change, ready to read: "changed by Sam, Tue 1 Dec 14:02: time 10:30 → 11:00"."""

    change_id: uuid.UUID
    record_id: uuid.UUID
    kind: str
    title: str
    when: datetime
    author: str
    action: str
    text: str
    needs_check: bool


def when_text(moment: datetime, today: date | None = None) -> str:
    """A change's time on this computer's clock: "Tue 1 Dec 14:02" (the year when not this one)."""
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone()
    day = format_date(local.date())
    if local.year == (today or date.today()).year:
        day = day.rsplit(" ", 1)[0]
    return f"{day} {local:%H:%M}"


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= SHORT else one[: SHORT - 1] + "…"


def _value(session: Session, field: str, value: str | None) -> str:
    """A stored value as the person would say it."""
    if value is None or value == "":
        return "(empty)"
    if field.endswith("_id"):
        try:
            contact = session.get(Contact, uuid.UUID(hex=value))
        except ValueError:
            contact = None
        return contact.name if contact is not None else "another record"
    if value in ("true", "false"):
        return "yes" if value == "true" else "no"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return _short(value)
    if len(value) == 10:
        return format_date(moment.date())
    return f"{format_date(moment.date())} {moment:%H:%M}"


def _values(session: Session, field: str, old: str | None, new: str | None) -> str:
    """Say "time 10:30 → 11:00" when the time when a date and time kept its day."""
    try:
        a, b = datetime.fromisoformat(old or ""), datetime.fromisoformat(new or "")
    except ValueError:
        pass
    else:
        if a.date() == b.date() and len(old or "") > 10:
            return f"time {a:%H:%M} → {b:%H:%M}"
    return f"{label(field).lower()} {_value(session, field, old)} → {_value(session, field, new)}"


def title_of(session: Session, table: str, record_id: uuid.UUID) -> str:
    """A few words naming a record: its name, purpose or first words."""
    model = MODELS.get(table)
    obj = session.get(model, record_id) if model else None
    if obj is None:
        return ""
    if isinstance(obj, CareRole | AppointmentContact):  # named by who, and what for
        contact = session.get(Contact, obj.contact_id)
        who = contact.name if contact else "someone"
        if isinstance(obj, CareRole):
            role = "in charge" if obj.role == "lead" else "first point of contact"
            return _short(f"{who}, {role}")
        visit = session.get(Appointment, obj.appointment_id)
        return _short(f"{who} at {visit.purpose or 'an appointment'}" if visit else who)
    for name in TITLE_FIELDS:
        value = getattr(obj, name, None)
        if isinstance(value, str) and value.strip():
            return _short(value)
    return ""


def describe(session: Session, change: Change) -> str:
    """What one change did, in words."""
    who = change.author or "someone"
    head = f"{change.action} by {who}" if change.action != "both" else "changed by both"
    head = f"{head}, {when_text(change.created_at)}"
    if change.action == "added":
        return f"added by {who}, {when_text(change.created_at)}"
    if change.action == "forgotten":  # at an unlock, or by `mycare forget`: nobody's edit
        return f"its text forgotten once deleted, {when_text(change.created_at)}"
    if change.action in ("deleted", "restored"):
        return head
    if change.action == "both":
        lost_by = f" ({change.author}'s)" if change.author else ""
        kept = _value(session, change.field, change.new)
        lost = _value(session, change.field, change.old)
        return (
            f"{head}: {label(change.field).lower()} is {kept}; the other value{lost_by} "
            f"was {lost}"
        )  # the screen and the CLI add "← check it" while nobody has looked
    return f"{head}: {_values(session, change.field, change.old, change.new)}"


def _line(session: Session, change: Change) -> HistoryLine:
    model = MODELS.get(change.table_name)
    return HistoryLine(
        change_id=change.id,
        record_id=change.record_id,
        kind=kind_name(model) if model else change.table_name,
        title=title_of(session, change.table_name, change.record_id),
        when=change.created_at,
        author=change.author,
        action=change.action,
        text=describe(session, change),
        needs_check=change.action == "both" and not change.seen,
    )


def of_record(record: CareRecord, record_id: uuid.UUID) -> list[HistoryLine]:
    """Every change to one record, newest first."""
    with record.reading() as session:
        rows = session.exec(
            select(Change)
            .where(Change.record_id == record_id)
            .order_by(col(Change.created_at).desc())
        ).all()
        return [_line(session, c) for c in rows]


def revisions(record: CareRecord, record_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    """How many times each record was changed after it was added (a calendar's SEQUENCE)."""
    ids = list(record_ids)
    if not ids:
        return {}
    with record.reading() as session:
        query = (
            select(Change.record_id, func.count(func.distinct(Change.created_at)))
            .where(col(Change.record_id).in_(ids), Change.action != "added")
            .group_by(col(Change.record_id))
        )
        counted = {rid: int(n) for rid, n in session.exec(query).all()}
    return {rid: counted.get(rid, 0) for rid in ids}


def recent(record: CareRecord, limit: int = 30, since: datetime | None = None) -> list[HistoryLine]:
    """The latest changes to any record, newest first."""
    with record.reading() as session:
        query = select(Change).order_by(col(Change.created_at).desc()).limit(limit)
        if since is not None:
            query = query.where(Change.created_at > since)
        return [_line(session, c) for c in session.exec(query).all()]


def by_others(record: CareRecord, since: datetime | None, limit: int = 200) -> list[HistoryLine]:
    """Changes made on other computers (by anyone but me) since a moment, newest first."""
    with record.reading() as session:
        query = (
            select(Change)
            .where(Change.author != record.me, Change.author != "")
            .order_by(col(Change.created_at).desc())
            .limit(limit)
        )
        if since is not None:
            query = query.where(Change.created_at > since)
        return [_line(session, c) for c in session.exec(query).all()]


def to_check(record: CareRecord) -> list[HistoryLine]:
    """Values two carers both changed at once, that nobody has looked at yet."""
    with record.reading() as session:
        rows = session.exec(
            select(Change)
            .where(Change.action == "both", col(Change.seen).is_(False))
            .order_by(col(Change.created_at).desc())
        ).all()
        return [_line(session, c) for c in rows]


def mark_seen(record: CareRecord, *record_ids: uuid.UUID) -> int:
    """The person has looked at these records: their "changed by both" notes are done with.

    One change, so one save, however many there are.
    """
    if not record_ids:
        return 0
    with record.changing() as session:
        rows = session.exec(
            select(Change).where(
                col(Change.record_id).in_(record_ids),
                Change.action == "both",
                col(Change.seen).is_(False),
            )
        ).all()
        for change in rows:
            change.seen = True
            session.add(change)
        return len(rows)


def find_record(record: CareRecord, prefix: str) -> uuid.UUID:
    """The record whose id starts with these characters (as the command line shows ids)."""
    clean = prefix.strip().lower().replace("-", "")
    if len(clean) < 4 or any(c not in "0123456789abcdef" for c in clean):
        raise NotFound(f"{prefix!r:.40} is not a record id (give at least 4 of its characters).")
    ids: set[str] = set()
    with record.reading() as session:
        conn = session.connection()
        for table in [*MODELS, Change.__tablename__]:
            column = "record_id" if table == Change.__tablename__ else "id"
            rows = conn.exec_driver_sql(
                f'SELECT DISTINCT {column} FROM "{table}" WHERE {column} LIKE ?',  # noqa: S608
                (clean + "%",),
            )
            ids |= {row[0] for row in rows}
    if not ids:
        raise NotFound(f"No record has an id starting {clean}.")
    if len(ids) > 1:
        raise NotFound(f"Several records have ids starting {clean}; give more of it.")
    return uuid.UUID(hex=ids.pop())
