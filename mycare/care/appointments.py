"""Appointments: planning them, repeating them, and what came of them."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from dateutil.rrule import rrulestr
from sqlmodel import col, func, select

from mycare.store import Appointment, AppointmentContact, Contact, Person, utcnow

from . import records, vocab
from .clock import later
from .errors import InvalidField
from .fields import check_values
from .record import CareRecord
from .vocab import AppointmentStatus

STATUSES = vocab.APPOINTMENT_STATUSES
REPEATS = {
    "daily": "DAILY",
    "weekly": "WEEKLY",
    "fortnightly": "WEEKLY;INTERVAL=2",
    "monthly": "MONTHLY",
    "yearly": "YEARLY",
}
MAX_OCCURRENCES = 2000


def repeat_rule(every: str, times: int | None = None, until: date | None = None) -> str:
    """An RFC 5545 RRULE from everyday words: weekly, fortnightly, monthly…"""
    key = every.casefold().strip()
    if key not in REPEATS:
        raise InvalidField("rrule", f"Repeat must be one of: {', '.join(REPEATS)}.")
    rule = f"FREQ={REPEATS[key]}"
    if times is not None:
        if not 1 <= times <= 1000:
            raise InvalidField("rrule", "Repeat times must be between 1 and 1000.")
        rule += f";COUNT={times}"
    elif until is not None:
        rule += f";UNTIL={until:%Y%m%d}T235959"
    return rule


def repeat_words(rule: str) -> tuple[str, int | None]:
    """The everyday words for an RRULE mycare wrote ('' when it is something else)."""
    count = re.search(r"COUNT=(\d+)", rule)
    times = int(count.group(1)) if count else None
    for word, freq in REPEATS.items():
        if re.fullmatch(rf"FREQ={re.escape(freq)}(;COUNT=\d+)?", rule):
            return word, times
    return "", times


def check_rule(rule: str, starts_at: datetime) -> str:
    """Accept an RRULE (with or without 'RRULE:') that dateutil expands to at least one date."""
    rule = rule.strip()
    if not rule:
        return ""
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    try:
        first = rrulestr(rule, dtstart=starts_at).after(starts_at, inc=True)
    except (ValueError, TypeError, KeyError, IndexError):
        raise InvalidField(
            "rrule", f"Repeat rule {rule!r:.60} is not understood; try FREQ=WEEKLY;COUNT=6."
        ) from None
    if first is None:
        raise InvalidField("rrule", "That repeat ends before the first appointment.")
    if "FREQ=MONTHLY" in rule.upper() and "BYMONTHDAY" not in rule.upper() and starts_at.day > 28:
        raise InvalidField(
            "rrule",
            f"A monthly repeat from the {starts_at.day}th would skip shorter months; "
            "start it on a day up to the 28th.",
        )
    return rule


def _check_status(status: str) -> AppointmentStatus:
    if status not in STATUSES:
        raise InvalidField("status", f"Status must be one of: {', '.join(STATUSES)}.")
    return status


def _check_duration(minutes: int) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 24 * 60:
        raise InvalidField("duration_minutes", "Length must be from 1 to 1440 minutes.")
    return minutes


def add_appointment(
    record: CareRecord,
    person: Person,
    starts_at: datetime,
    *,
    with_contacts: Iterable[Contact] = (),
    duration_minutes: int = 30,
    rrule: str = "",
    status: AppointmentStatus = "planned",
    **fields: Any,
) -> Appointment:
    """Plan an appointment, optionally repeating, with members of the care team."""
    values = check_values(
        Appointment,
        dict(
            person_id=person.id,
            starts_at=starts_at.replace(second=0, microsecond=0),
            duration_minutes=_check_duration(duration_minutes),
            rrule=check_rule(rrule, starts_at),
            status=_check_status(status),
            **fields,
        ),
    )
    appointment = Appointment(**values)
    with record.changing() as session:
        session.add(appointment)
        session.flush()
        for contact in with_contacts:
            session.add(AppointmentContact(appointment_id=appointment.id, contact_id=contact.id))
    return appointment


def update_appointment(record: CareRecord, appointment_id: uuid.UUID, **fields: Any) -> Appointment:
    """Change some details of an appointment."""
    if "status" in fields:
        _check_status(fields["status"])
    if "duration_minutes" in fields:
        _check_duration(fields["duration_minutes"])
    if "rrule" in fields:
        start = (
            fields.get("starts_at") or records.get(record, Appointment, appointment_id).starts_at
        )
        fields["rrule"] = check_rule(fields["rrule"], start)
    return records.update(record, Appointment, appointment_id, **fields)


def record_outcome(
    record: CareRecord,
    appointment_id: uuid.UUID,
    outcome: str,
    status: AppointmentStatus = "attended",
) -> Appointment:
    """Write down what came of an appointment."""
    return update_appointment(record, appointment_id, outcome=outcome, status=status)


def change_appointment(
    record: CareRecord,
    appointment_id: uuid.UUID,
    with_contacts: Sequence[Contact],
    **fields: Any,
) -> Appointment:
    """Change an appointment and who it is with: one change, all or nothing."""
    with record.one_change():
        appointment = update_appointment(record, appointment_id, **fields)
        set_attendees(record, appointment_id, with_contacts)
    return appointment


def record_visit(
    record: CareRecord,
    person: Person,
    appointment_id: uuid.UUID,
    outcome: str,
    status: AppointmentStatus = "attended",
    *,
    next_step: str = "",
    who: str = "me",
    contact_id: uuid.UUID | None = None,
    due_on: date | None = None,
) -> Appointment:
    """What came of an appointment and the next step from it: one change, all or nothing."""
    from .steps import add_step

    with record.one_change():
        appointment = record_outcome(record, appointment_id, outcome, status)
        if next_step.strip():
            add_step(
                record, person, next_step, who=who, contact_id=contact_id, due_on=due_on,
                appointment_id=appointment_id,
            )  # fmt: skip
    return appointment


def set_attendees(
    record: CareRecord, appointment_id: uuid.UUID, contacts: Sequence[Contact]
) -> None:
    """Replace who an appointment is with."""
    wanted = {c.id for c in contacts}
    with record.changing() as session:
        records.fetch(session, Appointment, appointment_id)
        links = session.exec(
            records.live(AppointmentContact).where(
                AppointmentContact.appointment_id == appointment_id
            )
        ).all()
        for link in links:
            if link.contact_id in wanted:
                wanted.discard(link.contact_id)
            else:
                link.deleted_at = utcnow()
                session.add(link)
        for contact_id in wanted:
            session.add(AppointmentContact(appointment_id=appointment_id, contact_id=contact_id))


def attendees(
    record: CareRecord, appointment_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[Contact]]:
    """Who each appointment is with."""
    ids = list(appointment_ids)
    result: dict[uuid.UUID, list[Contact]] = {i: [] for i in ids}
    if not ids:
        return result
    with record.reading() as session:
        pairs = session.exec(
            select(AppointmentContact.appointment_id, AppointmentContact.contact_id)
            .where(col(AppointmentContact.deleted_at).is_(None))
            .where(col(AppointmentContact.appointment_id).in_(ids))
        ).all()
        # Each contact is read once, not once per appointment they are at.
        wanted = {contact_id for _, contact_id in pairs}
        found = session.exec(records.live(Contact).where(col(Contact.id).in_(wanted)))
        contacts = {contact.id: contact for contact in found}
    for appointment_id, contact_id in pairs:
        if contact_id in contacts:
            result[appointment_id].append(contacts[contact_id])
    return result


def appointments(
    record: CareRecord,
    person: Person,
    *,
    since: datetime | None = None,
    before: datetime | None = None,
) -> list[Appointment]:
    """A person's appointments, oldest first: those that may sit at or after `since` (a
    repeating one may, whenever it began) and that begin before `before`, if given."""
    with record.reading() as session:
        query = records.live(Appointment).where(Appointment.person_id == person.id)
        if since is not None:
            query = query.where(
                (col(Appointment.starts_at) >= since) | (col(Appointment.rrule) != "")
            )
        if before is not None:
            query = query.where(col(Appointment.starts_at) < before)
        return list(session.exec(query.order_by(col(Appointment.starts_at))))


def last_attended(record: CareRecord, person: Person, before: datetime) -> datetime | None:
    """When the person's latest appointment marked attended began, up to `before`."""
    with record.reading() as session:
        query = (
            select(func.max(Appointment.starts_at))
            .where(col(Appointment.deleted_at).is_(None))
            .where(Appointment.person_id == person.id)
            .where(Appointment.status == "attended")
            .where(col(Appointment.starts_at) <= before)
        )
        found: datetime | None = session.exec(query).one()
    return found


def next_occurrence(
    record: CareRecord, person: Person, now: datetime | None = None
) -> Occurrence | None:
    """The next sitting of any of the person's appointments, within two years."""
    from . import clock

    now = now or clock.now()
    upcoming = occurrences(record, person, now, now + timedelta(days=731))
    return upcoming[0] if upcoming else None


def last_occurrence(
    record: CareRecord, person: Person, now: datetime | None = None
) -> Occurrence | None:
    """The most recent sitting that has begun, within the last two years."""
    from . import clock

    now = now or clock.now()
    past = occurrences(record, person, now - timedelta(days=731), now + timedelta(minutes=1))
    return past[-1] if past else None


@dataclass(frozen=True)
class Occurrence:
    """One sitting of an appointment (a repeating one has many)."""

    appointment: Appointment
    starts_at: datetime
    with_contacts: list[Contact] = field(default_factory=list)

    @property
    def ends_at(self) -> datetime:
        return later(self.starts_at, timedelta(minutes=self.appointment.duration_minutes))


def skipped_times(appointment: Appointment) -> set[datetime]:
    """The sittings a repeating appointment leaves out (cancelled or moved elsewhere)."""
    found = set()
    for part in appointment.skips.split():
        try:
            found.add(datetime.fromisoformat(part))
        except ValueError:
            continue
    return found


def expand(appointment: Appointment, start: datetime, end: datetime) -> list[datetime]:
    """The start times of an appointment within [start, end), less the skipped ones."""
    if not appointment.rrule:
        return [appointment.starts_at] if start <= appointment.starts_at < end else []
    try:
        rule = rrulestr(appointment.rrule, dtstart=appointment.starts_at)
    except (ValueError, TypeError, KeyError, IndexError):
        return [appointment.starts_at] if start <= appointment.starts_at < end else []
    skipped = skipped_times(appointment)
    found = []
    for when in rule.xafter(
        later(start, -timedelta(microseconds=1)), count=MAX_OCCURRENCES, inc=True
    ):
        if when >= end:
            break
        if when not in skipped:
            found.append(when)
    return found


def occurrences(
    record: CareRecord,
    person: Person,
    start: datetime,
    end: datetime,
    *,
    include_cancelled: bool = False,
) -> list[Occurrence]:
    """Every sitting of the person's appointments between start and end, in order."""
    sittings = [
        (a, when)
        for a in appointments(record, person, since=start, before=end)
        if include_cancelled or a.status != "cancelled"
        for when in expand(a, start, end)
    ]
    who = attendees(record, {a.id for a, _ in sittings})
    found = [Occurrence(a, when, who[a.id]) for a, when in sittings]
    return sorted(found, key=lambda o: o.starts_at)
