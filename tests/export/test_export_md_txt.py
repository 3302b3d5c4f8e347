"""Markdown and plain text: read back by a CommonMark renderer and as plain text."""

from __future__ import annotations

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
