"""Appointments: when, with whom, what for — and what came of them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from textual.content import Content

from mycare.care import appointments as care
from mycare.care import clock, questions
from mycare.care.appointments import repeat_words
from mycare.care.dates import format_relative_day
from mycare.care.vocab import APPOINTMENT_STATUSES, one_of
from mycare.store import Appointment

from ..answers import TextAnswer
from ..fields import Field, options
from ..form import FormScreen
from ..text import plain, styled
from .base import Action, Context, Fit, Section

if TYPE_CHECKING:
    from ..widgets.section_view import SectionView

REPEAT_CHOICES = (("Does not repeat", ""),) + tuple((k.capitalize(), k) for k in care.REPEATS)
HORIZON = timedelta(days=3 * 366)


@dataclass(frozen=True)
class AppointmentAnswers:
    starts_at: datetime
    purpose: str
    location: str
    with_contacts: list[uuid.UUID] | None
    duration_minutes: int
    repeat: str | None
    times: int | None
    status: str | None
    preparation: str
    outcome: str


@dataclass(frozen=True)
class OutcomeAnswers:
    status: str | None
    outcome: str
    next_step: str
    who: Any
    due_on: date | None


class AppointmentsSection(Section[AppointmentAnswers]):
    answers = AppointmentAnswers
    title = "Appointments"
    noun = "appointment"
    model = Appointment
    columns = ("When", "What", "With", "Where", "Status", "Questions")
    fits = {
        "What": Fit(1, 20),
        "Status": Fit(2),
        "Questions": Fit(2),
        "With": Fit(3, 14),
        "Where": Fit(4, 14),
    }
    hidden_label = "past and cancelled"
    actions = (
        Action("o", "Outcome", "outcome"),
        Action("k", "Ask", "ask"),
    )

    def fields(self, ctx: Context) -> list[Field]:
        return [
            Field("starts_at", "Date and time", "planned", True, placeholder="e.g. 3 Dec 2pm"),
            Field("purpose", "What it is for", required=True),
            Field("location", "Where"),
            Field("with_contacts", "With", "multi", choices=ctx.contact_choices()),
            Field("duration_minutes", "Length in minutes", "number", True, low=1, high=1440),
            Field("repeat", "Repeats", "choice", choices=REPEAT_CHOICES),
            Field("times", "How many times in all (if it repeats)", "number", low=1, high=1000),
            Field(
                "status",
                "Status",
                "choice",
                True,
                options(care.STATUSES),
            ),
            Field("preparation", "To prepare", "long"),
            Field("outcome", "What came of it", "long"),
        ]

    def defaults(self, ctx: Context) -> dict[str, Any]:
        return {"duration_minutes": 30, "status": "planned"}

    def load(self, ctx: Context, show_all: bool) -> list[Any]:
        everything = care.appointments(ctx.record, ctx.person)
        self._next = {}
        self._who = care.attendees(ctx.record, (a.id for a in everything))
        self._asks: dict[uuid.UUID, int] = {}
        for q in questions.questions(ctx.record, ctx.person, status="open"):
            if q.appointment_id:
                self._asks[q.appointment_id] = self._asks.get(q.appointment_id, 0) + 1
        start = datetime.combine(ctx.today, datetime.min.time())
        for a in everything:
            upcoming = care.expand(a, start, start + HORIZON)[:1] if a.rrule else []
            self._next[a.id] = upcoming[0] if upcoming else a.starts_at
        if show_all:
            return everything
        return [a for a in everything if a.status != "cancelled" and self._next[a.id] >= start]

    def when(self, obj: Appointment) -> datetime:
        nexts: dict[uuid.UUID, datetime] = getattr(self, "_next", {})  # {} until loaded
        return nexts.get(obj.id, obj.starts_at)

    def cells(self, ctx: Context, obj: Appointment) -> tuple[Content, ...]:
        when = self.when(obj)
        day = format_relative_day(when.date(), ctx.today)
        repeat = " ↻" if obj.rrule else ""
        who = ", ".join(c.name for c in self._who.get(obj.id, []))
        asks = self._asks.get(obj.id, 0)
        status = styled((obj.status, "$error" if obj.status == "missed" else ""))
        return (
            Content(f"{day} {when:%H:%M}{repeat}"),
            plain(obj.purpose),
            plain(who),
            plain(obj.location),
            status,
            Content(f"{asks} to ask" if asks else ""),
        )

    def sort_key(self, ctx: Context, obj: Any, column: int) -> Any:
        if column == 0:
            return self.when(obj)
        return super().sort_key(ctx, obj, column)

    def values(self, ctx: Context, obj: Appointment) -> dict[str, Any]:
        repeat, times = repeat_words(obj.rrule)
        values = super().values(ctx, obj)
        values.update(
            repeat=repeat,
            times=times,
            with_contacts=[c.id for c in self._who.get(obj.id, [])],
        )
        return values

    @staticmethod
    def _split(ctx: Context, answers: AppointmentAnswers) -> tuple[dict[str, Any], list[Any]]:
        """The answers as the care layer's fields, and the team members it is with."""
        chosen = answers.with_contacts or []
        who = [ctx.contacts[i] for i in chosen if i in ctx.contacts]
        values: dict[str, Any] = dict(
            purpose=answers.purpose, location=answers.location,
            duration_minutes=answers.duration_minutes,
            status=one_of(APPOINTMENT_STATUSES, answers.status),
            preparation=answers.preparation, outcome=answers.outcome,
            rrule=care.repeat_rule(answers.repeat, answers.times) if answers.repeat else "",
        )  # fmt: skip
        return values, who

    def add(self, ctx: Context, answers: AppointmentAnswers) -> Any:
        values, who = self._split(ctx, answers)
        return care.add_appointment(
            ctx.record, ctx.person, answers.starts_at, with_contacts=who, **values
        )

    def update(self, ctx: Context, obj: Any, answers: AppointmentAnswers) -> Any:
        values, who = self._split(ctx, answers)
        if self._rule_is_custom(obj):
            values.pop("rrule")  # keep a rule written elsewhere
        care.change_appointment(ctx.record, obj.id, who, starts_at=answers.starts_at, **values)
        return obj

    @staticmethod
    def _rule_is_custom(obj: Appointment) -> bool:
        return bool(obj.rrule) and not repeat_words(obj.rrule)[0]

    def outcome_status(self, obj: Appointment) -> str | None:
        """The status an outcome form starts on: none for one still to come."""
        if obj.status != "planned":
            return obj.status
        return "attended" if self.when(obj) <= clock.now() else None

    async def outcome(self, view: SectionView, obj: Appointment) -> None:
        """After an appointment: what came of it, and the next step that came out of it."""
        ctx = view.ctx
        who = (("Me", "me"), ("My carer", "carer")) + ctx.contact_choices()
        form = FormScreen(
            f"What came of it: {obj.purpose or 'appointment'}",
            [
                Field(
                    "status",
                    "Status",
                    "choice",
                    True,
                    options(care.STATUSES),
                ),
                Field("outcome", "What was said or decided", "long"),
                Field("next_step", "A next step that came out of it (optional)"),
                Field("who", "Who does it", "choice", choices=who),
                Field("due_on", "By when", "date", placeholder="e.g. in 2 weeks", intent="planned"),
            ],
            OutcomeAnswers,
            {"status": self.outcome_status(obj), "outcome": obj.outcome, "who": "me"},
        )
        answers = await view.app.push_screen_wait(form)
        if answers is None:
            return
        target = answers.who or "me"
        contact = target if target not in ("me", "carer") else None
        done, _ = view.attempt(
            care.record_visit, ctx.record, ctx.person, obj.id, answers.outcome,
            one_of(APPOINTMENT_STATUSES, answers.status),
            next_step=answers.next_step or "",
            who=target if contact is None else "contact", contact_id=contact,
            due_on=answers.due_on,
        )  # fmt: skip
        if done:
            view.notify("Outcome saved.")
        view.reload(keep=obj.id)

    async def ask(self, view: SectionView, obj: Appointment) -> None:
        """Add a question to ask at this appointment."""
        form = FormScreen(
            f"A question for {obj.purpose or 'this appointment'}",
            [Field("text", "What I want to ask", required=True)],
            TextAnswer,
        )
        answers = await view.app.push_screen_wait(form)
        if answers is not None:
            ctx = view.ctx
            view.attempt(
                questions.add_question,
                ctx.record,
                ctx.person,
                answers.text,
                appointment_id=obj.id,
            )
            view.notify("Question added.")
            view.reload(keep=obj.id)
