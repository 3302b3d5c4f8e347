"""The block a clinician reads first, and a summary for one appointment on two A4 pages."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, datetime, timedelta

import pypdf
import pytest

from mycare.care import appointments, health, people, records
from mycare.care.record import CareRecord
from mycare.export import render_summary
from mycare.export.summary import build_summary
from mycare.store import Medication
from mycare.vault import TEST_KDF

FIRST_ORDER = (
    "## At a glance",
    "**Date of birth:** 14 Mar 1948 (aged 78)",
    "**NHS number:** 999 000 1006",
    "**GP practice:** Elm Tree Surgery",
    "### Allergies",
    "Penicillin: Itchy rash all over (moderate)",
    "### Medicines I take now",
    "### Changes to my medicines in the last six months",
    "### My conditions",
    "### Who is in charge, and who to call first",
    "Tom Brennan, Heart failure specialist nurse",
    "phone 01632 960520",
    "### For this appointment on",
    "#### What I want from this visit",
    "#### Questions I want to ask",
    "What did the blood tests show about my kidneys?",
    "### Next appointments",
    "## About me",
    "## My care team",
    "## What has happened since",
    "## My goals",
)


def test_markdown_opens_with_what_a_clinician_reads_first(demo) -> None:
    md = demo.output("md").decode()
    places = [md.index(words) for words in FIRST_ORDER]
    assert places == sorted(places)


def test_about_me_follows_the_prsb_headings_in_order(demo) -> None:
    md = demo.output("md").decode()
    about = md[md.index("## About me") : md.index("## My care team")]
    headings = [line for line in about.splitlines() if line.startswith("### ")]
    assert headings == [
        "### What matters to me",
        "### People who are important to me",
        "### How I communicate and how to communicate with me",
        "### Please do and please don't",
    ]  # headings left empty are left out
    assert "- Please don't: Rush me on the stairs." in about
    assert "I wrote this with the support of Ngozi on" in about


def test_a_stopped_medicine_is_shown_as_stopped_with_its_date(demo) -> None:
    md = demo.output("md").decode()
    glance = md[: md.index("## About me")]
    stopped = [line for line in glance.splitlines() if "Ramipril" in line]
    assert len(stopped) == 1 and "stopped Ramipril 2.5 mg" in stopped[0]
    assert "2026" in stopped[0]  # with its date
    now = glance[glance.index("### Medicines I take now") : glance.index("### Changes")]
    assert "Ramipril" not in now and "Bisoprolol 2.5 mg" in now


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "pdf"])
def test_every_readable_format_opens_with_the_same_block(demo, read_back, fmt) -> None:
    text = " ".join(read_back(fmt, demo.output(fmt)).split()).casefold()  # txt: CAPITALS
    first = text.index("at a glance")
    for words in ("penicillin", "bisoprolol", "in charge of my care", "questions i want to ask"):
        assert first < text.index(words) < text.index("about me"), words


def test_first_block_follows_the_sections_chosen(demo, read_back) -> None:
    text = read_back("md", demo.render("md", sections={"about", "goals"}))
    assert "At a glance" in text and "14 Mar 1948" in text
    for kept_out in ("Penicillin", "Bisoprolol", "Tom Brennan", "Next appointments"):
        assert kept_out not in text


def test_dose_changes_and_missed_appointments_are_shown(tmp_path) -> None:
    record = CareRecord.create(tmp_path / "s.mycare", "pw-pw-pw-pw", kdf=TEST_KDF)
    try:
        ann = people.add_person(record, "Ann Example")
        pill = health.add_medication(record, ann, "Furosemide", dose="40 mg")
        records.update(record, Medication, pill.id, dose="80 mg")
        now = datetime.now().replace(microsecond=0)
        appointments.add_appointment(
            record, ann, now - timedelta(days=20), purpose="Eye test", status="missed"
        )
        appointments.add_appointment(record, ann, now + timedelta(days=3), purpose="Foot check")
        summary = build_summary(record, ann, now=now)
        md = render_summary(summary, "md").decode()
    finally:
        record.close()
    assert "dose of Furosemide changed from 40 mg to 80 mg" in md
    assert "### Next appointments" in md and "Foot check" in md
    missed = md[md.index("Appointments I missed lately") :]
    assert "Eye test" in missed.split("##")[0]


def _lowest_text(page: pypdf.PageObject) -> float:
    """How far down the page its text goes, as a share of the page (the footer left out)."""
    heights: list[float] = []

    def visit(text, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
        if text.strip() and "page " not in text:
            heights.append(tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    top = float(page.mediabox.height)
    return 1 - min(heights) / top


def test_demo_for_one_appointment_fits_two_a4_pages_used_well(demo) -> None:
    reader = pypdf.PdfReader(io.BytesIO(demo.output("pdf")))
    assert len(reader.pages) == 2
    for page in reader.pages[:-1]:  # no page is left a third empty to start a new one
        assert _lowest_text(page) > 2 / 3


def test_a_long_record_flows_on_without_empty_pages(demo) -> None:
    data = demo.render("pdf", since=date(2026, 1, 1))  # many months of appointments
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 2
    for page in reader.pages[:-1]:
        assert _lowest_text(page) > 2 / 3


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium not installed")
def test_html_printed_by_a_browser_fits_two_a4_pages(demo, tmp_path) -> None:
    page = tmp_path / "s.html"
    page.write_bytes(demo.output("html"))
    printed = tmp_path / "s.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
         f"--print-to-pdf={printed}", page.as_uri()],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    reader = pypdf.PdfReader(printed)
    assert len(reader.pages) == 2
    for sheet in reader.pages[:-1]:
        assert _lowest_text(sheet) > 2 / 3


def test_diary_lines_written_in_the_same_minute_keep_their_order(tmp_path) -> None:
    from mycare.care import diary

    record = CareRecord.create(tmp_path / "s.mycare", "pw-pw-pw-pw", kdf=TEST_KDF)
    try:
        ann = people.add_person(record, "Ann Example")
        minute = datetime(2026, 11, 20, 9, 15)
        said = ["First I woke", "Then I had tea", "Then the nurse rang", "Then I slept"]
        for n, text in enumerate(said):
            diary.add_entry(record, ann, text, written_at=minute, feeling=5 + n % 2)
        summary = build_summary(record, ann, since=date(2026, 11, 1), now=minute)
        md = render_summary(summary, "md").decode()
        newest_first = [e.text for e in diary.entries(record, ann)]
    finally:
        record.close()
    assert newest_first == said[::-1]
    assert [md.index(text) for text in said] == sorted(md.index(text) for text in said)
    assert "4 diary entries" in md
