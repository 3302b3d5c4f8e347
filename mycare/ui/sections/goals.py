"""My goals: why they matter, the steps, and how they are going."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content

from mycare.care import goals as care
from mycare.care.dates import format_date
from mycare.care.vocab import GOAL_STATUSES, one_of
from mycare.store import Goal

from ..fields import Field, options
from ..form import FormScreen
from ..text import bar, plain
from .base import Action, Context, Section

if TYPE_CHECKING:
    from ..widgets.section_view import SectionView


class GoalsSection(Section):
    title = "My goals"
    noun = "goal"
    model = Goal
    columns = ("Goal", "Progress", "Steps done", "Target", "Status")
    hidden_label = "achieved and stopped"
    actions = (
        Action("c", "Check in", "check_in"),
        Action("t", "Tick steps", "tick"),
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

    def add(self, ctx: Context, values: dict[str, Any]) -> Any:
        values = dict(values)
        steps = self._lines(values.pop("steps"))
        status = one_of(GOAL_STATUSES, values.pop("status") or "active")
        return care.add_goal(
            ctx.record, ctx.person, values.pop("goal"), steps=steps, status=status, **values
        )

    def update(self, ctx: Context, obj: Any, values: dict[str, Any]) -> Any:
        values = dict(values)
        wanted = self._lines(values.pop("steps"))
        have = [s.text for s in self._views[obj.id].steps]
        new = [text for text in wanted if text not in have]
        return care.change_goal(ctx.record, obj.id, new, **values)

    async def check_in(self, view: SectionView, obj: Goal) -> None:
        form = FormScreen(
            f"How is it going? {obj.goal[:50]}",
            [
                Field("score", "Progress from 0 (not started) to 10 (there)", "score", True),
                Field("note", "A note", "long"),
            ],
        )
        values = await view.app.push_screen_wait(form)
        if values is not None:
            done, _ = view.attempt(
                care.add_check_in, view.ctx.record, obj.id, values["score"], values["note"]
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
            {"done": [s.id for s in steps if s.done]},
        )
        values = await view.app.push_screen_wait(form)
        if values is None:
            return
        done, _ = view.attempt(care.tick_steps, view.ctx.record, obj.id, values["done"] or [])
        if done:
            view.notify("Steps updated.")
        view.reload(keep=obj.id)
