"""Dates and times written the way a person reads them: Thu 3 Dec 2026, tomorrow, in 5 days."""

from __future__ import annotations

from datetime import date, datetime

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def format_date(d: date) -> str:
    """Format as e.g. ``Thu 3 Dec 2026`` (English names whatever the locale)."""
    return f"{_DAY_NAMES[d.weekday()][:3]} {d.day} {_MONTH_NAMES[d.month - 1][:3]} {d.year}"


def format_date_spoken(d: date) -> str:
    """Format with every word in full, e.g. ``Thursday 3 December 2026``, for reading aloud."""
    return f"{_DAY_NAMES[d.weekday()]} {d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"


def format_datetime(dt: datetime) -> str:
    """Format as e.g. ``Thu 3 Dec 2026 14:30``."""
    return f"{format_date(dt)} {dt.hour:02d}:{dt.minute:02d}"


def format_relative_day(d: date, today: date) -> str:
    """``today``, ``tomorrow``, ``yesterday``, ``in 5 days``, ``3 days ago``, else the date.

    Days more than 13 away are given as :func:`format_date`. Datetimes count by calendar day.
    """
    d = d.date() if isinstance(d, datetime) else d
    today = today.date() if isinstance(today, datetime) else today
    days = (d - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    if 2 <= days <= 13:
        return f"in {days} days"
    if -13 <= days <= -2:
        return f"{-days} days ago"
    return format_date(d)
