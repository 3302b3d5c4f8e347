"""iCalendar content lines (RFC 5545, section 3.1), written directly.

A ten-year calendar holds thousands of events; building each through the icalendar
library's objects and serializer took seconds. Events are plain text lines, so they are
written here, with the format's escaping and folding; the time zone (VTIMEZONE), whose rules
need the library, is still built by it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_TEXT = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})
_NEEDS_QUOTES = set(':;,"')
FOLD_AT = 75  # octets, not counting the line break


def text(value: str) -> str:
    """A TEXT value, with backslash, semicolon, comma and line ends escaped."""
    return value.replace("\r\n", "\n").replace("\r", "\n").translate(_TEXT)


def texts(values: list[str]) -> str:
    """Several TEXT values in one property (CATEGORIES), comma-separated."""
    return ",".join(text(v) for v in values)


def param(value: str) -> str:
    """A parameter value: quoted when it holds : ; or , and caret-encoded (RFC 6868)."""
    encoded = value.replace("^", "^^").replace("\n", "^n").replace('"', "^'")
    return f'"{encoded}"' if _NEEDS_QUOTES & set(value) else encoded


def local(moment: datetime) -> str:
    """A DATE-TIME without zone suffix, for use with a TZID parameter (years below 1000
    kept to four digits, which strftime does not do everywhere)."""
    m = moment
    return f"{m.year:04d}{m.month:02d}{m.day:02d}T{m.hour:02d}{m.minute:02d}{m.second:02d}"


def utc(moment: datetime) -> str:
    """A UTC DATE-TIME (…Z) from an aware moment."""
    return local(moment.astimezone(UTC)) + "Z"


def duration(before: timedelta) -> str:
    """A negative DURATION for an alarm's TRIGGER: whole days, else hours and minutes."""
    seconds = int(before.total_seconds())
    if seconds % 86400 == 0:
        return f"-P{seconds // 86400}D"
    hours, minutes = divmod(seconds // 60, 60)
    return "-PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")


def fold(line: str) -> str:
    """One content line, folded at 75 octets without splitting a character, CRLF-ended."""
    data = line.encode("utf-8")
    if len(data) <= FOLD_AT:
        return line + "\r\n"
    parts: list[bytes] = []
    start, limit = 0, FOLD_AT
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # inside a character: end before it
            end -= 1
        parts.append(data[start:end])
        start, limit = end, FOLD_AT - 1  # a continuation starts with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8") + "\r\n"


def prop(name: str, value: str, **params: str) -> str:
    """A folded property line: NAME;PARAM=value:value."""
    given = "".join(f";{key.replace('_', '-').upper()}={param(v)}" for key, v in params.items())
    return fold(f"{name}{given}:{value}")
