"""Next steps: what happens next, who does it, by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.content import Content

from mycare.care import steps as care
from mycare.care.dates import format_relative_day
from mycare.store import NextStep

from ..fields import Field
from ..text import plain, styled
from .base import Action, Context, Fit, Section

if TYPE_CHECKING:
    from ..widgets.section_view import SectionView


def who_choices(ctx: Context) -> tuple[tuple[str, Any], ...]:
    return (("Me", "me"), ("My carer", "carer")) + ctx.contact_choices()


def split_who(value: Any) -> dict[str, Any]:
    """The form's 'who' choice as the care layer's who/contact_id pair."""
    if value in (None, "", "me", "carer"):
        return {"who": value or "me", "contact_id": None}
    return {"who": "contact", "contact_id": value}


@dataclass(frozen=True)
class StepAnswers:
    what: str
    who: Any
    due_on: date | None


class StepsSection(Section[StepAnswers]):
    answers = StepAnswers
    title = "Next steps"
    noun = "next step"
    model = NextStep
    columns = ("Due", "What happens next", "Who", "Status")
    fits = {"What happens next": Fit(1, 20), "Who": Fit(2, 10)}
    hidden_label = "done"
    actions = (Action("space", "Done", "toggle"),)

    def fields(self, ctx: Context) -> list[Field]:
        return [
            Field("what", "What happens next", required=True),
            Field("who", "Who does it", "choice", True, who_choices(ctx)),
            Field(
                "due_on", "By when", "date", placeholder="e.g. Friday, in 2 weeks", intent="planned"
            ),
        ]

    def defaults(self, ctx: Context) -> dict[str, Any]:
        return {"who": "me"}

    def empty_text(self, ctx: Context) -> str:
        if care.steps(ctx.record, ctx.person, include_done=True):
            return "All steps are done — press . to see them, or a to add a new one."
        return self.empty_hint

    def load(self, ctx: Context, show_all: bool) -> list[Any]:
        return care.steps(ctx.record, ctx.person, include_done=show_all)

    def cells(self, ctx: Context, obj: NextStep) -> tuple[Content, ...]:
        late = care.is_overdue(obj, ctx.today)
        due = format_relative_day(obj.due_on, ctx.today) if obj.due_on else ""
        status = "overdue" if late else obj.status
        return (
            styled((due, "bold $error" if late else "")),
            plain(obj.what),
            plain(care.who_does_it(obj, ctx.contacts)),
            styled((status, "bold $error" if late else "")),
        )

    def sort_key(self, ctx: Context, obj: Any, column: int) -> Any:
        if column == 0:
            return (obj.due_on is None, obj.due_on or ctx.today)
        return super().sort_key(ctx, obj, column)

    def values(self, ctx: Context, obj: NextStep) -> dict[str, Any]:
        who = obj.contact_id if obj.who == "contact" else obj.who
        return {"what": obj.what, "who": who, "due_on": obj.due_on}

    def add(self, ctx: Context, answers: StepAnswers) -> Any:
        who = split_who(answers.who)
        return care.add_step(ctx.record, ctx.person, answers.what, due_on=answers.due_on, **who)

    def update(self, ctx: Context, obj: Any, answers: StepAnswers) -> Any:
        who = split_who(answers.who)
        return care.update_step(ctx.record, obj.id, what=answers.what, due_on=answers.due_on, **who)

    def toggle(self, view: SectionView, obj: NextStep) -> None:
        ctx = view.ctx
        if obj.status == "done":
            done, _ = view.attempt(care.reopen, ctx.record, obj.id)
            message = "Marked not done."
        else:
            done, _ = view.attempt(care.mark_done, ctx.record, obj.id)
            message = "Done. Press . to see done steps."
        if done:
            view.notify(message)
            view.reload(keep=obj.id)
