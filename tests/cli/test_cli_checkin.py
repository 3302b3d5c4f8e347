"""`mycare checkin` and `mycare show coordination`, run as a person or a script runs them."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from mycare.care import coordination
from mycare.care.coordination_themes import THEMES
from mycare.care.people import people
from mycare.care.record import CareRecord
from mycare.cli import main

PASSPHRASE = "test passphrase one"


def test_list_numbers_every_statement(run_cli):
    done = run_cli("checkin", "--list")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert lines[0] == "1. I know who is in charge of my care."
    assert len([line for line in lines if line[:1].isdigit()]) == len(THEMES)
    carer = run_cli("checkin", "--list", "--answered-by", "carer-themself").out
    assert "1. I know who is in charge of their care." in carer


def test_scores_then_show_coordination_round_trip(run_cli, store: Path):
    done = run_cli(
        "checkin",
        "--scores",
        "2,4,5,-,3,4,4,5",
        "--note",
        "1",
        "Nobody has said who leads",
        "--answered-by",
        "carer-for-them",
    )
    assert done.code == 0, done.err
    assert "Check-in saved: 8 answers for Ada Lovelace." in done.out
    assert "You said you don't feel you know who is in charge" in done.out
    assert "mycare add contact NAME --lead" in done.out

    shown = run_cli("show", "coordination")
    assert shown.code == 0, shown.err
    text = shown.out
    assert text.startswith("How joined-up care feels for Ada Lovelace")
    assert "answered by a carer on my behalf" in text
    assert "Who is in charge: a little, today. Note: Nobody has said who leads." in text
    assert "Help with my goals: does not apply, today." in text
    assert "Working as one team: completely, today." in text
    assert "One answer in the past year: completely" in text
    assert "You feel you know who is in charge" not in text  # a low answer is no contradiction

    with CareRecord.open(store, PASSPHRASE) as record:
        (ada,) = people(record)
        (check,) = coordination.check_ins(record, ada)
    ratings = [check.answers[t.key].rating for t in THEMES]
    assert ratings == [2, 4, 5, None, 3, 4, 4, 5]


@pytest.mark.parametrize(
    ("scores", "words"),
    [
        ("4,3,5", "needs 8 answers"),
        ("4,3,5,6,1,1,1,1", "Answer 4: '6' is not an answer"),
        ("4,3,5,x,1,1,1,1", "Answer 4: 'x' is not an answer"),
        ("4,3,5,[bold],1,1,1,1", "is not an answer"),
        (",,,,,,,", "is not an answer"),
    ],
)
def test_bad_scores_say_what_is_wrong_and_store_nothing(
    run_cli, store: Path, scores: str, words: str
):
    done = run_cli("checkin", "--scores", scores)
    assert done.code != 0
    assert words in done.err
    assert "Traceback" not in done.err
    with CareRecord.open(store, PASSPHRASE) as record:
        assert record.counts()["coordination"] == 0


def test_a_bad_note_is_refused_in_one_line(run_cli, store: Path):
    done = run_cli("checkin", "--scores", "3,3,3,3,3,3,3,3", "--note", "9", "x")
    assert done.code != 0 and "statement's number, 1 to 8" in done.err
    done = run_cli("checkin", "--scores", "3,3,3,3,3,3,3,3", "--note", "1", "x" * 20_001)
    assert done.code != 0 and "too long" in done.err and "Traceback" not in done.err


def test_without_a_terminal_checkin_asks_for_scores(run_cli, store: Path):
    done = run_cli("checkin", stdin="")
    assert done.code != 0
    assert "give --scores" in done.err


def test_show_coordination_before_any_check_in_says_how_to_start(run_cli, store: Path):
    done = run_cli("show", "coordination")
    assert done.code == 0
    assert "No check-ins yet" in done.out and "mycare checkin" in done.out


def test_checkin_asks_each_statement_on_a_terminal(
    store: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setenv("MYCARE_STORE", str(store))
    monkeypatch.setenv("MYCARE_PASSPHRASE", PASSPHRASE)
    # statement 1: a wrong answer first, then 1 with a note; 2 skipped; the rest 4 or -
    typed = iter(["7", "1", "Not sure who", "", "4", "", "-", "", *["4", ""] * 5])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(typed))
    tty = io.StringIO()
    tty.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", tty)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)

    assert main(["checkin"]) == 0
    out = capsys.readouterr().out
    assert "1 of 8. I know who is in charge of my care." in out
    assert "'7' is not an answer" in out
    assert "Check-in saved: 7 answers" in out

    with CareRecord.open(store, PASSPHRASE) as record:
        (ada,) = people(record)
        (check,) = coordination.check_ins(record, ada)
    assert "first_contact" not in check.answers
    assert (check.answers["in_charge"].rating, check.answers["in_charge"].note) == (
        1,
        "Not sure who",
    )
    assert check.answers["next_steps"].rating == 4
    assert check.answers["own_goals"].rating is None


def test_export_with_the_coordination_section_ticked(run_cli, store: Path, tmp_path: Path):
    assert run_cli("checkin", "--scores", "2,4,5,-,3,4,4,5").code == 0
    out = tmp_path / "joined.md"
    done = run_cli("export", "--format", "md", "--sections", "coordination", "--out", str(out))
    assert done.code == 0, done.err
    text = out.read_text(encoding="utf-8")
    assert "## How joined-up my care feels" in text
    assert "I know who is in charge of my care — a little" in text
    plain = tmp_path / "plain.md"
    assert run_cli("export", "--format", "md", "--out", str(plain)).code == 0
    assert "joined-up" not in plain.read_text(encoding="utf-8")
