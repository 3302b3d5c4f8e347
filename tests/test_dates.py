"""Tests for mycare.care.dates: forgiving date entry with friendly errors."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mycare.care.dates import (
    DateError,
    format_date,
    format_datetime,
    format_relative_day,
    parse_date,
    parse_datetime,
)

NOW = datetime(2026, 11, 22, 10, 45)  # a Sunday
TODAY = NOW.date()


def test_now_is_a_sunday() -> None:
    assert NOW.weekday() == 6


ACCEPTED = [
    # the forms in the brief
    ("2026-12-03 14:30", datetime(2026, 12, 3, 14, 30)),
    ("2026-12-03T14:30", datetime(2026, 12, 3, 14, 30)),
    ("3 Dec 2pm", datetime(2026, 12, 3, 14, 0)),
    ("3 Dec 14:30", datetime(2026, 12, 3, 14, 30)),
    ("03/12/2026 9:15", datetime(2026, 12, 3, 9, 15)),
    ("tomorrow 9:00", datetime(2026, 11, 23, 9, 0)),
    ("today 15:00", datetime(2026, 11, 22, 15, 0)),
    ("yesterday", datetime(2026, 11, 21, 0, 0)),
    ("in 2 weeks", datetime(2026, 12, 6, 0, 0)),
    ("in 3 days", datetime(2026, 11, 25, 0, 0)),
    ("in 1 month", datetime(2026, 12, 22, 0, 0)),
    ("in 2 hours", datetime(2026, 11, 22, 12, 45)),
    ("next monday 10am", datetime(2026, 11, 23, 10, 0)),
    ("monday", datetime(2026, 11, 23, 0, 0)),
    ("now", NOW),
    ("noon", datetime(2026, 11, 22, 12, 0)),
    ("2pm", datetime(2026, 11, 22, 14, 0)),
    # case, whitespace and small variations
    ("  TOMORROW 9:00 \n", datetime(2026, 11, 23, 9, 0)),
    ("3 DEC 2PM", datetime(2026, 12, 3, 14, 0)),
    ("3 Dec 2 pm", datetime(2026, 12, 3, 14, 0)),
    ("3 Dec, 2 p.m.", datetime(2026, 12, 3, 14, 0)),
    ("tomorrow at 9am", datetime(2026, 11, 23, 9, 0)),
    ("9:00 tomorrow", datetime(2026, 11, 23, 9, 0)),
    ("tomorrow noon", datetime(2026, 11, 23, 12, 0)),
    ("midday", datetime(2026, 11, 22, 12, 0)),
    ("9.15am", datetime(2026, 11, 22, 9, 15)),
    ("12am", datetime(2026, 11, 22, 0, 0)),
    ("12pm", datetime(2026, 11, 22, 12, 0)),
    ("12:30am", datetime(2026, 11, 22, 0, 30)),
    ("2026-12-03T14:30:15", datetime(2026, 12, 3, 14, 30, 15)),
    ("2026-12-03", datetime(2026, 12, 3)),
    ("2026/12/03", datetime(2026, 12, 3)),
    ("03.12.2026", datetime(2026, 12, 3)),
    ("3-12-2026", datetime(2026, 12, 3)),
    ("3/12", datetime(2026, 12, 3)),
    ("3 Dec", datetime(2026, 12, 3)),
    ("3 Jan", datetime(2026, 1, 3)),  # now's year, even though it is in the past
    ("Dec 3", datetime(2026, 12, 3)),
    ("December 3rd 2026", datetime(2026, 12, 3)),
    ("3rd of December", datetime(2026, 12, 3)),
    ("3-Dec-2026", datetime(2026, 12, 3)),
    ("3 sept 2027", datetime(2027, 9, 3)),
    ("29 Feb 2028", datetime(2028, 2, 29)),
    ("Thu 3 Dec 2026", datetime(2026, 12, 3)),
    ("Thu 3 Dec 2026 14:30", datetime(2026, 12, 3, 14, 30)),
    ("tmrw", datetime(2026, 11, 23)),
    ("sunday", datetime(2026, 11, 29)),  # strictly after today, so not today
    ("next sunday", datetime(2026, 11, 29)),
    ("last sunday", datetime(2026, 11, 15)),
    ("last friday 18:00", datetime(2026, 11, 20, 18, 0)),
    ("wed", datetime(2026, 11, 25)),
    ("in a week", datetime(2026, 11, 29)),
    ("in a fortnight", datetime(2026, 12, 6)),
    ("in 3 days 9am", datetime(2026, 11, 25, 9, 0)),
    ("in 1 year", datetime(2027, 11, 22)),
    ("3 days ago", datetime(2026, 11, 19)),
    ("in 90 minutes", datetime(2026, 11, 22, 12, 15)),
    ("30 mins ago", datetime(2026, 11, 22, 10, 15)),
    ("2 hours ago", datetime(2026, 11, 22, 8, 45)),
    ("1900-01-01", datetime(1900, 1, 1)),
    ("31 Dec 2200 23:59", datetime(2200, 12, 31, 23, 59)),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_parse_datetime_accepts(text: str, expected: datetime) -> None:
    result = parse_datetime(text, now=NOW)
    assert result == expected
    assert result.tzinfo is None


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_parse_date_accepts_the_same_and_drops_the_time(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected.date()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 2 weeks", datetime(2026, 12, 6, 9, 0)),
        ("tomorrow", datetime(2026, 11, 23, 9, 0)),
        ("3 Dec", datetime(2026, 12, 3, 9, 0)),
        ("monday", datetime(2026, 11, 23, 9, 0)),
        ("tomorrow 14:00", datetime(2026, 11, 23, 14, 0)),  # a given time wins
        ("in 2 hours", datetime(2026, 11, 22, 12, 45)),  # exact forms ignore it
        ("now", NOW),
    ],
)
def test_default_time(text: str, expected: datetime) -> None:
    assert parse_datetime(text, now=NOW, default_time=time(9, 0)) == expected


def test_exact_forms_keep_seconds_and_microseconds() -> None:
    now = datetime(2026, 11, 22, 10, 45, 12, 345678)
    assert parse_datetime("now", now=now) == now
    assert parse_datetime("in 2 hours", now=now) == now + timedelta(hours=2)
    assert parse_datetime("tomorrow", now=now) == datetime(2026, 11, 23)


def test_months_clip_to_the_end_of_the_month() -> None:
    now = datetime(2027, 1, 31, 8, 0)
    assert parse_datetime("in 1 month", now=now) == datetime(2027, 2, 28)


def test_monday_on_a_monday_is_next_week() -> None:
    monday = datetime(2026, 11, 23, 8, 0)
    assert parse_date("monday", now=monday) == date(2026, 11, 30)
    assert parse_date("last monday", now=monday) == date(2026, 11, 16)


def test_results_follow_now_not_the_system_clock() -> None:
    for now in (datetime(1999, 6, 1, 7, 0), datetime(2150, 3, 4, 23, 30)):
        assert parse_datetime("3 Dec", now=now) == datetime(now.year, 12, 3)
        assert parse_datetime("2pm", now=now) == datetime.combine(now.date(), time(14))
        assert parse_date("tomorrow", now=now) == now.date() + timedelta(days=1)


def test_parse_date_accepts_a_plain_date_as_now() -> None:
    assert parse_date("tomorrow 9am", now=TODAY) == date(2026, 11, 23)
    assert parse_date("in 30 hours", now=TODAY) == date(2026, 11, 23)


def test_now_must_be_naive() -> None:
    with pytest.raises(TypeError):
        parse_datetime("today", now=NOW.replace(tzinfo=UTC))
    with pytest.raises(TypeError):
        parse_datetime("today", now=TODAY)  # type: ignore[arg-type]


def test_the_example_message_from_the_brief() -> None:
    with pytest.raises(DateError) as info:
        parse_date("31/02", now=NOW)
    assert str(info.value) == (
        '"31/02" isn\'t a real date: February has no 31st. Try a date like 3 Dec or 2026-12-03.'
    )


REJECTED = [
    ("", "please give a date"),
    ("   ", "please give a date"),
    ("\n\t", "please give a date"),
    ("31/02", "february has no 31st"),
    ("30 Feb", "february has no 30th"),
    ("31 April 2027", "april has no 31st"),
    ("29 Feb 2027", "isn't a leap year"),
    ("2026-13-01", "there is no 13th month"),
    ("01/13/2026", "there is no 13th month"),
    ("2026-00-10", "there is no month 0"),
    ("0/12/2026", "there is no day 0"),
    ("banana", "doesn't look like a date"),
    ("[bold]", "doesn't look like a date"),
    ("<script>", "doesn't look like a date"),
    ("<script>alert(1)</script>", "doesn't look like a date"),
    ("tomorrow 9", "doesn't look like a date"),
    ("now 9am", "doesn't look like a date"),
    ("next", "doesn't look like a date"),
    ("in 3 fish", "doesn't look like a date"),
    ("at", "doesn't look like a date"),
    ("x" * 61, "too long"),
    ("3 Dec " + "a" * 60, "too long"),
    ("3 Dec\x00", "control character"),
    ("\x00", "control character"),
    ("tomorrow\x1b[31m", "control character"),
    ("3\u200bDec", "control character"),
    ("3 Dec\t2pm", "control character"),
    ("1850-01-01", "between 1900 and 2200"),
    ("3 Dec 1899", "between 1900 and 2200"),
    ("3 Dec 2201", "between 1900 and 2200"),
    ("in 300 years", "between 1900 and 2200"),
    ("in 99999999999999999999 days", "between 1900 and 2200"),
    ("in 99999999999999999999 hours", "between 1900 and 2200"),
    ("25:00", "there is no hour 25"),
    ("3 Dec 25:00", "there is no hour 25"),
    ("24:00", "there is no hour 24"),
    ("14:75", "there is no minute 75"),
    ("13pm", "there is no 13pm"),
    ("0am", "there is no 0am"),
    ("03/12/26", "write the year in full"),
    ("Mon 3 Dec 2026", "is a thursday, not a monday"),
    ("midnight", "ambiguous"),
    ("in 2 hours 9am", "both an offset in hours and a clock time"),
]


@pytest.mark.parametrize(("text", "problem"), REJECTED)
def test_bad_input_gives_a_friendly_one_line_error(text: str, problem: str) -> None:
    with pytest.raises(DateError) as info:
        parse_datetime(text, now=NOW)
    message = str(info.value)
    assert problem in message.lower()
    assert "\n" not in message and "\r" not in message
    assert message.isprintable()
    assert "dateutil" not in message.lower()
    assert "traceback" not in message.lower()
    assert "e.g." in message or "Try " in message  # always shows something that works
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(("text", "problem"), REJECTED)
def test_parse_date_rejects_the_same(text: str, problem: str) -> None:
    with pytest.raises(DateError, match="(?i)" + problem.replace("(", r"\(")):
        parse_date(text, now=NOW)


def test_messages_quote_the_text_safely() -> None:
    with pytest.raises(DateError) as info:
        parse_datetime("3 Dec\x00\x1b[2J", now=NOW)
    message = str(info.value)
    assert message.startswith('"3 Dec\\x00\\x1b[2J"')
    assert "\x00" not in message and "\x1b" not in message

    with pytest.raises(DateError) as info:
        parse_datetime('say "hi" ' + "z" * 45, now=NOW)
    message = str(info.value)
    assert message.startswith('"say \\"hi\\" ' + "z" * 31 + '…"')
    assert "z" * 41 not in message


def test_non_string_text_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        parse_datetime(None, now=NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 12, 3), "Thu 3 Dec 2026"),
        (date(2026, 11, 22), "Sun 22 Nov 2026"),
        (date(1900, 1, 1), "Mon 1 Jan 1900"),
    ],
)
def test_format_date(value: date, expected: str) -> None:
    assert format_date(value) == expected


def test_format_datetime() -> None:
    assert format_datetime(datetime(2026, 12, 3, 14, 30)) == "Thu 3 Dec 2026 14:30"
    assert format_datetime(datetime(2026, 12, 3, 9, 5, 59)) == "Thu 3 Dec 2026 09:05"


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (-1, "yesterday"),
        (2, "in 2 days"),
        (5, "in 5 days"),
        (13, "in 13 days"),
        (-3, "3 days ago"),
        (-13, "13 days ago"),
        (14, "Sun 6 Dec 2026"),
        (-14, "Sun 8 Nov 2026"),
    ],
)
def test_format_relative_day(offset: int, expected: str) -> None:
    assert format_relative_day(TODAY + timedelta(days=offset), TODAY) == expected


def test_module_does_not_import_textual() -> None:
    code = (
        "import sys, mycare.care.dates; "
        "assert not [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]"
    )
    # Run from the project root so "python -c" can import mycare without it being installed.
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])


# Property tests ---------------------------------------------------------------------------

WORDS = [
    "in", "ago", "next", "last", "at", "on", "of", "now", "today", "tomorrow", "yesterday",
    "noon", "midnight", "monday", "thu", "dec", "february", "sept", "day", "days", "weeks",
    "month", "years", "hours", "mins", "a", "pm", "am", "p.m.", "3", "31", "29", "0", "13",
    "2026", "26", "1899", "2201", "9:15", "25:00", "14:75", "12pm", "13am", "03/12/2026",
    "31/02", "2026-13-01", "2026-12-03t14:30", "3rd", ",", "-", "/", ".", "[bold]", "\x00",
]  # fmt: skip
wordy_text = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)
wild_now = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31))


def _parses_or_date_error(text: str, now: datetime) -> None:
    try:
        result = parse_datetime(text, now=now)
    except DateError as error:
        message = str(error)
        assert message and "\n" not in message and message.isprintable()
        assert "dateutil" not in message.lower()
    else:
        assert isinstance(result, datetime) and result.tzinfo is None
        assert 1900 <= result.year <= 2200


@given(st.text(max_size=80), wild_now)
def test_arbitrary_text_parses_or_raises_date_error(text: str, now: datetime) -> None:
    _parses_or_date_error(text, now)


@given(wordy_text, wild_now)
def test_date_like_word_salad_parses_or_raises_date_error(text: str, now: datetime) -> None:
    _parses_or_date_error(text, now)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_format_date_round_trips(value: date) -> None:
    assert parse_date(format_date(value), now=NOW) == value


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31, 23, 59)))
def test_format_datetime_round_trips(value: datetime) -> None:
    expected = value.replace(second=0, microsecond=0)
    assert parse_datetime(format_datetime(value), now=NOW) == expected


@given(st.integers(min_value=-30, max_value=30))
def test_format_relative_day_round_trips(offset: int) -> None:
    day = TODAY + timedelta(days=offset)
    assert parse_date(format_relative_day(day, TODAY), now=NOW) == day


# -- dates without a year: the next one for plans, the last one for records -----------
def test_a_planned_day_without_a_year_is_the_next_one():
    from mycare.care.yearless import planned_date

    november = datetime(2026, 11, 22, 10, 45)
    assert planned_date("31 Mar", now=november) == date(2027, 3, 31)
    assert planned_date("31/3", now=november) == date(2027, 3, 31)
    assert planned_date("22 Nov", now=november) == date(2026, 11, 22)  # today is not past
    assert planned_date("21 Nov", now=november) == date(2027, 11, 21)
    assert planned_date("3 Dec", now=november) == date(2026, 12, 3)
    assert planned_date("31 Mar 2026", now=november) == date(2026, 3, 31)  # a year is kept
    assert planned_date("in 2 weeks", now=november) == date(2026, 12, 6)


def test_a_recorded_day_without_a_year_is_the_last_one():
    from mycare.care.yearless import recorded_date, recorded_datetime

    november = datetime(2026, 11, 22, 10, 45)
    assert recorded_date("31 Mar", now=november) == date(2026, 3, 31)
    assert recorded_date("3 Dec", now=november) == date(2025, 12, 3)
    assert recorded_date("22/11", now=november) == date(2026, 11, 22)
    assert recorded_datetime("3 Dec 9am", now=november) == datetime(2025, 12, 3, 9, 0)


def test_29_february_without_a_year_is_the_next_or_last_year_with_one():
    from mycare.care.yearless import planned_date, recorded_date

    november = datetime(2026, 11, 22, 10, 45)
    assert planned_date("29 Feb", now=november) == date(2028, 2, 29)
    assert recorded_date("29 Feb", now=november) == date(2024, 2, 29)
    leap_day = datetime(2028, 2, 29, 9, 0)
    assert planned_date("29 Feb", now=leap_day) == date(2028, 2, 29)
    assert planned_date("28 Feb", now=leap_day) == date(2029, 2, 28)


def test_an_impossible_day_without_a_year_still_says_what_is_wrong():
    from mycare.care.yearless import planned_date

    with pytest.raises(DateError):
        planned_date("31 Feb", now=datetime(2026, 11, 22))
    with pytest.raises(DateError):
        planned_date("[bold]", now=datetime(2026, 11, 22))
