"""The summary as a FHIR R4 International Patient Summary: a document Bundle in JSON.

Built from plain dicts (see :mod:`fhir_resources`). The Composition comes first, then the
Patient and every resource a section points at; each entry's fullUrl is a ``urn:uuid`` and
each resource names its profile and carries its own narrative. Every section has a LOINC
code; the three sections the IPS requires are always there: with entries, or with the
reason they are empty ("withheld" when the person left their health out). Narrative text
is escaped XHTML, its dates written as the other summaries write them.
"""

from __future__ import annotations

import json
import uuid

from mycare.care.dayformat import format_date
from mycare.care.zones import zone_of

from . import fhir_resources as res
from .blocks import Fields, Items, Sub, one_line
from .fhir_coordination import add_coordination
from .fhir_resources import LOINC, SNOMED, Json, code, instant, narrative, ref, section
from .layout import SECTOR_HEADINGS, layout
from .summary import NONE_KNOWN, Summary
from .words import short_date

MEDICATIONS = ("Medication Summary", ("10160-0", "History of Medication use"))
ALLERGIES = ("Allergies and Intolerances", ("48765-2", "Allergies"))
PROBLEMS = ("Problem List", ("11450-4", "Problem list"))
PLAN = ("Plan of Care", ("18776-5", "Plan of care note"))
TEAM = ("Care team", ("85847-2", "Patient Care team information"))
STORY = ("81338-6", "Patient Goals, preferences, and priorities for care experience")
HISTORY = ("11329-0", "History general Narrative - Reported")
VISIT = ("29299-5", "Reason for visit Narrative")
NARRATIVE_CODES = {"about": STORY, "recent": HISTORY}
COORDINATION = ("74465-6", "Questionnaire response Document")
WITHHELD = ("withheld", "Information Withheld")
UNAVAILABLE = ("unavailable", "Unavailable")


class _Document:
    """Collects the resources and sections of one IPS document."""

    def __init__(self, summary: Summary) -> None:
        self.summary = summary
        self.zone = zone_of(summary.time_zone)
        self.entries: list[Json] = []
        self.sections: list[Json] = []
        self.held: set[uuid.UUID] = set()
        self.subject = ref(summary.person_id, summary.name)

    def add(self, rid: uuid.UUID, resource: Json, says: list[str]) -> Json:
        """Put a resource in the bundle, with its profile and what it says in words; a
        reference to it comes back."""
        kind = resource.pop("resourceType")
        body = {"resourceType": kind, "id": str(rid), "meta": res.profile(kind)}
        body |= {"text": narrative(says), **resource}
        self.entries.append({"fullUrl": f"urn:uuid:{rid}", "resource": body})
        self.held.add(rid)
        return ref(rid)

    def derived(self, kind: str) -> uuid.UUID:
        return uuid.uuid5(self.summary.person_id, f"mycare:{kind}")

    def patient(self) -> None:
        names = res.patient_names(self.summary.name)
        patient: Json = {"resourceType": "Patient", "name": names}
        about = self.summary.about
        says = [one_line(self.summary.name)]
        if about is not None and about.nhs_number:
            digits = "".join(ch for ch in about.nhs_number if ch.isdigit())
            patient["identifier"] = [{"system": res.NHS_NUMBER, "value": digits}]
            says.append(f"NHS number: {about.nhs_number}")
        if about is not None and about.date_of_birth is not None:
            patient["birthDate"] = about.date_of_birth.isoformat()
            says.append(f"Born {short_date(about.date_of_birth)}")
        else:
            patient["_birthDate"] = res.unknown()  # the IPS asks for it; not shared
        self.add(self.summary.person_id, patient, says)

    def health(self) -> None:
        h = self.summary.health
        if h is None:
            for title, loinc in (MEDICATIONS, ALLERGIES, PROBLEMS):
                self.sections.append(section(title, loinc, [], [], WITHHELD))
            return
        meds, lines = [], []
        for m in h.medicines + h.stopped:
            stopped = m in h.stopped
            line = one_line(m.name) + ": " + ", ".join(x for x in (m.dose, m.how_taken) if x)
            line = line.rstrip(": ")
            if m.started_on:
                line += f"; since {short_date(m.started_on)}"
            if stopped:
                line += f"; stopped {short_date(m.stopped_on)}" if m.stopped_on else "; stopped"
            lines.append(line)
            statement = res.medication_statement(m, self.subject, stopped=stopped)
            meds.append(self.add(m.id, statement, [line]))
        self.sections.append(section(*MEDICATIONS, lines, meds, UNAVAILABLE))
        found, lines = [], []
        for a in h.allergies:
            line = one_line(a.substance) + (f": {a.reaction}" if a.reaction else "")
            line += f" ({a.severity})" if a.severity else ""
            lines.append(line)
            what = {"text": one_line(a.substance)}
            found.append(self.add(a.id, res.allergy(self.subject, what, a), [line]))
        if not h.allergies and h.allergy_status == NONE_KNOWN:
            nka = code(SNOMED, "716186003", "No known allergy")
            rid = self.derived("no-known-allergy")
            found.append(self.add(rid, res.allergy(self.subject, nka), ["No known allergies"]))
            lines.append("No known allergies")
        self.sections.append(section(*ALLERGIES, lines, found, UNAVAILABLE))
        problems, lines = [], []
        for c in h.conditions:
            line = one_line(c.name) + ("" if c.status == "active" else " (in the past)")
            line += f"; since {short_date(c.since)}" if c.since else ""
            lines.append(line)
            problems.append(self.add(c.id, res.condition(c, self.subject), [line]))
        self.sections.append(section(*PROBLEMS, lines, problems, UNAVAILABLE))

    def care_team(self) -> Json | None:
        team = self.summary.team
        if team is None:
            return None
        participants, lines = [], []
        for c in team.everyone:
            words = (c.name, c.role, c.organisation, c.phone, SECTOR_HEADINGS.get(c.sector, ""))
            line = ", ".join(one_line(x) for x in words if x.strip())
            line += "".join(f"; {r}" for r in team.roles_of(c))
            lines.append(line)
            member = self.add(c.id, res.team_member(c, self.subject), [line])
            roles = [{"text": one_line(c.role) or "Care team member"}]
            roles += [{"text": r.capitalize()} for r in team.roles_of(c)]
            part: Json = {"role": roles, "member": member | {"display": one_line(c.name)}}
            if c.organisation.strip():
                part["onBehalfOf"] = {"display": one_line(c.organisation)}
            participants.append(part)
        care_team = {
            "resourceType": "CareTeam",
            "status": "active",
            "name": "My care team",
            "subject": self.subject,
            "participant": participants,
        }
        found = self.add(self.derived("care-team"), care_team, ["My care team", *lines])
        self.sections.append(section(*TEAM, lines, [found]))
        return found

    def plan(self, team: Json | None) -> None:
        """Goals and next steps, under one CarePlan."""
        summary, recent = self.summary, self.summary.recent
        if summary.goals is None and recent is None:
            return
        goals, lines = [], []
        for v in summary.goals or []:
            line = one_line(v.goal.goal)
            line += f" (how it is going: {v.progress}/10)" if v.progress is not None else ""
            line += f"; by {short_date(v.goal.target_on)}" if v.goal.target_on else ""
            lines.append(line)
            goals.append(self.add(v.goal.id, res.goal(v, self.subject), [line]))
        steps = [*recent.steps_open, *recent.steps_done] if recent else []
        for s in steps:
            line = f"{'Done' if s.done_on else 'To do'}: {one_line(s.what)} ({one_line(s.who)})"
            if s.due_on and not s.done_on:
                line += f"; by {format_date(s.due_on)}"
            lines.append(line)
        entries = list(goals)
        if goals or steps:
            plan: Json = {
                "resourceType": "CarePlan",
                "status": "active",
                "intent": "plan",
                "title": "My goals and next steps",
                "subject": self.subject,
            }
            if goals:
                plan["goal"] = goals
            if team is not None:
                plan["careTeam"] = [team]
            if steps:
                plan["activity"] = [res.activity(s) for s in steps]
            says = ["My goals and next steps", *lines]
            entries.insert(0, self.add(self.derived("care-plan"), plan, says))
        self.sections.append(section(*PLAN, lines, entries, UNAVAILABLE))

    def appointment(self) -> None:
        visit = self.summary.appointment
        if visit is None:
            return
        title = f"For my appointment on {format_date(visit.starts_at.date())}"
        lines = [visit.purpose, *visit.preparation.splitlines(), *visit.questions]
        lines = [x for x in lines if x.strip()]
        held = self.held if self.summary.team is not None else set()
        resource = res.appointment(visit, self.subject, self.zone, held)
        found = self.add(visit.id, resource, [title, *lines])
        self.sections.append(section(title, VISIT, lines, [found]))

    def narratives(self) -> None:
        """About me, and what has happened lately: in words only."""
        for part in layout(self.summary).parts:
            if part.key not in NARRATIVE_CODES:
                continue
            lines: list[str] = []
            for block in part.blocks:
                if isinstance(block, Items):
                    lines += [" — ".join([i.title, *i.details]) for i in block.items]
                elif isinstance(block, Fields):
                    lines += [f"{k}: {v}" for k, v in block.rows]
                elif isinstance(block, Sub):
                    lines.append(f"{block.text}:")
                else:
                    lines.append(block.text)
            self.sections.append(section(part.heading, NARRATIVE_CODES[part.key], lines, []))

    def coordination(self) -> None:
        """How joined-up care feels: the statements, and the answers of the past year."""
        picture = self.summary.coordination
        if picture is None:
            return
        today = self.summary.prepared_at.date()
        lines, entries = add_coordination(picture, today, self.subject, self.add)
        self.sections.append(section("How joined-up my care feels", COORDINATION, lines, entries))

    def author(self) -> Json:
        """The person, or whoever prepared the summary for them."""
        by = self.summary.prepared_by
        if not by or by == self.summary.name:
            return self.subject
        helper = {
            "resourceType": "RelatedPerson",
            "patient": self.subject,
            "name": [{"text": one_line(by)}],
        }
        says = [f"{one_line(by)}, who prepared this summary"]
        return self.add(self.derived(f"author:{by}"), helper, says) | {"display": one_line(by)}


def build_bundle(summary: Summary) -> Json:
    """The IPS document Bundle as plain JSON-ready dicts."""
    doc = _Document(summary)
    doc.patient()
    author = doc.author()
    doc.health()
    doc.plan(doc.care_team())
    doc.narratives()
    doc.appointment()
    doc.coordination()
    composition_id = uuid.uuid4()
    title = f"Care summary for {one_line(summary.name)}"
    prepared = instant(summary.prepared_at, doc.zone)
    composition: Json = {
        "resourceType": "Composition",
        "id": str(composition_id),
        "meta": res.profile("Composition"),
        "text": narrative([title, f"Prepared {format_date(summary.prepared_at.date())}"]),
        "status": "final",
        "type": code(LOINC, "60591-5", "Patient summary Document"),
        "subject": doc.subject,
        "date": prepared,
        "author": [author],
        "title": title,
        "section": doc.sections,
    }
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "meta": res.profile("Bundle"),
        "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{uuid.uuid4()}"},
        "type": "document",
        "timestamp": prepared,
        "entry": [{"fullUrl": f"urn:uuid:{composition_id}", "resource": composition}] + doc.entries,
    }


def render_fhir(summary: Summary) -> str:
    """The IPS document Bundle as indented JSON."""
    return json.dumps(build_bundle(summary), indent=2, ensure_ascii=False) + "\n"
