"""Questions to ask, and the answers when they come."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.content import Content

from mycare.care import appointments, records
from mycare.care import questions as care
from mycare.care.dates import format_date
from mycare.store import Question

from ..fields import Field
from ..form import FormScreen
from ..text import plain, styled
from .base import Action, Context, Fit, Section, as_values

if TYPE_CHECKING:
    from ..widgets.section_view import SectionView


@dataclass(frozen=True)
class QuestionAnswers:
    text: str
    appointment_id: uuid.UUID | None
    contact_id: uuid.UUID | None
    answer: str


@dataclass(frozen=True)
class AnswerAnswer:
    answer: str


class QuestionsSection(Section[QuestionAnswers]):
    answers = QuestionAnswers
    title = "Questions"
    noun = "question"
    model = Question
    columns = ("Question", "For", "Status", "Answer")
    fits = {"Question": Fit(1, 24), "For": Fit(2, 16), "Answer": Fit(3, 14)}
    hidden_label = "asked and answered"
    actions = (
        Action("space", "Asked", "asked"),
        Action("r", "Answer", "answer"),
    )

    def _appointments(self, ctx: Context) -> dict[Any, str]:
        start = datetime.combine(ctx.today, datetime.min.time())
        found = {}
        for a in appointments.appointments(ctx.record, ctx.person):
            if a.starts_at >= start or a.rrule or a.id in getattr(self, "_used", set()):
                found[a.id] = f"{format_date(a.starts_at.date())} {a.purpose}"[:60]
        return found

    def fields(self, ctx: Context) -> list[Field]:
        visits = tuple((label, key) for key, label in self._appointments(ctx).items())
        return [
            Field("text", "What I want to ask", required=True),
            Field("appointment_id", "At which appointment", "choice", choices=visits),
            Field("contact_id", "Or whom to ask", "choice", choices=ctx.contact_choices()),
            Field("answer", "The answer", "long"),
        ]

    def load(self, ctx: Context, show_all: bool) -> list[Any]:
        found = care.questions(ctx.record, ctx.person, status=None if show_all else "open")
        self._used = {q.appointment_id for q in found if q.appointment_id}
        self._visits = self._appointments(ctx)
        return found

    def cells(self, ctx: Context, obj: Question) -> tuple[Content, ...]:
        target = ""
        if obj.appointment_id:
            target = self._visits.get(obj.appointment_id, "an appointment")
        elif obj.contact_id and obj.contact_id in ctx.contacts:
            target = ctx.contacts[obj.contact_id].name
        tone = "bold $accent" if obj.status == "open" else ""
        return (plain(obj.text), plain(target), styled((obj.status, tone)), plain(obj.answer))

    def add(self, ctx: Context, answers: QuestionAnswers) -> Any:
        return care.add_question(
            ctx.record, ctx.person, answers.text, appointment_id=answers.appointment_id,
            contact_id=answers.contact_id, answer_text=answers.answer,
        )  # fmt: skip

    def update(self, ctx: Context, obj: Any, answers: QuestionAnswers) -> Any:
        values = as_values(answers)
        if answers.answer.strip() and obj.status != "answered":
            values["status"] = "answered"
            values["asked_on"] = obj.asked_on or ctx.today
        return records.update(ctx.record, Question, obj.id, **values)

    def asked(self, view: SectionView, obj: Question) -> None:
        ctx = view.ctx
        if obj.status == "open":
            done, _ = view.attempt(care.mark_asked, ctx.record, obj.id)
            message = "Marked asked. Press r to write the answer."
        else:
            done, _ = view.attempt(care.reopen, ctx.record, obj.id)
            message = "Back on the list to ask."
        if done:
            view.notify(message)
            view.reload(keep=obj.id)

    async def answer(self, view: SectionView, obj: Question) -> None:
        form = FormScreen(
            "The answer",
            [Field("answer", obj.text[:70], "long", True)],
            AnswerAnswer,
            {"answer": obj.answer},
        )
        answers = await view.app.push_screen_wait(form)
        if answers is not None:
            done, _ = view.attempt(care.answer, view.ctx.record, obj.id, answers.answer)
            if done:
                view.notify("Answer saved.")
                view.reload(keep=obj.id)
