"""The summary as a FHIR R4 International Patient Summary: a document Bundle in JSON.

Built from plain dicts (see :mod:`fhir_resources`). The Composition comes first, then the
Patient and every resource a section points at; each entry's fullUrl is a ``urn:uuid``. The
three sections the IPS requires are always there: with entries, or with the reason they are
empty ("withheld" when the person left their health out). Narrative text is escaped XHTML.
"""

from __future__ import annotations

import json
import uuid

from . import fhir_resources as res
from .blocks import Fields, Items, Sub, one_line
from .fhir_coordination import add_coordination
from .fhir_resources import LOINC, SNOMED, Json, code, ref, section, when
from .layout import SECTOR_HEADINGS, layout
from .summary import NONE_KNOWN, Summary

MEDICATIONS = ("Medication Summary", ("10160-0", "History of Medication use"))
ALLERGIES = ("Allergies and Intolerances", ("48765-2", "Allergies"))
PROBLEMS = ("Problem List", ("11450-4", "Problem list"))
PLAN = ("Plan of Care", ("18776-5", "Plan of care note"))
TEAM = ("Care team", ("85847-2", "Patient Care team information"))
WITHHELD = ("withheld", "Information Withheld")
UNAVAILABLE = ("unavailable", "Unavailable")


class _Document:
    """Collects the resources and sections of one IPS document."""

    def __init__(self, summary: Summary) -> None:
        self.summary = summary
        self.entries: list[Json] = []
        self.sections: list[Json] = []
        self.subject = ref(summary.person_id, summary.name)

    def add(self, rid: uuid.UUID, resource: Json) -> Json:
        """Put a resource in the bundle; a reference to it comes back."""
        body = {"resourceType": resource.pop("resourceType"), "id": str(rid), **resource}
        self.entries.append({"fullUrl": f"urn:uuid:{rid}", "resource": body})
        return ref(rid)

    def derived(self, kind: str) -> uuid.UUID:
        return uuid.uuid5(self.summary.person_id, f"mycare:{kind}")

    def patient(self) -> None:
        patient: Json = {"resourceType": "Patient", "name": [res.human_name(self.summary.name)]}
        about = self.summary.about
        if about is not None and about.date_of_birth is not None:
            patient["birthDate"] = about.date_of_birth.isoformat()
        self.add(self.summary.person_id, patient)

    def health(self) -> None:
        h = self.summary.health
        if h is None:
            for title, loinc in (MEDICATIONS, ALLERGIES, PROBLEMS):
                self.sections.append(section(title, loinc, [], [], WITHHELD))
            return
        meds = [self.add(m.id, res.medication_statement(m, self.subject)) for m in h.medicines]
        lines = [" ".join(x for x in (m.name, m.dose, m.how_taken) if x) for m in h.medicines]
        self.sections.append(section(*MEDICATIONS, lines, meds, UNAVAILABLE))
        found = [
            self.add(a.id, res.allergy(self.subject, {"text": one_line(a.substance)}, a))
            for a in h.allergies
        ]
        lines = [
            ", ".join(x for x in (a.substance, a.reaction, a.severity) if x) for a in h.allergies
        ]
        if not h.allergies and h.allergy_status == NONE_KNOWN:
            nka = code(SNOMED, "716186003", "No known allergy")
            found.append(self.add(self.derived("no-known-allergy"), res.allergy(self.subject, nka)))
            lines.append("No known allergies")
        self.sections.append(section(*ALLERGIES, lines, found, UNAVAILABLE))
        problems = [self.add(c.id, res.condition(c, self.subject)) for c in h.conditions]
        lines = [c.name + ("" if c.status == "active" else " (in the past)") for c in h.conditions]
        self.sections.append(section(*PROBLEMS, lines, problems, UNAVAILABLE))

    def care_team(self) -> Json | None:
        team = self.summary.team
        if team is None:
            return None
        participants, lines = [], []
        for c in team.everyone:
            member = self.add(c.id, res.team_member(c, self.subject))
            roles = [{"text": one_line(c.role) or "Care team member"}]
            roles += [{"text": r.capitalize()} for r in team.roles_of(c)]
            part: Json = {"role": roles, "member": member | {"display": one_line(c.name)}}
            if c.organisation.strip():
                part["onBehalfOf"] = {"display": one_line(c.organisation)}
            participants.append(part)
            words = (c.name, c.role, c.organisation, c.phone, SECTOR_HEADINGS.get(c.sector, ""))
            lines.append(
                ", ".join(x for x in words if x) + "".join(f"; {r}" for r in team.roles_of(c))
            )
        care_team = {
            "resourceType": "CareTeam",
            "status": "active",
            "name": "My care team",
            "subject": self.subject,
            "participant": participants,
        }
        found = self.add(self.derived("care-team"), care_team)
        self.sections.append(section(*TEAM, lines, [found]))
        return found

    def plan(self, team: Json | None) -> None:
        """Goals and next steps, under one CarePlan."""
        summary, recent = self.summary, self.summary.recent
        if summary.goals is None and recent is None:
            return
        goals = [self.add(v.goal.id, res.goal(v, self.subject)) for v in summary.goals or []]
        lines = [
            v.goal.goal + (f" ({v.progress}/10)" if v.progress is not None else "")
            for v in summary.goals or []
        ]
        steps = [*recent.steps_open, *recent.steps_done] if recent else []
        lines += [f"{'Done' if s.done_on else 'To do'}: {s.what} ({s.who})" for s in steps]
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
            entries.insert(0, self.add(self.derived("care-plan"), plan))
        self.sections.append(section(*PLAN, lines, entries, UNAVAILABLE))

    def appointment(self) -> None:
        visit = self.summary.appointment
        if visit is None:
            return
        found = self.add(visit.id, res.appointment(visit, self.subject))
        title = f"For my appointment on {visit.starts_at.date().isoformat()}"
        lines = [visit.purpose, *visit.preparation.splitlines(), *visit.questions]
        self.sections.append(section(title, None, [x for x in lines if x.strip()], [found]))

    def narratives(self) -> None:
        """About me, and what has happened lately: in words only."""
        for part in layout(self.summary).parts:
            if part.key not in ("about", "recent"):
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
            self.sections.append(section(part.heading, None, lines, []))

    def coordination(self) -> None:
        """How joined-up care feels: the statements, and the answers of the past year."""
        picture = self.summary.coordination
        if picture is None:
            return
        today = self.summary.prepared_at.date()
        lines, entries = add_coordination(picture, today, self.subject, self.add)
        self.sections.append(section("How joined-up my care feels", None, lines, entries))

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
        return self.add(self.derived(f"author:{by}"), helper) | {"display": one_line(by)}


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
    composition: Json = {
        "resourceType": "Composition",
        "id": str(composition_id),
        "status": "final",
        "type": code(LOINC, "60591-5", "Patient summary Document"),
        "subject": doc.subject,
        "date": when(summary.prepared_at),
        "author": [author],
        "title": f"Care summary for {one_line(summary.name)}",
        "section": doc.sections,
    }
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{uuid.uuid4()}"},
        "type": "document",
        "timestamp": when(summary.prepared_at),
        "entry": [{"fullUrl": f"urn:uuid:{composition_id}", "resource": composition}] + doc.entries,
    }


def render_fhir(summary: Summary) -> str:
    """The IPS document Bundle as indented JSON."""
    return json.dumps(build_bundle(summary), indent=2, ensure_ascii=False) + "\n"
