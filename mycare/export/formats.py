"""Every export format, declared once: the CLI, the share screen and the renderers use it.

Importing this module is cheap (no format library is loaded), so the CLI's help can list it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """One kind of file mycare writes."""

    name: str  # as typed after --format
    suffix: str
    label: str  # in the share screen's list
    help: str  # in the CLI's --format help
    module: str = ""  # mycare.export.<module>.<function> renders a summary; "" for json
    function: str = ""
    warning: str = "This file is NOT encrypted; keep it somewhere safe or delete it after use."
    apart: bool = False  # rendered in a process of its own, so an app showing it never waits
    for_appointment: bool = True  # whether preparing for one appointment changes it
    reminders: bool = False  # whether it can carry reminders (alarms) for appointments
    reads: str = "summary"  # what it shows: "summary", "calendar" or "team" (build_summary)

    @property
    def summary(self) -> bool:
        """Whether it is a summary of one person (json holds every record instead)."""
        return bool(self.module)


FORMATS: tuple[Format, ...] = (
    Format("md", ".md", "Markdown (.md), for email", "a summary to read",
           "markdown", "render_markdown"),
    Format("txt", ".txt", "Plain text (.txt)", "a summary to read", "text", "render_text"),
    Format("html", ".html", "Web page to print or show (.html)", "a summary to read",
           "html", "render_html"),
    Format("pdf", ".pdf", "PDF to print (.pdf)", "a summary to read", "pdf", "render_pdf",
           apart=True),
    Format("ics", ".ics", "Appointments for a calendar (.ics)", "appointments for a calendar",
           "ics", "render_ics", for_appointment=False, reminders=True, reads="calendar"),
    Format("vcf", ".vcf", "Care team for an address book (.vcf)",
           "the care team for an address book", "vcf", "render_vcf", for_appointment=False,
           reads="team"),
    Format("fhir", ".json", "Health record standard, FHIR IPS (.json)",
           "an International Patient Summary", "fhir", "render_fhir"),
    Format("json", ".json", "Every record, to move to another store (.json)",
           "every record, to move to another store",
           warning="This file is NOT encrypted and holds deleted records; keep it somewhere "
           "safe or delete it after use.", for_appointment=False),
)  # fmt: skip

BY_NAME = {f.name: f for f in FORMATS}
SUMMARY_FORMATS = tuple(f for f in FORMATS if f.summary)


def cli_help() -> str:
    """The --format help, grouped by what each gives."""
    groups: dict[str, list[str]] = {}
    for f in FORMATS:
        groups.setdefault(f.help, []).append(f.name)
    parts = []
    for what, names in groups.items():
        listed = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]
        parts.append(f"{listed}: {what}")
    return "; ".join(parts) + " (default md)"
