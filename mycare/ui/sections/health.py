"""Medicines, conditions and allergies: what every clinician asks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content

from mycare.care import health as care
from mycare.care import records
from mycare.care.dates import format_date
from mycare.store import Allergy, Condition, Medication, Person

from ..fields import Field, options
from ..text import plain
from .base import Action, Context, Section

if TYPE_CHECKING:
    from ..widgets.section_view import SectionView


def _day(value: Any) -> Content:
    return Content(format_date(value) if value else "")


class MedicinesSection(Section):
    title = "Medicines"
    noun = "medicine"
    model = Medication
    columns = ("Medicine", "Dose", "When and how", "What for", "Started", "Stopped")
    hidden_label = "stopped medicines"
    actions = (Action("t", "Stopped taking", "stop"),)

    def fields(self, ctx: Context) -> list[Field]:
        return [
            Field("name", "Medicine", required=True),
            Field("dose", "Dose", placeholder="e.g. 2.5 mg"),
            Field("how_taken", "When and how", placeholder="e.g. one tablet each morning"),
            Field("reason", "What it is for"),
            Field("prescriber", "Who prescribed it"),
            Field("started_on", "Started", "date", intent="recorded"),
            Field("stopped_on", "Stopped", "date", intent="recorded"),
        ]

    def load(self, ctx: Context, show_all: bool) -> list[Any]:
        return care.medications(ctx.record, ctx.person, current_only=not show_all)

    def cells(self, ctx: Context, obj: Medication) -> tuple[Content, ...]:
        return (plain(obj.name), plain(obj.dose), plain(obj.how_taken), plain(obj.reason),
                _day(obj.started_on), _day(obj.stopped_on))  # fmt: skip

    def add(self, ctx: Context, values: dict[str, Any]) -> Any:
        values = dict(values)
        return care.add_medication(ctx.record, ctx.person, values.pop("name"), **values)

    def stop(self, view: SectionView, obj: Medication) -> None:
        done, _ = view.attempt(care.stop_medication, view.ctx.record, obj.id)
        if done:
            view.notify("Stopped today. Press . to see stopped medicines.")
            view.reload()


class ConditionsSection(Section):
    title = "Conditions"
    noun = "condition"
    model = Condition
    columns = ("Condition", "Since", "Status", "Notes")

    def fields(self, ctx: Context) -> list[Field]:
        return [
            Field("name", "Condition", required=True),
            Field("since", "Since", "date", intent="recorded"),
            Field(
                "status",
                "Status",
                "choice",
                True,
                options(care.CONDITION_STATUSES),
            ),  # fmt: skip
            Field("notes", "Notes", "long"),
        ]

    def defaults(self, ctx: Context) -> dict[str, Any]:
        return {"status": "active"}

    def load(self, ctx: Context, show_all: bool) -> list[Any]:
        return care.conditions(ctx.record, ctx.person)

    def cells(self, ctx: Context, obj: Condition) -> tuple[Content, ...]:
        return (plain(obj.name), _day(obj.since), Content(obj.status), plain(obj.notes))

    def add(self, ctx: Context, values: dict[str, Any]) -> Any:
        values = dict(values)
        values["status"] = values["status"] or "active"
        return care.add_condition(ctx.record, ctx.person, values.pop("name"), **values)


class AllergiesSection(Section):
    title = "Allergies"
    noun = "allergy"
    model = Allergy
    columns = ("Allergic to", "Reaction", "Severity")
    actions = (Action("n", "No known allergies", "none_known", needs_row=False),)
    empty_hint = "No allergies listed — press a to add one, or n to record 'no known allergies'."

    def empty_text(self, ctx: Context) -> str:
        person = records.get(ctx.record, Person, ctx.person.id)
        if person.no_known_allergies:
            return "No known allergies (recorded). Press n to take this off, or a to add one."
        return self.empty_hint

    def fields(self, ctx: Context) -> list[Field]:
        return [
            Field("substance", "Allergic to", required=True),
            Field("reaction", "What happens"),
            Field(
                "severity",
                "How bad",
                "choice",
                choices=options(care.SEVERITIES),
            ),  # fmt: skip
        ]

    def load(self, ctx: Context, show_all: bool) -> list[Any]:
        return care.allergies(ctx.record, ctx.person)

    def cells(self, ctx: Context, obj: Allergy) -> tuple[Content, ...]:
        return (plain(obj.substance), plain(obj.reaction), Content(obj.severity))

    def add(self, ctx: Context, values: dict[str, Any]) -> Any:
        values = dict(values)
        values["severity"] = values["severity"] or ""
        return care.add_allergy(ctx.record, ctx.person, values.pop("substance"), **values)

    def update(self, ctx: Context, obj: Any, values: dict[str, Any]) -> Any:
        values = dict(values)
        values["severity"] = values["severity"] or ""
        return super().update(ctx, obj, values)

    def none_known(self, view: SectionView, obj: Any) -> None:
        ctx = view.ctx
        person = records.get(ctx.record, Person, ctx.person.id)
        done, _ = view.attempt(
            care.set_no_known_allergies, ctx.record, person, not person.no_known_allergies
        )
        if done:
            person = records.get(ctx.record, Person, ctx.person.id)
            view.notify(
                "Recorded: no known allergies."
                if person.no_known_allergies
                else "'No known allergies' taken off."
            )
            view.reload()  # fmt: skip
