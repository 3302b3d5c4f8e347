"""FHIR R4 JSON (an IPS document, any Bundle, or one resource), checked with ``fhir.resources``.

The file is validated against the FHIR R4B models first; a resource that fails is named
with the entry it is in. Then each resource mycare keeps becomes a record: the Patient's
details, medicines, allergies, conditions, appointments, and the care team (practitioners,
their roles, organisations, related people and care teams).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from . import clean
from .fhir_values import Json, address, codes, concept, day, human, instant, source_key, telecom
from .incoming import Attendee, BadFile, Item, Parsed, Skipped
from .sectors import guess_sector

QUIET = {"Composition", "Medication", "Bundle", "PractitionerRole", "CareTeam", "Location"}
NOT_KEPT = {
    "Observation": "test results and measurements are not kept in mycare",
    "DiagnosticReport": "test reports are not kept in mycare",
    "Immunization": "vaccinations are not kept in mycare",
    "Encounter": "past visits are not kept in mycare (only appointments)",
    "Procedure": "procedures are not kept in mycare",
    "Claim": "insurance claims are not kept in mycare",
    "ExplanationOfBenefit": "insurance claims are not kept in mycare",
}
NO_ALLERGY = {"716186003", "409137002", "428607008", "429625007", "428197003", "no-known-allergies"}
STOPPED = {"stopped", "completed", "cancelled", "not-taken"}
VISIT_STATUS = {
    "cancelled": "cancelled",
    "noshow": "missed",
    "fulfilled": "attended",
    "checked-in": "attended",
    "arrived": "attended",
}


def _validate(data: Json, name: str) -> None:
    from fhir.resources.R4B import get_fhir_model_class
    from pydantic import ValidationError

    kind = str(data.get("resourceType"))
    try:
        model = get_fhir_model_class(kind)
    except (KeyError, ValueError, AttributeError, ImportError):
        raise BadFile(f"{name}: {kind!r:.40} is not a kind of FHIR R4 resource.") from None
    try:
        model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = list(first.get("loc", ()))
        where = name
        if len(loc) >= 2 and loc[0] == "entry" and isinstance(loc[1], int):
            entry = data.get("entry", [])[loc[1]]
            rtype = (
                entry.get("resource", {}).get("resourceType", "?")
                if isinstance(entry, dict)
                else "?"
            )
            where = f"{name}, entry {loc[1] + 1} ({rtype})"
            loc = loc[3:] if len(loc) > 2 and loc[2] == "resource" else loc[2:]
        field = ".".join(str(x) for x in loc) or "the resource"
        raise BadFile(
            f"{where}: not valid FHIR: {field}: {str(first.get('msg', 'invalid')).rstrip('.')}."
        ) from None
    except (ValueError, TypeError) as exc:
        raise BadFile(f"{name}: not valid FHIR ({' '.join(str(exc).split())[:100]}).") from None


class _Reader:
    """One file's resources, with references resolved within it."""

    def __init__(self, data: Json, name: str) -> None:
        self.name = name
        self.parsed = Parsed("health record", name)
        self.entries: list[tuple[str, Json, str]] = []  # (full URL, resource, where)
        if data.get("resourceType") == "Bundle":
            for n, entry in enumerate(data.get("entry", []) or [], 1):
                resource = entry.get("resource") if isinstance(entry, dict) else None
                if isinstance(resource, dict):
                    kind = resource.get("resourceType", "?")
                    full = str(entry.get("fullUrl", ""))
                    self.entries.append((full, resource, f"{name}, entry {n} ({kind})"))
        else:
            self.entries.append(("", data, f"{name} ({data.get('resourceType')})"))
        self.index: dict[str, Json] = {}
        for full, resource, _ in self.entries:
            if full:
                self.index[full] = resource
            if resource.get("id"):
                self.index[f"{resource['resourceType']}/{resource['id']}"] = resource
        self.contacts: dict[int, Item] = {}  # id(resource) -> its contact item

    def resolve(self, ref: Any, holder: Json | None = None) -> Json | None:
        if not isinstance(ref, dict) or not isinstance(ref.get("reference"), str):
            return None
        target = ref["reference"]
        if target.startswith("#") and holder is not None:
            for inner in holder.get("contained", []) or []:
                if isinstance(inner, dict) and inner.get("id") == target[1:]:
                    return inner
            return None
        if target in self.index:
            return self.index[target]
        tail = "/".join(target.rstrip("/").split("/")[-2:])
        return self.index.get(tail)

    def named(self, ref: Any, holder: Json | None = None) -> str:
        """What a reference points at, in words."""
        found = self.resolve(ref, holder)
        if found is not None:
            return (
                human(found.get("name"))
                if isinstance(found.get("name"), list)
                else str(found.get("name", "") or concept(found.get("code")))
            )
        return str(ref.get("display", "")) if isinstance(ref, dict) else ""

    def add(self, item: Item) -> Item:
        self.parsed.items.append(item)
        return item

    def skip(self, what: str, where: str, why: str) -> None:
        self.parsed.skipped.append(Skipped(what, where, why))

    # -- each kind -------------------------------------------------------------------
    def patient(self, r: Json, full: str, where: str) -> None:
        values: dict[str, Any] = {"name": clean.one_line(human(r.get("name")), "name", where)}
        born = day(r.get("birthDate"))
        if born is not None:
            values["date_of_birth"] = born
        self.add(Item("person", source_key(r, full), values, where))

    def medication(self, r: Json, full: str, where: str) -> None:
        what = concept(r.get("medicationCodeableConcept"))
        if not what:
            med = self.resolve(r.get("medicationReference"), r)
            what = (
                concept(med.get("code"))
                if med
                else str((r.get("medicationReference") or {}).get("display", ""))
            )
        if r.get("status") == "entered-in-error":
            return self.skip(what or "A medicine", where, "the file marks it as entered in error")
        if not what.strip():
            return self.skip("A medicine", where, "it does not say which medicine")
        if what.isdigit():
            return self.skip(what, where, "it names the medicine only by a code number")
        dosage = (r.get("dosage") or r.get("dosageInstruction") or [{}])[0]
        period = r.get("effectivePeriod") or {}
        started = day(period.get("start") or r.get("effectiveDateTime") or r.get("authoredOn"))
        reason = ", ".join(concept(c) for c in r.get("reasonCode", []) or [] if concept(c))
        values: dict[str, Any] = {
            "name": clean.one_line(what, "name", where),
            "dose": clean.one_line(
                dosage.get("text", "") if isinstance(dosage, dict) else "", "dose", where
            ),
            "reason": clean.one_line(reason, "reason", where),
            "prescriber": clean.one_line(
                self.named(r.get("requester") or r.get("informationSource")), "prescriber", where
            ),
            "started_on": started,
            "stopped_on": day(period.get("end")) if r.get("status") in STOPPED else None,
        }
        self.add(Item("medication", source_key(r, full), values, where))

    def allergy(self, r: Json, full: str, where: str) -> None:
        what = concept(r.get("code"))
        verified = codes(r.get("verificationStatus"))
        if verified & {"entered-in-error", "refuted"}:
            return self.skip(what or "An allergy", where, "the file says it is not so")
        if codes(r.get("code")) & NO_ALLERGY:
            return self.skip(what, where, "it says there are no known allergies")
        if not what.strip():
            return self.skip("An allergy", where, "it does not say to what")
        reaction = (r.get("reaction") or [{}])[0]
        shown = ", ".join(concept(m) for m in reaction.get("manifestation", []) or [] if concept(m))
        severity = reaction.get("severity", "")
        values = {
            "substance": clean.one_line(what, "substance", where),
            "reaction": clean.one_line(shown or reaction.get("description", ""), "reaction", where),
            "severity": severity if severity in ("mild", "moderate", "severe") else "",
        }
        self.add(Item("allergy", source_key(r, full), values, where))

    def condition(self, r: Json, full: str, where: str) -> None:
        what = concept(r.get("code"))
        if codes(r.get("verificationStatus")) & {"entered-in-error", "refuted"}:
            return self.skip(what or "A condition", where, "the file says it is not so")
        if not what.strip():
            return self.skip("A condition", where, "it does not say which condition")
        status = codes(r.get("clinicalStatus"))
        notes = "\n".join(
            str(n.get("text", "")) for n in r.get("note", []) or [] if isinstance(n, dict)
        )
        values = {
            "name": clean.one_line(what, "name", where),
            "since": day(r.get("onsetDateTime") or (r.get("onsetPeriod") or {}).get("start")),
            "status": "resolved" if status & {"inactive", "resolved", "remission"} else "active",
            "notes": clean.text(notes, "notes", where),
        }
        self.add(Item("condition", source_key(r, full), values, where))

    def contact(self, r: Json, full: str, where: str) -> None:
        kind = r["resourceType"]
        if kind == "Organization":
            name = str(r.get("name", ""))
            org = name
        else:
            name = human(r.get("name"))
            org = ""
        if not name.strip():
            return self.skip(f"A {kind}", where, "it has no name")
        family = kind == "RelatedPerson"
        role = concept((r.get("relationship") or [{}])[0]) if family else ""
        values: dict[str, Any] = {
            "name": clean.one_line(name, "name", where),
            "organisation": clean.one_line(org, "organisation", where),
            "role": clean.one_line(role, "role", where),
            "sector": "family & friends" if family else guess_sector(org) or "health",
            "phone": clean.one_line(telecom(r, "phone"), "phone", where),
            "email": clean.one_line(telecom(r, "email"), "email", where),
            "address": clean.text(address(r), "address", where),
        }
        self.contacts[id(r)] = self.add(Item("contact", source_key(r, full), values, where))

    def roles(self, r: Json, where: str) -> None:
        """A PractitionerRole or CareTeam says what a contact does and for whom."""
        pairs: list[tuple[Any, str, str]] = []
        if r["resourceType"] == "PractitionerRole":
            role = ", ".join(concept(c) for c in r.get("code", []) or [] if concept(c))
            role = role or ", ".join(concept(c) for c in r.get("specialty", []) or [] if concept(c))
            pairs.append((r.get("practitioner"), role, self.named(r.get("organization"))))
        else:
            for part in r.get("participant", []) or []:
                roles = [concept(c) for c in part.get("role", []) or []]
                role = next((x for x in roles if x and x != "Care team member"), "")
                pairs.append((part.get("member"), role, self.named(part.get("onBehalfOf"))))
        for ref, role, org in pairs:
            target = self.resolve(ref)
            item = self.contacts.get(id(target)) if target is not None else None
            if item is None:
                continue
            if role and not item.values["role"]:
                item.values["role"] = clean.one_line(role, "role", where)
            if org and not item.values["organisation"]:
                item.values["organisation"] = clean.one_line(org, "organisation", where)
                if item.values["sector"] == "health":
                    item.values["sector"] = guess_sector(org) or "health"

    def appointment(self, r: Json, full: str, where: str) -> None:
        starts = instant(r.get("start"))
        what = str(r.get("description", "")) or concept((r.get("serviceType") or [{}])[0])
        what = what or concept(r.get("appointmentType")) or "Appointment"
        if starts is None:
            return self.skip(what, where, "it has no start time")
        ends = instant(r.get("end"))
        minutes = r.get("minutesDuration") or (
            round((ends - starts).total_seconds() / 60) if ends else 30
        )
        attendees: list[Attendee] = []
        location = ""
        for part in r.get("participant", []) or []:
            actor = part.get("actor") if isinstance(part, dict) else None
            target = self.resolve(actor)
            kind = (target or {}).get("resourceType") or str(
                (actor or {}).get("reference", "")
            ).split("/")[0]
            if kind == "Patient":
                continue
            if kind == "Location":
                location = location or self.named(actor)
                continue
            name = self.named(actor)
            if name:
                ref = self.contacts.get(id(target)) if target is not None else None
                attendees.append(
                    Attendee(clean.one_line(name, "name", where), ref=ref.source_id if ref else "")
                )
        values = {
            "starts_at": starts.replace(second=0, microsecond=0),
            "duration_minutes": max(1, min(int(minutes), 24 * 60)),
            "purpose": clean.one_line(what, "purpose", where),
            "location": clean.one_line(location, "location", where),
            "status": VISIT_STATUS.get(str(r.get("status")), "planned"),
            "preparation": clean.text(r.get("comment", ""), "preparation", where),
        }
        self.add(Item("appointment", source_key(r, full), values, where, attendees))


READERS = {
    "Patient": _Reader.patient,
    "MedicationStatement": _Reader.medication,
    "MedicationRequest": _Reader.medication,
    "AllergyIntolerance": _Reader.allergy,
    "Condition": _Reader.condition,
    "Practitioner": _Reader.contact,
    "Organization": _Reader.contact,
    "RelatedPerson": _Reader.contact,
}


def parse_fhir(data: Json, name: str) -> Parsed:
    """Every resource mycare keeps, from a Bundle or a single resource."""
    _validate(data, name)
    reader = _Reader(data, name)
    later: list[tuple[str, Json, str]] = []
    not_kept: Counter[str] = Counter()
    for full, resource, where in reader.entries:
        kind = resource["resourceType"]
        if kind in READERS:
            READERS[kind](reader, resource, full, where)
        elif kind in ("PractitionerRole", "CareTeam", "Appointment"):
            later.append((full, resource, where))
        elif kind not in QUIET:
            not_kept[kind] += 1
    for full, resource, where in later:  # after the contacts they point at
        if resource["resourceType"] == "Appointment":
            reader.appointment(resource, full, where)
        else:
            reader.roles(resource, where)
    for kind, count in sorted(not_kept.items()):
        why = NOT_KEPT.get(kind, f"mycare does not keep {kind} records")
        reader.skip(f"{count} {kind}", name, why)
    return reader.parsed
