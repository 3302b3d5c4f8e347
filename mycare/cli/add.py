"""`mycare add …`: quick capture from the shell."""

from __future__ import annotations

from argparse import Namespace

from mycare.care import appointments, clock, diary, people, questions, steps, team
from mycare.care.errors import InvalidField
from mycare.care.record import CareRecord
from mycare.store import Appointment, Person

from . import opening
from .agenda import short_id
from .output import safe


def _appointment_ref(record: CareRecord, person: Person, ref: str) -> Appointment:
    """An appointment by short id, or 'next' for the next one coming up."""
    if ref.strip().casefold() == "next":
        now = clock.now()
        upcoming = appointments.occurrences(record, person, now, now.replace(year=now.year + 2))
        if not upcoming:
            raise InvalidField("appointment", "There is no appointment coming up.")
        return upcoming[0].appointment
    from mycare.care.records import find_by_prefix

    with record.reading() as session:
        return find_by_prefix(session, Appointment, ref, person.id)


def run(args: Namespace) -> int:
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
    starts = opening.when(args.when)
    rule = ""
    if args.repeat:
        until = opening.day(args.until) if args.until else None
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
    return f"Added appointment {starts:%a %d %b %Y %H:%M} [{short_id(appt.id)}]."


def _add_question(record: CareRecord, person: Person, args: Namespace) -> str:
    appt = _appointment_ref(record, person, args.for_appointment) if args.for_appointment else None
    contact = team.find_contact(record, person, args.ask) if args.ask else None
    q = questions.add_question(
        record,
        person,
        args.text,
        appointment_id=appt.id if appt else None,
        contact_id=contact.id if contact else None,
    )
    where = f" for {appt.starts_at:%a %d %b %H:%M}" if appt else ""
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
    due = opening.day(args.due) if args.due else None
    appt = (
        _appointment_ref(record, person, args.from_appointment) if args.from_appointment else None
    )
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
    contact = team.add_contact(
        record,
        person,
        args.name,
        role=args.role,
        organisation=args.org,
        sector=args.sector,
        phone=args.phone,
        email=args.email,
        address=args.address,
    )
    notes = []
    if args.lead:
        team.set_lead(record, person, contact)
        notes.append("in charge of the care")
    if args.first_contact:
        team.set_first_contact(record, person, contact)
        notes.append("first point of contact")
    extra = f" — {' and '.join(notes)}" if notes else ""
    return f"Added {safe(contact.name)} to {safe(person.name)}'s care team{extra}."


def _add_diary(record: CareRecord, person: Person, args: Namespace) -> str:
    written = opening.when(args.when) if args.when else None
    entry = diary.add_entry(record, person, args.text, feeling=args.feeling, written_at=written)
    return f"Added to the diary for {entry.written_at:%a %d %b %H:%M}."


ADDERS = {
    "appointment": _add_appointment,
    "question": _add_question,
    "step": _add_step,
    "contact": _add_contact,
    "diary": _add_diary,
}
