"""Bringing in records from other programs' files: calendars, address books, FHIR health
records, and mycare's own records files.

``parse_file`` recognises a file by its content and reads it (``BadFile`` when it cannot);
``make_plan`` says what importing it would add, update and skip; ``import_file`` does it as
one change, all or nothing.
"""

from .apply import apply_plan, import_file, import_parsed
from .detect import MAX_BYTES, parse_file
from .incoming import BadFile, Item, Parsed, Skipped
from .plan import Plan, Step, kind_words, make_plan

__all__ = [
    "MAX_BYTES",
    "BadFile",
    "Item",
    "Parsed",
    "Plan",
    "Skipped",
    "Step",
    "apply_plan",
    "import_file",
    "import_parsed",
    "kind_words",
    "make_plan",
    "parse_file",
]
