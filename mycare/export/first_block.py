"""The block a clinician reads first: who I am, allergies, medicines and what changed,
conditions, who is in charge and who to call, this visit and my questions, what is next.

Each line is short so the block fits the top of the first page; only the sections the
person chose to share are drawn from.
"""

from __future__ import annotations

from mycare.care.dates import format_date, format_datetime
from mycare.store import Allergy, Condition, Contact, Medication

from .blocks import Block, Fields, Item, Items, Para, Part, Sub
from .glance import MedicineChange, Sitting
from .summary import Summary, Visit
from .words import age_on, lines_of, short_date

HEADING = "At a glance"


def born_text(summary: Summary) -> str:
    """Date of birth with the age on the day the summary is prepared."""
    about = summary.about
    if about is None or about.date_of_birth is None:
        return "Not recorded"
    age = age_on(about.date_of_birth, summary.prepared_at.date())
    return f"{short_date(about.date_of_birth)} (aged {age})"


def _who(summary: Summary) -> list[Block]:
    rows = [("Name", summary.name)]
    about = summary.about
    if about is not None:
        rows.append(("Date of birth", born_text(summary)))
        if about.nhs_number:
            rows.append(("NHS number", about.nhs_number))
        if about.gp_practice:
            rows.append(("GP practice", about.gp_practice))
    return [Fields(rows)]


def allergy_line(allergy: Allergy) -> str:
    reaction = allergy.reaction.strip() or ("reaction not written down" if allergy.severity else "")
    if allergy.severity:
        reaction += f" ({allergy.severity})"
    return allergy.substance + (f": {reaction}" if reaction else "")


def medicine_line(m: Medication) -> str:
    line = f"{m.name} {m.dose}".strip()
    if m.how_taken:
        line += f" — {m.how_taken}"
    if m.reason:
        line += f" — for: {m.reason}"
    return line


def condition_line(c: Condition) -> str:
    line = c.name + (f" (since {short_date(c.since)})" if c.since else "")
    notes = " ".join(lines_of(c.notes))
    return line + (f" — {notes}" if notes else "")


def change_line(change: MedicineChange) -> str:
    when = format_date(change.on)
    if change.what == "dose changed":
        return f"{when}: dose of {change.name} changed {change.detail}"
    return f"{when}: {change.what} {change.name}"


def _health(summary: Summary) -> list[Block]:
    h = summary.health
    if h is None:
        return []
    blocks: list[Block] = [Sub("Allergies")]
    listed = [Item(allergy_line(a)) for a in h.allergies]
    blocks.append(Items(listed) if listed else Para(h.allergy_status))
    blocks.append(Sub("Medicines I take now"))
    meds = [Item(medicine_line(m)) for m in h.medicines]
    blocks.append(Items(meds) if meds else Para("No medicines recorded.", quiet=True))
    changes = summary.glance.medicine_changes
    if changes:
        blocks += [Sub("Changes to my medicines in the last six months")]
        blocks.append(Items([Item(change_line(c)) for c in changes]))
    now = [Item(condition_line(c)) for c in h.conditions if c.status == "active"]
    before = [
        Item(f"Had before: {condition_line(c)}") for c in h.conditions if c.status != "active"
    ]
    listed = now + before
    blocks += [Sub("My conditions")]
    blocks.append(Items(listed) if listed else Para("None recorded.", quiet=True))
    return blocks


def reach_line(contact: Contact) -> str:
    """Name, role, organisation and phone on one line."""
    parts = [contact.name + (f", {contact.role}" if contact.role else "")]
    if contact.organisation:
        parts.append(contact.organisation)
    if contact.phone:
        parts.append(f"phone {contact.phone}")
    elif contact.email:
        parts.append(f"email {contact.email}")
    return ", ".join(parts)


def _people(summary: Summary) -> list[Block]:
    team = summary.team
    if team is None:
        return []
    rows = []
    for label, who in (
        ("In charge of my care", team.lead),
        ("First point of contact", team.first_contact),
    ):
        rows.append((label, reach_line(who) if who is not None else "Nobody named yet."))
    return [Sub("Who is in charge, and who to call first"), Fields(rows)]


def _visit(visit: Visit) -> list[Block]:
    rows = [("When", f"{format_datetime(visit.starts_at)} ({visit.duration_minutes} minutes)")]
    if visit.purpose:
        rows.append(("What for", visit.purpose))
    if visit.location:
        rows.append(("Where", visit.location))
    if visit.with_names:
        rows.append(("With", ", ".join(visit.with_names)))
    blocks: list[Block] = [
        Sub(f"For this appointment on {format_date(visit.starts_at.date())}"),
        Fields(rows),
        Sub("What I want from this visit", level=4),
    ]
    wants = lines_of(visit.preparation)
    blocks.append(
        Items([Item(w) for w in wants]) if wants else Para("Nothing written yet.", quiet=True)
    )
    blocks.append(Sub("Questions I want to ask", level=4))
    asks = [Item(q) for q in visit.questions]
    blocks.append(Items(asks, numbered=True) if asks else Para("None yet.", quiet=True))
    return blocks


def sitting_line(s: Sitting) -> str:
    """When, what for and with whom (where is in the calendar, not needed at a glance)."""
    line = f"{format_datetime(s.starts_at)}: {s.purpose or 'Appointment'}"
    if s.with_names:
        line += f" — with {', '.join(s.with_names)}"
    return line


def _calendar(summary: Summary) -> list[Block]:
    glance = summary.glance
    blocks: list[Block] = []
    if glance.upcoming is not None:
        blocks.append(Sub("Next appointments"))
        coming = [Item(sitting_line(s)) for s in glance.upcoming]
        blocks.append(Items(coming) if coming else Para("None booked.", quiet=True))
    if glance.missed:
        blocks.append(Sub("Appointments I missed lately", level=4))
        blocks.append(Items([Item(sitting_line(s)) for s in glance.missed]))
    return blocks


def first_block(summary: Summary) -> Part:
    """The first part of every summary, for a reader with two minutes."""
    blocks = _who(summary) + _health(summary) + _people(summary)
    if summary.appointment is not None:
        blocks += _visit(summary.appointment)
    blocks += _calendar(summary)
    return Part("first", HEADING, blocks)
