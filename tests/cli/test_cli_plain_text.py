"""The record as plain, linear text: `show`, `done`, `answer` and `--plain`."""

from __future__ import annotations

import re
from pathlib import Path

BOX_AND_SYMBOLS = re.compile(r"[\u2500-\u257f\u2580-\u259f\u25a0-\u25ff\u2190-\u21ff·•✓✔☐☑↻…]")
SECTIONS = ("home", "appointments", "team", "steps", "questions", "goals", "health", "diary")


def _id_of(text: str, words: str) -> str:
    """The short id at the end of the paragraph holding some words."""
    paragraph = next(p for p in text.split("\n\n") if words in p)
    found = re.search(r"Id ([0-9a-f]{8})\.$", paragraph)
    assert found, paragraph
    return found.group(1)


def _fill(run_cli) -> None:
    assert run_cli("add", "contact", "Dr Ruth Bell", "--role", "GP", "--phone", "01632 960001",
                   "--lead").code == 0  # fmt: skip
    added = run_cli("add", "appointment", "tomorrow 9:30", "Blood test", "--with", "ruth",
                    "--where", "Elm Tree Surgery",
                    "--repeat", "weekly", "--times", "3")  # fmt: skip
    assert added.code == 0, added.err
    assert run_cli("add", "question", "Is my dose right?", "--for-appointment", "next").code == 0
    assert run_cli("add", "step", "Book eye test", "--due", "in 3 days").code == 0
    assert run_cli("add", "diary", "Walked to the shop.\nSlept well", "--feeling", "7").code == 0


def test_every_section_reads_as_paragraphs_of_words(run_cli, store: Path) -> None:
    _fill(run_cli)
    for section in (*SECTIONS, "about"):
        shown = run_cli("show", section)
        assert shown.code == 0, (section, shown.err)
        assert not BOX_AND_SYMBOLS.search(shown.out), (section, shown.out)
        assert "[" not in shown.out and "\t" not in shown.out
    home = run_cli("show", "home").out
    assert "In charge of my care: Dr Ruth Bell, GP, phone 01632 960001." in home
    assert "Coming up tomorrow at 09:30: Blood test. 1 question to ask. Id " in home
    appointments = run_cli("show", "appointments").out
    assert "With Dr Ruth Bell. Where: Elm Tree Surgery. Repeats weekly, 3 times in all." in (
        appointments
    )
    assert "Status: Planned." in appointments
    diary = run_cli("show", "diary").out
    assert ": Walked to the shop. Slept well. Feeling 7 out of 10. Id " in diary
    questions = run_cli("show", "questions").out
    assert "Question: Is my dose right? For Blood test, tomorrow. Not asked yet. Id" in questions


def test_empty_sections_say_how_to_add_one(run_cli, store: Path) -> None:
    steps = run_cli("show", "steps")
    assert steps.code == 0
    assert "No next steps waiting. Add one with: mycare add step WHAT --due DATE" in steps.out
    home = run_cli("show", "home").out
    assert "In charge of my care: not chosen yet. To choose, run mycare add contact" in home
    assert "No known allergies" not in run_cli("show", "health").out


def test_done_and_answer_by_the_ids_show_gives(run_cli, store: Path) -> None:
    _fill(run_cli)
    step = _id_of(run_cli("show", "steps").out, "Book eye test")
    done = run_cli("done", step)
    assert done.code == 0, done.err
    assert done.out.strip() == f"Done: Book eye test [{step}]."
    assert "Already done" in run_cli("done", step[:5]).out
    steps = run_cli("show", "steps").out
    assert "All steps are done. mycare show steps --all lists them." in steps
    assert "Book eye test. Who does it: me. Done today." in run_cli("show", "steps", "--all").out

    question = _id_of(run_cli("show", "questions").out, "Is my dose right?")
    answered = run_cli("answer", question, "-", stdin="Yes, keep it as it is\n")
    assert answered.code == 0, answered.err
    assert "Is my dose right?" not in run_cli("show", "questions").out
    everything = run_cli("show", "questions", "--all").out
    assert "Answer: Yes, keep it as it is. Id" in everything


def test_wrong_ids_and_empty_answers_are_one_line(run_cli, store: Path) -> None:
    _fill(run_cli)
    wrong = run_cli("done", "beefbeef")
    assert wrong.code == 1 and "No next step has an id starting beefbeef" in wrong.err
    question = _id_of(run_cli("show", "questions").out, "Is my dose right?")
    empty = run_cli("answer", question, "  ")
    assert empty.code == 1 and "The answer is empty" in empty.err
    assert "Not asked yet" in run_cli("show", "questions").out
    unknown = run_cli("show", "everything")
    assert unknown.code == 2 and len(unknown.err.strip().splitlines()) == 1


def test_plain_agenda_has_words_not_symbols(run_cli, store: Path) -> None:
    _fill(run_cli)
    assert "? Is my dose right?" in run_cli("agenda").out
    for how in (("agenda", "--plain"),):
        plain = run_cli(*how)
        assert "Question: Is my dose right?" in plain.out
        assert re.search(r"Blood test \(repeats\)  \(id [0-9a-f]{8}\)", plain.out)
        assert "—" not in plain.out and "·" not in plain.out and "[" not in plain.out
    for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        assert "Question: Is my dose right?" in run_cli("agenda", env=env).out
    search = run_cli("search", "dose", "--plain")
    assert re.search(r"question: Is my dose right\? \(id [0-9a-f]{8}\)", search.out), search.out
