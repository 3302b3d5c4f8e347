"""The person's appointments as an iCalendar file, for any calendar app.

Times are the person's clock times in their time zone (Europe/London unless they chose
another), with a matching VTIMEZONE, so a relative's calendar elsewhere shows the right hour;
repeating appointments keep their rule. Each event's UID comes from the appointment's id and
SEQUENCE counts its changes, so importing again updates the event rather than duplicating it.
The team members an appointment is with are its attendees (the first service among them its
organiser, named with their organisation); categories are plain words; with reminders asked
for, a planned appointment alarms the day before and an hour before, so a phone reminds the
person without mycare running.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

from icalendar import Timezone, vRecur

from mycare.care.dates import MAX_YEAR, MIN_YEAR
from mycare.care.zones import zone_of
from mycare.store import Contact

from .blocks import one_line, visible
from .ics_lines import duration, local, prop, text, texts, utc
from .layout import SECTOR_HEADINGS
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
REMINDERS = ((timedelta(days=1), "Tomorrow"), (timedelta(hours=1), "In an hour"))


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


def _address(contact: Contact, with_team: bool, name: str = "") -> tuple[str, str]:
    """A team member as a calendar address and common name: their email when the care team
    is shared, else their mycare id (the name alone, as the description gives it)."""
    email = one_line(contact.email) if with_team else ""
    uri = f"mailto:{quote(email, safe='@.+-_')}" if email else f"urn:uuid:{contact.id}"
    return uri, name or one_line(contact.name) or "Unnamed"


def _people(visit: Visit, with_team: bool) -> list[str]:
    """Who the appointment is with; the first clinician or service among them organises it,
    named with their organisation when the care team is shared."""
    lines = []
    for contact in visit.attendees:
        uri, name = _address(contact, with_team)
        lines.append(prop("ATTENDEE", uri, cn=name, cutype="INDIVIDUAL", role="REQ-PARTICIPANT"))
    services = [c for c in visit.attendees if c.sector != "family & friends"]
    if services:
        first = services[0]
        where = one_line(first.organisation) if with_team else ""
        named = ", ".join(x for x in (one_line(first.name) or "Unnamed", where) if x)
        uri, name = _address(first, with_team, named)
        lines.append(prop("ORGANIZER", uri, cn=name))
    return lines


def _categories(visit: Visit) -> list[str]:
    """Plain words a calendar can filter on: an appointment, how it went, which services."""
    words = ["Appointment"]
    if visit.status in STATUS_WORDS:
        words.append(STATUS_WORDS[visit.status])
    for contact in visit.attendees:
        sector = SECTOR_HEADINGS.get(contact.sector, contact.sector.capitalize())
        if sector not in words:
            words.append(sector)
    return words


def _reminders(visit: Visit) -> list[str]:
    """A display alarm the day before and an hour before a planned appointment."""
    what = one_line(visit.purpose) or "Appointment"
    at = f"{visit.starts_at.hour:02d}:{visit.starts_at.minute:02d}"
    lines = []
    for before, when in REMINDERS:
        lines += [
            "BEGIN:VALARM\r\n",
            prop("ACTION", "DISPLAY"),
            prop("DESCRIPTION", text(f"{when} at {at}: {what}")),
            prop("TRIGGER", duration(before)),
            "END:VALARM\r\n",
        ]
    return lines


def _event(visit: Visit, summary: Summary, zone: ZoneInfo, stamp: str) -> str:
    tzid = zone.key
    lines = [
        "BEGIN:VEVENT\r\n",
        prop("SUMMARY", text(visible(visit.purpose).strip() or "Appointment")),
        prop("DTSTART", local(visit.starts_at), tzid=tzid),
        prop("DTEND", local(visit.ends_at), tzid=tzid),
        prop("DTSTAMP", stamp),
        prop("UID", text(f"{visit.id}@{UID_DOMAIN}")),
        prop("SEQUENCE", str(visit.sequence)),
    ]
    if visit.changed_at is not None:
        lines.append(prop("LAST-MODIFIED", utc(_aware(visit.changed_at))))
    if visit.location.strip():
        lines.append(prop("LOCATION", text(visible(visit.location).strip())))
    description = _description(visit)
    if description:
        lines.append(prop("DESCRIPTION", text(description)))
    if visit.rrule:
        rule: bytes = vRecur.from_ical(visit.rrule).to_ical()  # unannotated in icalendar
        lines.append(prop("RRULE", rule.decode("ascii")))
        skipped = sorted({datetime.fromisoformat(s) for s in visit.skips.split()})
        if skipped:
            lines.append(prop("EXDATE", ",".join(local(s) for s in skipped), tzid=tzid))
    if visit.status in STATUS:
        lines.append(prop("STATUS", STATUS[visit.status]))
    lines += _people(visit, summary.team is not None)
    lines.append(prop("CATEGORIES", texts(_categories(visit))))
    if summary.reminders and visit.status == "planned":
        lines += _reminders(visit)
    lines.append("END:VEVENT\r\n")
    return "".join(lines)


def _span(visits: list[Visit]) -> tuple[date, date]:
    """The years the calendar's times fall in, for the zone's rules (repeats run on), kept
    within the years mycare keeps dates in."""
    starts = [v.starts_at.date() for v in visits]
    first = max(date(MIN_YEAR, 1, 1), min(starts)) - timedelta(days=366)
    last = min(date(MAX_YEAR, 12, 31), max(starts)) + timedelta(days=366)
    if any(v.rrule for v in visits):
        last = max(last, date(2038, 1, 1))
    return first, last


def _time_zone(zone: ZoneInfo, visits: list[Visit]) -> str:
    """The VTIMEZONE for the zone, with its rules over the calendar's years."""
    first, last = _span(visits)
    built: bytes = Timezone.from_tzinfo(zone, zone.key, first, last).to_ical()
    return built.decode("utf-8")


def render_ics(summary: Summary) -> str:
    """An iCalendar (RFC 5545) calendar of the person's appointments."""
    zone = zone_of(summary.time_zone)
    visits = summary.calendar or []
    parts = [
        "BEGIN:VCALENDAR\r\n",
        prop("VERSION", "2.0"),
        prop("PRODID", text(PRODID)),
        prop("CALSCALE", "GREGORIAN"),
        prop("X-WR-CALNAME", text(f"{one_line(summary.name)}: appointments")),
        prop("X-WR-TIMEZONE", text(zone.key)),
    ]
    if visits:
        parts.append(_time_zone(zone, visits))
    stamp = utc(summary.prepared_at.replace(tzinfo=zone))
    parts += [_event(visit, summary, zone, stamp) for visit in visits]
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts)
