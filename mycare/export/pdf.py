"""The summary as an A4 PDF, drawn with fpdf2 in the bundled DejaVu Sans font.

DejaVu Sans covers Latin, Greek, Cyrillic, Hebrew and Arabic letters, so names such as
Zoë Łukasiewicz print as written; text shaping (uharfbuzz) lays out right-to-left words
and joined scripts properly.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fpdf.enums import MethodReturnValue, XPos, YPos

from .blocks import Block, Document, Fields, Item, Items, Para, Part, Sub, one_line, visible
from .layout import layout
from .pdf_page import FAMILY, SummaryPage
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


def _new_pdf(doc: Document) -> SummaryPage:
    pdf = SummaryPage()
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_text_shaping(True)  # uharfbuzz: right-to-left and joined scripts shape properly
    pdf.footer_text = one_line(doc.title)
    pdf.set_title(one_line(doc.title))
    pdf.set_creator("mycare")
    pdf.set_lang("en")
    pdf.add_page()
    return pdf


def _lines(pdf: SummaryPage, width: float, height: float, text: str) -> list[str]:
    """How text wraps at a width in the current font (measured, not drawn)."""
    lines = pdf.multi_cell(width, height, text, dry_run=True, output=MethodReturnValue.LINES)
    assert isinstance(lines, list)
    return [str(line) for line in lines]


def _write(
    pdf: SummaryPage,
    text: str,
    *,
    size: float = SIZE,
    bold: bool = False,
    indent: float = 0,
    colour: tuple[int, int, int] = INK,
    height: float = LINE,
) -> None:
    """Wrapped text starting `indent` mm in from the left margin, a line at a time."""
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    width = pdf.epw - indent
    for line in _lines(pdf, width, height, visible(text)) or [""]:
        pdf.room(height)
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(width, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _item(pdf: SummaryPage, item: Item, marker: str) -> None:
    pdf.room(2 * LINE)
    top = pdf.get_y()
    pdf.set_font(FAMILY, "", SIZE)
    pdf.set_text_color(*BAND)
    pdf.set_xy(pdf.l_margin + 1, top)
    pdf.cell(5, LINE, marker)
    pdf.set_y(top)
    _write(pdf, item.title, bold=item.strong, indent=6)
    for detail in item.details:
        if detail.strip():
            _write(pdf, detail, size=8.5, indent=6, height=DETAIL)
    for text, done in item.checks:
        pdf.room(DETAIL)
        pdf.set_font(FAMILY, "B", 8.5)
        pdf.set_text_color(*((26, 127, 55) if done else GREY))
        pdf.set_x(pdf.l_margin + 8)
        pdf.cell(5, DETAIL, "✓" if done else "○")
        _write(pdf, text + ("" if done else "  (to do)"), size=8.5, indent=12, height=DETAIL)
    pdf.ln(0.6 if item.strong else 0.2)


def _block(pdf: SummaryPage, block: Block) -> None:
    if isinstance(block, Sub):
        pdf.room(16)
        pdf.ln(1)
        size = 10 if block.level == 3 else 9
        _write(pdf, one_line(block.text), size=size, bold=True, colour=BLUE, height=4.8)
        if block.level == 3:
            pdf.set_draw_color(*RULE)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.ln(0.8)
    elif isinstance(block, Para):
        _write(pdf, block.text, colour=GREY if block.quiet else INK)
        pdf.ln(0.6)
    elif isinstance(block, Fields):
        pdf.set_font(FAMILY, "B", SIZE)
        label_width = 4 + max(pdf.get_string_width(label) for label, _ in block.rows)
        for label, value in block.rows:
            pdf.room(LINE)
            top = pdf.get_y()
            pdf.set_font(FAMILY, "B", SIZE)
            pdf.set_text_color(*GREY)
            pdf.cell(label_width, LINE, label)
            pdf.set_y(top)
            _write(pdf, value, indent=label_width)
        pdf.ln(0.6)
    else:
        assert isinstance(block, Items)
        for number, item in enumerate(block.items, start=1):
            _item(pdf, item, f"{number}." if block.numbered else "•")


def _part(pdf: SummaryPage, part: Part) -> None:
    pdf.room(18)  # the heading keeps with its first lines
    pdf.set_fill_color(*BAND)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(FAMILY, "B", 11.5)
    heading = one_line(part.heading)
    for line in _lines(pdf, pdf.epw - 2, 6.5, heading):
        pdf.room(6.5)
        pdf.cell(pdf.epw, 6.5, f" {line}", fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(0.8)
    for block in part.blocks:
        _block(pdf, block)
    pdf.ln(2.5)


def render_pdf(summary: Summary) -> bytes:
    """The whole summary as PDF bytes.

    Characters the font has no shape for (most emoji) keep their place in the text layer but
    print as a gap; fpdf2's warning about them is kept out of the person's terminal.
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
    _write(pdf, one_line(doc.title), size=16, bold=True, colour=BLUE, height=8)
    _write(pdf, f"{doc.byline}. {doc.note}", size=9, colour=GREY, height=4.4)
    pdf.set_draw_color(*BAND)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 1.5, pdf.l_margin + pdf.epw, pdf.get_y() + 1.5)
    pdf.set_line_width(0.2)
    pdf.ln(4)
    for number, part in enumerate(doc.parts):
        if number == 1:
            pdf.split()
        _part(pdf, part)
    return bytes(pdf.output())
