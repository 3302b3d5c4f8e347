"""The summary in the person's own words, as plain blocks that every readable format draws.

Markdown, text, HTML and PDF all render this one layout, so they say the same things in the
same order; only the ink differs. It opens with the block a clinician reads first
(first_block.py); the rest follows.
"""

from __future__ import annotations

from mycare.care.dates import format_date, format_datetime
from mycare.store import Contact

from .blocks import Block, Document, Item, Items, Para, Part, Sub
from .first_block import first_block
from .joined_up import joined_up_part
from .summary import Recent, Summary, Team, Visit
from .words import lines_of, short_date

SECTOR_HEADINGS = {
    "health": "Health",
    "social care": "Social care",
    "voluntary & community": "Voluntary and community groups",
    "family & friends": "Family and friends",
    "other": "Others",
}
STATUS_WORDS = {"missed": "I missed this one.", "cancelled": "This was cancelled."}


def byline(summary: Summary) -> str:
    when = format_datetime(summary.prepared_at)
    if summary.prepared_by:
        return f"Prepared by {summary.prepared_by} on {when}"
    return f"Prepared on {when}"


def layout(summary: Summary) -> Document:
    """The summary as headed parts: the first block, then the rest in the person's order."""
    parts = [first_block(summary)]
    if summary.about is not None:
        parts.append(_about(summary))
    if summary.team is not None:
        parts.append(Part("team", "My care team", _team(summary.team)))
    if summary.recent is not None:
        parts.append(_recent(summary.recent))
    if summary.goals is not None:
        parts.append(_goals(summary))
    if summary.coordination is not None:
        parts.append(joined_up_part(summary.coordination))
    note = "Shared by my choice to help with my care. Please keep it private."
    return Document(f"Care summary for {summary.name}", byline(summary), note, parts)


def _listed(heading: str, text: str, empty: str) -> list[Block]:
    found = lines_of(text)
    return [Sub(heading), Items([Item(t) for t in found]) if found else Para(empty, quiet=True)]


def _about(summary: Summary) -> Part:
    about = summary.about
    assert about is not None
    blocks: list[Block] = []
    blocks += _listed("What matters to me", about.what_matters, "Not written down yet.")
    if about.important_people.strip():
        blocks += _listed("People who are important to me", about.important_people, "")
    blocks += _listed(
        "How I communicate and how to communicate with me",
        about.communication_needs,
        "Nothing in particular.",
    )
    if about.wellness.strip():
        blocks += _listed("My wellness", about.wellness, "")
    asks = [f"Please do: {line}" for line in lines_of(about.please_do)]
    asks += [f"Please don't: {line}" for line in lines_of(about.please_dont)]
    if asks:
        blocks += [Sub("Please do and please don't"), Items([Item(a) for a in asks])]
    for heading, text in (
        ("How and when to support me", about.how_to_support),
        ("Also worth knowing about me", about.also_worth_knowing),
    ):
        if text.strip():
            blocks += _listed(heading, text, "")
    written = []
    if about.written_with.strip():
        written.append(f"with the support of {about.written_with.strip()}")
    if about.written_on is not None:
        written.append(f"on {format_date(about.written_on)}")
    if written:
        blocks.append(Para("I wrote this " + " ".join(written) + ".", quiet=True))
    return Part("about", "About me", blocks)


def contact_item(contact: Contact, holds: str = "") -> Item:
    """A team member with the ways to reach them (and the role they hold, if any)."""
    title = contact.name + (f", {contact.role}" if contact.role else "")
    reach = [v for v in (contact.phone, contact.email) if v]
    line = " · ".join(([contact.organisation] if contact.organisation else []) + reach)
    details = [line] if line else []
    if contact.address:
        details.append(f"Address: {contact.address}")
    if holds:
        details.append(f"{holds[0].upper()}{holds[1:]}.")
    if contact.notes:
        details.append(contact.notes)
    return Item(title, details)


def _team(team: Team) -> list[Block]:
    """Everyone in the team but the two people named in the first block (when it has them)."""
    blocks: list[Block] = []
    if team.by_sector:
        blocks.append(Sub("Everyone else in my care team"))
    for sector, contacts in team.by_sector:
        blocks.append(Sub(SECTOR_HEADINGS.get(sector, sector.capitalize()), level=4))
        blocks.append(Items([contact_item(c) for c in contacts]))
    if not team.everyone:
        blocks.append(Para("No one is in my care team yet.", quiet=True))
    return blocks


def visit_item(visit: Visit) -> Item:
    where = [f"With {', '.join(visit.with_names)}"] if visit.with_names else []
    where += [f"Where: {visit.location}"] if visit.location else []
    details = [" · ".join(where)] if where else []
    if visit.status in STATUS_WORDS:
        details.append(STATUS_WORDS[visit.status])
    if visit.outcome:
        details.append(f"What came of it: {visit.outcome}")
    return Item(f"{format_datetime(visit.starts_at)}: {visit.purpose or 'Appointment'}", details)


def since_words(recent: Recent) -> str:
    """Why "what has happened" starts on its date, as a whole sentence."""
    if recent.since_reason == "my last appointment":
        return f"{format_date(recent.since)} was my last appointment."
    if recent.since_reason == "the last three months":
        return "No appointment is marked attended yet, so this covers the last three months."
    return "That is the date I chose."


def _recent(recent: Recent) -> Part:
    blocks: list[Block] = [Para(since_words(recent), quiet=True)]
    blocks.append(Sub("Appointments"))
    visits = [visit_item(v) for v in recent.visits]
    blocks.append(Items(visits) if visits else Para("No appointments.", quiet=True))
    if recent.steps_done:
        blocks.append(Sub("Next steps done"))
        done = [
            f"{s.what} — done by {s.who}" + (f" on {format_date(s.done_on)}" if s.done_on else "")
            for s in recent.steps_done
        ]
        blocks.append(Items([Item(line) for line in done]))
    blocks.append(Sub("Next steps still to do"))
    open_items = []
    for s in recent.steps_open:
        line = f"{s.what} — who does it: {s.who}"
        if s.due_on is not None:
            line += f", by {format_date(s.due_on)}" + (" (overdue)" if s.overdue else "")
        open_items.append(Item(line))
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
                f"How it is going: {view.progress} out of 10 (on {short_date(last.checked_on)})"
            )
        if view.steps and not details[1:]:
            details.append(f"Steps done: {view.steps_done} of {len(view.steps)}")
        shown = [details[0], " · ".join(details[1:])] if len(details) > 1 else details
        items.append(Item(goal.goal, shown, [(s.text, s.done) for s in view.steps]))
    blocks: list[Block] = [Items(items) if items else Para("No goals set yet.", quiet=True)]
    return Part("goals", "My goals", blocks)
