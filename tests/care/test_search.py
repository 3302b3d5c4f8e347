"""Finding anything by the words in it, whatever the case or accents."""

from __future__ import annotations

from datetime import datetime

from mycare.care import appointments, diary, goals, health, people, questions, records, steps, team
from mycare.care.search import search
from mycare.store import DiaryEntry


def titles(hits):
    return sorted(h.title for h in hits)


def test_case_and_accents_do_not_matter(record, person):
    team.add_contact(record, person, "Zoë Ünal", role="Social worker")
    diary.add_entry(record, person, "The echo test was fine")
    for term in ("zoe", "ZOË", "zoë", "Zoe Unal", "ünal"):
        assert titles(search(record, person, term)) == ["Zoë Ünal"], term
    for term in ("ÉCHO", "echo", "Écho"):
        assert titles(search(record, person, term)) == ["The echo test was fine"], term


def test_german_sharp_s_and_ligatures_fold_too(record, person):
    diary.add_entry(record, person, "Walked along the Hauptstraße")
    assert len(search(record, person, "STRASSE")) == 1


def test_every_kind_of_record_is_searched(record, person, fixed_clock):
    contact = team.add_contact(record, person, "Dr Shah", phone="07700 900123")
    appointments.add_appointment(
        record, person, datetime(2026, 11, 24, 9, 0), purpose="Clinic", location="Ward 9 lilac"
    )
    questions.add_question(record, person, "Is the lilac tablet the same?")
    steps.add_step(record, person, "Buy lilac pill box")
    goals.add_goal(record, person, "Walk", what_matters="See the lilac tree")
    health.add_medication(record, person, "Ramipril", reason="High blood pressure")
    health.add_condition(record, person, "Hypertension", notes="lilac pills")
    health.add_allergy(record, person, "Penicillin", reaction="lilac rash")
    diary.add_entry(record, person, "Lilac sky this morning")

    (hit,) = search(record, person, "900123")
    assert (hit.kind, hit.id, hit.title) == ("care team member", contact.id, "Dr Shah")
    assert "900123" in hit.snippet

    (hit,) = search(record, person, "blood pressure")
    assert (hit.kind, hit.title) == ("medicine", "Ramipril")

    kinds = sorted(h.kind for h in search(record, person, "lilac"))
    assert kinds == sorted(
        [
            "appointment",
            "question",
            "next step",
            "goal",
            "condition",
            "allergy",
            "diary entry",
        ]
    )


def test_only_the_chosen_persons_records(record, person):
    dad = people.add_person(record, "Samuel Okafor")
    diary.add_entry(record, person, "Mum's knee is sore")
    diary.add_entry(record, dad, "Dad's knee is sore")
    assert titles(search(record, person, "knee")) == ["Mum's knee is sore"]
    assert titles(search(record, dad, "knee")) == ["Dad's knee is sore"]


def test_deleted_records_are_not_found(record, person):
    entry = diary.add_entry(record, person, "Private thought")
    records.delete(record, DiaryEntry, entry.id)
    assert search(record, person, "private") == []
    records.restore(record, DiaryEntry, entry.id)
    assert len(search(record, person, "private")) == 1


def test_an_empty_term_finds_nothing(record, person):
    diary.add_entry(record, person, "Anything")
    for term in ["", "   ", "\t"]:
        assert search(record, person, term) == []


AWKWARD_TERMS = [
    ("%", ["Feeling 50% better"]),
    ("_", ["file_name.pdf"]),
    ("'", ["O'Brien rang"]),
    ("[bold]", ["[bold]loud[/bold]"]),
    ("[/", ["[bold]loud[/bold]"]),
    ("\\", ["C:\\letters"]),
    ('"', ['She said "soon"']),
    ("*", []),
    ("' OR 1=1 --", []),
    ("%'; DROP TABLE diaryentry; --", []),
]


def test_awkward_terms_match_literally(record, person):
    for text in [
        "Feeling 50% better",
        "file_name.pdf",
        "filename without underscore",
        "O'Brien rang",
        "[bold]loud[/bold]",
        "C:\\letters",
        'She said "soon"',
        "plain words",
    ]:
        diary.add_entry(record, person, text)
    for term, expected in AWKWARD_TERMS:
        assert titles(search(record, person, term)) == expected, term
    assert len(diary.entries(record, person)) == 8


def test_a_very_long_term_does_not_fail(record, person):
    diary.add_entry(record, person, "short")
    assert search(record, person, "x" * 5000) == []


def test_snippets_are_one_line_around_the_match(record, person):
    notes = "Line one about nothing.\n" * 5 + "Mentioned a stent.\n" + "More.\n" * 5
    team.add_contact(record, person, "Dr Shah", notes=notes)
    (hit,) = search(record, person, "STENT")
    assert hit.title == "Dr Shah"
    assert "stent" in hit.snippet
    assert "\n" not in hit.snippet
