"""FHIR R4 resources, as plain dicts, for each kind of record a summary holds.

Each follows its International Patient Summary profile where the IPS has one (Patient,
AllergyIntolerance, Condition, MedicationStatement, Practitioner), else the base resource.
Times are written in one style: ISO 8601 to the second with the person's UTC offset.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from mycare.care.goals import GoalView
from mycare.store import Allergy, Condition, Contact, Medication

from .blocks import one_line, split_name, visible
from .summary import StepView, Visit

Json = dict[str, Any]
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
EMPTY = "http://terminology.hl7.org/CodeSystem/list-empty-reason"
XHTML = "http://www.w3.org/1999/xhtml"
NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number"
IPS = "http://hl7.org/fhir/uv/ips/StructureDefinition"
CORE = "http://hl7.org/fhir/StructureDefinition"
IPS_PROFILED = {
    "Bundle",
    "Composition",
    "Patient",
    "AllergyIntolerance",
    "Condition",
    "MedicationStatement",
    "Practitioner",
}
ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
_NICKNAME = re.compile(r"""\s*[("“]([^()"“”]+)[)"”]\s*""")


def profile(kind: str) -> Json:
    """meta.profile: the IPS profile a resource follows, else the base resource's."""
    url = f"{IPS}/{kind}-uv-ips" if kind in IPS_PROFILED else f"{CORE}/{kind}"
    return {"profile": [url]}


def unknown() -> Json:
    """The extension saying a value the profile needs is not known."""
    return {"extension": [{"url": ABSENT, "valueCode": "unknown"}]}


def ref(rid: uuid.UUID, display: str = "") -> Json:
    found: Json = {"reference": f"urn:uuid:{rid}"}
    if display:
        found["display"] = one_line(display)
    return found


def when(moment: datetime, zone: ZoneInfo) -> str:
    """A clock time in the person's zone (as appointments are kept) as a FHIR dateTime."""
    return moment.replace(tzinfo=zone).isoformat(timespec="seconds")


def instant(moment: datetime, zone: ZoneInfo) -> str:
    """A moment on this computer's clock (naive local, or aware) in the person's zone."""
    return moment.astimezone().astimezone(zone).isoformat(timespec="seconds")


def code(system: str, value: str, display: str) -> Json:
    return {"coding": [{"system": system, "code": value, "display": display}], "text": display}


def clinical(kind: str, status: str) -> Json:
    system = f"http://terminology.hl7.org/CodeSystem/{kind}-clinical"
    return code(system, status, status.capitalize())


def verified(status: str) -> Json:
    system = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"
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


def patient_names(name: str) -> list[Json]:
    """The name as written, with a nickname in brackets or quotes ("Margaret (Peggy)
    Okafor") given apart as the name to use (use nickname)."""
    written = one_line(name)
    nick = _NICKNAME.search(written)
    if nick is None:
        return [human_name(written)]
    official = " ".join(_NICKNAME.sub(" ", written).split())
    nickname = nick.group(1).strip()
    return [human_name(official or written) | {"use": "official"}] + (
        [{"use": "nickname", "text": nickname, "given": nickname.split()}] if nickname else []
    )


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


def medication_statement(m: Medication, subject: Json, stopped: bool = False) -> Json:
    """A medicine taken now (active) or before (stopped, with the day it stopped)."""
    found: Json = {
        "resourceType": "MedicationStatement",
        "status": "stopped" if stopped else "active",
        "medicationCodeableConcept": {"text": one_line(m.name)},
        "subject": subject,
    }
    period: Json = {}
    if m.started_on:
        period["start"] = m.started_on.isoformat()
    if stopped and m.stopped_on:
        period["end"] = m.stopped_on.isoformat()
    if period:
        found["effectivePeriod"] = period
    else:
        found["_effectiveDateTime"] = unknown()  # the IPS asks for when; not recorded
    dose = ", ".join(x for x in (m.dose, m.how_taken) if x.strip())
    if dose:
        found["dosage"] = [{"text": visible(dose)}]
    if m.reason.strip():
        found["reasonCode"] = [{"text": visible(m.reason)}]
    return found


def allergy(subject: Json, what: Json, record: Allergy | None = None) -> Json:
    """An allergy as the person knows it (confirmed: they react), or no known allergy."""
    found: Json = {
        "resourceType": "AllergyIntolerance",
        "clinicalStatus": clinical("allergyintolerance", "active"),
        "verificationStatus": verified("confirmed"),
        "code": what,
        "patient": subject,
    }
    if record is not None and (record.reaction.strip() or record.severity):
        reaction: Json = {"manifestation": [{"text": visible(record.reaction) or "Not said"}]}
        if record.severity:
            reaction["severity"] = record.severity
        found["reaction"] = [reaction]
    return found


PROBLEM_LIST_ITEM = code(
    "http://terminology.hl7.org/CodeSystem/condition-category",
    "problem-list-item",
    "Problem List Item",
)


def condition(c: Condition, subject: Json) -> Json:
    found: Json = {
        "resourceType": "Condition",
        "clinicalStatus": clinical("condition", "active" if c.status == "active" else "resolved"),
        "category": [PROBLEM_LIST_ITEM],
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


def appointment(
    visit: Visit, subject: Json, zone: ZoneInfo, in_bundle: set[uuid.UUID] | None = None
) -> Json:
    """The appointment; who it is with point at their Practitioner or RelatedPerson in the
    bundle when the care team is in it, else are named."""
    notes = [visit.preparation.strip()] if visit.preparation.strip() else []
    notes += [f"Question: {q}" for q in visit.questions]
    held = in_bundle or set()
    others = [
        {"actor": ref(c.id, c.name) if c.id in held else {"display": one_line(c.name)}}
        for c in visit.attendees
    ]
    found: Json = {
        "resourceType": "Appointment",
        "status": "booked",
        "description": one_line(visit.purpose) or "Appointment",
        "start": when(visit.starts_at, zone),
        "end": when(visit.ends_at, zone),
        "minutesDuration": visit.duration_minutes,
        "participant": [
            {**who, "required": "required", "status": "accepted"}
            for who in [{"actor": subject}, *others]
        ],
    }
    if notes:
        found["comment"] = visible("\n".join(notes))
    return found
