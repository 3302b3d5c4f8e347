"""The person's appointments as an iCalendar file, for any calendar app.

Times are the person's clock times in their time zone (Europe/London unless they chose
another), with a matching VTIMEZONE, so a relative's calendar elsewhere shows the right hour;
repeating appointments keep their rule. Each event's UID comes from the appointment's id and
SEQUENCE counts its changes, so importing again updates the event rather than duplicating it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur

from mycare.care.dates import MAX_YEAR, MIN_YEAR
from mycare.care.zones import zone_of

from .blocks import one_line, visible
from .summary import Summary, Visit

PRODID = "-//mycare//care summary//EN"
UID_DOMAIN = "mycare.invalid"
STATUS = {
    "planned": "CONFIRMED",
    "attended": "CONFIRMED",
    "missed": "CONFIRMED",  # it was arranged; that it was missed is said in words
    "cancelled": "CANCELLED",
}
STATUS_WORDS = {"attended": "Attended", "missed": "Missed", "cancelled": "Cancelled"}


def _description(visit: Visit) -> str:
    lines = []
    if visit.status == "missed":
        lines.append("I missed this appointment.")
    if visit.with_names:
        lines.append("With: " + ", ".join(visit.with_names))
    if visit.preparation.strip():
        lines += ["", "What I want from this visit / to prepare:", visit.preparation.strip()]
    if visit.questions:
        lines += ["", "Questions I want to ask:"]
        lines += [f"{n}. {q}" for n, q in enumerate(visit.questions, start=1)]
    return visible("\n".join(lines)).strip()


def _aware(moment: datetime) -> datetime:
    """A stored UTC instant (SQLite gives it back naive) as an aware one."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _event(visit: Visit, summary: Summary, zone: ZoneInfo) -> Event:
    event = Event()
    event.add("uid", f"{visit.id}@{UID_DOMAIN}")
    event.add("dtstamp", summary.prepared_at.replace(tzinfo=zone).astimezone(UTC))
    event.add("dtstart", visit.starts_at.replace(tzinfo=zone))
    event.add("dtend", visit.ends_at.replace(tzinfo=zone))
    event.add("sequence", visit.sequence)
    if visit.changed_at is not None:
        event.add("last-modified", _aware(visit.changed_at))
    event.add("summary", visible(visit.purpose).strip() or "Appointment")
    if visit.location.strip():
        event.add("location", visible(visit.location).strip())
    description = _description(visit)
    if description:
        event.add("description", description)
    if visit.rrule:
        event.add("rrule", vRecur.from_ical(visit.rrule))
        skipped = sorted(
            {datetime.fromisoformat(s).replace(tzinfo=zone) for s in visit.skips.split()}
        )
        if skipped:
            event.add("exdate", skipped)
    if visit.status in STATUS:
        event.add("status", STATUS[visit.status])
    words = ["Appointment"] + ([STATUS_WORDS[visit.status]] if visit.status in STATUS_WORDS else [])
    event.add("categories", words)
    return event


def _span(visits: list[Visit]) -> tuple[date, date]:
    """The years the calendar's times fall in, for the zone's rules (repeats run on), kept
    within the years mycare keeps dates in."""
    starts = [v.starts_at.date() for v in visits]
    first = max(date(MIN_YEAR, 1, 1), min(starts)) - timedelta(days=366)
    last = min(date(MAX_YEAR, 12, 31), max(starts)) + timedelta(days=366)
    if any(v.rrule for v in visits):
        last = max(last, date(2038, 1, 1))
    return first, last


def render_ics(summary: Summary) -> str:
    """An iCalendar (RFC 5545) calendar of the person's appointments."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{one_line(summary.name)}: appointments")
    zone = zone_of(summary.time_zone)
    cal.add("x-wr-timezone", zone.key)
    visits = summary.calendar or []
    for visit in visits:
        cal.add_component(_event(visit, summary, zone))
    if visits:
        first, last = _span(visits)
        cal.add_missing_timezones(first_date=first, last_date=last)
    ical: bytes = cal.to_ical()  # unannotated in icalendar
    return ical.decode("utf-8")
