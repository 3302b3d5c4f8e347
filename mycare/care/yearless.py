"""Dates typed without a year ("31 Mar", "31/3"): the next one for plans, the last one for records.

A step due "31 Mar" typed in November is due next March, not overdue since last March; a
diary line "31 Mar" typed in November happened this March. 29 February means the next (or
the last) year that has one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from .dates import DateError, _names_day_without_year, parse_date, parse_datetime

LEAP_SPAN = 8  # years searched either way: a 29 February is never further off


def _in_year(now: datetime, year: int) -> datetime:
    """``now`` moved to another year (29 February becomes the 28th)."""
    day = min(now.day, 28) if now.month == 2 else now.day
    return now.replace(year=year, day=day)


def _search(text: str, now: datetime, step: int, fits: Callable[[datetime], bool]) -> datetime:
    """The first reading of ``text``, year by year from now's, that ``fits``."""
    problem: DateError | None = None
    for n in range(LEAP_SPAN + 1):
        try:
            when = parse_datetime(text, now=_in_year(now, now.year + step * n))
        except DateError as exc:  # e.g. 29 Feb in a year without one
            problem = problem or exc
            continue
        if fits(when):
            return when
    if problem is not None:
        raise problem
    return parse_datetime(text, now=now)


def planned_date(text: str, *, now: datetime) -> date:
    """A date something is planned for: without a year, the next such day (today included)."""
    if not _names_day_without_year(text):
        return parse_date(text, now=now)
    today = now.date()
    return _search(text, now, 1, lambda when: when.date() >= today).date()


def recorded_date(text: str, *, now: datetime) -> date:
    """A date something happened: without a year, the last such day (today included)."""
    if not _names_day_without_year(text):
        return parse_date(text, now=now)
    today = now.date()
    return _search(text, now, -1, lambda when: when.date() <= today).date()


def recorded_datetime(text: str, *, now: datetime) -> datetime:
    """When something happened: without a year, the last such day."""
    if not _names_day_without_year(text):
        return parse_datetime(text, now=now)
    day = recorded_date(text, now=now)
    typed = parse_datetime(text, now=_in_year(now, day.year))
    return datetime.combine(day, typed.time() if typed.date() == day else time())
