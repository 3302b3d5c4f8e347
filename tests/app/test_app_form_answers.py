"""Every form answers with its own typed result, field for field."""

from __future__ import annotations

import dataclasses

import pytest

from mycare.care.people import add_person
from mycare.care.record import CareRecord
from mycare.ui.screens.about import FIELDS, AboutAnswers
from mycare.ui.sections import appointments, diary, goals, health, questions, steps, team
from mycare.ui.sections.base import Context
from mycare.vault import TEST_KDF

SECTIONS = [
    appointments.AppointmentsSection(),
    team.TeamSection(),
    steps.StepsSection(),
    questions.QuestionsSection(),
    goals.GoalsSection(),
    health.MedicinesSection(),
    health.ConditionsSection(),
    health.AllergiesSection(),
    diary.DiarySection(),
]


@pytest.fixture
def ctx(tmp_path):
    record = CareRecord.create(tmp_path / "care.mycare", "test passphrase", kdf=TEST_KDF)
    try:
        yield Context(record, add_person(record, "Pat"))
    finally:
        record.close()


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: type(s).__name__)
def test_each_section_form_fills_its_typed_answers(section, ctx) -> None:
    names = [f.name for f in section.fields(ctx)]
    assert names == [f.name for f in dataclasses.fields(section.answers)]


def test_the_about_me_form_fills_its_typed_answers() -> None:
    assert [f.name for f in FIELDS] == [f.name for f in dataclasses.fields(AboutAnswers)]
