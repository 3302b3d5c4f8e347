"""Finding any record by the words in it, whatever the case or accents."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlmodel import col

from mycare.store import (
    Allergy,
    Appointment,
    Condition,
    Contact,
    DiaryEntry,
    Goal,
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
    Contact: ("name", ("name", "role", "organisation", "phone", "email", "address", "notes")),
    Appointment: ("purpose", ("purpose", "location", "preparation", "outcome")),
    Question: ("text", ("text", "answer")),
    NextStep: ("what", ("what",)),
    Goal: ("goal", ("goal", "what_matters")),
    Medication: ("name", ("name", "dose", "how_taken", "reason", "prescriber")),
    Condition: ("name", ("name", "notes")),
    Allergy: ("substance", ("substance", "reaction")),
    DiaryEntry: ("text", ("text",)),
}
MAX_TERM = 200


@dataclass(frozen=True)
class Hit:
    """One record that matched."""

    kind: str
    id: uuid.UUID
    title: str
    snippet: str


def _snippet(text: str, needle: str, width: int = 60) -> str:
    at = (fold(text) or "").find(needle)
    start = max(0, at - width // 3) if at >= 0 else 0
    piece = " ".join(text[start : start + width].split())
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def search(record: CareRecord, person: Person, term: str, limit: int = 200) -> list[Hit]:
    """Records of this person containing term in any of their text."""
    needle = (fold(term.strip()) or "")[:MAX_TERM]
    if not needle:
        return []
    hits: list[Hit] = []
    with record.reading() as session:
        for model, (title_field, fields) in SEARCHED.items():
            clauses = [func.instr(func.fold(getattr(model, f)), needle) > 0 for f in fields]
            query = (
                records.live(model)
                .where(model.person_id == person.id)  # type: ignore[attr-defined]
                .where(or_(*clauses))
                .order_by(col(model.updated_at).desc())
                .limit(limit)
            )
            for obj in session.exec(query):
                texts = [str(getattr(obj, f) or "") for f in fields]
                matched = next((t for t in texts if needle in (fold(t) or "")), texts[0])
                title = str(getattr(obj, title_field) or "")
                snippet = "" if matched == title else _snippet(matched, needle)
                hits.append(Hit(records.kind_name(model), obj.id, title[:80], snippet))
    return hits[:limit]
