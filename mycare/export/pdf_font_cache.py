"""Fonts read once per process: reading DejaVu Sans's tables and widths takes a tenth of a
second a face, so a second summary in the same process starts from what the first read.

Each document still gets its own copy of the font file's tables (fpdf2 cuts them down to
the characters used when it writes the PDF) and its own map of the characters used.
"""

from __future__ import annotations

import copy
import threading
from functools import cache

from fontTools import ttLib  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.fonts import SubsetMap
from fpdf.fonts import TTFFont as Font

_LOCK = threading.Lock()
_UNUSED = ("GDEF", "GPOS", "GSUB", "MATH")  # layout tables; shaping reads the file itself


@cache
def _read(path: str, style: str, index: int) -> Font:
    holder = FPDF()
    holder.add_font("read", style, path, collection_font_number=index)
    font = holder.fonts["read" + style]
    assert isinstance(font, Font)
    return font


def add_font(pdf: FPDF, family: str, style: str, path: str, index: int = 0) -> None:
    """pdf.add_font(family, style, path), reading the file's widths only once per process."""
    with _LOCK:
        read = _read(path, style, index)
    font = Font.__new__(Font)
    for name in Font.__slots__:
        if hasattr(read, name):
            setattr(font, name, getattr(read, name))
    font.cw = copy.copy(read.cw)  # a defaultdict: reading a missing width stores it
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.i = len(pdf.fonts) + 1
    font.fontkey = family.lower() + style
    font.ttfont = ttLib.TTFont(path, recalcTimestamp=False, fontNumber=index, lazy=True)
    for tag in _UNUSED:  # fpdf2 drops them from the PDF, but only after reading them
        if tag in font.ttfont:
            del font.ttfont[tag]
    font.subset = SubsetMap(font)
    font._hbfont = None  # noqa: SLF001 - shaping reads the file of this document's copy
    pdf.fonts[font.fontkey] = font
