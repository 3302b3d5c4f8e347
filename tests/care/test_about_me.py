"""About me: the PRSB headings as fields, and an NHS number checked by its check digit."""

from __future__ import annotations

import pytest

from mycare.care import people, records
from mycare.care.errors import InvalidField
from mycare.care.nhs_number import check_nhs_number
from mycare.store import Person


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("943 476 5919", "943 476 5919"),
        ("9434765919", "943 476 5919"),
        (" 943-476-5919 ", "943 476 5919"),
        ("401 023 2137", "401 023 2137"),
        ("", ""),
    ],
)
def test_a_valid_nhs_number_is_kept_spaced_3_3_4(typed: str, kept: str) -> None:
    assert check_nhs_number(typed) == kept


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("943 476 5918", "943 476 5918 is not a valid NHS number (its check digit does not"),
        ("943 476 591", "An NHS number is 10 digits; 9 were given."),
        ("943 476 59190", "An NHS number is 10 digits; 11 were given."),
        ("NHS 943 476 5919", "An NHS number is 10 digits, like 943 476 5919."),
        ("٩٤٣٤٧٦٥٩١٩", "An NHS number is 10 digits, like 943 476 5919."),  # not ASCII digits
        ("123 456 7890", "is not a valid NHS number"),  # the check digit would be 10
    ],
)
def test_a_mistyped_nhs_number_says_what_is_wrong(typed: str, says: str) -> None:
    with pytest.raises(InvalidField) as refused:
        check_nhs_number(typed)
    assert says in str(refused.value) and "\n" not in str(refused.value)
    assert refused.value.field == "nhs_number"


def test_a_refused_nhs_number_leaves_the_record_as_it_was(record) -> None:
    ann = people.add_person(record, "Ann Example", nhs_number="943 476 5919", wellness="Fine")
    with pytest.raises(InvalidField):
        people.update_person(record, ann, nhs_number="943 476 5918", wellness="Changed")
    stored = records.get(record, Person, ann.id)
    assert (stored.nhs_number, stored.wellness) == ("943 476 5919", "Fine")


def test_the_about_me_headings_hold_several_lines_and_search_finds_them(record) -> None:
    from mycare.care.search import search

    ann = people.add_person(
        record,
        "Ann Example",
        please_do="Speak slowly\nWrite things down",
        also_worth_knowing="I keep bees",
    )
    assert records.get(record, Person, ann.id).please_do.splitlines() == [
        "Speak slowly",
        "Write things down",
    ]
    with pytest.raises(InvalidField):
        people.update_person(record, ann, gp_practice="Two\nlines")
    assert search(record, ann, "bees")
