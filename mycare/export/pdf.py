"""The summary as an A4 PDF, drawn with fpdf2 in the bundled DejaVu Sans font.

DejaVu Sans covers Latin, Greek, Cyrillic, Hebrew and Arabic letters, so names such as
Zoë Łukasiewicz print as written; text shaping (uharfbuzz) lays out right-to-left words
and joined scripts properly.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .blocks import Block, Document, Fields, Item, Items, Para, Part, Sub, one_line, visible
from .layout import layout
from .summary import Summary

FONTS = Path(__file__).with_name("fonts")
FAMILY = "DejaVu"
INK = (27, 31, 36)
BLUE = (16, 58, 92)
BAND = (29, 92, 140)
GREY = (90, 90, 90)
RULE = (200, 210, 220)
LINE = 5.0  # mm per line of body text


class _Page(FPDF):
    """An A4 page with a quiet footer naming whose summary it is."""

    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"{self.footer_text}  ·  page {self.page_no()} of {{nb}}", align="C")


def _new_pdf(doc: Document) -> _Page:
    pdf = _Page(format="A4", unit="mm")
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_text_shaping(True)  # uharfbuzz: right-to-left and joined scripts shape properly
    pdf.set_margins(18, 15, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.footer_text = one_line(doc.title)
    pdf.set_title(one_line(doc.title))
    pdf.set_creator("mycare")
    pdf.set_lang("en")
    pdf.add_page()
    return pdf


def _write(
    pdf: FPDF,
    text: str,
    *,
    size: float = 10,
    bold: bool = False,
    indent: float = 0,
    colour: tuple[int, int, int] = INK,
    height: float = LINE,
) -> None:
    """Wrapped text starting `indent` mm in from the left margin."""
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(pdf.epw - indent, height, visible(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _room(pdf: FPDF, mm: float) -> None:
    """Start a new page unless mm of space is left (keeps headings with what follows)."""
    if pdf.get_y() + mm > pdf.page_break_trigger:
        pdf.add_page()


def _item(pdf: FPDF, item: Item, marker: str) -> None:
    _room(pdf, 2 * LINE)
    top = pdf.get_y()
    pdf.set_font(FAMILY, "", 10)
    pdf.set_text_color(*BAND)
    pdf.set_xy(pdf.l_margin + 1, top)
    pdf.cell(5, LINE, marker)
    pdf.set_y(top)
    _write(pdf, item.title, bold=item.strong, indent=7)
    for detail in item.details:
        if detail.strip():
            _write(pdf, detail, size=9.5, indent=7, height=4.6)
    for text, done in item.checks:
        pdf.set_font(FAMILY, "B", 9.5)
        pdf.set_text_color(*((26, 127, 55) if done else GREY))
        pdf.set_x(pdf.l_margin + 9)
        pdf.cell(5, 4.6, "✓" if done else "○")
        _write(pdf, text + ("" if done else "  (to do)"), size=9.5, indent=14, height=4.6)
    pdf.ln(1.2)


def _block(pdf: FPDF, block: Block) -> None:
    if isinstance(block, Sub):
        _room(pdf, 22)
        pdf.ln(1.5)
        size = 11 if block.level == 3 else 10
        _write(pdf, one_line(block.text), size=size, bold=True, colour=BLUE, height=6)
        if block.level == 3:
            pdf.set_draw_color(*RULE)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.ln(1.2)
    elif isinstance(block, Para):
        _write(pdf, block.text, colour=GREY if block.quiet else INK)
        pdf.ln(1)
    elif isinstance(block, Fields):
        label_width = 34.0
        for label, value in block.rows:
            _room(pdf, LINE)
            top = pdf.get_y()
            pdf.set_font(FAMILY, "B", 10)
            pdf.set_text_color(*GREY)
            pdf.cell(label_width, LINE, label)
            pdf.set_y(top)
            _write(pdf, value, indent=label_width)
        pdf.ln(1)
    else:
        assert isinstance(block, Items)
        for number, item in enumerate(block.items, start=1):
            _item(pdf, item, f"{number}." if block.numbered else "•")


def _part(pdf: FPDF, part: Part) -> None:
    _room(pdf, 24)
    pdf.set_fill_color(*BAND)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(FAMILY, "B", 12.5)
    heading = " " + one_line(part.heading)
    pdf.multi_cell(pdf.epw, 8, heading, fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)
    for block in part.blocks:
        _block(pdf, block)
    pdf.ln(3)


def _start_part_on_its_own_page_if_it_fits(pdf: FPDF, part: Part) -> None:
    """Page breaks fall between sections: a part that would straddle two pages but fits on
    one starts a new page (as the HTML print stylesheet does)."""
    page, top = pdf.page, pdf.get_y()
    if top <= pdf.t_margin + 1:
        return
    with pdf.offset_rendering() as trial:
        _part(trial, part)  # type: ignore[arg-type]  # a recorder stands in for the page
        height = trial.get_y() - top + (trial.page - page) * pdf.eph
    if trial.page_break_triggered and height <= pdf.eph:
        pdf.add_page()


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
    _write(pdf, one_line(doc.title), size=18, bold=True, colour=BLUE, height=9)
    _write(pdf, doc.byline, size=10, colour=GREY)
    _write(pdf, doc.note, size=9, colour=GREY)
    pdf.set_draw_color(*BAND)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 1.5, pdf.l_margin + pdf.epw, pdf.get_y() + 1.5)
    pdf.set_line_width(0.2)
    pdf.ln(5)
    for part in doc.parts:
        _start_part_on_its_own_page_if_it_fits(pdf, part)
        _part(pdf, part)
    return bytes(pdf.output())
