"""Checking values before they are stored: required, length, one line, no control codes."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .dates import MAX_YEAR, MIN_YEAR
from .errors import InvalidField
from .nhs_number import check_nhs_number
from .vocab import CHOICES, RANGES
from .zones import check_time_zone

if TYPE_CHECKING:  # the annotation only: the tables are slow to import, and a first frame waits
    from mycare.store import Record

SHORT_LIMIT = 300
LONG_LIMIT = 20_000

# Fields that may hold several lines; everything else textual is one line.
MULTILINE = {
    "what_matters",
    "important_people",
    "communication_needs",
    "wellness",
    "please_do",
    "please_dont",
    "how_to_support",
    "also_worth_knowing",
    "care_plan",
    "notes",
    "address",
    "preparation",
    "outcome",
    "answer",
    "text",
    "note",
    "steps",
}
LONG_LINES = {"skips"}  # one line, but may be long (a list of dates)
REQUIRED = {"name", "text", "what", "goal", "substance"}
SCORES = {"score", "feeling"}

LABELS = {
    "what_matters": "What matters to me",
    "communication_needs": "How I communicate and how to communicate with me",
    "important_people": "People who are important to me",
    "wellness": "My wellness",
    "please_do": "Please do",
    "please_dont": "Please don't",
    "how_to_support": "How and when to support me",
    "also_worth_knowing": "Also worth knowing about me",
    "written_with": "Who supported me to write this",
    "written_on": "When it was written",
    "nhs_number": "NHS number",
    "gp_practice": "Registered GP practice",
    "time_zone": "Time zone",
    "care_plan": "Care plan",
    "how_taken": "When and how",
    "reason": "What it is for",
    "what": "What happens next",
    "feeling": "How I feel",
    "score": "Progress",
    "rrule": "Repeat rule",
    "starts_at": "Date and time",
    "duration_minutes": "Length (minutes)",
    "skips": "Dates the repeat leaves out",
    "source_file": "Imported from",
    "source_id": "Identifier in the imported file",
}


def label(field: str) -> str:
    """The name of a field as the person sees it."""
    return LABELS.get(field, field.replace("_", " ").capitalize())


def _bad_character(value: str, multiline: bool) -> str | None:
    for ch in value:
        if ch in "\n\r\t" and multiline:
            continue
        if ch in "\n\r":
            return "line break"
        category = unicodedata.category(ch)
        if category == "Cc":
            return f"control character (U+{ord(ch):04X})"
        if category == "Cs":
            return f"character that is not valid text (U+{ord(ch):04X})"
        if ch in "\u2028\u2029" and not multiline:
            return "line break"
    return None


def check_text(field: str, value: Any) -> str:
    """A text value that may be stored exactly as typed, or InvalidField saying why not."""
    name = label(field)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidField(field, f"{name} must be text.")
    multiline = field in MULTILINE
    if field in REQUIRED and not value.strip():
        raise InvalidField(field, f"{name} is needed.")
    limit = LONG_LIMIT if multiline or field in LONG_LINES else SHORT_LIMIT
    if len(value) > limit:
        raise InvalidField(
            field, f"{name} is too long ({len(value):,} characters; at most {limit:,})."
        )
    bad = _bad_character(value, multiline)
    if bad:
        where = "must be on one line" if bad == "line break" else f"contains a {bad}"
        raise InvalidField(field, f"{name} {where}; please remove it and try again.")
    return value


def check_score(field: str, value: Any) -> int | None:
    """A 0–10 score (None allowed only for how I feel)."""
    if value is None and field == "feeling":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise InvalidField(field, f"{label(field)} must be a whole number from 0 to 10.")
    return value


def check_date(field: str, value: Any) -> date:
    """A date or date and time whose year is one mycare keeps (1900 to 2200)."""
    if not isinstance(value, date | datetime):
        raise InvalidField(field, f"{label(field)} must be a date.")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise InvalidField(
            field,
            f"{label(field)} {value.isoformat()} is out of range: dates must fall between "
            f"{MIN_YEAR} and {MAX_YEAR}.",
        )
    return value


def check_values(model: type[Record], values: dict[str, Any]) -> dict[str, Any]:
    """Check every value for a model's fields; unknown fields are a programming error."""
    columns = model.model_fields
    clean: dict[str, Any] = {}
    for field, value in values.items():
        if field not in columns or field in {"id", "created_at", "updated_at", "deleted_at"}:
            raise TypeError(f"{model.__name__} has no editable field {field!r}")
        annotation = str(columns[field].annotation)
        if (model.__name__, field) in CHOICES:
            allowed = CHOICES[model.__name__, field]
            if value not in allowed:
                shown = ", ".join(a for a in allowed if a)
                raise InvalidField(field, f"{label(field)} must be one of: {shown}.")
            clean[field] = value
        elif (model.__name__, field) in RANGES:
            low, high = RANGES[model.__name__, field]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise InvalidField(field, f"{label(field)} must be from {low} to {high}.")
            clean[field] = value
        elif field in SCORES:
            clean[field] = check_score(field, value)
        elif (model.__name__, field) == ("Person", "nhs_number"):
            clean[field] = check_nhs_number(check_text(field, value))
        elif (model.__name__, field) == ("Person", "time_zone"):
            clean[field] = check_time_zone(check_text(field, value))
        elif annotation in ("<class 'str'>", "str"):
            clean[field] = check_text(field, value)
        elif "date" in annotation.casefold() and value is not None:
            clean[field] = check_date(field, value)
        else:
            clean[field] = value
    return clean
