"""The one place the care layer asks the time, so tests and screenshots can fix it."""

from __future__ import annotations

from datetime import date, datetime


def now() -> datetime:
    """Local wall-clock time, naive, to the minute."""
    return datetime.now().replace(second=0, microsecond=0)


def today() -> date:
    return now().date()
