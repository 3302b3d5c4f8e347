"""The list sections of `mycare show`: one record per paragraph, in full words."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from mycare.care import appointments as appts
from mycare.care import diary as diary_mod
from mycare.care import goals, questions, steps, team
from mycare.care.record import CareRecord
from mycare.care.steps import who_does_it
from mycare.store import Person

from .spoken import Section, capital, count, day, moment, text

HORIZON = timedelta(days=3 * 366)
DIARY_LINES = 20
STATUS_WORDS = {
    "planned": "Planned",
    "attended": "Attended",
    "cancelled": "Cancelled",
    "missed": "Missed",
}


def _who_by_id(record: CareRecord, person: Person) -> dict[uuid.UUID, str]:
    return {c.id: c.name for c in team.contacts(record, person)}


def appointment_list(record: CareRecord, person: Person, today: date, everything: bool) -> Section:
    """Appointments from today (every one with --all), soonest first."""
    out = Section(f"Appointments of {text(person.name)}")
    found = appts.appointments(record, person)
    who = appts.attendees(record, (a.id for a in found))
    asks: dict[uuid.UUID, int] = {}
    for q in questions.questions(record, person, status="open"):
        if q.appointment_id:
            asks[q.appointment_id] = asks.get(q.appointment_id, 0) + 1
    start = datetime.combine(today, datetime.min.time())
    shown = []
    for a in found:
        upcoming = appts.expand(a, start, start + HORIZON)[:1] if a.rrule else []
        when = upcoming[0] if upcoming else a.starts_at
        if everything or (a.status != "cancelled" and when >= start):
            shown.append((when, a))
    for when, a in sorted(shown, key=lambda pair: pair[0]):
        every, times = appts.repeat_words(a.rrule)
        repeats = (
            f"Repeats {every}" + (f", {times} times in all" if times else "")
            if every
            else ("Repeats" if a.rrule else "")
        )
        names = ", ".join(text(c.name) for c in who.get(a.id, []))
        waiting = asks.get(a.id, 0)
        out.add(
            f"{capital(moment(when, today))}, for {a.duration_minutes} minutes: "
            f"{text(a.purpose) or 'an appointment'}",
            f"With {names}" if names else "",
            f"Where: {text(a.location)}" if a.location else "",
            repeats,
            f"Status: {STATUS_WORDS.get(a.status, a.status)}",
            capital(count(waiting, "question")) + " to ask" if waiting else "",
            f"To prepare: {text(a.preparation)}" if a.preparation else "",
            f"What came of it: {text(a.outcome)}" if a.outcome else "",
            ref=a.id,
        )
    return out


def team_list(record: CareRecord, person: Person, today: date, everything: bool) -> Section:
    """The care team, the person in charge and the first point of contact first."""
    out = Section(f"Care team of {text(person.name)}")
    lead = team.lead(record, person)
    first = team.first_contact(record, person)
    found = team.contacts(record, person)
    ranked = sorted(found, key=lambda c: (c.id != (lead.id if lead else None),
                                          c.id != (first.id if first else None)))  # fmt: skip
    for c in ranked:
        roles = []
        if lead and c.id == lead.id:
            roles.append("In charge of my care")
        if first and c.id == first.id:
            roles.append("First point of contact")
        out.add(
            text(c.name),
            " and ".join(roles),
            f"Role: {text(c.role)}" if c.role else "",
            f"Organisation: {text(c.organisation)}" if c.organisation else "",
            f"Sector: {c.sector.replace('&', 'and')}",
            f"Phone: {text(c.phone)}" if c.phone else "",
            f"Email: {text(c.email)}" if c.email else "",
            f"Address: {text(c.address)}" if c.address else "",
            ref=c.id,
        )
    return out


def step_list(record: CareRecord, person: Person, today: date, everything: bool) -> Section:
    """Next steps, dated ones soonest first (the done ones too with --all)."""
    out = Section(f"Next steps of {text(person.name)}")
    contacts = {c.id: c for c in team.contacts(record, person)}
    for s in steps.steps(record, person, include_done=everything):
        if s.status == "done":
            state = f"Done {day(s.done_at.date(), today)}" if s.done_at else "Done"
        elif steps.is_overdue(s, today) and s.due_on:
            state = f"Overdue: it was due {day(s.due_on, today)}"
        elif s.due_on:
            state = f"Due {day(s.due_on, today)}"
        else:
            state = "No date set"
        out.add(
            text(s.what),
            f"Who does it: {text(who_does_it(s, contacts))}",
            state,
            ref=s.id,
        )
    if not out.paragraphs and not everything and steps.steps(record, person, include_done=True):
        out.add("All steps are done. mycare show steps --all lists them")
    return out


def question_list(record: CareRecord, person: Person, today: date, everything: bool) -> Section:
    """Questions still to ask (all, answered too, with --all)."""
    out = Section(f"Questions of {text(person.name)}")
    names = _who_by_id(record, person)
    found = appts.appointments(record, person)
    purposes = {a.id: (a.purpose or "an appointment", a.starts_at) for a in found}
    for q in questions.questions(record, person):
        if q.status == "answered" and not everything:
            continue
        target = ""
        if q.appointment_id in purposes:
            purpose, when = purposes[q.appointment_id]
            target = f"For {text(purpose)}, {day(when.date(), today)}"
        elif q.contact_id in names:
            target = f"To ask {text(names[q.contact_id])}"
        state = {"open": "Not asked yet", "asked": "Asked, no answer yet"}.get(q.status, "")
        out.add(
            f"Question: {text(q.text)}",
            target,
            state,
            f"Answer: {text(q.answer)}" if q.answer else "",
            ref=q.id,
        )
    return out


def goal_list(record: CareRecord, person: Person, today: date, everything: bool) -> Section:
    """Goals with their steps ticked or not, and the latest check-in."""
    out = Section(f"Goals of {text(person.name)}")
    for view in goals.goals(record, person, include_closed=everything):
        g = view.goal
        ticks = [
            f"Step {i}, {'done' if s.done else 'not done'}: {text(s.text)}"
            for i, s in enumerate(view.steps, 1)
        ]
        latest = view.check_ins[-1] if view.check_ins else None
        out.add(
            f"Goal: {text(g.goal)}",
            f"Why it matters: {text(g.what_matters)}" if g.what_matters else "",
            f"Target date {day(g.target_on, today)}" if g.target_on else "",
            f"Status: {g.status}",
            f"{view.steps_done} of {len(view.steps)} steps done" if view.steps else "",
            *ticks,
            f"Latest progress {latest.score} out of 10, on {day(latest.checked_on, today)}"
            if latest
            else "",
            ref=g.id,
        )
    return out


def diary(record: CareRecord, person: Person, today: date, everything: bool) -> Section:
    """The latest diary lines, newest first (every line with --all)."""
    out = Section(f"Diary of {text(person.name)}")
    limit = None if everything else DIARY_LINES
    for entry in diary_mod.entries(record, person, limit=limit):
        out.add(
            f"{capital(moment(entry.written_at, today))}: {text(entry.text)}",
            f"Feeling {entry.feeling} out of 10" if entry.feeling is not None else "",
            ref=entry.id,
        )
    total = diary_mod.count_entries(record, person)
    if limit is not None and total > limit:
        out.add(f"These are the latest {limit} of {total} lines. mycare show diary --all lists all")
    return out
