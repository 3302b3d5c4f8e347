"""Small ways of putting the person's facts into words, shared by the summary's parts."""

from __future__ import annotations

from datetime import date

from mycare.care.dates import format_date


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a piece of free text."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def short_date(d: date) -> str:
    """A date without its weekday, e.g. 1 Sep 2019, for birthdays and long-ago starts."""
    return format_date(d).split(" ", 1)[1]


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
