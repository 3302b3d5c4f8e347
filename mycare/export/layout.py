"""The summary in the person's own words, as plain blocks that every readable format draws.

Markdown, text, HTML and PDF all render this one layout, so they say the same things in the
same order; only the ink differs.
"""

from __future__ import annotations

from datetime import date

from mycare.care.dates import format_date, format_datetime
from mycare.store import Allergy, Condition, Contact, Medication

from .blocks import Block, Document, Fields, Item, Items, Para, Part, Sub
from .summary import Recent, Summary, Team, Visit

SECTOR_HEADINGS = {
    "health": "Health",
    "social care": "Social care",
    "voluntary & community": "Voluntary and community groups",
    "family & friends": "Family and friends",
    "other": "Others",
}
STATUS_WORDS = {"missed": "I missed this one.", "cancelled": "This was cancelled."}


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a piece of free text."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def short_date(d: date) -> str:
    """A date without its weekday, e.g. 1 Sep 2019, for birthdays and long-ago starts."""
    return format_date(d).split(" ", 1)[1]


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def byline(summary: Summary) -> str:
    when = format_datetime(summary.prepared_at)
    if summary.prepared_by:
        return f"Prepared by {summary.prepared_by} on {when}"
    return f"Prepared on {when}"


def layout(summary: Summary) -> Document:
    """The summary as headed parts, in the order the person would tell it."""
    parts = []
    if summary.about is not None:
        parts.append(_about(summary))
    if summary.team is not None:
        parts.append(Part("team", "My care team", _team(summary.team)))
    if summary.health is not None:
        parts.append(_health(summary))
    if summary.recent is not None:
        parts.append(_recent(summary.recent))
    if summary.goals is not None:
        parts.append(_goals(summary))
    if summary.appointment is not None:
        parts.append(_appointment(summary.appointment))
    note = "Shared by my choice to help with my care. Please keep it private."
    return Document(f"Care summary for {summary.name}", byline(summary), note, parts)


def _listed(heading: str, text: str, empty: str) -> list[Block]:
    found = lines_of(text)
    return [Sub(heading), Items([Item(t) for t in found]) if found else Para(empty, quiet=True)]


def _about(summary: Summary) -> Part:
    about = summary.about
    assert about is not None
    born = "Not recorded"
    if about.date_of_birth is not None:
        age = age_on(about.date_of_birth, summary.prepared_at.date())
        born = f"{short_date(about.date_of_birth)} (aged {age})"
    blocks: list[Block] = [Fields([("Name", summary.name), ("Date of birth", born)])]
    blocks += _listed("What matters to me", about.what_matters, "Not written down yet.")
    blocks += _listed(
        "How to communicate with me, and access needs",
        about.communication_needs,
        "Nothing in particular.",
    )
    return Part("about", "About me", blocks)


def contact_item(contact: Contact, also: str = "") -> Item:
    """A team member with the ways to reach them."""
    title = contact.name + (f", {contact.role}" if contact.role else "")
    details = [contact.organisation] if contact.organisation else []
    reach = [f"{k}: {v}" for k, v in (("Phone", contact.phone), ("Email", contact.email)) if v]
    if reach:
        details.append(" · ".join(reach))
    if contact.address:
        details.append(f"Address: {contact.address}")
    if also:
        details.append(f"Also {also}.")
    if contact.notes:
        details.append(contact.notes)
    return Item(title, details)


def _team(team: Team) -> list[Block]:
    same = (
        team.lead is not None
        and team.first_contact is not None
        and (team.lead.id == team.first_contact.id)
    )
    blocks: list[Block] = []
    for heading, who, also in (
        ("Who is in charge of my care", team.lead, "my first point of contact"),
        ("My first point of contact", team.first_contact, "in charge of my care"),
    ):
        blocks.append(Sub(heading))
        if who is None:
            blocks.append(Para("Nobody named yet.", quiet=True))
        else:
            blocks.append(Items([contact_item(who, also if same else "")]))
    if team.by_sector:
        blocks.append(Sub("Everyone else in my care team"))
    for sector, contacts in team.by_sector:
        blocks.append(Sub(SECTOR_HEADINGS.get(sector, sector.capitalize()), level=4))
        blocks.append(Items([contact_item(c) for c in contacts]))
    if not team.everyone:
        blocks.append(Para("No one is in my care team yet.", quiet=True))
    return blocks


def _health(summary: Summary) -> Part:
    """Allergies first (they matter most in a hurry), then conditions and medicines."""
    h = summary.health
    assert h is not None
    blocks: list[Block] = [Sub("My allergies")]
    allergies = [_allergy(a) for a in h.allergies]
    blocks.append(Items(allergies) if allergies else Para(h.allergy_status))
    now = [_condition(c) for c in h.conditions if c.status == "active"]
    before = [_condition(c) for c in h.conditions if c.status != "active"]
    blocks += [Sub("My conditions"), Items(now) if now else Para("None recorded.", quiet=True)]
    meds = [_medicine(m) for m in h.medicines]
    blocks.append(Sub("My medicines"))
    blocks.append(Items(meds) if meds else Para("No medicines recorded.", quiet=True))
    if before:
        blocks += [Sub("Conditions I had before"), Items(before)]
    return Part("health", "My health", blocks)


def _medicine(m: Medication) -> Item:
    pairs = (("How I take it", m.how_taken), ("What it is for", m.reason))
    return Item(f"{m.name} {m.dose}".strip(), [f"{k}: {v}" for k, v in pairs if v])


def _condition(c: Condition) -> Item:
    return Item(c.name, ([f"Since {short_date(c.since)}"] if c.since else []) + lines_of(c.notes))


def _allergy(allergy: Allergy) -> Item:
    reaction = allergy.reaction.strip() or ("Not written down" if allergy.severity else "")
    if allergy.severity:
        reaction += f" ({allergy.severity})"
    return Item(allergy.substance, [f"Reaction: {reaction}"] if reaction else [])


def visit_item(visit: Visit) -> Item:
    details = []
    if visit.with_names:
        details.append("With " + ", ".join(visit.with_names))
    if visit.location:
        details.append(f"Where: {visit.location}")
    if visit.status in STATUS_WORDS:
        details.append(STATUS_WORDS[visit.status])
    if visit.outcome:
        details.append(f"What came of it: {visit.outcome}")
    return Item(f"{format_datetime(visit.starts_at)}: {visit.purpose or 'Appointment'}", details)


def _recent(recent: Recent) -> Part:
    blocks: list[Block] = [Para(f"Since {recent.since_reason}.", quiet=True)]
    blocks.append(Sub("Appointments"))
    visits = [visit_item(v) for v in recent.visits]
    blocks.append(Items(visits) if visits else Para("No appointments.", quiet=True))
    if recent.steps_done:
        blocks.append(Sub("Next steps done"))
        done = [(s.what, f"Done by {s.who}", s.done_on) for s in recent.steps_done]
        blocks.append(
            Items(
                [
                    Item(what, [by + (f" on {format_date(on)}" if on else "")])
                    for what, by, on in done
                ]
            )
        )
    blocks.append(Sub("Next steps still to do"))
    open_items = []
    for s in recent.steps_open:
        details = [f"Who does it: {s.who}"]
        if s.due_on is not None:
            details.append(f"By {format_date(s.due_on)}" + (" (overdue)" if s.overdue else ""))
        open_items.append(Item(s.what, details))
    blocks.append(Items(open_items) if open_items else Para("Nothing waiting.", quiet=True))
    blocks.append(Sub("From my diary"))
    if not recent.diary_count:
        blocks.append(Para("No diary entries.", quiet=True))
        return Part("recent", f"What has happened since {format_date(recent.since)}", blocks)
    words = f"{recent.diary_count} diary entr{'y' if recent.diary_count == 1 else 'ies'}."
    if recent.feelings:
        mean = sum(recent.feelings) / len(recent.feelings)
        words += (
            f" How I felt: {mean:.0f} out of 10 on average"
            f" (lowest {min(recent.feelings)}, highest {max(recent.feelings)})."
        )
    blocks.append(Para(words))
    blocks.append(
        Items(
            [
                Item(
                    format_date(e.written_at.date())
                    + (f": I felt {e.feeling} out of 10" if e.feeling is not None else ""),
                    [e.text],
                )
                for e in recent.diary
            ]
        )
    )
    return Part("recent", f"What has happened since {format_date(recent.since)}", blocks)


def _goals(summary: Summary) -> Part:
    items = []
    for view in summary.goals or []:
        goal = view.goal
        details = []
        if goal.what_matters:
            details.append(f"Why it matters to me: {goal.what_matters}")
        if goal.status == "achieved":
            details.append("I have reached this goal.")
        elif goal.target_on is not None:
            details.append(f"Aiming for {format_date(goal.target_on)}")
        if view.progress is not None:
            last = view.check_ins[-1]
            details.append(
                f"How it is going: {view.progress} out of 10 (on {format_date(last.checked_on)})"
            )
        if view.steps:
            details.append(f"Steps done: {view.steps_done} of {len(view.steps)}")
        items.append(Item(goal.goal, details, [(s.text, s.done) for s in view.steps]))
    blocks: list[Block] = [Items(items) if items else Para("No goals set yet.", quiet=True)]
    return Part("goals", "My goals", blocks)


def _appointment(visit: Visit) -> Part:
    rows = [("When", f"{format_datetime(visit.starts_at)} ({visit.duration_minutes} minutes)")]
    if visit.purpose:
        rows.append(("What for", visit.purpose))
    if visit.location:
        rows.append(("Where", visit.location))
    if visit.with_names:
        rows.append(("With", ", ".join(visit.with_names)))
    blocks: list[Block] = [Fields(rows)]
    blocks += _listed("What I want from this visit", visit.preparation, "Nothing written yet.")
    blocks.append(Sub("Questions I want to ask"))
    asks = [Item(q) for q in visit.questions]
    blocks.append(Items(asks, numbered=True) if asks else Para("None yet.", quiet=True))
    heading = f"For my appointment on {format_date(visit.starts_at.date())}"
    return Part("appointment", heading, blocks)
