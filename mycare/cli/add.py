"""`mycare add …`: quick capture from the shell."""

from __future__ import annotations

import sys
from argparse import Namespace
from datetime import datetime

from mycare.care import appointments, clock, diary, people, questions, records, steps, team
from mycare.care.dates import format_datetime
from mycare.care.errors import InvalidField
from mycare.care.record import CareRecord
from mycare.store import Appointment, Person

from . import opening
from .agenda import short_id
from .output import safe


def appointment_ref(record: CareRecord, person: Person, ref: str) -> tuple[Appointment, datetime]:
    """An appointment and the sitting meant: 'next', 'last', or the start of its id."""
    word = ref.strip().casefold()
    if word in ("next", "last"):
        find = appointments.next_occurrence if word == "next" else appointments.last_occurrence
        found = find(record, person)
        if found is None:
            gone = "coming up" if word == "next" else "in the last two years"
            raise InvalidField("appointment", f"There is no appointment {gone}.")
        return found.appointment, found.starts_at
    appt = records.find(record, Appointment, ref, person.id)
    return appt, appt.starts_at


def typed_text(value: str) -> str:
    """Free text as given, or read from standard input when it is ``-``.

    Text on the command line shows in ``ps`` to everyone on the computer and stays in the
    shell's history; from standard input it does neither. The final line break is dropped.
    """
    if value != "-":
        return value
    if sys.stdin.isatty():
        print("Type the text, then press Enter and Ctrl-D:", file=sys.stderr)
    text = sys.stdin.read()
    return text[:-2] if text.endswith("\r\n") else text.removesuffix("\n")


def run(args: Namespace) -> int:
    for name in ("text", "what"):
        if isinstance(getattr(args, name, None), str):
            setattr(args, name, typed_text(getattr(args, name)))
    with opening.open_record(args) as record:
        if args.kind == "person":
            born = opening.day(args.born) if args.born else None
            added = people.add_person(record, args.name, date_of_birth=born)
            print(f"Added {safe(added.name)}.")
            return 0
        person = opening.person(record, args)
        message = ADDERS[args.kind](record, person, args)
    print(message)
    return 0


def _add_appointment(record: CareRecord, person: Person, args: Namespace) -> str:
    starts = opening.planned(args.when)
    rule = ""
    if args.repeat:
        until = opening.planned_day(args.until) if args.until else None
        rule = appointments.repeat_rule(args.repeat, args.times, until)
    elif args.times or args.until:
        raise InvalidField("rrule", "--times and --until go with --repeat.")
    with_ = [team.find_contact(record, person, name) for name in args.with_]
    appt = appointments.add_appointment(
        record,
        person,
        starts,
        purpose=args.purpose,
        location=args.where,
        with_contacts=with_,
        duration_minutes=args.minutes,
        rrule=rule,
        preparation=args.prepare,
    )
    past = " (in the past)" if starts < clock.now() else ""
    return f"Added appointment {format_datetime(starts)}{past} [{short_id(appt.id)}]."


def _add_question(record: CareRecord, person: Person, args: Namespace) -> str:
    appt, when = (
        appointment_ref(record, person, args.for_appointment)
        if args.for_appointment
        else (None, None)
    )
    contact = team.find_contact(record, person, args.ask) if args.ask else None
    q = questions.add_question(
        record,
        person,
        args.text,
        appointment_id=appt.id if appt else None,
        contact_id=contact.id if contact else None,
    )
    where = f" for {format_datetime(when)}" if when else ""
    return f"Added question{where} [{short_id(q.id)}]."


def _add_step(record: CareRecord, person: Person, args: Namespace) -> str:
    who = args.who.strip().casefold()
    contact = None
    if who in ("me", "i", "myself"):
        who = "me"
    elif who in ("carer", "my carer"):
        who = "carer"
    else:
        contact = team.find_contact(record, person, args.who)
    due = opening.planned_day(args.due) if args.due else None
    source = args.from_appointment
    appt = appointment_ref(record, person, source)[0] if source else None
    step = steps.add_step(
        record,
        person,
        args.what,
        who=who if contact is None else "contact",
        contact_id=contact.id if contact else None,
        due_on=due,
        appointment_id=appt.id if appt else None,
    )
    return f"Added next step [{short_id(step.id)}]."


def _add_contact(record: CareRecord, person: Person, args: Namespace) -> str:
    roles = [w for w, on in (("in charge of the care", args.lead),
                             ("first point of contact", args.first_contact)) if on]  # fmt: skip
    extra = f" — {' and '.join(roles)}" if roles else ""
    same = [c for c in team.contacts(record, person) if c.name == args.name]
    if same:
        if not roles:
            raise InvalidField(
                "name",
                f"{args.name!r:.60} is already in the care team; add --lead or "
                "--first-contact to give them a role.",
            )
        if args.lead:
            team.set_lead(record, person, same[0])
        if args.first_contact:
            team.set_first_contact(record, person, same[0])
        return f"{safe(same[0].name)} was already in the care team; now{extra[2:]}."
    contact = team.add_contact(
        record,
        person,
        args.name,
        lead=args.lead,
        first_contact=args.first_contact,
        role=args.role,
        organisation=args.org,
        sector=args.sector,
        phone=args.phone,
        email=args.email,
        address=args.address,
    )
    return f"Added {safe(contact.name)} to {safe(person.name)}'s care team{extra}."


def _add_diary(record: CareRecord, person: Person, args: Namespace) -> str:
    written = opening.recorded_when(args.when) if args.when else None
    entry = diary.add_entry(record, person, args.text, feeling=args.feeling, written_at=written)
    return f"Added to the diary for {format_datetime(entry.written_at)}."


ADDERS = {
    "appointment": _add_appointment,
    "question": _add_question,
    "step": _add_step,
    "contact": _add_contact,
    "diary": _add_diary,
}
