"""My goals: why they matter, the steps, and how they are going."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.content import Content

from mycare.care import goals as care
from mycare.care.dates import format_date
from mycare.care.vocab import GOAL_STATUSES, one_of
from mycare.store import Goal

from ..fields import Field, options
from ..form import FormScreen
from ..text import bar, plain
from .base import Action, Context, Fit, Section

if TYPE_CHECKING:
    from ..widgets.section_view import SectionView


@dataclass(frozen=True)
class GoalAnswers:
    goal: str
    what_matters: str
    target_on: date | None
    status: str | None
    steps: str


@dataclass(frozen=True)
class CheckInAnswers:
    score: int
    note: str


@dataclass(frozen=True)
class TickAnswers:
    done: list[Any] | None


class GoalsSection(Section[GoalAnswers]):
    answers = GoalAnswers
    title = "My goals"
    noun = "goal"
    model = Goal
    columns = ("Goal", "Progress", "Steps", "Target", "Status")
    fits = {"Goal": Fit(1, 20), "Steps": Fit(2), "Target": Fit(2), "Status": Fit(2)}
    hidden_label = "achieved and stopped"
    actions = (
        Action("c", "Check in", "check_in"),
        Action("t", "Tick", "tick"),
    )

    def fields(self, ctx: Context) -> list[Field]:
        return [
            Field("goal", "My goal", required=True),
            Field("what_matters", "Why it matters to me", "long"),
            Field("target_on", "By when", "date", intent="planned"),
            Field(
                "status",
                "Status",
                "choice",
                True,
                options(care.STATUSES),
            ),
            Field("steps", "Steps towards it (one per line)", "long"),
        ]

    def defaults(self, ctx: Context) -> dict[str, Any]:
        return {"status": "active"}

    def load(self, ctx: Context, show_all: bool) -> list[Any]:
        views = care.goals(ctx.record, ctx.person, include_closed=show_all)
        self._views = {v.goal.id: v for v in views}
        return [v.goal for v in views]

    def cells(self, ctx: Context, obj: Goal) -> tuple[Content, ...]:
        view = self._views[obj.id]
        return (
            plain(obj.goal),
            bar(view.progress),
            Content(f"{view.steps_done} of {len(view.steps)}" if view.steps else ""),
            Content(format_date(obj.target_on) if obj.target_on else ""),
            Content(obj.status),
        )

    def values(self, ctx: Context, obj: Goal) -> dict[str, Any]:
        values = super().values(ctx, obj)
        values["steps"] = "\n".join(s.text for s in self._views[obj.id].steps)
        return values

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    def add(self, ctx: Context, answers: GoalAnswers) -> Any:
        return care.add_goal(
            ctx.record, ctx.person, answers.goal, what_matters=answers.what_matters,
            target_on=answers.target_on, steps=self._lines(answers.steps),
            status=one_of(GOAL_STATUSES, answers.status or "active"),
        )  # fmt: skip

    def update(self, ctx: Context, obj: Any, answers: GoalAnswers) -> Any:
        have = [s.text for s in self._views[obj.id].steps]
        new = [text for text in self._lines(answers.steps) if text not in have]
        return care.change_goal(
            ctx.record, obj.id, new, goal=answers.goal, what_matters=answers.what_matters,
            target_on=answers.target_on, status=one_of(GOAL_STATUSES, answers.status or "active"),
        )  # fmt: skip

    async def check_in(self, view: SectionView, obj: Goal) -> None:
        form = FormScreen(
            f"How is it going? {obj.goal[:50]}",
            [
                Field("score", "Progress from 0 (not started) to 10 (there)", "score", True),
                Field("note", "A note", "long"),
            ],
            CheckInAnswers,
        )
        answers = await view.app.push_screen_wait(form)
        if answers is not None:
            done, _ = view.attempt(
                care.add_check_in, view.ctx.record, obj.id, answers.score, answers.note
            )
            if done:
                view.notify("Check-in saved.")
                view.reload(keep=obj.id)

    async def tick(self, view: SectionView, obj: Goal) -> None:
        steps = self._views[obj.id].steps
        if not steps:
            view.notify("This goal has no steps yet — press e to add some.")
            return
        form = FormScreen(
            f"Steps towards: {obj.goal[:50]}",
            [
                Field(
                    "done",
                    "Tick the steps that are done",
                    "multi",
                    choices=tuple((s.text, s.id) for s in steps),
                )
            ],  # fmt: skip
            TickAnswers,
            {"done": [s.id for s in steps if s.done]},
        )
        answers = await view.app.push_screen_wait(form)
        if answers is None:
            return
        done, _ = view.attempt(care.tick_steps, view.ctx.record, obj.id, answers.done or [])
        if done:
            view.notify("Steps updated.")
        view.reload(keep=obj.id)
