"""Fonts read once per process: reading DejaVu Sans's tables and widths takes a tenth of a
second a face, so a second summary in the same process starts from what the first read.

Each document still gets its own copy of the font file's tables (fpdf2 cuts them down to
the characters used when it writes the PDF) and its own map of the characters used. The
character map and glyph names, which fontTools takes tens of milliseconds a face to read,
are read once and copied for each document.
"""

from __future__ import annotations

import copy
import threading
from functools import cache
from typing import Any

from fontTools import ttLib  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.fonts import SubsetMap
from fpdf.fonts import TTFFont as Font

_LOCK = threading.Lock()
_UNUSED = ("GDEF", "GPOS", "GSUB", "MATH")  # layout tables; shaping reads the file itself
_PLAIN_MAPS = (0, 4, 6, 12)  # cmap formats that are one dict from character to glyph


@cache
def _read(path: str, style: str, index: int) -> Font:
    holder = FPDF()
    holder.add_font("read", style, path, collection_font_number=index)
    font = holder.fonts["read" + style]
    assert isinstance(font, Font)
    return font


@cache
def _mapped(path: str, index: int) -> tuple[Any, Any, list[str]] | None:
    """A face's character map, glyph names ('cmap', 'post') and glyph order, read in full;
    None for a face whose tables are not plain maps and name lists (each document then
    reads its own)."""
    font = ttLib.TTFont(path, recalcTimestamp=False, fontNumber=index, lazy=True)
    if "cmap" not in font or "post" not in font or "CFF " in font:
        return None
    order: list[str] = font.getGlyphOrder()
    cmap, post = font["cmap"], font["post"]
    if any(table.format not in _PLAIN_MAPS for table in cmap.tables) or post.formatType != 2:
        return None
    for table in cmap.tables:
        _ = table.cmap  # each subtable is read when first used: now, while it is ours
    return cmap, post, order


def _own_copy(cmap: Any, post: Any) -> tuple[Any, Any]:
    """Copies of the two tables that fpdf2 may cut down without touching the shared ones."""
    mine = copy.copy(cmap)
    mine.tables = []
    for table in cmap.tables:
        sub = copy.copy(table)
        sub.cmap = dict(table.cmap)
        mine.tables.append(sub)
    names = copy.copy(post)
    for attribute in ("glyphOrder", "extraNames"):
        value = getattr(post, attribute, None)
        if isinstance(value, list):
            setattr(names, attribute, list(value))
    if isinstance(getattr(post, "mapping", None), dict):
        names.mapping = dict(post.mapping)
    return mine, names


def add_font(pdf: FPDF, family: str, style: str, path: str, index: int = 0) -> None:
    """pdf.add_font(family, style, path), reading the file's widths only once per process."""
    with _LOCK:
        read = _read(path, style, index)
        mapped = _mapped(path, index)
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
    if mapped is not None:
        cmap, post, order = mapped
        font.ttfont.setGlyphOrder(list(order))
        font.ttfont["cmap"], font.ttfont["post"] = _own_copy(cmap, post)
    font.subset = SubsetMap(font)
    font._hbfont = None  # noqa: SLF001 - shaping reads the file of this document's copy
    pdf.fonts[font.fontkey] = font
