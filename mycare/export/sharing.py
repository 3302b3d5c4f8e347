"""Rendering a summary in a chosen format and writing it out.

Each format's library is imported only when that format is rendered.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from datetime import date, datetime

from mycare.care.collector import full_passes_held
from mycare.care.errors import CareError
from mycare.care.record import CareRecord
from mycare.store import Person

from .formats import BY_NAME, SUMMARY_FORMATS
from .formats import FORMATS as ALL_FORMATS
from .summary import Summary, build_summary

FORMATS = tuple(f.name for f in SUMMARY_FORMATS)
SUFFIXES = {f.name: f.suffix for f in ALL_FORMATS}


def _renderer(fmt: str) -> Callable[[Summary], str | bytes]:
    known = BY_NAME.get(fmt)
    if known is None or not known.summary:
        raise CareError(f"Unknown export format {fmt!r:.20}; choose from: {', '.join(FORMATS)}.")
    render: Callable[[Summary], str | bytes] = getattr(
        importlib.import_module(f"mycare.export.{known.module}"), known.function
    )
    return render


def render_summary(summary: Summary, fmt: str) -> bytes:
    """An already gathered summary in one format, as bytes (UTF-8 for text formats)."""
    out = _renderer(fmt)(summary)
    return out.encode("utf-8") if isinstance(out, str) else out


def render_apart(summary: Summary, fmt: str) -> bytes:
    """render_summary, in a process of its own when the format asks for it (see apart.py)."""
    if not BY_NAME[fmt].apart:
        return render_summary(summary, fmt)
    from .apart import render_apart as rendered_apart

    return rendered_apart(summary, fmt)


def render(
    record: CareRecord,
    person: Person,
    fmt: str,
    *,
    sections: set[str] | None = None,
    since: date | None = None,
    for_appointment: uuid.UUID | None = None,
    prepared_by: str = "",
    now: datetime | None = None,
    reminders: bool = False,
    notes: list[str] | None = None,
) -> bytes:
    """A person's summary in one of FORMATS, holding only the chosen sections; `reminders`
    puts alarms in a calendar (the day before and an hour before each appointment), and
    `notes` receives what the person should be told (characters that could not be printed)."""
    _renderer(fmt)
    with full_passes_held():
        summary = build_summary(
            record,
            person,
            sections=sections,
            since=since,
            for_appointment=for_appointment,
            prepared_by=prepared_by,
            now=now,
            reads=BY_NAME[fmt].reads,
        )
        summary.reminders = reminders
        data = render_summary(summary, fmt)
    if notes is not None:
        notes.extend(summary.notes)
    return data
