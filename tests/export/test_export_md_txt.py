"""Markdown and plain text: read back by a CommonMark renderer and as plain text."""

from __future__ import annotations

import html
from datetime import date

import pytest
from markdown_it import MarkdownIt

from mycare.export import render_summary
from mycare.export.summary import build_summary


def test_markdown_reads_back_with_every_section(demo, read_back) -> None:
    data = demo.output("md")
    text = read_back("md", data)
    md = data.decode()
    for heading in (
        "## At a glance",
        "### Allergies",
        "### Medicines I take now",
        "### Who is in charge, and who to call first",
        "## About me",
        "## My care team",
        "## What has happened since Fri 13 Nov 2026",
        "## My goals",
        "#### Questions I want to ask",
    ):
        assert heading in md
    for words in (
        "Tom Brennan",
        "01632 960520",
        "Helen Marsh",
        "Bisoprolol 2.5 mg",
        "for: Heart failure and heart rate",
        "Penicillin",
        "What did the blood tests show about my kidneys?",
        "Prepared by Ngozi Okafor",
        "How it is going: 6 out of 10",
    ):
        assert words in text
    html = MarkdownIt("commonmark").render(md)
    assert html.count("<h2>") == 5
    assert "<ol>" in html  # the questions are numbered


def test_markdown_people_names_are_not_markup(demo) -> None:
    md = demo.output("md").decode()
    assert "Margaret (Peggy) Okafor" in md  # brackets left alone where harmless
    assert "- [x] Walk to the post box and back" in md


def test_plain_text_is_wrapped_and_readable(demo, read_back) -> None:
    text = read_back("txt", demo.output("txt"))
    assert text.startswith("Care summary for Margaret (Peggy) Okafor\n=====")
    assert max(len(line) for line in text.splitlines()) <= 78
    assert "WHO IS IN CHARGE" not in text and "Who is in charge, and who to call" in text
    assert "MEDICINES I TAKE NOW" not in text and "\nAT A GLANCE\n" in text
    assert "* Sacubitril/valsartan (Entresto) 24 mg/26 mg" in text
    assert "  [x] Walk to the post box and back" in text
    assert "(overdue)" in text


def test_text_and_markdown_say_the_same_things(demo, read_back) -> None:
    summary = build_summary(demo.record, demo.person, for_appointment=demo.appointment.id)
    md = read_back("md", render_summary(summary, "md"))
    txt = read_back("txt", render_summary(summary, "txt"))
    for line in (
        "Janet Pryce, District nurse",
        "Keep it up for three months",
        "Can I have the flu and COVID jabs on the same day?",
    ):
        assert line in md and line in txt


ROUND_TRIP = [
    "2.5 mg twice a day",
    "2. Then rest",
    "1) Ring first",
    "Tom & Jerry, 50% off, (brackets) and a | bar ~ tilde! plus #3",
    "# not a heading",
    "> not a quote",
    "- not a list",
    "+ not a list either",
    "---",
    "===",
    "~~~",
    "*not emphasis* and _not either_ and `not code`",
    "[not a link](http://example.org) <b>not html</b> &amp; not an entity",
]


@pytest.mark.parametrize("typed", ROUND_TRIP)
def test_markdown_escapes_only_what_commonmark_needs(typed: str) -> None:
    from mycare.export.markdown import escape

    written = escape(typed)
    rendered = MarkdownIt("commonmark").render(written)
    assert rendered.startswith("<p>") and rendered.count("<") == 2  # one plain paragraph
    text = rendered.removeprefix("<p>").removesuffix("</p>\n")
    assert html.unescape(text) == typed  # reads exactly as typed


def test_markdown_leaves_harmless_text_alone() -> None:
    from mycare.export.markdown import escape

    for typed in ("2.5 mg twice a day", "Tom & Jerry", "50% off (today)", "a | b", "Room 3!"):
        assert escape(typed) == typed
    assert escape("2. Then rest") == "2\\. Then rest"


def test_what_has_happened_says_why_it_starts_when_it_does(demo, lonely) -> None:
    text = demo.output("txt").decode()
    assert "Fri 13 Nov 2026 was my last appointment." in text
    chosen = demo.render("txt", since=date(2026, 5, 1)).decode()
    assert "That is the date I chose." in chosen
    empty = lonely.render("txt").decode()
    assert "so this covers the last three months." in " ".join(empty.split())
    assert "Since the last three months" not in empty
