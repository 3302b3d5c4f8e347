"""FHIR IPS rules checked with FHIRPath (fhirpathpy), as a validator would check them."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

fhirpath = pytest.importorskip("fhirpathpy")
fhir_bundle = pytest.importorskip("fhir.resources.R4B.bundle")

IPS = "http://hl7.org/fhir/uv/ips/StructureDefinition/"
REQUIRED = {"10160-0": "medications", "48765-2": "allergies", "11450-4": "problems"}
# ips-comp-1, on each required section
IPS_COMP_1 = "entry.reference.exists() or emptyReason.exists()"
# ips-pat-1
IPS_PAT_1 = "name.given.exists() or name.family.exists() or name.text.exists()"
# ait-1 (AllergyIntolerance, R4)
AIT_1 = (
    "verificationStatus.coding.where(system = 'http://terminology.hl7.org/CodeSystem/"
    "allergyintolerance-verification' and code = 'entered-in-error').exists() "
    "or clinicalStatus.exists()"
)
# con-3 (Condition, R4)
CON_3 = (
    "clinicalStatus.exists() or verificationStatus.coding.where(code = 'entered-in-error')"
    ".exists() or category.select($this = 'problem-list-item').empty()"
)
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def path(data: Any, expression: str) -> list[Any]:
    return list(fhirpath.evaluate(data, expression, []))


def _bundle(data: bytes) -> dict[str, Any]:
    raw = json.loads(data)
    fhir_bundle.Bundle.model_validate(raw)  # and the R4B model takes it
    return raw


def _of(raw: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return path(raw, f"Bundle.entry.resource.ofType({kind})")


@pytest.fixture(params=["demo", "lonely", "hostile", "withheld"])
def bundle(request: pytest.FixtureRequest) -> dict[str, Any]:
    if request.param == "withheld":
        return _bundle(request.getfixturevalue("demo").render("fhir", sections={"goals"}))
    return _bundle(request.getfixturevalue(request.param).output("fhir"))


def test_every_resource_names_its_profile(bundle) -> None:
    assert path(bundle, "Bundle.meta.profile") == [IPS + "Bundle-uv-ips"]
    assert path(bundle, "Bundle.entry.resource.all(meta.profile.exists())") == [True]
    profiles = {r["resourceType"]: r["meta"]["profile"][0] for r in path(bundle, "entry.resource")}
    assert profiles["Composition"] == IPS + "Composition-uv-ips"
    assert profiles["Patient"] == IPS + "Patient-uv-ips"
    for kind in ("MedicationStatement", "AllergyIntolerance", "Condition", "Practitioner"):
        if kind in profiles:
            assert profiles[kind] == IPS + f"{kind}-uv-ips"
    if "CareTeam" in profiles:
        assert profiles["CareTeam"] == "http://hl7.org/fhir/StructureDefinition/CareTeam"


def test_required_sections_keep_ips_comp_1(bundle) -> None:
    (composition,) = _of(bundle, "Composition")
    for loinc in REQUIRED:
        found = path(composition, f"section.where(code.coding.code = '{loinc}')")
        assert len(found) == 1, loinc
        assert path(found[0], IPS_COMP_1) == [True], loinc
        assert path(found[0], "entry.exists() and emptyReason.exists()") == [False]  # cmp-2


def test_every_section_has_a_loinc_code_and_narrative(bundle) -> None:
    (composition,) = _of(bundle, "Composition")
    every = "section.all(code.coding.where(system = 'http://loinc.org').exists())"
    assert path(composition, every) == [True]
    codes = path(composition, "section.code.coding.code")
    assert len(codes) == len(set(codes))  # one section for each kind
    assert path(composition, "section.all(text.`div`.exists())") == [True]
    assert path(bundle, "Bundle.entry.resource.all(text.`div`.exists())") == [True]


def test_patient_rules(bundle) -> None:
    (patient,) = _of(bundle, "Patient")
    assert path(patient, IPS_PAT_1) == [True]
    assert path(patient, "gender.exists()") == [False]  # mycare does not record it
    assert path(patient, "birthDate.exists() or birthDate.extension.exists()") == [True]


def test_condition_and_allergy_rules(bundle) -> None:
    for condition in _of(bundle, "Condition"):
        assert path(condition, CON_3) == [True]
        assert path(condition, "category.coding.code") == ["problem-list-item"]
    for allergy in _of(bundle, "AllergyIntolerance"):
        assert path(allergy, AIT_1) == [True]
        assert path(allergy, "verificationStatus.coding.code") == ["confirmed"]
        assert path(allergy, "clinicalStatus.coding.code") == ["active"]


def test_times_are_in_one_style(bundle) -> None:
    stamps = [bundle["timestamp"], *path(bundle, "entry.resource.ofType(Composition).date")]
    stamps += path(bundle, "entry.resource.ofType(Appointment).select(start | end)")
    assert stamps and all(STAMP.match(s) for s in stamps), stamps
    days = path(bundle, "entry.resource.select(birthDate | effectivePeriod.start | onset)")
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in days), days


def test_the_patient_as_a_clinician_reads_them(demo) -> None:
    raw = _bundle(demo.output("fhir"))
    (patient,) = _of(raw, "Patient")
    assert path(patient, "name.where(use = 'nickname').given") == ["Peggy"]
    official = path(patient, "name.where(use = 'official')")[0]
    assert official["given"] == ["Margaret"] and official["family"] == "Okafor"
    assert path(patient, "identifier.where(system = 'https://fhir.nhs.uk/Id/nhs-number').value")
    assert patient["identifier"][0]["value"] == "9990001006"
    (composition,) = _of(raw, "Composition")
    titles = {s["code"]["coding"][0]["code"]: s["title"] for s in composition["section"]}
    assert titles["81338-6"] == "About me" and titles["18776-5"] == "Plan of Care"
    assert titles["29299-5"].startswith("For my appointment on ")
    assert titles["11329-0"].startswith("What has happened since ")


def test_appointment_participants_point_into_the_bundle(demo) -> None:
    raw = _bundle(demo.output("fhir"))
    kinds = {e["fullUrl"]: e["resource"]["resourceType"] for e in raw["entry"]}
    (appointment,) = _of(raw, "Appointment")
    actors = path(appointment, "participant.actor.reference")
    assert [kinds[a] for a in actors] == ["Patient", "Practitioner"]
    assert path(appointment, "participant.actor.display")[-1] == "Dr Priya Raman"
    assert appointment["start"].endswith("+00:00")  # London in November


def test_without_the_team_participants_are_named_only(demo) -> None:
    raw = _bundle(demo.render("fhir", sections={"health", "appointment"}))
    (appointment,) = _of(raw, "Appointment")
    assert len(path(appointment, "participant.actor.reference")) == 1  # the patient
    assert "Dr Priya Raman" in path(appointment, "participant.actor.display")
    assert _of(raw, "Practitioner") == []


def test_left_out_about_me_leaves_out_the_nhs_number(demo) -> None:
    raw = _bundle(demo.render("fhir", sections={"health"}))
    (patient,) = _of(raw, "Patient")
    assert "identifier" not in patient and "birthDate" not in patient
    absent = patient["_birthDate"]["extension"][0]
    assert absent["url"].endswith("/data-absent-reason") and absent["valueCode"] == "unknown"
