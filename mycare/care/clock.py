"""The one place the care layer asks the time, so tests and screenshots can fix it."""

from __future__ import annotations

from datetime import date, datetime, timedelta


def now() -> datetime:
    """Local wall-clock time, naive, to the minute."""
    return datetime.now().replace(second=0, microsecond=0)


def today() -> date:
    return now().date()


def later(moment: datetime, delta: timedelta) -> datetime:
    """moment + delta, held at the calendar's last moment instead of overflowing.

    Dates entering mycare are kept to 1900–2200, but a store written before that rule (or
    by another program) may hold 9999-12-31; nothing that adds a length to it may fail.
    """
    try:
        return moment + delta
    except OverflowError:
        return datetime.max if delta >= timedelta(0) else datetime.min
