"""PDF: A4 pages, in a bundled Unicode font, whose text a PDF reader gets back."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from mycare.export.pdf import FONTS


def test_pdf_is_a4_with_the_summary_in_it(demo, read_back) -> None:
    data = demo.output("pdf")
    assert data.startswith(b"%PDF-")
    sizes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert sizes and all(
        abs(float(w) - 595.28) < 1 and abs(float(h) - 841.89) < 1 for w, h in sizes
    )
    text = " ".join(read_back("pdf", data).split())
    for words in (
        "Care summary for Margaret (Peggy) Okafor",
        "In charge of my care",
        "Tom Brennan",
        "Bisoprolol 2.5 mg",
        "Penicillin",
        "Questions I want to ask",
        "Can I have the flu and COVID jabs on the same day?",
        "page 1 of",
    ):
        assert words in text


def test_font_and_its_licence_are_bundled() -> None:
    assert (FONTS / "DejaVuSans.ttf").stat().st_size > 500_000
    assert (FONTS / "DejaVuSans-Bold.ttf").exists()
    assert "Bitstream" in (FONTS / "LICENSE-DejaVu.txt").read_text()


def test_names_in_many_scripts_print(hostile, read_back, nasty) -> None:
    text = unicodedata.normalize("NFKC", read_back("pdf", hostile.output("pdf")))
    assert nasty["name"] in text and nasty["greek"] in text
    assert nasty["script"] in text and nasty["markup"] in text
    for word in (nasty["arabic"], nasty["hebrew"]):  # letters present, in either direction
        for token in word.split():
            assert token in text or token[::-1] in text


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
def test_font_is_embedded(demo, tmp_path: Path) -> None:
    path = tmp_path / "s.pdf"
    path.write_bytes(demo.output("pdf"))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = [line for line in fonts.splitlines() if "DejaVu" in line]
    assert rows and all(" yes " in row for row in rows)


def test_missing_glyphs_do_not_reach_the_terminal(hostile, caplog, capfd) -> None:
    import logging

    from mycare.export import render_summary
    from mycare.export.summary import build_summary

    summary = build_summary(hostile.record, hostile.person, sections={"about"})
    with caplog.at_level(logging.DEBUG):
        render_summary(summary, "pdf")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert "missing" not in capfd.readouterr().err


def embedded_characters(data: bytes) -> set[str]:
    """The characters the fonts embedded in a PDF map to glyphs (their own cmap tables)."""
    import io

    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    found: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            embedded = descriptor.get_object()["/FontFile2"].get_object().get_data()
            found |= {chr(code) for code in TTFont(io.BytesIO(embedded)).getBestCmap()}
    return found


def test_each_pdf_embeds_a_map_of_its_own_characters(demo, hostile, nasty) -> None:
    """The character map copied for each document is its own: cutting one PDF's down to its
    characters leaves the next one's whole."""
    demo.output("pdf")
    letters = {c for c in nasty["greek"] if c.isalpha()}
    assert letters and letters <= embedded_characters(hostile.output("pdf"))
    assert set("Care summary for Tom Brennan") - {" "} <= embedded_characters(demo.output("pdf"))


def test_each_pdf_carries_its_own_characters(demo, hostile, lonely, read_back, nasty) -> None:
    """Fonts are read once per process; every document still embeds the letters it uses."""
    first = read_back("pdf", demo.output("pdf"))
    second = unicodedata.normalize("NFKC", read_back("pdf", hostile.output("pdf")))
    third = read_back("pdf", lonely.output("pdf"))
    again = read_back("pdf", demo.output("pdf"))
    assert "Tom Brennan" in first and "Tom Brennan" not in second
    assert nasty["name"] in second and nasty["greek"] in second
    assert "Care summary for" in third
    assert again == first
