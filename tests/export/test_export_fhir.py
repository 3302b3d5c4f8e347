"""FHIR IPS: a document Bundle that the fhir.resources R4B models load, following the IPS rules."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

fhir_bundle = pytest.importorskip("fhir.resources.R4B.bundle")

IPS = {"10160-0": "medications", "48765-2": "allergies", "11450-4": "problems"}


def _load(data: bytes) -> tuple[dict, object]:
    raw = json.loads(data)
    return raw, fhir_bundle.Bundle.model_validate(raw)


def _codes(section: dict) -> set[str]:
    return {c["code"] for c in section.get("code", {}).get("coding", [])}


def _section(composition: dict, code: str) -> dict:
    return next(s for s in composition["section"] if code in _codes(s))


def _by_url(raw: dict) -> dict[str, dict]:
    return {e["fullUrl"]: e["resource"] for e in raw["entry"]}


def test_document_bundle_with_composition_first(demo) -> None:
    raw, bundle = _load(demo.output("fhir"))
    assert bundle.type == "document" and bundle.identifier.value.startswith("urn:uuid:")
    assert bundle.timestamp is not None
    first = raw["entry"][0]["resource"]
    assert first["resourceType"] == "Composition" and first["status"] == "final"
    assert first["type"]["coding"][0] == {
        "system": "http://loinc.org",
        "code": "60591-5",
        "display": "Patient summary Document",
    }
    assert first["title"] == "Care summary for Margaret (Peggy) Okafor" and first["date"]
    resources = _by_url(raw)
    assert all(url.startswith("urn:uuid:") for url in resources)
    assert len(resources) == len(raw["entry"])
    patient = resources[first["subject"]["reference"]]
    assert patient["resourceType"] == "Patient" and patient["birthDate"] == "1948-03-14"
    assert patient["name"][0]["family"] == "Okafor"
    author = resources[first["author"][0]["reference"]]
    assert author["resourceType"] == "RelatedPerson" and author["name"][0]["text"] == "Ngozi Okafor"


def test_required_sections_with_entries(demo) -> None:
    raw, _ = _load(demo.output("fhir"))
    composition, resources = raw["entry"][0]["resource"], _by_url(raw)
    kinds = {
        "10160-0": "MedicationStatement",
        "48765-2": "AllergyIntolerance",
        "11450-4": "Condition",
        "18776-5": None,
        "85847-2": "CareTeam",
    }
    for code, kind in kinds.items():
        section = _section(composition, code)
        assert section["text"]["div"].startswith('<div xmlns="http://www.w3.org/1999/xhtml">')
        found = [resources[e["reference"]] for e in section["entry"]]
        assert found and (kind is None or {r["resourceType"] for r in found} == {kind})
    meds = [resources[e["reference"]] for e in _section(composition, "10160-0")["entry"]]
    assert {m["medicationCodeableConcept"]["text"] for m in meds} >= {"Bisoprolol", "Metformin"}
    (ramipril,) = [m for m in meds if m["medicationCodeableConcept"]["text"] == "Ramipril"]
    assert ramipril["status"] == "stopped"  # stopped in July: there, and said to be stopped
    assert ramipril["effectivePeriod"] == {"start": "2026-02-05", "end": "2026-07-23"}
    assert {m["status"] for m in meds if m is not ramipril} == {"active"}
    plan = [resources[e["reference"]] for e in _section(composition, "18776-5")["entry"]]
    care_plan = next(r for r in plan if r["resourceType"] == "CarePlan")
    assert sum(r["resourceType"] == "Goal" for r in plan) == 3
    assert care_plan["careTeam"][0]["reference"] in resources
    assert any(a["detail"]["status"] == "not-started" for a in care_plan["activity"])
    team = next(r for r in resources.values() if r["resourceType"] == "CareTeam")
    lead = next(p for p in team["participant"] if {"text": "In charge of my care"} in p["role"])
    assert resources[lead["member"]["reference"]]["name"][0]["text"] == "Tom Brennan"
    appointment = next(r for r in resources.values() if r["resourceType"] == "Appointment")
    assert "What did the blood tests show about my kidneys?" in appointment["comment"]


def test_every_resource_is_referenced(demo) -> None:
    raw, _ = _load(demo.output("fhir"))
    text = json.dumps(raw["entry"][0]["resource"]) + json.dumps(
        [e["resource"] for e in raw["entry"][1:]]
    )
    for entry in raw["entry"][1:]:
        assert text.count(f'"reference": "{entry["fullUrl"]}"') >= 1


def test_empty_record_gives_reasons(lonely) -> None:
    raw, _ = _load(lonely.output("fhir"))
    composition = raw["entry"][0]["resource"]
    for code in IPS:
        section = _section(composition, code)
        assert "entry" not in section
        assert section["emptyReason"]["coding"][0]["code"] == "unavailable"


def test_no_known_allergies_is_coded(demo) -> None:
    from mycare.care import people
    from mycare.export import render

    des = people.find_person(demo.record, "Desmond")
    raw, _ = _load(render(demo.record, des, "fhir"))
    allergy = next(
        e["resource"] for e in raw["entry"] if e["resource"]["resourceType"] == "AllergyIntolerance"
    )
    assert allergy["code"]["coding"][0]["code"] == "716186003"


def test_withheld_health_still_has_the_required_sections(demo) -> None:
    raw, _ = _load(demo.render("fhir", sections={"about", "goals"}))
    composition = raw["entry"][0]["resource"]
    for code in IPS:
        assert _section(composition, code)["emptyReason"]["coding"][0]["code"] == "withheld"
    kinds = {e["resource"]["resourceType"] for e in raw["entry"]}
    assert kinds == {"Composition", "Patient", "Goal", "CarePlan"}


def test_narrative_is_escaped_xhtml(hostile, nasty) -> None:
    raw, _ = _load(hostile.output("fhir"))

    class Tags(HTMLParser):
        found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list) -> None:
            self.found.append(tag)

    for section in raw["entry"][0]["resource"]["section"]:
        parser = Tags()
        parser.feed(section["text"]["div"])
        assert set(parser.found) <= {"div", "ul", "li", "p"}
    resources = [e["resource"] for e in raw["entry"]]
    med = next(r for r in resources if r["resourceType"] == "MedicationStatement")
    assert med["medicationCodeableConcept"]["text"] == nasty["img"]
    assert med["reasonCode"][0]["text"] == nasty["script"]
