"""`mycare show SECTION`: one section of the record as plain, linear text."""

from __future__ import annotations

from argparse import Namespace
from collections.abc import Callable
from datetime import date

from mycare.care import agenda as agenda_mod
from mycare.care import clock, goals, health
from mycare.care.dates import format_date_spoken
from mycare.care.people import people
from mycare.care.record import CareRecord
from mycare.care.steps import who_does_it
from mycare.store import Contact, Person

from . import opening, show_lists
from .show_coordination import coordination_text
from .spoken import Section, capital, count, day, moment, text

Renderer = Callable[[CareRecord, Person, date, bool], Section]


def _holder(label: str, who: Contact | None, command: str) -> str:
    if who is None:
        return f"{label}: not chosen yet. To choose, run {command}."
    parts = [f"{label}: {text(who.name)}"]
    parts += [text(x) for x in (who.role, who.organisation) if x]
    if who.phone:
        parts.append(f"phone {text(who.phone)}")
    return ", ".join(parts) + "."


def home(record: CareRecord, person: Person, today: date, everything: bool) -> Section:
    """What the app's home screen shows, in reading order."""
    agenda = agenda_mod.build_agenda(record, person, days=14, now=clock.now())
    out = Section(f"Home for {text(person.name)}, {format_date_spoken(today)}")
    out.add(_holder("In charge of my care", agenda.lead, "mycare add contact NAME --lead"))
    out.add(
        _holder(
            "First point of contact",
            agenda.first_contact,
            "mycare add contact NAME --first-contact",
        )
    )
    if agenda.review_due:
        out.add(f"The care plan review is due {day(agenda.review_due, today)}")
    if not agenda.coming_up:
        out.add("Coming up: no appointments in the next 14 days")
    for occ in agenda.coming_up:
        waiting = len(agenda.questions_for(occ.appointment.id))
        out.add(
            f"Coming up {moment(occ.starts_at, today)}: "
            f"{text(occ.appointment.purpose) or 'an appointment'}",
            capital(count(waiting, "question")) + " to ask" if waiting else "",
            ref=occ.appointment.id,
        )
    for step in agenda.overdue:
        late = day(step.due_on, today) if step.due_on else ""
        out.add(
            f"Overdue step, was due {late}: {text(step.what)}",
            f"Who does it: {text(who_does_it(step, agenda.contacts))}",
            ref=step.id,
        )
    for step in agenda.due:
        due = day(step.due_on, today) if step.due_on else ""
        out.add(
            f"Step due {due}: {text(step.what)}",
            f"Who does it: {text(who_does_it(step, agenda.contacts))}",
            ref=step.id,
        )
    if not agenda.overdue and not agenda.due:
        out.add("No steps are due in the next 14 days")
    for view in goals.goals(record, person):
        score = view.progress
        out.add(
            f"Goal: {text(view.goal.goal)}",
            f"Latest progress {score} out of 10" if score is not None else "No progress noted yet",
            ref=view.goal.id,
        )
    return out


def about(record: CareRecord, person: Person, today: date, everything: bool) -> Section:
    """Who the person is and what matters to them."""
    out = Section(f"About {text(person.name)}")
    out.add(f"Name: {text(person.name)}", ref=person.id)
    if person.date_of_birth:
        out.add(f"Born {day(person.date_of_birth, today)}")
    for label, value in (
        ("What matters to me", person.what_matters),
        ("How best to talk with me, and access needs", person.communication_needs),
        ("My care plan", person.care_plan),
    ):
        out.add(f"{label}: {text(value)}" if value.strip() else f"{label}: not written yet")
    if person.plan_reviewed_on:
        out.add(f"The care plan was last reviewed {day(person.plan_reviewed_on, today)}")
    if person.plan_review_due:
        out.add(f"The next review of the care plan is due {day(person.plan_review_due, today)}")
    return out


def health_facts(record: CareRecord, person: Person, today: date, everything: bool) -> Section:
    """Conditions, medicines and allergies: the facts every clinician asks for."""
    out = Section(f"Health of {text(person.name)}")
    for cond in health.conditions(record, person):
        since = f"since {day(cond.since, today)}" if cond.since else ""
        out.add(
            f"Condition: {text(cond.name)}",
            capital(", ".join(x for x in (cond.status, since) if x)),
            f"Notes: {text(cond.notes)}" if cond.notes else "",
            ref=cond.id,
        )
    for med in health.medications(record, person, current_only=not everything):
        stopped = (
            f"Stopped {day(med.stopped_on, today)}"
            if med.stopped_on and med.stopped_on <= today
            else ""
        )
        out.add(
            f"Medicine: {text(med.name)}",
            f"Dose: {text(med.dose)}" if med.dose else "",
            f"How taken: {text(med.how_taken)}" if med.how_taken else "",
            f"What for: {text(med.reason)}" if med.reason else "",
            f"Prescribed by {text(med.prescriber)}" if med.prescriber else "",
            stopped,
            ref=med.id,
        )
    allergies = health.allergies(record, person)
    for allergy in allergies:
        out.add(
            f"Allergy: {text(allergy.substance)}",
            f"Reaction: {text(allergy.reaction)}" if allergy.reaction else "",
            f"Severity: {allergy.severity}" if allergy.severity else "",
            ref=allergy.id,
        )
    if not allergies:
        out.add("No known allergies" if person.no_known_allergies else "Allergies: not noted yet")
    return out


SECTIONS: dict[str, Renderer] = {
    "home": home,
    "appointments": show_lists.appointment_list,
    "team": show_lists.team_list,
    "steps": show_lists.step_list,
    "questions": show_lists.question_list,
    "goals": show_lists.goal_list,
    "health": health_facts,
    "diary": show_lists.diary,
    "about": about,
    "coordination": coordination_text,
}

EMPTY = {
    "appointments": "No appointments yet. Add one with: mycare add appointment WHEN PURPOSE",
    "team": "Nobody in the care team yet. Add someone with: mycare add contact NAME --role ROLE",
    "steps": "No next steps waiting. Add one with: mycare add step WHAT --due DATE",
    "questions": "No questions waiting. Add one with: mycare add question TEXT",
    "goals": "No goals yet. Goals are set in the app, section 6.",
    "diary": "Nothing in the diary yet. Add a line with: mycare add diary TEXT",
    "coordination": "No check-ins yet. How joined-up does care feel? Run: mycare checkin",
}


def run(args: Namespace) -> int:
    render = SECTIONS[args.section]
    with opening.open_record(args, reading=True) as record:
        if getattr(args, "person", None):
            chosen = [opening.person(record, args)]
        else:
            chosen = people(record) or [opening.person(record, args)]
        today = clock.today()
        texts = [render(record, p, today, args.all) for p in chosen]
    empty = EMPTY.get(args.section, "Nothing here yet.")
    print("\n\n\n".join(t.render(empty) for t in texts))
    return 0
