"""The person's appointments as an iCalendar file, for any calendar app.

Times are floating local times (as the person reads them on a clock); repeating appointments
keep their rule. Each event's UID comes from the appointment's id, so importing again updates
rather than duplicates.
"""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar, Event, vRecur

from .blocks import one_line, visible
from .summary import Summary, Visit

PRODID = "-//mycare//care summary//EN"
UID_DOMAIN = "mycare.invalid"
STATUS = {"planned": "CONFIRMED", "attended": "CONFIRMED", "cancelled": "CANCELLED"}


def _description(visit: Visit) -> str:
    lines = []
    if visit.with_names:
        lines.append("With: " + ", ".join(visit.with_names))
    if visit.preparation.strip():
        lines += ["", "What I want from this visit / to prepare:", visit.preparation.strip()]
    if visit.questions:
        lines += ["", "Questions I want to ask:"]
        lines += [f"{n}. {q}" for n, q in enumerate(visit.questions, start=1)]
    return visible("\n".join(lines)).strip()


def _event(visit: Visit, summary: Summary) -> Event:
    event = Event()
    event.add("uid", f"{visit.id}@{UID_DOMAIN}")
    event.add("dtstamp", summary.prepared_at.astimezone(UTC))
    event.add("dtstart", visit.starts_at)
    event.add("dtend", visit.ends_at)
    event.add("summary", visible(visit.purpose).strip() or "Appointment")
    if visit.location.strip():
        event.add("location", visible(visit.location).strip())
    description = _description(visit)
    if description:
        event.add("description", description)
    if visit.rrule:
        event.add("rrule", vRecur.from_ical(visit.rrule))
        skipped = sorted({datetime.fromisoformat(s) for s in visit.skips.split()})
        if skipped:
            event.add("exdate", skipped)
    if visit.status in STATUS:
        event.add("status", STATUS[visit.status])
    event.add("categories", ["Health appointment"])
    return event


def render_ics(summary: Summary) -> str:
    """An iCalendar (RFC 5545) calendar of the person's appointments."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{one_line(summary.name)}: appointments")
    for visit in summary.calendar or []:
        cal.add_component(_event(visit, summary))
    ical: bytes = cal.to_ical()  # unannotated in icalendar
    return ical.decode("utf-8")
