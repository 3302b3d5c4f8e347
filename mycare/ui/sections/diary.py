"""The care diary: a line a day and how I feel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from textual.content import Content

from mycare.care import clock
from mycare.care import diary as care
from mycare.care.dates import format_relative_day
from mycare.store import DiaryEntry

from ..fields import Field
from ..text import plain
from .base import Context, Fit, Section


@dataclass(frozen=True)
class DiaryAnswers:
    text: str
    feeling: int | None
    written_at: datetime


class DiarySection(Section[DiaryAnswers]):
    answers = DiaryAnswers
    title = "Diary"
    noun = "diary entry"
    model = DiaryEntry
    columns = ("When", "Feeling", "Entry")
    fits = {"Entry": Fit(1, 20)}
    empty_hint = "No diary entries yet — press a to write today's."
    newest_first = True
    page = 200

    def fields(self, ctx: Context) -> list[Field]:
        return [
            Field("text", "What happened", "long", True),
            Field("feeling", "How I feel, 0 (awful) to 10 (great)", "score"),
            Field("written_at", "When", "datetime", True, intent="recorded"),
        ]

    def defaults(self, ctx: Context) -> dict[str, Any]:
        return {"written_at": clock.now()}

    def load(self, ctx: Context, show_all: bool) -> list[Any]:
        return care.entries(ctx.record, ctx.person)

    def load_page(self, ctx: Context, wanted: str) -> tuple[list[Any], int]:
        found = care.entries(ctx.record, ctx.person, limit=self.page, containing=wanted)
        return found, care.count_entries(ctx.record, ctx.person)

    def cells(self, ctx: Context, obj: DiaryEntry) -> tuple[Content, ...]:
        day = format_relative_day(obj.written_at.date(), ctx.today)
        feeling = "" if obj.feeling is None else f"{obj.feeling}/10"
        return (Content(f"{day} {obj.written_at:%H:%M}"), Content(feeling), plain(obj.text))

    def sort_key(self, ctx: Context, obj: Any, column: int) -> Any:
        if column == 0:
            return obj.written_at
        if column == 1:
            return -1 if obj.feeling is None else obj.feeling
        return super().sort_key(ctx, obj, column)

    def add(self, ctx: Context, answers: DiaryAnswers) -> Any:
        return care.add_entry(
            ctx.record, ctx.person, answers.text,
            feeling=answers.feeling, written_at=answers.written_at,
        )  # fmt: skip
