"""What goes into a shared summary: only the sections the person picked, gathered once.

Every format renders from a :class:`Summary`. A section left out is ``None`` here, so no
format can print it by mistake.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from mycare.care import (
    appointments,
    clock,
    coordination,
    diary,
    goals,
    health,
    steps,
    team,
)
from mycare.care.coordination import Picture
from mycare.care.errors import CareError
from mycare.care.goals import GoalView
from mycare.care.record import CareRecord
from mycare.store import (
    Allergy,
    Condition,
    Contact,
    DiaryEntry,
    Medication,
    NextStep,
    Person,
)

from .glance import Glance, build_glance
from .visits import Visit as Visit
from .visits import calendar_of, chosen_visit, visit_of

SECTIONS = ("about", "team", "health", "recent", "goals", "appointment", "coordination")
DEFAULT_SECTIONS = SECTIONS[:-1]  # how joined-up care feels goes in only when ticked
DEFAULT_LOOKBACK = timedelta(days=90)
HIGHLIGHTS = 6
NONE_KNOWN = "None known"
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class About:
    """Who I am, under the PRSB About Me headings."""

    date_of_birth: date | None
    what_matters: str
    communication_needs: str
    nhs_number: str = ""
    gp_practice: str = ""
    important_people: str = ""
    wellness: str = ""
    please_do: str = ""
    please_dont: str = ""
    how_to_support: str = ""
    also_worth_knowing: str = ""
    written_with: str = ""
    written_on: date | None = None


@dataclass(frozen=True)
class Team:
    """Who is in charge, who to call first, and everyone else by sector."""

    lead: Contact | None
    first_contact: Contact | None
    by_sector: list[tuple[str, list[Contact]]]
    everyone: list[Contact]
    # a contact also in other people's teams: those people and their entry for the contact
    elsewhere: dict[uuid.UUID, list[tuple[Person, Contact]]] = field(default_factory=dict)

    def roles_of(self, contact: Contact) -> list[str]:
        """The plain-words roles a contact holds: 'in charge of my care', 'first point…'."""
        found = []
        if self.lead is not None and self.lead.id == contact.id:
            found.append(team.ROLE_NAMES[team.LEAD])
        if self.first_contact is not None and self.first_contact.id == contact.id:
            found.append(team.ROLE_NAMES[team.FIRST_CONTACT])
        return found


@dataclass(frozen=True)
class Health:
    """Conditions, current medicines and allergies."""

    conditions: list[Condition]
    medicines: list[Medication]
    allergies: list[Allergy]
    allergy_status: str  # "" when allergies are listed, else NONE_KNOWN or NOT_RECORDED
    stopped: list[Medication] = field(default_factory=list)  # medicines taken before


@dataclass(frozen=True)
class StepView:
    """A next step with who does it in words."""

    id: uuid.UUID
    what: str
    who: str
    due_on: date | None
    done_on: date | None
    overdue: bool


@dataclass(frozen=True)
class Recent:
    """What has happened since a date."""

    since: date
    since_reason: str
    visits: list[Visit]
    steps_done: list[StepView]
    steps_open: list[StepView]
    diary: list[DiaryEntry]
    diary_count: int
    feelings: list[int]


@dataclass
class Summary:
    """A summary ready for any format; absent sections are None."""

    person_id: uuid.UUID
    name: str
    prepared_by: str
    prepared_at: datetime
    sections: tuple[str, ...]
    about: About | None = None
    team: Team | None = None
    health: Health | None = None
    recent: Recent | None = None
    goals: list[GoalView] | None = None
    appointment: Visit | None = None
    calendar: list[Visit] | None = None
    coordination: Picture | None = None
    glance: Glance = field(default_factory=Glance)
    time_zone: str = ""  # the zone the person's clock times are in; "" is Europe/London
    reminders: bool = False  # calendars remind the day before and an hour before
    notes: list[str] = field(default_factory=list)  # what rendering has to tell the person


def _check_sections(sections: set[str] | None) -> tuple[str, ...]:
    if sections is None:
        return DEFAULT_SECTIONS
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise CareError(
            f"Unknown section {sorted(unknown)[0]!r:.40}; choose from: {', '.join(SECTIONS)}."
        )
    return tuple(s for s in SECTIONS if s in sections)


def _gathered(reads: str, chosen: tuple[str, ...]) -> set[str]:
    """The parts of the record a format reads, of those chosen: every chosen section and the
    first block for a summary, the appointments for a calendar, the team for an address
    book; all of them (calendar too) for "everything"."""
    if reads == "calendar":
        return {"team", "calendar"} & {*chosen, "calendar"}
    if reads == "team":
        return {"team"} & set(chosen)
    every = {*chosen, "glance"}
    return every | {"calendar"} if reads == "everything" else every


def build_summary(
    record: CareRecord,
    person: Person,
    *,
    sections: set[str] | None = None,
    since: date | None = None,
    for_appointment: uuid.UUID | None = None,
    prepared_by: str = "",
    now: datetime | None = None,
    reads: str = "everything",
) -> Summary:
    """Gather the chosen sections of a person's record for sharing; `reads` (a format's
    Format.reads) leaves out what that format would not show, which on a long record is
    most of the time it takes."""
    chosen = _check_sections(sections)
    wanted = _gathered(reads, chosen)
    now = now or clock.now()
    summary = Summary(person.id, person.name, prepared_by.strip(), now, chosen)
    summary.time_zone = person.time_zone
    everyone = team.contacts(record, person)
    names = {c.id: c for c in everyone}
    if "about" in wanted:
        summary.about = _about(person)
    if "team" in wanted:
        summary.team = _team(record, person, everyone)
    if "health" in wanted:
        summary.health = _health(record, person)
    if "recent" in wanted:
        summary.recent = _recent(record, person, since, now, names)
    if "goals" in wanted:
        every = goals.goals(record, person, include_closed=True, latest_check_in=True)
        summary.goals = [g for g in every if g.goal.status != "stopped"]
    with_prep = "appointment" in chosen
    if with_prep and for_appointment is not None and "appointment" in wanted:
        summary.appointment = chosen_visit(record, person, for_appointment, now)
    if (with_prep or "recent" in chosen) and "calendar" in wanted:
        summary.calendar = calendar_of(record, person, with_prep)
    if "coordination" in wanted:
        summary.coordination = coordination.picture(record, person, "person", now.date())
    if "glance" in wanted:
        leave_out = summary.appointment.starts_at if summary.appointment is not None else None
        summary.glance = build_glance(record, person, chosen, now, leave_out)
    return summary


def _about(person: Person) -> About:
    return About(
        person.date_of_birth,
        person.what_matters,
        person.communication_needs,
        nhs_number=person.nhs_number,
        gp_practice=person.gp_practice,
        important_people=person.important_people,
        wellness=person.wellness,
        please_do=person.please_do,
        please_dont=person.please_dont,
        how_to_support=person.how_to_support,
        also_worth_knowing=person.also_worth_knowing,
        written_with=person.written_with,
        written_on=person.written_on,
    )


def _team(record: CareRecord, person: Person, everyone: list[Contact]) -> Team:
    lead, first = team.lead(record, person), team.first_contact(record, person)
    special = {c.id for c in (lead, first) if c is not None}
    rest = [c for c in everyone if c.id not in special]
    sectors = list(team.SECTORS) + sorted({c.sector for c in rest} - set(team.SECTORS))
    by_sector = [(s, [c for c in rest if c.sector == s]) for s in sectors]
    shared = team.in_other_teams(record, person, everyone)
    return Team(lead, first, [(s, cs) for s, cs in by_sector if cs], everyone, shared)


def _health(record: CareRecord, person: Person) -> Health:
    listed = health.allergies(record, person)
    status = "" if listed else (NONE_KNOWN if person.no_known_allergies else NOT_RECORDED)
    every = health.medications(record, person, current_only=False)
    current = health.medications(record, person)
    now_taken = {m.id for m in current}
    stopped = [m for m in every if m.id not in now_taken]
    return Health(health.conditions(record, person), current, listed, status, stopped)


def _last_attended(record: CareRecord, person: Person, now: datetime) -> date | None:
    went = appointments.last_attended(record, person, now)
    return went.date() if went is not None else None


def _step_view(step: NextStep, contacts: dict[uuid.UUID, Contact], today: date) -> StepView:
    done_on = None
    if step.done_at is not None:
        done_at = step.done_at
        done_on = (done_at.astimezone() if done_at.tzinfo else done_at).date()
    return StepView(
        step.id,
        step.what,
        steps.who_does_it(step, contacts),
        step.due_on,
        done_on,
        steps.is_overdue(step, today),
    )


def _recent(
    record: CareRecord,
    person: Person,
    since: date | None,
    now: datetime,
    contacts: dict[uuid.UUID, Contact],
) -> Recent:
    reason = "the date I chose"
    if since is None:
        since = _last_attended(record, person, now)
        reason = "my last appointment"
        if since is None:
            since, reason = (now - DEFAULT_LOOKBACK).date(), "the last three months"
    start = datetime.combine(since, time())
    visits = [
        visit_of(o.appointment, o.starts_at, o.with_contacts, outcome=not o.appointment.rrule)
        for o in appointments.occurrences(record, person, start, now, include_cancelled=True)
    ]
    today = now.date()
    # done from the day before `since` in UTC: the day each was done is then told locally
    early = (start - timedelta(days=1)).replace(tzinfo=UTC)
    chosen = steps.steps(record, person, include_done=True, done_since=early)
    every = [_step_view(s, contacts, today) for s in chosen]
    done = [s for s in every if s.done_on is not None and s.done_on >= since]
    still = [s for s in every if s.done_on is None]
    lines = [e for e in diary.entries(record, person, since=start) if e.written_at <= now]
    feelings = [e.feeling for e in lines if e.feeling is not None]
    return Recent(since, reason, visits, done, still, _highlights(lines), len(lines), feelings)


def _highlights(lines: list[DiaryEntry]) -> list[DiaryEntry]:
    """A few diary lines: the newest, and the days I felt worst and best; oldest first.

    `lines` come newest first; lines written in the same minute keep the order written.
    """
    if len(lines) <= HIGHLIGHTS:
        picked = list(lines)
    else:
        rated = sorted((e for e in lines if e.feeling is not None), key=lambda e: e.feeling or 0)
        picked = lines[:2] + rated[:2] + rated[-2:]
        for extra in lines:
            if len({e.id for e in picked}) >= HIGHLIGHTS:
                break
            picked.append(extra)
    place = {e.id: n for n, e in enumerate(lines)}
    unique = {e.id: e for e in picked}
    return sorted(unique.values(), key=lambda e: place[e.id], reverse=True)
