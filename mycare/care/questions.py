"""Questions to ask at an appointment or of someone in the care team."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import col

from mycare.store import Person, Question

from . import clock, records, vocab
from .record import CareRecord
from .vocab import QuestionStatus

STATUSES = vocab.QUESTION_STATUSES


def add_question(
    record: CareRecord,
    person: Person,
    text: str,
    *,
    appointment_id: uuid.UUID | None = None,
    contact_id: uuid.UUID | None = None,
    answer_text: str = "",
) -> Question:
    """Note something to ask, perhaps for a given appointment or person; with an answer
    already (asked and answered today), still one change."""
    with record.one_change():
        question = records.add(
            record,
            Question,
            person_id=person.id,
            text=text,
            appointment_id=appointment_id,
            contact_id=contact_id,
        )
        if answer_text.strip():
            question = answer(record, question.id, answer_text)
    return question


def mark_asked(record: CareRecord, question_id: uuid.UUID, on: date | None = None) -> Question:
    """The question was asked (no answer written yet)."""
    return records.update(
        record, Question, question_id, status="asked", asked_on=on or clock.today()
    )


def answer(
    record: CareRecord, question_id: uuid.UUID, text: str, on: date | None = None
) -> Question:
    """Write down the answer; the question counts as asked and answered."""
    current = records.get(record, Question, question_id)
    return records.update(
        record,
        Question,
        question_id,
        status="answered",
        answer=text,
        asked_on=current.asked_on or on or clock.today(),
    )


def reopen(record: CareRecord, question_id: uuid.UUID) -> Question:
    return records.update(record, Question, question_id, status="open", asked_on=None)


def questions(
    record: CareRecord,
    person: Person,
    *,
    status: QuestionStatus | None = None,
    appointment_id: uuid.UUID | None = None,
) -> list[Question]:
    """A person's questions, oldest first, optionally only those open or for one visit."""
    with record.reading() as session:
        query = records.live(Question).where(Question.person_id == person.id)
        if status is not None:
            query = query.where(Question.status == status)
        if appointment_id is not None:
            query = query.where(Question.appointment_id == appointment_id)
        return list(session.exec(query.order_by(col(Question.created_at))))
