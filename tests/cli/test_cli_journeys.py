"""The command line end to end: what a person types and what they see."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mycare.care.record import CareRecord

pytestmark = pytest.mark.slow  # one process per command, as a person runs them

PASSPHRASE = "test passphrase one"  # as in conftest


def one_line_error(result) -> str:
    assert result.code != 0
    assert result.out == "" or "Traceback" not in result.out
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    return lines[0]


def test_capture_then_agenda_shows_the_fortnight(run_cli, store: Path) -> None:
    assert run_cli("add", "contact", "Dr Ruth Bell", "--role", "GP", "--org", "Elm Tree Surgery",
                   "--phone", "01632 960001", "--lead").code == 0  # fmt: skip
    assert run_cli("add", "contact", "Sam", "--sector", "family", "--first-contact").code == 0
    added = run_cli("add", "appointment", "tomorrow 9:30", "Blood test", "--with", "ruth")
    assert added.code == 0, added.err
    assert run_cli("add", "question", "Is my dose right?", "--for-appointment", "next").code == 0
    assert (
        run_cli("add", "question", "What does HbA1c mean?", "--for-appointment", "next").code == 0
    )
    assert (
        run_cli("add", "step", "Collect prescription", "--due", "yesterday", "--who", "carer").code
        == 0
    )
    assert run_cli("add", "step", "Book eye test", "--due", "in 3 days").code == 0
    assert (
        run_cli("add", "step", "Phone about results", "--who", "Ruth", "--due", "in 60 days").code
        == 0
    )
    assert run_cli("add", "diary", "Walked to the shop", "--feeling", "7").code == 0

    agenda = run_cli("agenda")
    assert agenda.code == 0, agenda.err
    text = agenda.out
    assert "In charge of my care: Dr Ruth Bell (GP, Elm Tree Surgery)  01632 960001" in text
    assert "First point of contact: Sam" in text
    assert "Blood test" in text and "with Dr Ruth Bell" in text
    assert "2 questions to ask" in text and "? Is my dose right?" in text
    overdue = text.index("Overdue steps")
    assert text.index("Collect prescription (my carer, due yesterday)") > overdue
    assert "Book eye test (me, due in 3 days)" in text
    assert "Phone about results" not in text  # beyond the fortnight
    assert "Phone about results" in run_cli("agenda", "--days", "90").out


def test_agenda_with_no_lead_says_how_to_choose_one(run_cli, store: Path) -> None:
    text = run_cli("agenda").out
    assert "In charge of my care: not chosen yet" in text
    assert "No appointments in these days." in text


def test_demo_then_agenda_is_believable(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "demo" / "demo.mycare"
    made = run_cli("demo", str(target), env={"MYCARE_PASSPHRASE": ""})
    assert made.code == 0, made.err
    assert str(target) in made.out and "passphrase is: try mycare demo" in made.out
    env = {"MYCARE_STORE": str(target), "MYCARE_PASSPHRASE": "try mycare demo"}
    agenda = run_cli("agenda", "--person", "Margaret", env=env)
    assert agenda.code == 0, agenda.err
    assert "In charge of my care:" in agenda.out and "not chosen yet" not in agenda.out
    assert agenda.out.count("[") >= 3  # several appointments and steps, each with its id
    everyone = run_cli("agenda", env=env)
    assert everyone.code == 0, everyone.err
    assert "Margaret (Peggy) Okafor —" in everyone.out and "Desmond Okafor —" in everyone.out


def test_init_refuses_to_overwrite_and_wants_a_real_passphrase(run_cli, store: Path) -> None:
    before = store.read_bytes()
    assert "already exists" in one_line_error(run_cli("init", "--name", "X"))
    assert store.read_bytes() == before
    other = store.with_name("new.mycare")
    short = run_cli("init", "--store", str(other), env={"MYCARE_PASSPHRASE": "short"})
    assert "at least 8 characters" in one_line_error(short)
    assert not other.exists()


def test_wrong_passphrase_and_missing_store_are_one_line(run_cli, store: Path) -> None:
    before = store.read_bytes()
    wrong = run_cli("agenda", env={"MYCARE_PASSPHRASE": "not the passphrase"})
    assert "passphrase does not open" in one_line_error(wrong)
    assert store.read_bytes() == before
    missing = run_cli("agenda", "--store", str(store.with_name("nope.mycare")))
    assert "mycare init" in one_line_error(missing)
    nothing = run_cli("agenda", env={"MYCARE_PASSPHRASE": ""}, stdin="")
    assert "MYCARE_PASSPHRASE" in one_line_error(nothing)


def test_damaged_store_names_the_backups(run_cli, store: Path) -> None:
    assert run_cli("add", "diary", "first").code == 0
    blob = bytearray(store.read_bytes())
    blob[len(blob) // 2] ^= 0x01
    store.write_bytes(bytes(blob))
    message = one_line_error(run_cli("agenda"))
    assert "damaged or has been altered" in message and "care.mycare.backup-1" in message
    assert store.read_bytes() == bytes(blob)
    checked = run_cli("check")
    assert checked.code == 1
    assert "Store: NOT OK" in checked.out and "backup-1: OK" in checked.out


def test_bad_input_is_refused_plainly(run_cli, store: Path) -> None:
    assert "31/02" in one_line_error(run_cli("add", "appointment", "31/02 10:00", "Clinic"))
    assert "needs a time" in one_line_error(run_cli("add", "appointment", "3 Dec", "Clinic"))
    assert "0 to 10" in one_line_error(run_cli("add", "diary", "ok", "--feeling", "11"))
    assert "control character" in one_line_error(run_cli("add", "diary", "bad \x1b[31m red"))
    assert "is needed" in one_line_error(run_cli("add", "contact", "   "))
    assert "too long" in one_line_error(run_cli("add", "contact", "x" * 10_000))
    assert "Nobody called" in one_line_error(
        run_cli("add", "appointment", "tomorrow 10:00", "--with", "Zed")
    )
    assert "no appointment coming up" in one_line_error(
        run_cli("add", "question", "Why?", "--for-appointment", "next")
    )
    with CareRecord.open(store, PASSPHRASE) as record:
        assert sum(record.counts().values()) == 1  # only Ada


def test_markup_and_emoji_are_shown_as_typed(run_cli, store: Path) -> None:
    text = "[bold]not bold[/] <script>alert(1)</script> 🩺 مرحبا"
    assert run_cli("add", "step", text, "--due", "today").code == 0
    assert text in run_cli("agenda").out


def test_export_import_round_trip(run_cli, store: Path, tmp_path: Path) -> None:
    run_cli("add", "contact", "Dr Zoë Łukasiewicz", "--lead")
    run_cli("add", "diary", "A good day 🌞", "--feeling", "8")
    out = tmp_path / "records.json"
    exported = run_cli("export", "--format", "json", "--out", str(out))
    assert exported.code == 0 and "NOT encrypted" in exported.out
    assert "already exists" in one_line_error(run_cli("export", "--out", str(out)))
    second = tmp_path / "second.mycare"
    env = {"MYCARE_STORE": str(second)}
    assert run_cli("init", env=env).code == 0
    imported = run_cli("import", str(out), env=env)
    assert imported.code == 0, imported.err
    again = run_cli("export", "--format", "json", "--out", "-", env=env)
    assert json.loads(again.out)["tables"] == json.loads(out.read_text())["tables"]
    twice = run_cli("import", str(out), env=env)  # the same file again brings nothing
    assert twice.code == 0 and "Nothing was imported" in twice.out, twice
    history = run_cli("history", env=env).out.splitlines()
    assert len(history) == 4 and len(set(history)) == 4, history  # each record added once


def test_passwd_changes_the_passphrase(run_cli, store: Path) -> None:
    run_cli("add", "diary", "before the change")
    changed = run_cli("passwd", env={"MYCARE_NEW_PASSPHRASE": "a brand new passphrase"})
    assert changed.code == 0, changed.err
    assert "passphrase does not open" in one_line_error(run_cli("agenda"))
    env = {"MYCARE_PASSPHRASE": "a brand new passphrase"}
    assert run_cli("check", env=env).out.count(": OK") >= 2
    with CareRecord.open(store, "a brand new passphrase") as record:
        assert record.counts()["diaryentry"] == 1


def test_no_store_yet_explains_how_to_start(run_cli, tmp_path: Path) -> None:
    first = run_cli(env={"MYCARE_STORE": str(tmp_path / "none.mycare")})
    assert first.code == 0
    assert "mycare init" in first.out and "mycare demo" in first.out


def test_second_person_and_people_list(run_cli, store: Path) -> None:
    assert run_cli("add", "person", "Desmond", "--born", "1945-03-02").code == 0
    listed = run_cli("people").out
    assert "Ada Lovelace" in listed and "Desmond (born 02 Mar 1945)" in listed
    assert run_cli("add", "diary", "Dad slept well", "--person", "desm").code == 0
    assert "could mean" in one_line_error(run_cli("add", "diary", "x", "--person", "e"))


def test_search_finds_words_whatever_the_case(run_cli, store: Path) -> None:
    run_cli("add", "contact", "Dr Zoë Bell", "--phone", "01632 960001")
    run_cli("add", "diary", "Saw Zoe at the garden centre")
    found = run_cli("search", "ZOE")
    assert found.code == 0
    assert "care team member" in found.out and "Dr Zoë Bell" in found.out
    assert "diary entry" in found.out
    assert run_cli("search", "nothing like this").code == 1


def test_a_mistyped_command_is_one_line(run_cli, store: Path) -> None:
    wrong = run_cli("add", "appointmnt", "x")
    assert wrong.code == 2
    assert "invalid choice" in one_line_error(wrong)
    assert "--help" in one_line_error(run_cli("agenda", "--days", "many"))


def test_lead_for_someone_already_in_the_team_does_not_duplicate_them(run_cli, store) -> None:
    assert run_cli("add", "contact", "Dr Ruth Bell", "--role", "GP").code == 0
    again = run_cli("add", "contact", "Dr Ruth Bell", "--lead")
    assert again.code == 0 and "already in the care team" in again.out
    assert "In charge of my care: Dr Ruth Bell (GP)" in run_cli("agenda").out
    assert "already in the care team" in one_line_error(run_cli("add", "contact", "Dr Ruth Bell"))


def test_export_a_summary_for_the_next_appointment(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "demo.mycare"
    assert run_cli("demo", str(target)).code == 0
    env = {"MYCARE_STORE": str(target), "MYCARE_PASSPHRASE": "try mycare demo"}
    page = tmp_path / "for-the-gp.html"
    made = run_cli("export", "--format", "html", "--for-appointment", "next", "--person", "peggy",
                   "--out", str(page), env=env)  # fmt: skip
    assert made.code == 0, made.err
    assert "NOT encrypted" in made.out
    html = page.read_text(encoding="utf-8")
    assert "Margaret (Peggy) Okafor" in html and "<script" not in html
    assert "Can I take the water tablet later on choir days?" in html  # a question for next visit
    again = run_cli("export", "--format", "html", "--person", "peggy", "--out", str(page), env=env)
    assert "already exists" in one_line_error(again)
    only_health = run_cli("export", "--person", "peggy", "--sections", "health", "--out", "-",
                          env=env)  # fmt: skip
    assert "Apixaban" in only_health.out and "Tom Brennan" not in only_health.out
    assert "pick one with --person" in one_line_error(run_cli("export", "--out", "-", env=env))


def test_a_step_due_on_a_day_without_a_year_is_the_next_one(run_cli, store: Path) -> None:
    from datetime import date, timedelta

    from mycare.care import diary, people, steps

    gone = date.today() - timedelta(days=2)  # this year's is past, so it means next year's
    typed = f"{gone.day} {gone:%b}"
    assert run_cli("add", "step", "Book the eye test", "--due", typed).code == 0
    assert run_cli("add", "diary", "Eye test booked", "--when", f"{typed} 9am").code == 0
    with CareRecord.open(store, PASSPHRASE) as record:
        person = people.find_person(record)
        due = steps.steps(record, person)[0].due_on
        written = diary.entries(record, person)[0]
    assert due is not None and due > date.today() and (due.month, due.day) == (gone.month, gone.day)
    assert written.written_at.date() == gone  # a diary line is about the past
