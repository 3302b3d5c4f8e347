"""FHIR R4 resources, as plain dicts, for each kind of record a summary holds."""

from __future__ import annotations

import uuid
from datetime import datetime
from html import escape
from typing import Any

from mycare.care.goals import GoalView
from mycare.store import Allergy, Condition, Contact, Medication

from .blocks import one_line, split_name, visible
from .summary import StepView, Visit

Json = dict[str, Any]
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
EMPTY = "http://terminology.hl7.org/CodeSystem/list-empty-reason"
XHTML = "http://www.w3.org/1999/xhtml"


def ref(rid: uuid.UUID, display: str = "") -> Json:
    found: Json = {"reference": f"urn:uuid:{rid}"}
    if display:
        found["display"] = one_line(display)
    return found


def when(moment: datetime) -> str:
    """A FHIR dateTime: local wall time with its offset."""
    return moment.astimezone().isoformat(timespec="seconds")


def code(system: str, value: str, display: str) -> Json:
    return {"coding": [{"system": system, "code": value, "display": display}], "text": display}


def clinical(kind: str, status: str) -> Json:
    system = f"http://terminology.hl7.org/CodeSystem/{kind}-clinical"
    return code(system, status, status.capitalize())


def narrative(lines: list[str]) -> Json:
    """Generated narrative: the lines as an escaped XHTML list."""
    items = "".join(f"<li>{escape(visible(line), quote=True)}</li>" for line in lines)
    body = f"<ul>{items}</ul>" if items else "<p>Nothing recorded.</p>"
    return {"status": "generated", "div": f'<div xmlns="{XHTML}">{body}</div>'}


def section(
    title: str,
    loinc: tuple[str, str] | None,
    lines: list[str],
    entries: list[Json],
    empty: tuple[str, str] | None = None,
) -> Json:
    """A Composition section with narrative, and entries or the reason there are none."""
    found: Json = {"title": title}
    if loinc is not None:
        found["code"] = code(LOINC, *loinc)
    found["text"] = narrative(lines)
    if entries:
        found["entry"] = entries
    elif empty is not None:
        found["emptyReason"] = code(EMPTY, *empty)
    return found


def human_name(name: str) -> Json:
    prefix, given, family = split_name(name)
    found: Json = {"text": one_line(name)}
    if family:
        found["family"] = family
    if given:
        found["given"] = given.split()
    if prefix:
        found["prefix"] = prefix.split()
    return found


def medication_statement(m: Medication, subject: Json) -> Json:
    found: Json = {
        "resourceType": "MedicationStatement",
        "status": "active",
        "medicationCodeableConcept": {"text": one_line(m.name)},
        "subject": subject,
    }
    if m.started_on:
        found["effectivePeriod"] = {"start": m.started_on.isoformat()}
    dose = ", ".join(x for x in (m.dose, m.how_taken) if x.strip())
    if dose:
        found["dosage"] = [{"text": visible(dose)}]
    if m.reason.strip():
        found["reasonCode"] = [{"text": visible(m.reason)}]
    return found


def allergy(subject: Json, what: Json, record: Allergy | None = None) -> Json:
    found: Json = {
        "resourceType": "AllergyIntolerance",
        "clinicalStatus": clinical("allergyintolerance", "active"),
        "code": what,
        "patient": subject,
    }
    if record is not None and (record.reaction.strip() or record.severity):
        reaction: Json = {"manifestation": [{"text": visible(record.reaction) or "Not said"}]}
        if record.severity:
            reaction["severity"] = record.severity
        found["reaction"] = [reaction]
    return found


def condition(c: Condition, subject: Json) -> Json:
    found: Json = {
        "resourceType": "Condition",
        "clinicalStatus": clinical("condition", "active" if c.status == "active" else "resolved"),
        "code": {"text": one_line(c.name)},
        "subject": subject,
    }
    if c.since:
        found["onsetDateTime"] = c.since.isoformat()
    if c.notes.strip():
        found["note"] = [{"text": visible(c.notes)}]
    return found


def team_member(c: Contact, subject: Json) -> Json:
    """A Practitioner, or a RelatedPerson for family and friends."""
    family = c.sector == "family & friends"
    found: Json = {
        "resourceType": "RelatedPerson" if family else "Practitioner",
        "name": [human_name(c.name)],
    }
    if family:
        found["patient"] = subject
        if c.role.strip():
            found["relationship"] = [{"text": one_line(c.role)}]
    telecom = [
        {"system": system, "value": one_line(value), "use": "work"}
        for system, value in (("phone", c.phone), ("email", c.email))
        if value.strip()
    ]
    if telecom:
        found["telecom"] = telecom
    if c.address.strip():
        found["address"] = [{"text": visible(c.address)}]
    return found


def goal(view: GoalView, subject: Json) -> Json:
    g = view.goal
    found: Json = {
        "resourceType": "Goal",
        "lifecycleStatus": "completed" if g.status == "achieved" else "active",
        "description": {"text": visible(g.goal)},
        "subject": subject,
    }
    if g.target_on:
        found["target"] = [{"dueDate": g.target_on.isoformat()}]
    notes = [f"Why it matters to me: {g.what_matters}"] if g.what_matters else []
    if view.progress is not None:
        notes.append(f"How it is going: {view.progress} out of 10")
    if notes:
        found["note"] = [{"text": visible(n)} for n in notes]
    return found


def activity(step: StepView) -> Json:
    """A next step as a CarePlan activity."""
    detail: Json = {
        "status": "completed" if step.done_on else "not-started",
        "description": visible(step.what),
        "performer": [{"display": one_line(step.who)}],
    }
    if step.due_on and not step.done_on:
        detail["scheduledString"] = f"By {step.due_on.isoformat()}"
    return {"detail": detail}


def appointment(visit: Visit, subject: Json) -> Json:
    notes = [visit.preparation.strip()] if visit.preparation.strip() else []
    notes += [f"Question: {q}" for q in visit.questions]
    found: Json = {
        "resourceType": "Appointment",
        "status": "booked",
        "description": one_line(visit.purpose) or "Appointment",
        "start": when(visit.starts_at),
        "end": when(visit.ends_at),
        "minutesDuration": visit.duration_minutes,
        "participant": [{"actor": subject, "status": "accepted"}]
        + [{"actor": {"display": one_line(n)}, "status": "accepted"} for n in visit.with_names],
    }
    if notes:
        found["comment"] = visible("\n".join(notes))
    return found
