"""Coordination check-ins: answers kept as given, the year's trend, the weakest theme, the
record's own story beside the answers, and two carers' check-ins merged."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from mycare.care import coordination, people, steps, team
from mycare.care.coordination import Answer
from mycare.care.coordination_themes import THEMES
from mycare.care.errors import InvalidField
from mycare.care.record import CareRecord
from mycare.store import Person
from mycare.vault import TEST_KDF

PASSPHRASE = "test passphrase"
TODAY = date(2026, 11, 22)


def every(rating: int | None) -> list[Answer]:
    return [Answer(t.key, rating) for t in THEMES]


def test_a_check_in_keeps_every_answer_and_note_after_reopening(
    record: CareRecord, person: Person, reopen
):
    answers = [
        Answer("in_charge", 2, "Nobody said who leads"),
        Answer("next_steps", 5),
        Answer("carer_involved", None, "I live alone"),
    ]
    coordination.add_check_in(record, person, answers, answered_by="carer for them")
    again = reopen(record)
    (mum,) = people.people(again)
    (check,) = coordination.check_ins(again, mum)
    assert check.check.answered_by == "carer for them"
    assert check.check.checked_on == TODAY
    got = {k: (a.rating, a.note) for k, a in check.answers.items()}
    assert got == {
        "in_charge": (2, "Nobody said who leads"),
        "next_steps": (5, ""),
        "carer_involved": (None, "I live alone"),
    }


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ([], "at least one answer"),
        ([Answer("in_charge", 6)], r"from 1 \(not at all\) to 5"),
        ([Answer("in_charge", 0)], r"from 1 \(not at all\) to 5"),
        ([Answer("in_charge", True)], "from 1"),  # type: ignore[arg-type]
        ([Answer("nonsense", 3)], "no statement"),
        ([Answer("in_charge", 3), Answer("in_charge", 4)], "answered twice"),
        ([Answer("in_charge", 3, "x" * 20_001)], "too long"),
        ([Answer("in_charge", 3, "bell\x07")], "control character"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(
    record: CareRecord, person: Person, answers: list[Answer], words: str
):
    with pytest.raises(InvalidField, match=words):
        coordination.add_check_in(record, person, answers)
    assert coordination.check_ins(record, person) == []
    assert record.counts()["coordinationanswer"] == 0


def test_markup_and_emoji_in_a_note_are_kept_as_typed(record: CareRecord, person: Person):
    note = "[bold]not[/] <script>x</script> 😊"
    coordination.add_check_in(record, person, [Answer("one_team", 3, note)])
    (check,) = coordination.check_ins(record, person)
    assert check.answers["one_team"].note == note


def test_who_answered_must_be_one_of_three(record: CareRecord, person: Person):
    with pytest.raises(InvalidField, match="Answered by"):
        coordination.add_check_in(record, person, every(3), answered_by="neighbour")  # type: ignore[arg-type]


def test_a_carers_own_experience_is_kept_apart(record: CareRecord, person: Person):
    coordination.add_check_in(record, person, every(2), answered_by="me")
    coordination.add_check_in(record, person, every(5), answered_by="carer themself")
    mine = coordination.picture(record, person, "person")
    carer = coordination.picture(record, person, "carer")
    assert {a.rating for a in mine.latest.values()} == {2}
    assert {a.rating for a in carer.latest.values()} == {5}
    assert mine.weakest is not None and carer.weakest is None


def test_the_latest_answer_per_theme_and_the_trend_over_a_year(record: CareRecord, person: Person):
    ratings = [1, 2, 2, 3, 4]
    for months_ago, rating in zip(range(4, -1, -1), ratings, strict=True):
        coordination.add_check_in(
            record,
            person,
            [Answer("in_charge", rating), Answer("one_team", 4)],
            on=TODAY - timedelta(days=30 * months_ago),
        )
    # an answer from more than a year ago is not part of the trend
    coordination.add_check_in(
        record, person, [Answer("in_charge", 5)], on=TODAY - timedelta(days=400)
    )
    view = coordination.picture(record, person, today=TODAY)
    assert view.latest["in_charge"].rating == 4
    trends = {t.theme.key: t for t in view.trends}
    assert [r for _, r in trends["in_charge"].points] == ratings
    assert trends["in_charge"].direction == "better"
    assert trends["in_charge"].words().startswith("Better: mostly now, up from not at all in")
    assert trends["one_team"].direction == "steady"
    assert trends["decisions"].words() == "No answers in the past year."


def test_does_not_apply_is_latest_but_not_weakest(record: CareRecord, person: Person):
    coordination.add_check_in(record, person, [Answer("in_charge", 1), Answer("decisions", 2)])
    coordination.add_check_in(record, person, [Answer("in_charge", None)], on=TODAY)
    view = coordination.picture(record, person)
    assert view.latest["in_charge"].rating is None
    assert view.weakest is not None and view.weakest.theme.key == "decisions"


def test_the_weakest_theme_says_what_to_do(record: CareRecord, person: Person):
    answers = every(4)
    answers[0] = Answer("in_charge", 1)
    coordination.add_check_in(record, person, answers)
    weakest = coordination.picture(record, person).weakest
    assert weakest is not None
    assert weakest.message("3, then l") == (
        "You said you don't feel you know who is in charge — "
        "choose a lead in the care team (3, then l)."
    )


def test_no_weakest_theme_when_everything_feels_joined_up(record: CareRecord, person: Person):
    coordination.add_check_in(record, person, every(4))
    assert coordination.picture(record, person).weakest is None


def test_the_record_kindly_tells_another_story(record: CareRecord, person: Person):
    coordination.add_check_in(record, person, every(5))
    steps.add_step(record, person, "Book the eye test", due_on=TODAY - timedelta(days=3))
    said = coordination.picture(record, person).contradictions
    assert len(said) == 3
    assert "nobody is chosen as lead" in said[0]
    assert "1 next step is past its date" in said[2]
    gp = team.add_contact(record, person, "Dr Shah", role="GP")
    team.set_lead(record, person, gp)
    team.set_first_contact(record, person, gp)
    assert len(coordination.picture(record, person).contradictions) == 1


def test_a_deleted_check_in_leaves_the_picture(record: CareRecord, person: Person):
    view = coordination.add_check_in(record, person, every(2))
    coordination.delete_check_in(record, view.check.id)
    assert coordination.check_ins(record, person) == []
    assert record.counts()["coordinationanswer"] == 0


def test_a_check_in_is_due_once_the_interval_has_passed(record: CareRecord, person: Person):
    assert coordination.due(record, person, 30, TODAY)
    coordination.add_check_in(record, person, every(3), on=TODAY - timedelta(days=10))
    assert not coordination.due(record, person, 30, TODAY)
    assert coordination.due(record, person, 10, TODAY)


def test_two_carers_check_ins_are_both_kept_after_merging(tmp_path: Path, opened):
    (tmp_path / "ann").mkdir()
    (tmp_path / "sam").mkdir()
    first = CareRecord.create(tmp_path / "ann" / "care.mycare", PASSPHRASE, TEST_KDF)
    mum = people.add_person(first, "Mum")
    first.close()
    shutil.copy(tmp_path / "ann" / "care.mycare", tmp_path / "sam" / "care.mycare")
    ann = CareRecord.open(tmp_path / "ann" / "care.mycare", PASSPHRASE, me="Ann")
    sam = CareRecord.open(tmp_path / "sam" / "care.mycare", PASSPHRASE, me="Sam")
    opened.extend([ann, sam])
    coordination.add_check_in(ann, mum, [Answer("in_charge", 2, "Ann's view")], on=TODAY)
    coordination.add_check_in(
        sam, mum, every(4), answered_by="carer themself", on=TODAY - timedelta(days=1)
    )

    shutil.copy(sam.path, ann.path)
    report = ann.refresh()
    assert report is not None
    assert report.added == {"coordination": 1, "coordinationanswer": len(THEMES)}
    shutil.copy(ann.path, sam.path)
    sam.refresh()

    for store in (ann, sam):
        kept = coordination.check_ins(store, mum)
        assert [c.check.answered_by for c in kept] == ["carer themself", "me"]
        assert kept[1].answers["in_charge"].note == "Ann's view"


def test_home_offers_a_check_in_by_the_interval_set_on_this_computer(
    record: CareRecord, person: Person
):
    from mycare.care import settings

    coordination.add_check_in(record, person, every(3), on=TODAY - timedelta(days=20))
    assert not coordination.offer_on_home(record, person, TODAY)
    settings.store({"check_in_every_days": 14})
    assert coordination.offer_on_home(record, person, TODAY)
    coordination.not_now(record, TODAY)
    assert not coordination.offer_on_home(record, person, TODAY + timedelta(days=13))
    assert coordination.offer_on_home(record, person, TODAY + timedelta(days=14))
    for nonsense in (0, -3, True, "7", 10_000):
        settings.store({"check_in_every_days": nonsense})
        assert settings.check_in_every_days() == settings.CHECK_IN_EVERY_DAYS


def test_a_new_record_is_not_asked_at_once(record: CareRecord, person: Person):
    started = person.created_at.astimezone().date()
    assert not coordination.offer_on_home(record, person, started + timedelta(days=29))
    assert coordination.offer_on_home(record, person, started + timedelta(days=30))
