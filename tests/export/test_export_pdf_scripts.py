"""Every character printed: fonts for every script, and a marker and a message for the rest.

Read back with pdftotext. The first run uses the fonts installed on this computer (Noto in
CI); the second runs with fontconfig finding no fonts at all, where only the bundled DejaVu
is left.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mycare.care import people
from mycare.care.record import CareRecord
from mycare.export import pdf_fonts, render
from mycare.vault import TEST_KDF

CHINESE = "我的药放在厨房"
DEVANAGARI = "नमस्ते दुनिया"
THAI = "สวัสดีชาวโลก"
HEBREW = "שלום עולם, אני בסדר"
SMILE, THUMB = "😀", "👍"  # DejaVu has the first, Noto's symbols the second
SHAKING = "\U0001fae8"  # Unicode 15 (2022): no font here has it
LATIN = "Plain words in Latin letters."
LINES = [LATIN, CHINESE, DEVANAGARI, THAI, f"Feeling {SMILE} today {THUMB} {SHAKING}", HEBREW]

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler")


def _has_font_for(ch: str) -> bool:
    if not shutil.which("fc-list"):
        return False
    listed = subprocess.run(
        ["fc-list", f":charset={ord(ch):x}", "file"], capture_output=True, text=True, check=False
    )
    return bool(listed.stdout.strip())


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("scripts")
    record = CareRecord.create(folder / "s.mycare", "pw-pw-pw-pw", kdf=TEST_KDF)
    people.add_person(record, "Asha Rao", what_matters="\n".join(LINES))
    yield record
    record.close()


def _hebrew_words_in(text: str) -> bool:
    """Each Hebrew word is there (pdftotext reorders right-to-left runs and adds marks)."""
    plain = text.translate(dict.fromkeys(range(0x202A, 0x202F)))
    return all(word.strip(",") in plain for word in HEBREW.split())


def _pdf(record: CareRecord, folder: Path) -> tuple[str, list[str], Path]:
    person = people.find_person(record)
    notes: list[str] = []
    data = render(record, person, "pdf", sections={"about"}, notes=notes)
    path = folder / "summary.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return text, notes, path


@pytest.fixture
def no_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fontconfig with an empty configuration: it knows no fonts at all."""
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?><fontconfig></fontconfig>\n')
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    pdf_fonts._fonts_for.cache_clear()
    yield
    pdf_fonts._fonts_for.cache_clear()


@pytest.mark.skipif(
    not all(_has_font_for(ch) for ch in (CHINESE[0], DEVANAGARI[0], THAI[0], THUMB))
    or _has_font_for(SHAKING),
    reason="needs fonts for Chinese, Devanagari and Thai (fonts-noto-core, fonts-noto-cjk)",
)
def test_installed_fonts_print_every_script(record, tmp_path: Path) -> None:
    pdf_fonts._fonts_for.cache_clear()
    text, notes, path = _pdf(record, tmp_path)
    squashed = "".join(text.split())
    for line in (LATIN, CHINESE, THAI, f"Feeling {SMILE} today"):
        assert "".join(line.split()) in squashed, line
    assert _hebrew_words_in(text)
    devanagari = [ch for ch in text if 0x0900 <= ord(ch) <= 0x097F]
    assert devanagari == [ch for ch in DEVANAGARI if ch != " "]  # shaped, in logical order
    assert THUMB in text and SHAKING not in text and pdf_fonts.MARKER in text
    (note,) = notes
    assert "U+1FAE8" in note and SHAKING in note and "U+1F44D" not in note
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "DejaVu" in fonts and "Noto" in fonts


def test_without_fonts_the_rest_is_marked_and_named(record, tmp_path: Path, no_fonts) -> None:
    text, notes, _ = _pdf(record, tmp_path)
    squashed = "".join(text.split())
    for line in (LATIN, f"Feeling {SMILE} today"):  # DejaVu has these, and Hebrew
        assert "".join(line.split()) in squashed, line
    assert _hebrew_words_in(text)
    for lost in (CHINESE, DEVANAGARI, THAI):
        assert lost[0] not in text
    assert squashed.count(pdf_fonts.MARKER) >= len(CHINESE) + len(THAI)
    (note,) = notes
    assert note.startswith("Some characters could not be printed")
    for ch in (CHINESE[0], DEVANAGARI[0], THAI[0], THUMB, SHAKING):
        assert f"U+{ord(ch):04X}" in note
    assert "Some characters could not be printed" in " ".join(text.split())  # in the PDF too


def test_right_to_left_lines_are_right_aligned(record, tmp_path: Path, no_fonts) -> None:
    _, _, path = _pdf(record, tmp_path)
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    import re

    words = {
        m["w"]: (float(m["x0"]), float(m["x1"]))
        for m in re.finditer(
            r'<word xMin="(?P<x0>[\d.]+)" yMin="[\d.]+" xMax="(?P<x1>[\d.]+)" '
            r'yMax="[\d.]+">(?P<w>[^<]*)</word>',
            boxes,
        )
    }
    plain_left = words["Plain"][0]
    hebrew_right = max(x1 for w, (_, x1) in words.items() if set(w) & set(HEBREW) - set(" ,"))
    latin_right = words["letters."][1]
    assert hebrew_right > latin_right + 40  # ends at the column's right edge, not after text
    assert min(x0 for w, (x0, _) in words.items() if set(w) & set(HEBREW) - set(" ,")) > (
        plain_left + 40
    )
