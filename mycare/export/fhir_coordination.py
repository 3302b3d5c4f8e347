"""How joined-up care feels, in FHIR: a Questionnaire of the statements and one
QuestionnaireResponse per check-in of the past year."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from mycare.care.coordination import YEAR, CheckInView, Picture
from mycare.care.coordination_themes import ANSWERED_BY, SCALE, THEMES, rating_words

from .blocks import one_line
from .fhir_resources import Json

_IDS = uuid.UUID("0b6f1f3e-8c55-4a53-9b0e-6f7d2f1c5a40")  # mycare's own namespace
QUESTIONNAIRE_ID = uuid.uuid5(_IDS, "coordination-questionnaire-1")
QUESTIONNAIRE_URL = f"urn:uuid:{QUESTIONNAIRE_ID}"
SCALE_SYSTEM = f"urn:uuid:{uuid.uuid5(_IDS, 'coordination-scale-1')}"
NOT_APPLICABLE = "n/a"
ANSWERED_BY_ITEM = "answered-by"


def _option(code: str, display: str) -> Json:
    return {"valueCoding": {"system": SCALE_SYSTEM, "code": code, "display": display}}


def questionnaire() -> Json:
    """The statements, each answered on the five-point scale or as not applying."""
    options = [_option(str(n), words) for n, words in SCALE.items()]
    options.append(_option(NOT_APPLICABLE, rating_words(None)))
    items: list[Json] = [
        {
            "linkId": ANSWERED_BY_ITEM,
            "text": "Who answered",
            "type": "choice",
            "answerOption": [{"valueString": who} for who in ANSWERED_BY[:2]],
        }
    ]
    for theme in THEMES:
        items.append(
            {
                "linkId": theme.key,
                "text": theme.statement,
                "type": "choice",
                "answerOption": options,
                "item": [{"linkId": f"{theme.key}-note", "text": "Note", "type": "text"}],
            }
        )
    return {
        "resourceType": "Questionnaire",
        "url": QUESTIONNAIRE_URL,
        "version": "1",
        "name": "HowJoinedUpMyCareFeels",
        "title": "How joined-up my care feels",
        "status": "active",
        "subjectType": ["Patient"],
        "item": items,
    }


def response(view: CheckInView, subject: Json) -> Json:
    """One check-in's answers."""
    items: list[Json] = [
        {
            "linkId": ANSWERED_BY_ITEM,
            "text": "Who answered",
            "answer": [{"valueString": view.check.answered_by}],
        }
    ]
    for theme in THEMES:
        found = view.answers.get(theme.key)
        if found is None:
            continue
        code = NOT_APPLICABLE if found.rating is None else str(found.rating)
        answer: Json = {
            "valueCoding": {
                "system": SCALE_SYSTEM,
                "code": code,
                "display": rating_words(found.rating),
            }
        }
        if found.note.strip():
            note: Json = {"linkId": f"{theme.key}-note", "text": "Note"}
            note["answer"] = [{"valueString": found.note}]
            answer["item"] = [note]
        items.append({"linkId": theme.key, "text": theme.statement, "answer": [answer]})
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": QUESTIONNAIRE_URL,
        "status": "completed",
        "subject": subject,
        "authored": view.check.checked_on.isoformat(),
        "item": items,
    }


def add_coordination(
    picture: Picture,
    today: date,
    subject: Json,
    add: Callable[[uuid.UUID, Json, list[str]], Json],
) -> tuple[list[str], list[Json]]:
    """Put the Questionnaire and the past year's responses in the bundle; the section's
    narrative lines and entries come back."""
    recent = [v for v in picture.check_ins if v.check.checked_on > today - YEAR]
    if not recent:
        return ["No check-ins in the past year."], []
    add(QUESTIONNAIRE_ID, questionnaire(), ["How joined-up my care feels: the statements."])
    entries = [
        add(
            v.check.id,
            response(v, subject),
            [f"Check-in of {v.check.checked_on.isoformat()}, answered by {v.check.answered_by}."],
        )
        for v in recent
    ]
    trends = {t.theme.key: t for t in picture.trends}
    lines = [
        one_line(f"{a.theme.statement} {rating_words(a.rating)}. {trends[k].words()}")
        + (f" Note: {one_line(a.note)}" if a.note.strip() else "")
        for k, a in picture.latest.items()
    ]
    return lines, entries
