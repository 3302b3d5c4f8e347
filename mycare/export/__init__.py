"""Sharing a summary of a person's care, in the form and to the extent they choose.

Importing this package is cheap: each format's library is imported only when that format is
rendered.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from datetime import date, datetime

from mycare.care.errors import CareError
from mycare.care.record import CareRecord
from mycare.store import Person

from .summary import SECTIONS, Summary, build_summary
from .writing import write_export

__all__ = [
    "FORMATS",
    "SECTIONS",
    "SUFFIXES",
    "Summary",
    "build_summary",
    "render",
    "render_summary",
    "write_export",
]

FORMATS = ("md", "txt", "html", "pdf", "ics", "vcf", "fhir")
SUFFIXES = {
    "md": ".md",
    "txt": ".txt",
    "html": ".html",
    "pdf": ".pdf",
    "ics": ".ics",
    "vcf": ".vcf",
    "fhir": ".json",
}
_RENDERERS = {
    "md": ("markdown", "render_markdown"),
    "txt": ("text", "render_text"),
    "html": ("html", "render_html"),
    "pdf": ("pdf", "render_pdf"),
    "ics": ("ics", "render_ics"),
    "vcf": ("vcf", "render_vcf"),
    "fhir": ("fhir", "render_fhir"),
}


def _renderer(fmt: str) -> Callable[[Summary], str | bytes]:
    if fmt not in _RENDERERS:
        raise CareError(f"Unknown export format {fmt!r:.20}; choose from: {', '.join(FORMATS)}.")
    module, name = _RENDERERS[fmt]
    render: Callable[[Summary], str | bytes] = getattr(
        importlib.import_module(f"{__name__}.{module}"), name
    )
    return render


def render_summary(summary: Summary, fmt: str) -> bytes:
    """An already gathered summary in one format, as bytes (UTF-8 for text formats)."""
    out = _renderer(fmt)(summary)
    return out.encode("utf-8") if isinstance(out, str) else out


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
) -> bytes:
    """A person's summary in one of FORMATS, holding only the chosen sections."""
    _renderer(fmt)
    summary = build_summary(
        record,
        person,
        sections=sections,
        since=since,
        for_appointment=for_appointment,
        prepared_by=prepared_by,
        now=now,
    )
    return render_summary(summary, fmt)
