"""The tables of a care record. Plain columns only; the rules live in ``mycare.care``.

Bookkeeping times (created, updated, done) are aware UTC instants; the times a
person reads on a clock (an appointment, a diary line) are naive local times.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import NaiveDatetime
from sqlalchemy import Index, text
from sqlmodel import Field

from .base import Record


class Imported(Record):
    """Where a record came from when it was imported from another program's file.

    ``source_file`` is the file's name and ``source_id`` the item's own identifier there
    (an event's UID, a card's UID, a FHIR resource's identifier), so a later import of the
    same item updates this record instead of adding another. Both are empty when typed in.
    """

    source_file: str = ""
    source_id: str = Field(default="", index=True)


class Person(Imported, table=True):
    """Someone whose care is recorded; a carer's store may hold several.

    The "about me" fields follow the PRSB About Me headings used in NHS personalised care
    and support plans; all are the person's own words.
    """

    name: str
    date_of_birth: date | None = None
    nhs_number: str = ""  # ten digits, spaced 3-3-4, or empty
    gp_practice: str = ""  # the registered GP practice
    what_matters: str = ""
    important_people: str = ""
    communication_needs: str = ""  # how I communicate and how to communicate with me
    wellness: str = ""
    please_do: str = ""
    please_dont: str = ""
    how_to_support: str = ""  # how and when to support me
    also_worth_knowing: str = ""
    written_with: str = ""  # who supported me to write this
    written_on: date | None = None
    time_zone: str = ""  # where the person's clock times are, e.g. Europe/London; "" is that
    care_plan: str = ""
    plan_reviewed_on: date | None = None
    plan_review_due: date | None = None
    no_known_allergies: bool = False


class Contact(Imported, table=True):
    """A member of the care team, from any sector."""

    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    name: str
    role: str = ""
    organisation: str = ""
    sector: str = "health"
    phone: str = ""
    email: str = ""
    address: str = ""
    notes: str = ""


class CareRole(Record, table=True):
    """Who held the lead or first-contact role, from when until when."""

    __table_args__ = (
        Index(
            "one_current_holder",
            "person_id",
            "role",
            unique=True,
            sqlite_where=text("ended_at IS NULL AND deleted_at IS NULL"),
        ),
    )

    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    role: str  # "lead" | "first_contact"
    contact_id: uuid.UUID = Field(foreign_key="contact.id")
    started_at: datetime
    ended_at: datetime | None = None


class Appointment(Imported, table=True):
    """A planned or past appointment, optionally repeating."""

    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    starts_at: NaiveDatetime = Field(index=True)
    duration_minutes: int = 30
    purpose: str = ""
    location: str = ""
    status: str = "planned"
    preparation: str = ""
    outcome: str = ""
    rrule: str = ""
    skips: str = ""  # local start times (ISO, space-separated) the repeat leaves out


class AppointmentContact(Record, table=True):
    """Who an appointment is with."""

    appointment_id: uuid.UUID = Field(foreign_key="appointment.id", index=True)
    contact_id: uuid.UUID = Field(foreign_key="contact.id", index=True)


class Question(Record, table=True):
    """Something to ask, perhaps at a given appointment or of a given person."""

    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    text: str
    appointment_id: uuid.UUID | None = Field(default=None, foreign_key="appointment.id")
    contact_id: uuid.UUID | None = Field(default=None, foreign_key="contact.id")
    status: str = "open"
    answer: str = ""
    asked_on: date | None = None


class NextStep(Record, table=True):
    """What happens next and who does it."""

    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    what: str
    who: str = "me"
    contact_id: uuid.UUID | None = Field(default=None, foreign_key="contact.id")
    due_on: date | None = Field(default=None, index=True)
    status: str = "open"
    appointment_id: uuid.UUID | None = Field(default=None, foreign_key="appointment.id")
    done_at: datetime | None = None


class Goal(Record, table=True):
    """A goal the person set, and why it matters to them."""

    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    what_matters: str = ""
    goal: str
    target_on: date | None = None
    status: str = "active"


class GoalStep(Record, table=True):
    """One step towards a goal."""

    goal_id: uuid.UUID = Field(foreign_key="goal.id", index=True)
    text: str
    done: bool = False
    position: int = 0


class CheckIn(Record, table=True):
    """How a goal is going, on a day, from 0 to 10."""

    goal_id: uuid.UUID = Field(foreign_key="goal.id", index=True)
    checked_on: date
    score: int
    note: str = ""


class Medication(Imported, table=True):
    """A medicine taken now or before."""

    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    name: str
    dose: str = ""
    how_taken: str = ""
    reason: str = ""
    prescriber: str = ""
    started_on: date | None = None
    stopped_on: date | None = None


class Condition(Imported, table=True):
    """A health condition, current or past."""

    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    name: str
    since: date | None = None
    status: str = "active"
    notes: str = ""


class Allergy(Imported, table=True):
    """Something the person must not be given."""

    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    substance: str
    reaction: str = ""
    severity: str = ""


class DiaryEntry(Record, table=True):
    """A line in the person's care diary."""

    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    written_at: NaiveDatetime = Field(index=True)
    text: str
    feeling: int | None = None


class Coordination(Record, table=True):
    """A coordination check-in: how joined-up care felt, on a day, and from whose side.

    ``answered_by`` is "me" (the person), "carer for them" (a carer answering on the
    person's behalf) or "carer themself" (the carer's own experience, a separate view).
    """

    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    checked_on: date = Field(index=True)
    answered_by: str = "me"


class CoordinationAnswer(Record, table=True):
    """One statement of a coordination check-in, rated 1 (not at all) to 5 (completely).

    ``rating`` is None when the statement does not apply.
    """

    coordination_id: uuid.UUID = Field(foreign_key="coordination.id", index=True)
    theme: str
    rating: int | None = None
    note: str = ""


ALL_TABLES: tuple[type[Record], ...] = (
    Person,
    Contact,
    CareRole,
    Appointment,
    AppointmentContact,
    Question,
    NextStep,
    Goal,
    GoalStep,
    CheckIn,
    Medication,
    Condition,
    Allergy,
    DiaryEntry,
    Coordination,
    CoordinationAnswer,
)


class Change(Record, table=True):
    """One change to one record: what it was, who made it and when (``created_at``).

    ``action`` is "added", "changed", "deleted", "restored", or "both": a field two
    computers changed at once, holding in ``old`` the value that lost (``seen`` stays
    False until the person has looked).
    """

    table_name: str = Field(index=True)
    record_id: uuid.UUID = Field(index=True)
    action: str
    field: str = ""
    old: str | None = None
    new: str | None = None
    author: str = ""
    seen: bool = True


HISTORY_TABLE = Change
