"""Every format: hostile text survives intact and harmless; left-out sections leave no trace;
a record with nothing in it still gives a sensible summary."""

from __future__ import annotations

import json
import re
import unicodedata

import icalendar
import pytest
import vobject
from markdown_it import MarkdownIt

from mycare.export import FORMATS, SECTIONS

READABLE = ("md", "txt", "html", "pdf")


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_text_survives(hostile, read_back, nasty, fmt: str) -> None:
    text = unicodedata.normalize("NFC", read_back(fmt, hostile.output(fmt)))
    flat = " ".join(text.split())
    wanted = {
        "ics": ["script", "markup", "sql", "hebrew", "emoji"],
        "vcf": ["script", "markup", "sql", "arabic", "emoji"],
    }.get(fmt, list(nasty))
    for key in wanted:
        if fmt == "pdf" and key in ("arabic", "hebrew", "emoji"):
            continue  # checked in test_export_pdf: no emoji glyphs, and bidi may reverse
        assert " ".join(nasty[key].split()) in flat, (fmt, key)
    if fmt in READABLE:  # the title with a line break inside it: both lines, as two lines
        assert "Clinic" in text and re.search(r"Clinic\s*\n\s*<script>alert\(1\)</script>", text)


def test_markdown_renders_no_markup_from_the_person(hostile) -> None:
    html = MarkdownIt("commonmark").render(hostile.output("md").decode())
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<h" not in re.sub(r"<h[1-4]>[^<]*</h[1-4]>", "", html)  # no stray headings


def test_html_has_no_live_markup(hostile, html_of) -> None:
    page = hostile.output("html").decode()
    tags = {tag for tag, _ in html_of(page).tags}
    assert tags.isdisjoint({"script", "img", "iframe", "a", "b", "i"})
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "&quot;; DROP TABLE person; --" in page


def test_text_formats_keep_the_text_as_typed(hostile, nasty) -> None:
    txt = hostile.output("txt").decode()
    for value in nasty.values():
        assert value in txt
    ics = icalendar.Calendar.from_ical(hostile.output("ics"))
    event = next(e for e in ics.walk("VEVENT") if "RRULE" in e)
    assert str(event["SUMMARY"]) == f"Clinic\n{nasty['script']}"
    assert str(event["LOCATION"]) == nasty["markup"]
    assert nasty["sql"] in str(event["DESCRIPTION"])
    (card,) = vobject.readComponents(hostile.output("vcf").decode())
    assert card.fn.value == nasty["script"]
    raw = json.loads(hostile.output("fhir"))
    goal = next(e["resource"] for e in raw["entry"] if e["resource"]["resourceType"] == "Goal")
    assert goal["description"]["text"] == f"{nasty['arabic']}\n{nasty['img']}"


def test_control_characters_are_shown_not_obeyed(demo) -> None:
    from mycare.export import render_summary
    from mycare.export.summary import build_summary

    summary = build_summary(demo.record, demo.person, sections={"about"})
    summary.name = "Peggy\x1b[31m red\x07"
    for fmt in ("md", "txt", "html"):
        out = render_summary(summary, fmt).decode()
        assert "\x1b" not in out and "\x07" not in out and "red�" in out


# what must vanish when a section is left out, and the formats it could show up in
GONE = {
    "health": ["Bisoprolol", "Metformin", "Apixaban", "Penicillin", "Osteoarthritis"],
    "team": ["01632 960520", "hf.nurses@example.org", "Silver Threads", "Lives 20 minutes"],
    # the birthday as every format writes it ("1948" alone turns up in times of day)
    "about": ["Chidi", "large print", "Mar 1948", "1948-03-14", "hard of hearing"],
    "recent": ["Bloods taken", "Good sleep", "compression stockings", "bath seat"],
    "goals": ["end of the road", "choir by Easter", "kitchen calendar"],
    "appointment": ["flu and COVID jabs", "Blood results should be back", "weight diary"],
    "coordination": ["How joined-up my care feels", "New physio asked", "Questionnaire"],
}


@pytest.mark.parametrize("left_out", SECTIONS)
def test_left_out_sections_leave_no_trace(demo, read_back, left_out: str) -> None:
    kept = set(SECTIONS) - {left_out}
    for fmt in FORMATS:
        data = demo.render(fmt, sections=kept)
        seen = (data.decode("utf-8") if fmt != "pdf" else "") + read_back(fmt, data)
        for words in GONE[left_out]:
            assert words.casefold() not in seen.casefold(), (left_out, fmt, words)


def test_only_the_appointment(demo, read_back) -> None:
    text = read_back("txt", demo.render("txt", sections={"appointment"}))
    assert "Six-monthly GP review" in text and "What did the blood tests show" in text
    assert "Tom Brennan" not in text and "Bisoprolol" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_person_and_nothing_else(lonely, read_back, fmt: str) -> None:
    data = lonely.output(fmt)
    assert data or fmt == "vcf"
    text = read_back(fmt, data)
    if fmt in READABLE:
        flat = " ".join(text.split())
        for words in (
            "Care summary for Zoë Łukasiewicz",
            "Nobody named yet.",
            "No medicines recorded.",
            "Not recorded",
            "No goals set yet.",
            "No appointments.",
            "No diary entries.",
            "Not written down yet.",
        ):
            assert words in flat, (fmt, words)
