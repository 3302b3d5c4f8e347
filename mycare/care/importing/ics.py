"""Calendar files (iCalendar, RFC 5545) as appointments, read with ``icalendar``.

Times are turned into this computer's local time; floating times stay as written. An
all-day event starts at midnight and lasts the day. A repeating event keeps its rule, its
left-out dates (EXDATE) become skipped sittings, and a moved or changed sitting
(RECURRENCE-ID) comes in as an appointment of its own, skipped in the series.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from icalendar import Calendar, Component

from ..appointments import check_rule
from ..errors import InvalidField
from . import clean
from .incoming import Attendee, BadFile, Item, Parsed, Skipped

MYCARE_PRODID = "-//mycare//"
PREPARE = "What I want from this visit / to prepare:"
QUESTIONS = "Questions I want to ask:"
NOT_PEOPLE = {"RESOURCE", "ROOM", "UNKNOWN"}
_DATE_VALUE = re.compile(r"^(\d{4})(\d{2})(\d{2})(T(\d{2})(\d{2})(\d{2})Z?)?$")


def local(value: date | datetime) -> datetime:
    """A calendar time as a naive local time (midnight for a date)."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time())
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value.astimezone().replace(tzinfo=None)
    return value.replace(tzinfo=None)


def _raw_events(text: str) -> list[tuple[int, str]]:
    """Each VEVENT's first line number and its unfolded text, in file order."""
    lines = re.split(r"\r\n|\n|\r", text)
    found: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for number, line in enumerate(lines, 1):
        upper = line.upper()
        if upper.startswith("BEGIN:VEVENT"):
            current = []
            found.append((number, current))
        elif upper.startswith("END:VEVENT"):
            current = None
        elif current is not None:
            if line[:1] in (" ", "\t") and current:
                current[-1] += line[1:]
            else:
                current.append(line)
    return [(n, "\n".join(body)) for n, body in found]


def _raw_value(raw: str, name: str) -> str:
    for line in raw.split("\n"):
        if re.match(rf"{name}[;:]", line, re.I):
            return line.rsplit(":", 1)[-1].strip()
    return ""


def _impossible(raw: str, where: str) -> None:
    """A date that looks like one but cannot be (31 February, month 13): the file is damaged."""
    for name in ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE"):
        for value in _raw_value(raw, name).split(","):
            match = _DATE_VALUE.match(value.strip())
            if not match:
                continue
            y, m, d = (int(match.group(i)) for i in (1, 2, 3))
            try:
                date(y, m, d)
                if match.group(4):
                    time(int(match.group(5)), int(match.group(6)), int(match.group(7)) % 60)
            except ValueError:
                raise BadFile(
                    f"{where}: {name} {value.strip()} is not a real date or time."
                ) from None


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _times(ev: Component, prop: str, like: datetime) -> list[datetime]:
    """EXDATE or RDATE values as local times (a date takes the series' time of day)."""
    found = []
    for group in _list(ev.get(prop)):
        for one in getattr(group, "dts", []):
            dt = one.dt
            if isinstance(dt, tuple):  # a PERIOD: its start
                dt = dt[0]
            if isinstance(dt, datetime):
                found.append(local(dt))
            elif isinstance(dt, date):
                found.append(datetime.combine(dt, like.time()))
    return found


def _rule(ev: Component, starts_at: datetime, item: Item) -> str:
    """The event's RRULE as a rule mycare can repeat, with UNTIL in local time."""
    rules = _list(ev.get("rrule"))
    if not rules:
        return ""
    recur = rules[0].copy()
    untils = []
    for until in recur.get("UNTIL", []):
        untils.append(local(until) if isinstance(until, datetime) else until)
    if untils:
        recur["UNTIL"] = untils
    text = recur.to_ical().decode("ascii", "replace")
    try:
        return check_rule(text, starts_at)
    except InvalidField as exc:
        item.notes.append(f"its repeat could not be kept ({exc}); only the first date came in")
        return ""


def _minutes(ev: Component, all_day: bool) -> int:
    if "DTEND" not in ev and "DURATION" not in ev:
        return 24 * 60 if all_day else 30
    try:
        length: timedelta = ev.duration  # type: ignore[attr-defined]
    except (ValueError, TypeError, AttributeError, KeyError):
        return 24 * 60 if all_day else 30
    minutes = round(length.total_seconds() / 60)
    return max(1, min(minutes, 24 * 60))


def _mycare_description(text: str) -> tuple[str, list[str]]:
    """Preparation notes and attendee names from a description mycare itself wrote."""
    names: list[str] = []
    prep: list[str] = []
    part = ""
    for line in text.split("\n"):
        if line.startswith("With: ") and not part:
            names = [n.strip() for n in line[6:].split(",") if n.strip()]
        elif line.strip() == PREPARE:
            part = "prep"
        elif line.strip() == QUESTIONS:
            part = "questions"
        elif part == "prep":
            prep.append(line)
    return "\n".join(prep).strip(), names


def _attendees(ev: Component, where: str) -> list[Attendee]:
    found = []
    for who in _list(ev.get("attendee")):
        params = getattr(who, "params", {})
        if str(params.get("CUTYPE", "INDIVIDUAL")).upper() in NOT_PEOPLE:
            continue
        address = str(who)
        email = address[7:] if address.lower().startswith("mailto:") else ""
        name = str(params.get("CN", "")).strip().strip('"') or email
        if not name:
            continue
        found.append(
            Attendee(clean.one_line(name, "name", where), clean.one_line(email, "email", where))
        )
    return found


def _event(ev: Component, raw: str, where: str, own: bool, cancelled_all: bool) -> Item | Skipped:
    summary = clean.one_line(ev.get("summary", ""), "purpose", where)
    errors = {prop.upper() for prop, _ in getattr(ev, "errors", [])}
    label = summary or "An event"
    if "DTSTART" not in ev:
        return Skipped(label, where, "it has no start time")
    if "DTSTART" in errors:
        return Skipped(label, where, "its start time could not be read")
    start = ev.decoded("dtstart")
    raw_start = _raw_value(raw, "DTSTART")
    # Some programs write an all-day date with a time zone; it is still a whole day.
    all_day = not isinstance(start, datetime) or bool(raw_start and "T" not in raw_start.upper())
    day = start.date() if isinstance(start, datetime) else start
    starts_at = datetime.combine(day, time()) if all_day else local(start)
    description = clean.text(ev.get("description", ""), "preparation", where, limit=20_000)
    attendees = _attendees(ev, where)
    if own:
        description, names = _mycare_description(description)
        attendees = [Attendee(n) for n in names]
    status = str(ev.get("status", "")).upper()
    values: dict[str, Any] = {
        "starts_at": starts_at.replace(second=0, microsecond=0),
        "duration_minutes": _minutes(ev, all_day),
        "purpose": summary or "Appointment",
        "location": clean.one_line(ev.get("location", ""), "location", where),
        "preparation": description,
        "status": "cancelled" if status == "CANCELLED" or cancelled_all else "planned",
    }
    uid = " ".join(str(ev.get("uid", "")).split())
    item = Item("appointment", uid, values, where, attendees)
    if all_day:
        item.notes.append("all day")
    return item


def parse_calendar(text: str, name: str) -> Parsed:
    """Every event in an iCalendar file, as appointments to bring in."""
    if not text.rstrip().upper().endswith("END:VCALENDAR"):
        lines = len(text.rstrip().splitlines())
        raise BadFile(
            f"{name}, line {lines}: the calendar stops before END:VCALENDAR; "
            "the file is truncated or damaged."
        )
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise BadFile(
            f"{name}: the calendar is damaged ({' '.join(str(exc).split())[:120]})."
        ) from None
    parsed = Parsed("calendar", name)
    raws = _raw_events(text)
    events = [ev for cal in calendars for ev in cal.walk("VEVENT")]
    own = any(str(c.get("prodid", "")).startswith(MYCARE_PRODID) for c in calendars)
    cancelled_all = any(str(c.get("method", "")).upper() == "CANCEL" for c in calendars)
    series: dict[str, Item] = {}
    moved: list[tuple[Item, date]] = []
    for n, ev in enumerate(events):
        line, raw = raws[n] if n < len(raws) else (0, "")
        where = f"{name}, line {line}" if line else f"{name}, event {n + 1}"
        _impossible(raw, where)
        found = _event(ev, raw, where, own, cancelled_all)
        if isinstance(found, Skipped):
            parsed.skipped.append(found)
            continue
        starts_at = found.values["starts_at"]
        if not found.source_id:
            found.source_id = f"{found.values['purpose']}@{starts_at.isoformat()}"
        if "RECURRENCE-ID" in ev:
            moved.append((found, ev.decoded("recurrence-id")))
            parsed.items.append(found)
            continue
        if found.source_id in series:
            parsed.skipped.append(
                Skipped(found.values["purpose"], where, "the same event is in the file twice")
            )
            continue
        rule = _rule(ev, starts_at, found)
        if rule:
            found.values["rrule"] = rule
            skips = {t.replace(second=0, microsecond=0) for t in _times(ev, "exdate", starts_at)}
            found.values["skips"] = " ".join(sorted(t.isoformat() for t in skips))
        series[found.source_id] = found
        parsed.items.append(found)
        for extra in _times(ev, "rdate", starts_at):  # extra dates: one appointment each
            if extra != starts_at:
                values = {**found.values, "starts_at": extra, "rrule": "", "skips": ""}
                source = f"{found.source_id}#rdate:{extra.isoformat()}"
                parsed.items.append(Item("appointment", source, values, where, found.attendees))
    for item, was in moved:
        master = series.get(item.source_id)
        whole_day = master is not None and "all day" in master.notes
        if whole_day or not isinstance(was, datetime):
            was_at = datetime.combine(was.date() if isinstance(was, datetime) else was, time())
        else:
            was_at = local(was)
        item.source_id += f"#{was_at.isoformat()}"
        if master is not None and master.values.get("rrule"):
            left_out = set(str(master.values.get("skips", "")).split()) | {was_at.isoformat()}
            master.values["skips"] = " ".join(sorted(left_out))
            item.notes.append("a changed date of a repeating appointment")
    return parsed
