"""Parse and format dates and times the way a tired carer types them.

The vocabulary (case-insensitive, surrounding whitespace ignored, commas ignored,
"at"/"on" ignored, a time may come before or after the date):

* absolute dates: ``2026-12-03``, ``03/12/2026`` (day first, UK style; ``/``, ``-`` or ``.``),
  ``3/12``, ``3 Dec``, ``3rd of December 2026``, ``Dec 3``, optionally after a weekday name
  (``Thu 3 Dec 2026``, which must agree with the date). Without a year, ``now``'s year is used.
  Two-digit years are refused: the year must be written in full.
* day words: ``today``, ``tomorrow`` (``tmrw``), ``yesterday``.
* weekdays: ``monday`` and ``next monday`` both mean the first Monday strictly after today;
  ``last monday`` is the last Monday strictly before today.
* offsets: ``in 3 days``, ``in 2 weeks``, ``in a fortnight``, ``in 1 month``, ``in 1 year``,
  ``3 days ago``. Months and years clip to the month's end (31 Jan + 1 month = 28 Feb).
* exact moments: ``now``, ``in 2 hours``, ``in 90 minutes``, ``2 hours ago``. These keep
  ``now``'s time to the microsecond and cannot take a clock time.
* times: ``14:30``, ``14:30:15``, ``9:15``, ``2pm``, ``2 pm``, ``9.15am``, ``10 a.m.``,
  ``noon``/``midday``. A time on its own means today. ``midnight`` is refused as ambiguous.

Dates are resolved against the ``now`` the caller passes in; the system clock is never read.
Failures raise :class:`DateError`, whose text is one plain-English line fit to show a person.
Messages quote the person's text with control characters escaped; they may still contain
markup-like text such as ``[bold]``, so render them as plain text.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from .dayformat import (  # noqa: F401  (re-exported: callers format dates from here)
    _DAY_NAMES,
    _MONTH_NAMES,
    format_date,
    format_date_spoken,
    format_datetime,
    format_relative_day,
)
from .errors import CareError

__all__ = [
    "MAX_LENGTH",
    "MAX_YEAR",
    "MIN_YEAR",
    "DateError",
    "format_date",
    "format_date_spoken",
    "format_datetime",
    "format_relative_day",
    "parse_date",
    "parse_datetime",
]

MIN_YEAR = 1900
MAX_YEAR = 2200
MAX_LENGTH = 60
_QUOTE_LIMIT = 40

_TRY_DATE = "Try a date like 3 Dec or 2026-12-03."
_TRY_ANY = "Try something like 3 Dec, tomorrow 9:00 or 2026-12-03 14:30."
_TRY_TIME = "Try a time like 14:30 or 2pm."

_RD_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)

_WEEKDAY_WORDS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip
_DAY_WORDS = {"today": 0, "tomorrow": 1, "tmrw": 1, "yesterday": -1}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
# unit word -> (keyword for timedelta/relativedelta, multiplier)
_UNITS = {
    "min": ("minutes", 1), "mins": ("minutes", 1),
    "minute": ("minutes", 1), "minutes": ("minutes", 1),
    "hr": ("hours", 1), "hrs": ("hours", 1), "hour": ("hours", 1), "hours": ("hours", 1),
    "day": ("days", 1), "days": ("days", 1),
    "week": ("weeks", 1), "weeks": ("weeks", 1),
    "fortnight": ("weeks", 2), "fortnights": ("weeks", 2),
    "month": ("months", 1), "months": ("months", 1),
    "year": ("years", 1), "years": ("years", 1),
}  # fmt: skip
_FILLER = {"at", "on"}
_BAD_CATEGORIES = {"Cc", "Cf", "Cs"}  # control, invisible format characters, lone surrogates

_AMPM_DOTS = re.compile(r"(?<![a-z])([ap])\.m\.?(?![a-z])")
_ISO_T = re.compile(r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})t(?=[0-9])")
_CLOCK_NUMBER = re.compile(r"[0-9]{1,2}(?:[:.][0-9]{2})?")
_TIME_24 = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")
_TIME_12 = re.compile(r"([0-9]{1,2})(?:[:.]([0-9]{2}))?(am|pm)")
_OFFSET_IN = re.compile(r"in ([0-9]+|[a-z]+) ([a-z]+)")
_OFFSET_AGO = re.compile(r"([0-9]+|[a-z]+) ([a-z]+) ago")
_WD = r"(?:(?P<wd>[a-z]+) )?"
_YEAR = r"(?:[ /.-]+(?P<y>[0-9]+))?"
_SUFFIX = r"(?:st|nd|rd|th)?"
_ABSOLUTE = tuple(
    re.compile(p)
    for p in (
        _WD + r"(?P<y>[0-9]{4})[-/.](?P<m>[0-9]{1,2})[-/.](?P<d>[0-9]{1,2})",
        _WD + r"(?P<d>[0-9]{1,2})[-/.](?P<m>[0-9]{1,2})(?:[-/.](?P<y>[0-9]+))?",
        _WD + r"(?P<d>[0-9]{1,2})" + _SUFFIX + r"(?: of)?[ /.-]*(?P<m>[a-z]{3,})\.?" + _YEAR,
        _WD + r"(?P<m>[a-z]{3,})\.?[ /.-]*(?P<d>[0-9]{1,2})" + _SUFFIX + _YEAR,
    )
)


class DateError(CareError, ValueError):
    """A date or time the person typed could not be understood; ``str()`` is fit to show."""


def _quote(text: str) -> str:
    """Quote ``text`` for a message: at most 40 characters, control characters escaped."""
    short = text if len(text) <= _QUOTE_LIMIT else text[:_QUOTE_LIMIT] + "…"
    parts = []
    for ch in short:
        if ch in '"\\':
            parts.append("\\" + ch)
        elif ch.isprintable():
            parts.append(ch)
        else:
            parts.append(repr(ch)[1:-1])
    return '"' + "".join(parts) + '"'


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _not_a_date(raw: str) -> DateError:
    return DateError(f"{_quote(raw)} doesn't look like a date. {_TRY_ANY}")


def _out_of_range(raw: str) -> DateError:
    return DateError(
        f"{_quote(raw)} is out of range: dates must fall between {MIN_YEAR} and {MAX_YEAR}. "
        f"{_TRY_DATE}"
    )


def _not_real(raw: str, why: str) -> DateError:
    return DateError(f"{_quote(raw)} isn't a real date: {why}. {_TRY_DATE}")


def _bad_time(raw: str, why: str) -> DateError:
    return DateError(f"{_quote(raw)} has an impossible time: {why}. {_TRY_TIME}")


def _shift(start: date, delta: timedelta | relativedelta, raw: str) -> date:
    """``start + delta``, turning arithmetic overflow into a friendly range error."""
    try:
        return start + delta
    except (OverflowError, ValueError):
        raise _out_of_range(raw) from None


def _month_number(word: str) -> int | None:
    """1-12 for a month name or an abbreviation of at least three letters."""
    if len(word) >= 3:
        for number, name in enumerate(_MONTH_NAMES, start=1):
            if name.lower().startswith(word):
                return number
    return None


def _make_date(year: int, month: int, day: int, raw: str) -> date:
    """Build a date, explaining exactly what is wrong if it does not exist."""
    if not 1 <= month <= 12:
        raise _not_real(
            raw, "there is no month 0" if month == 0 else f"there is no {_ordinal(month)} month"
        )
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _out_of_range(raw)
    if day < 1:
        raise _not_real(raw, "there is no day 0")
    if day > calendar.monthrange(year, month)[1]:
        name = _MONTH_NAMES[month - 1]
        if month == 2 and day == 29:
            raise _not_real(raw, f"{year} isn't a leap year, so February has no 29th")
        raise _not_real(raw, f"{name} has no {_ordinal(day)}")
    return date(year, month, day)


def _parse_clock(token: str, raw: str) -> time | None:
    """The time of day ``token`` names, or None if it is not a time at all."""
    if token in ("noon", "midday"):
        return time(12)
    if token == "midnight":
        raise DateError(
            f"{_quote(raw)} is ambiguous: midnight could mean the start or the end of a day. "
            "Please write 00:00 with the date you mean, e.g. 23 Nov 00:00."
        )
    if m := _TIME_24.fullmatch(token):
        hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
        if hour > 23:
            raise _bad_time(raw, f"there is no hour {hour} (hours go from 0 to 23)")
    elif m := _TIME_12.fullmatch(token):
        hour, minute, second = int(m[1]), int(m[2] or 0), 0
        if not 1 <= hour <= 12:
            raise _bad_time(raw, f"there is no {hour}{m[3]} (with am or pm, hours go from 1 to 12)")
        hour = hour % 12 + (12 if m[3] == "pm" else 0)
    else:
        return None
    if minute > 59:
        raise _bad_time(raw, f"there is no minute {minute} (minutes go from 00 to 59)")
    if second > 59:
        raise _bad_time(raw, f"there is no second {second} (seconds go from 00 to 59)")
    return time(hour, minute, second)


def _tokens(raw: str) -> list[str]:
    """Lower-case, normalised words of ``raw`` with fillers dropped and "2 pm" joined up."""
    text = _AMPM_DOTS.sub(r"\1m", raw.lower())
    text = _ISO_T.sub(r"\1 ", text).replace(",", " ")
    tokens: list[str] = []
    for token in text.split():
        if token in _FILLER:
            continue
        if token in ("am", "pm") and tokens and _CLOCK_NUMBER.fullmatch(tokens[-1]):
            tokens[-1] += token
        else:
            tokens.append(token)
    return tokens


def _parse_absolute(phrase: str, raw: str, now: datetime) -> date | None:
    """A calendar date written out in full or in part, or None if ``phrase`` is not one."""
    for pattern in _ABSOLUTE:
        m = pattern.fullmatch(phrase)
        if m is None:
            continue
        month = int(m["m"]) if m["m"].isdigit() else _month_number(m["m"])
        weekday = _WEEKDAY_WORDS.get(m["wd"]) if m["wd"] else None
        if month is None or (m["wd"] and weekday is None):
            continue
        if m["y"] is None:
            year = now.year
        elif len(m["y"]) == 2:
            raise DateError(
                f"{_quote(raw)} has a two-digit year: please write the year in full, "
                "e.g. 03/12/2026."
            )
        elif len(m["y"]) == 4:
            year = int(m["y"])
        else:
            return None
        day = _make_date(year, month, int(m["d"]), raw)
        if weekday is not None and weekday != day.weekday():
            raise DateError(
                f"{_quote(raw)} doesn't add up: {day.day} {_MONTH_NAMES[day.month - 1][:3]} "
                f"{day.year} is a {_DAY_NAMES[day.weekday()]}, not a {_DAY_NAMES[weekday]}. "
                f"{_TRY_DATE}"
            )
        return day
    return None


def _parse_day(tokens: list[str], raw: str, now: datetime, has_clock: bool) -> date | datetime:
    """The day ``tokens`` name, or an exact datetime for "now" and hour/minute offsets."""
    phrase = " ".join(tokens)
    today = now.date()
    if phrase == "now" and not has_clock:
        return now
    if phrase in _DAY_WORDS:
        return _shift(today, timedelta(days=_DAY_WORDS[phrase]), raw)
    if tokens[-1] in _WEEKDAY_WORDS and tokens[:-1] in ([], ["next"], ["last"]):
        # Strictly after (or before) today: step one day, then find the weekday from there.
        step = -1 if tokens[0] == "last" else 1
        weekday = _RD_WEEKDAYS[_WEEKDAY_WORDS[tokens[-1]]]
        return _shift(today, relativedelta(days=step, weekday=weekday(step)), raw)
    offset = _OFFSET_IN.fullmatch(phrase)
    sign = 1
    if offset is None:
        offset, sign = _OFFSET_AGO.fullmatch(phrase), -1
    if offset is not None:
        count = int(offset[1]) if offset[1].isdigit() else _NUMBER_WORDS.get(offset[1])
        unit = _UNITS.get(offset[2])
        if count is not None and unit is not None:
            name, multiple = unit
            amount = sign * count * multiple
            if name in ("hours", "minutes"):
                if has_clock:
                    raise DateError(
                        f"{_quote(raw)} gives both an offset in {name} and a clock time; "
                        f"please give one or the other. {_TRY_ANY}"
                    )
                try:
                    return now + timedelta(**{name: amount})
                except OverflowError:
                    raise _out_of_range(raw) from None
            # mypy checks **{name: amount} against every parameter, dt1 included
            return _shift(today, relativedelta(**{name: amount}), raw)  # type: ignore[arg-type]
    day = _parse_absolute(phrase, raw, now)
    if day is None:
        raise _not_a_date(raw)
    return day


def _parse(text: str, now: datetime, default_time: time | None) -> datetime:
    """Validate, split off any clock time, resolve the day, then combine and range-check."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    raw = text.strip()
    if not raw:
        raise DateError("Please give a date, e.g. 3 Dec, tomorrow 9:00 or 2026-12-03.")
    if len(raw) > MAX_LENGTH:
        raise DateError(
            f"{_quote(raw)} is too long to be a date ({len(raw)} characters; "
            f"{MAX_LENGTH} at most). Try something short like 3 Dec 2pm."
        )
    if any(unicodedata.category(ch) in _BAD_CATEGORIES for ch in raw):
        raise DateError(
            f"{_quote(raw)} contains a hidden control character, so it can't be read as a date. "
            "Please type it again, e.g. 3 Dec 2pm."
        )
    tokens = _tokens(raw)
    if not tokens:
        raise _not_a_date(raw)
    clock = _parse_clock(tokens[-1], raw)
    if clock is not None:
        tokens = tokens[:-1]
    elif len(tokens) > 1:
        clock = _parse_clock(tokens[0], raw)
        if clock is not None:
            tokens = tokens[1:]
    day = _parse_day(tokens, raw, now, clock is not None) if tokens else now.date()
    if isinstance(day, datetime):
        result = day
    else:
        result = datetime.combine(day, clock or default_time or time())
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise _out_of_range(raw)
    return result


def _check_now(now: object) -> None:
    if not isinstance(now, date):
        raise TypeError(f"now must be a datetime or date, not {type(now).__name__}")
    if isinstance(now, datetime) and now.tzinfo is not None:
        raise TypeError("now must be a naive local datetime")


def parse_datetime(text: str, *, now: datetime, default_time: time | None = None) -> datetime:
    """Parse what a person typed into a naive local datetime, resolved against ``now``.

    Inputs without a clock time ("tomorrow", "in 2 weeks", "3 Dec") get ``default_time``,
    or 00:00 when it is None. "now" and hour/minute offsets ("in 2 hours") are exact and
    ignore ``default_time``. A time on its own ("2pm", "noon") means today.

    Raises DateError with a one-line, plain-English message for anything it can't read.
    """
    _check_now(now)
    if not isinstance(now, datetime):
        raise TypeError("now must be a datetime; use parse_date for a plain date")
    return _parse(text, now, default_time.replace(tzinfo=None) if default_time else None)


def parse_date(text: str, *, now: datetime | date) -> date:
    """Parse what a person typed into a date, resolved against ``now``.

    Same vocabulary as :func:`parse_datetime`; any time of day given is accepted and dropped
    ("tomorrow 9am" is tomorrow). If ``now`` is a plain date, hour and minute offsets
    ("in 30 hours") count from the start of that day.
    """
    _check_now(now)
    start = now if isinstance(now, datetime) else datetime.combine(now, time())
    return _parse(text, start, None).date()


_HALF_YEAR = timedelta(days=183)


def _names_day_without_year(text: str) -> bool:
    lowered = text.casefold()
    if re.search(r"\b\d{4}\b", lowered):
        return False
    month_word = any(_month_number(word) for word in re.findall(r"[a-z]+", lowered))
    return month_word or bool(re.search(r"\b\d{1,2}[/.]\d{1,2}\b", lowered))


def parse_planned(text: str, *, now: datetime) -> datetime:
    """A date and time for an appointment: a clock time is needed.

    A day and month with no year that fell more than half a year ago means next year
    ("1 Jan" typed in November); a recent one stays in the past, for recording a visit.
    """
    when = parse_datetime(text, now=now, default_time=time(0, 0))
    if when != parse_datetime(text, now=now, default_time=time(0, 1)):
        raise DateError(
            f"{_quote(text)} needs a time as well, e.g. {_quote(text.strip()[:30] + ' 10:30')}."
        )
    if when < now - _HALF_YEAR and _names_day_without_year(text):
        when = when + relativedelta(years=1)
    return when
