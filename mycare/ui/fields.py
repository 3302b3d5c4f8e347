"""Form fields: what each one holds and how typed text becomes a checked value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from mycare.care import clock
from mycare.care.dates import format_date, parse_date, parse_datetime, parse_planned
from mycare.care.errors import CareError
from mycare.care.fields import check_text
from mycare.care.yearless import planned_date, recorded_date, recorded_datetime


@dataclass(frozen=True)
class Field:
    """One field of a form, named as the care layer names it."""

    name: str
    label: str
    kind: str = "text"  # text | long | date | datetime | number | score | choice | multi | bool
    required: bool = False
    choices: tuple[tuple[str, Any], ...] = ()  # (shown, value)
    placeholder: str = ""
    low: int = 0
    high: int = 10_000
    intent: str = ""  # "planned" or "recorded": which year a date typed without one is in


def options(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Choices shown capitalised, stored as they are."""
    return tuple((v.capitalize(), v) for v in values if v)


def to_text(field: Field, value: Any) -> str:
    """How a stored value is shown in its input box."""
    if value is None:
        return ""
    if field.kind in ("datetime", "planned") and isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if field.kind == "date" and isinstance(value, date):
        return value.isoformat()
    return str(value)


def parse(field: Field, raw: Any) -> Any:
    """The value to store for what was typed, or CareError saying what is wrong."""
    if field.kind in ("choice", "bool", "multi"):
        if field.required and raw in (None, ""):
            raise CareError(f"{field.label} is needed.")
        return raw
    text = raw if isinstance(raw, str) else ""
    if field.kind in ("text", "long"):
        if field.required and not text.strip():
            raise CareError(f"{field.label} is needed.")
        return check_text(field.name, text)
    if not text.strip():
        if field.required:
            raise CareError(f"{field.label} is needed.")
        return None
    if field.kind == "date" and field.intent == "planned":
        return planned_date(text, now=clock.now())
    if field.kind == "date" and field.intent == "recorded":
        return recorded_date(text, now=clock.now())
    if field.kind == "date":
        return parse_date(text, now=clock.now())
    if field.kind == "datetime" and field.intent == "recorded":
        return recorded_datetime(text, now=clock.now())
    if field.kind == "datetime":
        return parse_datetime(text, now=clock.now())
    if field.kind == "planned":
        return parse_planned(text, now=clock.now())
    try:
        number = int(text.strip())
    except ValueError:
        raise CareError(f"{field.label} must be a whole number.") from None
    low, high = (0, 10) if field.kind == "score" else (field.low, field.high)
    if not low <= number <= high:
        raise CareError(f"{field.label} must be from {low} to {high}.")
    return number


def describe(field: Field, value: Any) -> str:
    """A short confirmation of how a typed date was understood."""
    if isinstance(value, datetime):
        return f"{format_date(value.date())} {value:%H:%M}"
    if isinstance(value, date):
        return format_date(value)
    return ""
