"""What a clinician reads first: recent changes to medicines, what is next, what was missed.

The rest of the first block (allergies, medicines, conditions, who is in charge, this
visit) is already in the summary's sections; this adds only what those do not hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mycare.care import appointments, health
from mycare.care.record import CareRecord
from mycare.store import Medication, Person

LATELY = timedelta(days=183)  # "recently": changes and missed appointments in half a year
UPCOMING = 3


@dataclass(frozen=True)
class MedicineChange:
    """A medicine started, stopped or given a new dose, on a day."""

    name: str
    what: str  # "started", "stopped" or "dose changed"
    on: date
    detail: str = ""


@dataclass(frozen=True)
class Sitting:
    """One appointment on the calendar, in plain fields."""

    starts_at: datetime
    purpose: str
    with_names: list[str]
    location: str


@dataclass(frozen=True)
class Glance:
    """The parts of the first block the sections do not hold; None when left out."""

    medicine_changes: list[MedicineChange] | None = None
    upcoming: list[Sitting] | None = None
    missed: list[Sitting] | None = None


def _named(m: Medication) -> str:
    return f"{m.name} {m.dose}".strip()


def medicine_changes(record: CareRecord, person: Person, since: date) -> list[MedicineChange]:
    """Medicines started, stopped or changed in dose since a day, newest first."""
    every = health.medications(record, person, current_only=False)
    found = []
    for m in every:
        if m.started_on is not None and m.started_on >= since:
            found.append(MedicineChange(_named(m), "started", m.started_on))
        if m.stopped_on is not None and m.stopped_on >= since:
            found.append(MedicineChange(_named(m), "stopped", m.stopped_on))
    by_id = {m.id: m for m in every}
    for change in health.dose_changes(record, person, since):
        medicine = by_id.get(change.medication_id)
        if medicine is None:
            continue
        old, new = change.old or "none written", change.new or "none written"
        found.append(
            MedicineChange(medicine.name, "dose changed", change.on, f"from {old} to {new}")
        )
    return sorted(found, key=lambda c: (c.on, c.name.casefold()), reverse=True)


def _sitting(o: appointments.Occurrence, named: bool) -> Sitting:
    a = o.appointment
    who = [c.name for c in o.with_contacts] if named else []
    return Sitting(o.starts_at, a.purpose, who, a.location)


def upcoming(
    record: CareRecord,
    person: Person,
    now: datetime,
    leave_out: datetime | None = None,
    *,
    named: bool = True,
) -> list[Sitting]:
    """The next few appointments from now (the one being prepared for left out)."""
    coming = appointments.occurrences(record, person, now, now + timedelta(days=731))
    return [_sitting(o, named) for o in coming if o.starts_at != leave_out][:UPCOMING]


def missed(
    record: CareRecord, person: Person, now: datetime, *, named: bool = True
) -> list[Sitting]:
    """Appointments marked missed in the last half year, newest first."""
    past = appointments.occurrences(record, person, now - LATELY, now, include_cancelled=True)
    return [_sitting(o, named) for o in reversed(past) if o.appointment.status == "missed"]


def build_glance(
    record: CareRecord,
    person: Person,
    chosen: tuple[str, ...],
    now: datetime,
    leave_out: datetime | None,
) -> Glance:
    """What the first block adds for the sections chosen (the team's names only with it)."""
    changes = None
    if "health" in chosen:
        changes = medicine_changes(record, person, (now - LATELY).date())
    coming = gone = None
    if "appointment" in chosen or "recent" in chosen:
        named = "team" in chosen
        coming = upcoming(record, person, now, leave_out, named=named)
        gone = missed(record, person, now, named=named)
    return Glance(changes, coming, gone)
