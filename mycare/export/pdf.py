"""The summary as an A4 PDF, drawn with fpdf2 in the bundled DejaVu Sans font.

DejaVu Sans covers Latin, Greek, Cyrillic, Hebrew and Arabic letters, so names such as
Zoë Łukasiewicz print as written; characters it lacks are drawn from fonts installed on the
computer (see pdf_fonts), and any that no font has show as a marker and are named. Text
shaping (uharfbuzz) lays out right-to-left and joined scripts, only in the paragraphs that
need it (see pdf_text); right-to-left paragraphs are right-aligned.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from fpdf.enums import Align, MethodReturnValue
from fpdf.fonts import TTFFont as Font

from .blocks import Block, Document, Fields, Item, Items, Para, Part, Sub, one_line, visible
from .layout import layout
from .pdf_font_cache import add_font
from .pdf_fonts import MARKER, fonts_for, unprintable_line
from .pdf_page import FAMILY, SummaryPage
from .pdf_text import Measure, needs_shaping, right_to_left
from .summary import Summary

FONTS = Path(__file__).with_name("fonts")
INK = (27, 31, 36)
BLUE = (16, 58, 92)
BAND = (29, 92, 140)
GREY = (90, 90, 90)
RULE = (200, 210, 220)
LINE = 4.2  # mm per line of body text
SIZE = 9  # points, body text
DETAIL = 3.9  # mm per line of a detail under an item


def _texts(doc: Document) -> Iterator[str]:
    """Every piece of text the PDF will print."""
    yield from (doc.title, doc.byline, doc.note)
    for part in doc.parts:
        yield part.heading
        for block in part.blocks:
            if isinstance(block, Sub | Para):
                yield block.text
            elif isinstance(block, Fields):
                for label, value in block.rows:
                    yield from (label, value)
            elif isinstance(block, Items):
                for item in block.items:
                    yield from (item.title, *item.details, *(t for t, _ in item.checks))


def _new_pdf(doc: Document) -> SummaryPage:
    pdf = SummaryPage()
    add_font(pdf, FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    add_font(pdf, FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.footer_text = one_line(doc.title)
    pdf.set_title(one_line(doc.title))
    pdf.set_creator("mycare")
    pdf.set_lang("en")
    return pdf


def _font(pdf: SummaryPage, key: str | None = None) -> Font:
    """A TrueType font of the document (all of mycare's are): the current one, or by key."""
    font = pdf.current_font if key is None else pdf.fonts[key]
    assert isinstance(font, Font)
    return font


class _Pen:
    """Writes text on the pages: fonts for every character, lines measured once."""

    def __init__(self, pdf: SummaryPage, doc: Document) -> None:
        self.pdf = pdf
        regular, bold = _font(pdf, FAMILY.lower()), _font(pdf, FAMILY.lower() + "B")
        used = {ch for text in _texts(doc) for ch in visible(text)} - set("\n")
        missing = {ch for ch in used if ord(ch) not in regular.cmap or ord(ch) not in bold.cmap}
        names: list[str] = []
        fallbacks: list[Font] = []
        for n, (found, _) in enumerate(fonts_for(frozenset(missing)) if missing else ()):
            name = f"fallback{n}"
            add_font(pdf, name, "", found.path, found.index)
            names.append(name)
            fallbacks.append(_font(pdf, name))
        if names:
            pdf.set_fallback_fonts(names, exact_match=False)
        has = [regular, *fallbacks]
        self.lost = {ch for ch in missing if not any(ord(ch) in f.cmap for f in has)}
        self._mark = str.maketrans(dict.fromkeys(self.lost, MARKER))
        self.names = names
        self.measure = Measure(fallbacks, pdf.k)

    def printable(self, text: str) -> str:
        """The text with every character no font has replaced by the marker."""
        return visible(text).translate(self._mark) if self.lost else visible(text)

    def lines(self, width: float, height: float, text: str) -> list[tuple[str, bool]]:
        """How text wraps at a width in the current font: each line, and whether it is
        right to left (measured, not drawn; shaped only where its script needs it)."""
        found: list[tuple[str, bool]] = []
        for paragraph in self.printable(text).split("\n"):
            rtl = right_to_left(paragraph)
            if needs_shaping(paragraph):
                self.pdf.set_text_shaping(True)
                wrapped = self.pdf.multi_cell(
                    width, height, paragraph, dry_run=True, output=MethodReturnValue.LINES
                )
                self.pdf.set_text_shaping(False)
                assert isinstance(wrapped, list)
                found += [(str(line), rtl) for line in wrapped] or [("", rtl)]
            else:
                font, size = _font(self.pdf), self.pdf.font_size_pt
                found += [(line, rtl) for line in self.measure.wrap(font, size, width, paragraph)]
        return found

    def cell(
        self, width: float, height: float, line: str, rtl: bool, *, fill: bool = False
    ) -> None:
        """One measured line at the cursor, then the cursor to the next line's start:
        shaped if it needs it, right-aligned if right to left."""
        pdf = self.pdf
        x, top = pdf.get_x(), pdf.get_y()
        if needs_shaping(line):
            pdf.set_text_shaping(True)
            align = Align.R if rtl else Align.L
            pdf.cell(width, height, line, align=align, fill=fill)
            pdf.set_text_shaping(False)
        else:
            self._draw(x, top, width, height, line, rtl, fill)
        pdf.set_xy(pdf.l_margin, top + height)

    def _draw(
        self, x: float, top: float, width: float, height: float, line: str, rtl: bool, fill: bool
    ) -> None:
        """A line that needs no shaping, placed as fpdf2's cell() would place it, each run
        of characters in the font that has them (much quicker than cell())."""
        pdf = self.pdf
        font, style, size = _font(pdf), pdf.font_style, pdf.font_size_pt
        if fill:
            pdf.rect(x, top, width, height, style="F")
        runs = self.measure.runs(font, line)
        left = x + pdf.c_margin
        if rtl:
            left = x + width - pdf.c_margin - self.measure.width(font, size, line)
        baseline = top + 0.5 * height + 0.3 * pdf.font_size
        for which, text in runs:
            if which >= 0:
                pdf.set_font(self.names[which], "", size)
            pdf.text(left, baseline, text)
            if len(runs) > 1:
                left += self.measure.width(font, size, text)
            if which >= 0:
                pdf.set_font(FAMILY, style, size)


def _write(
    pen: _Pen,
    text: str,
    *,
    size: float = SIZE,
    bold: bool = False,
    indent: float = 0,
    colour: tuple[int, int, int] = INK,
    height: float = LINE,
) -> None:
    """Wrapped text starting `indent` mm in from the left margin, a line at a time."""
    pdf = pen.pdf
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    width = pdf.epw - indent
    for line, rtl in pen.lines(width, height, text) or [("", False)]:
        pdf.room(height)
        pdf.set_x(pdf.l_margin + indent)
        pen.cell(width, height, line, rtl)


def _item(pen: _Pen, item: Item, marker: str) -> None:
    pdf = pen.pdf
    pdf.room(2 * LINE)
    top = pdf.get_y()
    pdf.set_font(FAMILY, "", SIZE)
    pdf.set_text_color(*BAND)
    pdf.set_xy(pdf.l_margin + 1, top)
    pen.cell(5, LINE, marker, False)
    pdf.set_y(top)
    _write(pen, item.title, bold=item.strong, indent=6)
    for detail in item.details:
        if detail.strip():
            _write(pen, detail, size=8.5, indent=6, height=DETAIL)
    for text, done in item.checks:
        pdf.room(DETAIL)
        pdf.set_font(FAMILY, "B", 8.5)
        pdf.set_text_color(*((26, 127, 55) if done else GREY))
        pdf.set_x(pdf.l_margin + 8)
        line_top = pdf.get_y()
        pen.cell(5, DETAIL, "✓" if done else "○", False)
        pdf.set_y(line_top)
        _write(pen, text + ("" if done else "  (to do)"), size=8.5, indent=12, height=DETAIL)
    pdf.ln(0.6 if item.strong else 0.2)


def _block(pen: _Pen, block: Block) -> None:
    pdf = pen.pdf
    if isinstance(block, Sub):
        pdf.room(16)
        pdf.ln(1)
        size = 10 if block.level == 3 else 9
        _write(pen, one_line(block.text), size=size, bold=True, colour=BLUE, height=4.8)
        if block.level == 3:
            pdf.set_draw_color(*RULE)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.ln(0.8)
    elif isinstance(block, Para):
        _write(pen, block.text, colour=GREY if block.quiet else INK)
        pdf.ln(0.6)
    elif isinstance(block, Fields):
        pdf.set_font(FAMILY, "B", SIZE)
        rows = [(pen.printable(label), value) for label, value in block.rows]
        label_width = 4 + max(pdf.get_string_width(label) for label, _ in rows)
        for label, value in rows:
            pdf.room(LINE)
            top = pdf.get_y()
            pdf.set_font(FAMILY, "B", SIZE)
            pdf.set_text_color(*GREY)
            pdf.cell(label_width, LINE, label)
            pdf.set_y(top)
            _write(pen, value, indent=label_width)
        pdf.ln(0.6)
    else:
        assert isinstance(block, Items)
        for number, item in enumerate(block.items, start=1):
            _item(pen, item, f"{number}." if block.numbered else "•")


def _part(pen: _Pen, part: Part) -> None:
    pdf = pen.pdf
    pdf.room(18)  # the heading keeps with its first lines
    pdf.set_fill_color(*BAND)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(FAMILY, "B", 11.5)
    for line, rtl in pen.lines(pdf.epw - 2, 6.5, one_line(part.heading)):
        pdf.room(6.5)
        shown = f"{line} " if rtl else f" {line}"
        pen.cell(pdf.epw, 6.5, shown, rtl, fill=True)
    pdf.ln(0.8)
    for block in part.blocks:
        _block(pen, block)
    pdf.ln(2.5)


def render_pdf(summary: Summary) -> bytes:
    """The whole summary as PDF bytes.

    A character no font on the computer has is drawn as a marker; the last line of the PDF
    and summary.notes say which (fpdf2's own warnings stay out of the person's terminal).
    """
    quiet = logging.getLogger("fpdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        return _render(summary)
    finally:
        quiet.setLevel(level)


def _render(summary: Summary) -> bytes:
    doc = layout(summary)
    pdf = _new_pdf(doc)
    pen = _Pen(pdf, doc)
    pdf.add_page()
    _write(pen, one_line(doc.title), size=16, bold=True, colour=BLUE, height=8)
    _write(pen, f"{doc.byline}. {doc.note}", size=9, colour=GREY, height=4.4)
    pdf.set_draw_color(*BAND)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 1.5, pdf.l_margin + pdf.epw, pdf.get_y() + 1.5)
    pdf.set_line_width(0.2)
    pdf.ln(4)
    for number, part in enumerate(doc.parts):
        if number == 1:
            pdf.split()
        _part(pen, part)
    if pen.lost:
        _write(pen, unprintable_line(pen.lost, named=False), size=8.5, colour=GREY)
        summary.notes.append(unprintable_line(pen.lost))
    return bytes(pdf.output())
