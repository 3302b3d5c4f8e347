"""`mycare agenda`: the next days as plain text."""

from __future__ import annotations

from argparse import Namespace
from datetime import timedelta

from mycare.care import clock
from mycare.care.agenda import Agenda, build_agenda
from mycare.care.dates import format_date, format_relative_day
from mycare.care.people import people
from mycare.care.steps import who_does_it
from mycare.store import Contact

from . import locate, opening
from .errors import CliError
from .output import plain_wanted, safe


def short_id(record_id: object) -> str:
    """The first 8 characters of an id, enough to name a record on the command line."""
    return str(record_id).replace("-", "")[:8]


def ref(record_id: object, plain: bool) -> str:
    """The short id as the other commands take it: [1a2b3c4d], or (id 1a2b3c4d) in words."""
    return f"(id {short_id(record_id)})" if plain else f"[{short_id(record_id)}]"


def _contact_line(label: str, contact: Contact | None, hint: str, plain: bool) -> str:
    if contact is None:
        return f"{label}: not chosen yet" + (f". To choose, run {hint}" if plain else f" — {hint}")
    details = ", ".join(safe(x) for x in (contact.role, contact.organisation) if x)
    phone = f"  {safe(contact.phone)}" if contact.phone else ""
    return f"{label}: {safe(contact.name)}" + (f" ({details})" if details else "") + phone


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def render(agenda: Agenda, plain: bool = False) -> str:
    """The agenda as lines a person reads top to bottom; plain: words in place of symbols."""
    ask, dot, dash = ("Question: ", ", ", ", ") if plain else ("? ", " · ", " — ")
    today = agenda.start.date()
    last = agenda.end.date()
    lines = [
        f"{safe(agenda.person.name)}{dash}{format_date(today)} to "
        f"{format_date(last - timedelta(days=1))}",
        "",
        _contact_line("In charge of my care", agenda.lead, "mycare add contact NAME --lead", plain),
        _contact_line(
            "First point of contact",
            agenda.first_contact,
            "mycare add contact NAME --first-contact",
            plain,
        ),
    ]
    if agenda.review_due:
        lines += ["", f"Care plan review due {format_relative_day(agenda.review_due, today)}"]
    lines += ["", "Coming up"]
    if not agenda.coming_up:
        lines.append("  No appointments in these days.")
    for occ in agenda.coming_up:
        appt = occ.appointment
        when = f"{format_relative_day(occ.starts_at.date(), today)} {occ.starts_at:%H:%M}"
        repeat = " (repeats)" if appt.rrule else ""
        purpose = safe(appt.purpose) or "Appointment"
        lines.append(f"  {when:<18} {purpose}{repeat}  {ref(appt.id, plain)}")
        pad = " " * 21
        details = []
        if occ.with_contacts:
            details.append("with " + ", ".join(safe(c.name) for c in occ.with_contacts))
        if appt.location:
            details.append(safe(appt.location))
        if details:
            lines.append(pad + dot.join(details))
        waiting = agenda.questions_for(appt.id)
        if waiting:
            lines.append(pad + _count(len(waiting), "question") + " to ask:")
            lines += [f"{pad}  {ask}{safe(q.text)}" for q in waiting]
    sections = (
        ("Overdue steps", agenda.overdue, "Overdue: " if plain else "! "),
        ("Steps due", agenda.due, "Step: " if plain else "- "),
        ("Steps with no date", agenda.undated, "Step: " if plain else "- "),
    )
    for title, steps, mark in sections:
        if not steps:
            continue
        lines += ["", title]
        for step in steps:
            due = f", due {format_relative_day(step.due_on, today)}" if step.due_on else ""
            who = safe(who_does_it(step, agenda.contacts))
            lines.append(f"  {mark}{safe(step.what)} ({who}{due})  {ref(step.id, plain)}")
    loose = agenda.unattached_questions
    if loose:
        lines += ["", "Other questions waiting"]
        lines += [
            f"  {ask}{safe(q.text)}  "
            + (f"(id {short_id(q.id)})" if plain else f"[{short_id(q.id)}]")
            for q in loose
        ]
    if agenda.needs_outcome:
        lines += ["", "Past appointments with no outcome written yet"]
        for appt in agenda.needs_outcome:
            purpose = safe(appt.purpose) or "Appointment"
            lines.append(f"  {format_date(appt.starts_at.date())} {purpose}  {ref(appt.id, plain)}")
    return "\n".join(lines)


def run(args: Namespace) -> int:
    if args.command is None:
        path = locate.store_path(getattr(args, "store", None))
        if not path.exists():
            print("mycare keeps your own care record in one encrypted file.")
            print(f"There is no store yet at {path}.")
            print("  mycare init    create yours")
            print("  mycare demo    try one filled with a fictional person's care")
            print("  mycare --help  everything else")
            return 0
    days = getattr(args, "days", 14)
    if not 1 <= days <= 366:
        raise CliError("--days must be from 1 to 366.")
    with opening.open_record(args, reading=True) as record:
        if getattr(args, "person", None):
            chosen = [opening.person(record, args)]
        else:
            chosen = people(record) or [opening.person(record, args)]
        now = clock.now()
        plain = plain_wanted(args)
        texts = [render(build_agenda(record, p, days=days, now=now), plain) for p in chosen]
    print(("\n\n\n" if plain else "\n\n" + "=" * 60 + "\n\n").join(texts))
    return 0
