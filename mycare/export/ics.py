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

from icalendar import Alarm, Calendar, Event, vCalAddress, vRecur

from mycare.care.dates import MAX_YEAR, MIN_YEAR
from mycare.care.zones import zone_of
from mycare.store import Contact

from .blocks import one_line, visible
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


def _address(contact: Contact, with_team: bool) -> vCalAddress:
    """A team member as a calendar address: their email when the care team is shared, else
    their mycare id (the name alone, as the description gives it)."""
    email = one_line(contact.email) if with_team else ""
    uri = f"mailto:{quote(email, safe='@.+-_')}" if email else f"urn:uuid:{contact.id}"
    address = vCalAddress(uri)
    address.params["CN"] = one_line(contact.name) or "Unnamed"
    return address


def _people(event: Event, visit: Visit, with_team: bool) -> None:
    """Who the appointment is with; the first clinician or service among them organises it,
    named with their organisation when the care team is shared."""
    for contact in visit.attendees:
        attendee = _address(contact, with_team)
        attendee.params["CUTYPE"] = "INDIVIDUAL"
        attendee.params["ROLE"] = "REQ-PARTICIPANT"
        event.add("attendee", attendee)
    services = [c for c in visit.attendees if c.sector != "family & friends"]
    if services:
        organiser = _address(services[0], with_team)
        where = one_line(services[0].organisation) if with_team else ""
        if where:
            organiser.params["CN"] = f"{organiser.params['CN']}, {where}"
        event.add("organizer", organiser)


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


def _reminders(event: Event, visit: Visit) -> None:
    """A display alarm the day before and an hour before a planned appointment."""
    what = one_line(visit.purpose) or "Appointment"
    at = visit.starts_at.strftime("%H:%M")
    for before, when in REMINDERS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -before)
        alarm.add("description", f"{when} at {at}: {what}")
        event.add_component(alarm)


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
    _people(event, visit, summary.team is not None)
    event.add("categories", _categories(visit))
    if summary.reminders and visit.status == "planned":
        _reminders(event, visit)
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
