"""Medicines, conditions and allergies: what every clinician asks."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.content import Content

from mycare.care import health as care
from mycare.care import records
from mycare.care.dates import format_date
from mycare.store import Allergy, Condition, Medication, Person

from ..fields import Field, options
from ..text import plain
from .base import Action, Context, Fit, Section, as_values

if TYPE_CHECKING:
    from ..widgets.section_view import SectionView


def _day(value: Any) -> Content:
    return Content(format_date(value) if value else "")


@dataclass(frozen=True)
class MedicineAnswers:
    name: str
    dose: str
    how_taken: str
    reason: str
    prescriber: str
    started_on: date | None
    stopped_on: date | None


@dataclass(frozen=True)
class ConditionAnswers:
    name: str
    since: date | None
    status: str | None
    notes: str


@dataclass(frozen=True)
class AllergyAnswers:
    substance: str
    reaction: str
    severity: str | None


class MedicinesSection(Section[MedicineAnswers]):
    answers = MedicineAnswers
    title = "Medicines"
    noun = "medicine"
    model = Medication
    columns = ("Medicine", "Dose", "When and how", "What for", "Started", "Stopped")
    fits = {
        "Medicine": Fit(1, 14),
        "When and how": Fit(2, 14),
        "What for": Fit(3, 12),
        "Started": Fit(4),
        "Stopped": Fit(4),
    }
    hidden_label = "stopped medicines"
    actions = (Action("t", "Stopped", "stop"),)

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

    def add(self, ctx: Context, answers: MedicineAnswers) -> Any:
        values = as_values(answers)
        return care.add_medication(ctx.record, ctx.person, values.pop("name"), **values)

    def stop(self, view: SectionView, obj: Medication) -> None:
        done, _ = view.attempt(care.stop_medication, view.ctx.record, obj.id)
        if done:
            view.notify("Stopped today. Press . to see stopped medicines.")
            view.reload()


class ConditionsSection(Section[ConditionAnswers]):
    answers = ConditionAnswers
    title = "Conditions"
    noun = "condition"
    model = Condition
    columns = ("Condition", "Since", "Status", "Notes")
    fits = {"Condition": Fit(1, 16), "Since": Fit(2), "Notes": Fit(3, 12)}

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

    def add(self, ctx: Context, answers: ConditionAnswers) -> Any:
        return care.add_condition(
            ctx.record, ctx.person, answers.name, since=answers.since,
            status=answers.status or "active", notes=answers.notes,
        )  # fmt: skip


class AllergiesSection(Section[AllergyAnswers]):
    answers = AllergyAnswers
    title = "Allergies"
    noun = "allergy"
    model = Allergy
    columns = ("Allergic to", "Reaction", "Severity")
    actions = (Action("n", "None known", "none_known", needs_row=False),)
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

    def add(self, ctx: Context, answers: AllergyAnswers) -> Any:
        return care.add_allergy(
            ctx.record, ctx.person, answers.substance,
            reaction=answers.reaction, severity=answers.severity or "",
        )  # fmt: skip

    def update(self, ctx: Context, obj: Any, answers: AllergyAnswers) -> Any:
        return super().update(
            ctx, obj, dataclasses.replace(answers, severity=answers.severity or "")
        )

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
