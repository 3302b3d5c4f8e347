"""Finding any record by the words in it, whatever the case or accents."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_
from sqlmodel import col

from mycare.store import (
    Allergy,
    Appointment,
    CheckIn,
    Condition,
    Contact,
    DiaryEntry,
    Goal,
    GoalStep,
    Medication,
    NextStep,
    Person,
    Question,
    Record,
    fold,
)

from . import records
from .record import CareRecord

# What is searched in each kind, and which field names the hit.
SEARCHED: dict[type[Record], tuple[str, tuple[str, ...]]] = {
    Person: (
        "name",
        (
            "what_matters",
            "important_people",
            "communication_needs",
            "wellness",
            "please_do",
            "please_dont",
            "how_to_support",
            "also_worth_knowing",
            "care_plan",
            "gp_practice",
        ),
    ),  # fmt: skip
    Contact: ("name", ("name", "role", "organisation", "phone", "email", "address", "notes")),
    Appointment: ("purpose", ("purpose", "location", "preparation", "outcome")),
    Question: ("text", ("text", "answer")),
    NextStep: ("what", ("what",)),
    Goal: ("goal", ("goal", "what_matters")),
    GoalStep: ("text", ("text",)),
    CheckIn: ("note", ("note",)),
    Medication: ("name", ("name", "dose", "how_taken", "reason", "prescriber")),
    Condition: ("name", ("name", "notes")),
    Allergy: ("substance", ("substance", "reaction")),
    DiaryEntry: ("text", ("text",)),
}
KIND_NAMES = {Person: "about me", GoalStep: "goal", CheckIn: "goal"}
MAX_TERM = 200


@dataclass(frozen=True)
class Hit:
    """One record that matched (for a goal's step or check-in, the goal)."""

    kind: str
    id: uuid.UUID
    title: str
    snippet: str


def _snippet(text: str, needle: str, width: int = 60) -> str:
    at = (fold(text) or "").find(needle)
    start = max(0, at - width // 3) if at >= 0 else 0
    piece = " ".join(text[start : start + width].split())
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def _belongs_to(model: type[Record], person: Person) -> ColumnElement[bool]:
    if model is Person:
        return col(Person.id) == person.id
    if model in (GoalStep, CheckIn):
        goal_ids = (
            records.live(Goal).where(Goal.person_id == person.id).with_only_columns(col(Goal.id))
        )
        return col(model.goal_id).in_(goal_ids)
    return col(model.person_id) == person.id  # type: ignore[attr-defined]


def search(record: CareRecord, person: Person, term: str, limit: int = 200) -> list[Hit]:
    """Records of this person holding every word of term somewhere in their text."""
    words = (fold(term.strip()) or "")[:MAX_TERM].split()
    if not words:
        return []
    hits: list[Hit] = []
    with record.reading() as session:
        for model, (title_field, fields) in SEARCHED.items():
            folded = [func.fold(getattr(model, f)) for f in fields]
            every_word = [or_(*(func.instr(f, w) > 0 for f in folded)) for w in words]
            query = (
                records.live(model)
                .where(_belongs_to(model, person))
                .where(and_(*every_word))
                .order_by(col(model.updated_at).desc())
                .limit(limit)
            )
            for obj in session.exec(query):
                texts = [str(getattr(obj, f) or "") for f in fields]
                matched = next((t for t in texts if words[0] in (fold(t) or "")), texts[0])
                title = str(getattr(obj, title_field) or "")
                record_id = getattr(obj, "goal_id", obj.id)
                if model in (GoalStep, CheckIn):
                    title = records.fetch(session, Goal, record_id).goal
                snippet = "" if matched == title else _snippet(matched, words[0])
                kind = KIND_NAMES.get(model, records.kind_name(model))
                hits.append(Hit(kind, record_id, title[:80], snippet))
    hits.sort(key=lambda h: words[0] not in (fold(h.title) or ""))  # title matches first
    return hits[:limit]
