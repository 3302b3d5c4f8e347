"""The iCalendar lines mycare writes itself: read back exactly by the icalendar library."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest

from mycare.export.ics_lines import duration, fold, prop, text

HARD = [
    "plain words",
    "semi; colon, comma \\ backslash",
    "two\nlines\r\nand a third",
    "😀" * 60,
    "مرحبا بالعالم " * 12,
    "a" * 74 + "é" + "b" * 200,
    "",
]


def _read(lines: list[str]) -> icalendar.Event:
    data = "BEGIN:VEVENT\r\n" + "".join(lines) + "END:VEVENT\r\n"
    return icalendar.Event.from_ical(data)


@pytest.mark.parametrize("value", HARD)
def test_text_comes_back_as_it_went(value: str) -> None:
    line = prop("DESCRIPTION", text(value))
    assert all(len(part.encode("utf-8")) <= 75 for part in line.split("\r\n"))
    assert line.endswith("\r\n") and "\n " not in line.replace("\r\n ", "")
    expected = value.replace("\r\n", "\n")
    assert str(_read([line])["DESCRIPTION"]) == expected


@pytest.mark.parametrize(
    "name", ['Dr "Ann" Lee', "Lee, Ann: GP; Elm", "Zoë Łukasiewicz", "x^y", "two\nlines"]
)
def test_parameter_values_come_back(name: str) -> None:
    line = prop("ATTENDEE", "mailto:ann@example.org", cn=name, role="REQ-PARTICIPANT")
    attendee = _read([line])["ATTENDEE"]
    assert attendee.params["CN"] == name and attendee.params["ROLE"] == "REQ-PARTICIPANT"
    assert str(attendee) == "mailto:ann@example.org"


@pytest.mark.parametrize(
    "value",
    ["é" * 100, "a" * 74, "a" * 75, "a" * 300, "ab🩺中文" * 40, "x" * 73 + "🩺" * 5, "中" * 25],
)
def test_folding_never_splits_a_character(value: str) -> None:
    folded = fold("X:" + value)
    assert folded.endswith("\r\n")
    parts = folded[:-2].split("\r\n")
    for part in parts:
        assert len(part.encode("utf-8")) <= 75  # whole characters, as Python decoded them
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join([parts[0], *(part[1:] for part in parts[1:])]) == "X:" + value
    assert _read([folded])["X"] == value


@pytest.mark.parametrize(
    ("before", "written"),
    [
        (timedelta(days=1), "-P1D"),
        (timedelta(hours=1), "-PT1H"),
        (timedelta(minutes=90), "-PT1H30M"),
    ],
)
def test_alarm_triggers(before: timedelta, written: str) -> None:
    assert duration(before) == written
    assert _read([prop("TRIGGER", written)]).decoded("TRIGGER") == -before
