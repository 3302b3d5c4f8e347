"""The "How joined-up my care feels" section of a summary, read back by independent readers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mycare import export
from mycare.care import clock, coordination, people
from mycare.care.coordination import Answer
from mycare.care.coordination_themes import THEMES
from mycare.care.record import CareRecord
from mycare.vault import TEST_KDF

NOW_NOTE = "Dr Shah rang <script>alert(1)</script> [bold]twice[/]"
NOW = datetime(2026, 11, 22, 10, 45)


@pytest.fixture(scope="module")
def ticked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, bytes]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clock, "now", lambda: NOW)
        path = Path(tmp_path_factory.mktemp("joined")) / "s.mycare"
        record = CareRecord.create(path, "pw", kdf=TEST_KDF)
        ada = people.add_person(record, "Ada Lovelace")
        for months_ago, rating in ((6, 1), (3, 2), (0, 4)):
            coordination.add_check_in(
                record,
                ada,
                [
                    Answer("in_charge", rating, NOW_NOTE if months_ago == 0 else ""),
                    Answer("decisions", 2),
                    Answer("own_goals", None),
                ],
                on=NOW.date() - timedelta(days=30 * months_ago),
            )
        coordination.add_check_in(
            record, ada, [Answer("one_team", 5)], answered_by="carer themself", on=NOW.date()
        )
        out = {
            fmt: export.render(record, ada, fmt, sections={"coordination"}, now=NOW)
            for fmt in ("md", "txt", "html", "pdf", "fhir")
        }
        out["default"] = export.render(record, ada, "md", now=NOW)
        record.close()
    yield out


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "pdf"])
def test_the_section_reads_back_in_every_readable_format(ticked, read_back, fmt: str) -> None:
    text = " ".join(read_back(fmt, ticked[fmt]).split())
    assert "How joined-up my care feels".casefold() in text.casefold()
    assert "From 3 check-ins; the latest on 22 Nov 2026, answered by me." in text
    assert "I know who is in charge of my care — mostly (22 Nov 2026)" in text
    assert "Better: mostly now, up from not at all in May 2026." in text
    assert "I am as involved in decisions about my care as I want to be — a little" in text
    assert "goals that matter to me — does not apply" in text
    assert "Where it feels least joined-up".casefold() in text.casefold()
    assert "I said: a little." in text
    # the carer's own experience is not part of the person's summary
    assert "work as one team" not in text


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "pdf"])
def test_a_note_is_shown_as_typed_and_never_as_markup(ticked, read_back, fmt: str) -> None:
    text = " ".join(read_back(fmt, ticked[fmt]).split())
    assert "My note: Dr Shah rang <script>alert(1)</script> [bold]twice[/]" in text


def test_html_does_not_run_a_note(ticked, html_of) -> None:
    page = html_of(ticked["html"].decode())
    assert "script" not in [tag for tag, _ in page.tags]


def test_the_section_is_left_out_unless_ticked(ticked) -> None:
    assert b"How joined-up my care feels" not in ticked["default"]


def test_fhir_has_a_questionnaire_and_a_response_per_check_in(ticked) -> None:
    bundle_mod = pytest.importorskip("fhir.resources.R4B.bundle")
    from fhir.resources.R4B.questionnaire import Questionnaire
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    raw = json.loads(ticked["fhir"])
    bundle_mod.Bundle.model_validate(raw)
    resources = [e["resource"] for e in raw["entry"]]
    (questionnaire,) = [r for r in resources if r["resourceType"] == "Questionnaire"]
    Questionnaire.model_validate(questionnaire)
    links = [i["linkId"] for i in questionnaire["item"]]
    assert links == ["answered-by", *(t.key for t in THEMES)]

    responses = [r for r in resources if r["resourceType"] == "QuestionnaireResponse"]
    assert len(responses) == 3, "the person's three check-ins; the carer's own stays out"
    for found in responses:
        QuestionnaireResponse.model_validate(found)
        assert found["questionnaire"] == questionnaire["url"]
        assert found["status"] == "completed"
    latest = max(responses, key=lambda r: r["authored"])
    answers = {i["linkId"]: i["answer"][0] for i in latest["item"]}
    assert answers["in_charge"]["valueCoding"]["code"] == "4"
    assert answers["in_charge"]["item"][0]["answer"][0]["valueString"] == NOW_NOTE
    assert answers["own_goals"]["valueCoding"]["display"] == "does not apply"
    assert answers["answered-by"] == {"valueString": "me"}

    composition = resources[0]
    (section,) = [s for s in composition["section"] if s["title"] == "How joined-up my care feels"]
    refs = {e["reference"] for e in section["entry"]}
    urls = {e["fullUrl"] for e in raw["entry"] if e["resource"] in responses}
    assert refs == urls
