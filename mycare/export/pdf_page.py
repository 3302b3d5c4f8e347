"""An A4 page for the summary: a quiet footer, and two columns below the first block.

Text is laid out once, line by line: each line goes where there is room for it, in the next
column or on a new page when the current one is full. Nothing is rendered twice to find
where a break would fall.
"""

from __future__ import annotations

from fpdf import FPDF

FAMILY = "DejaVu"
GREY = (90, 90, 90)
MARGIN = 13.0  # mm at the sides and bottom
TOP = 12.0
GAP = 7.0  # mm between the two columns


class SummaryPage(FPDF):
    """A4 pages whose text flows down one wide column, or down two after split()."""

    footer_text = ""

    def __init__(self) -> None:
        super().__init__(format="A4", unit="mm")
        self.set_margins(MARGIN, TOP, MARGIN)
        self.set_auto_page_break(False, margin=MARGIN)  # breaks are made by room()
        self.columns = 1
        self.column = 0
        self.column_top = TOP

    def footer(self) -> None:
        self.set_y(-12)
        self.set_left_margin(MARGIN)
        self.set_x(MARGIN)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*GREY)
        self.cell(
            self.w - 2 * MARGIN, 5, f"{self.footer_text}  ·  page {self.page_no()} of {{nb}}",
            align="C",
        )  # fmt: skip
        self._place_column()

    def split(self) -> None:
        """From here on, text flows down two columns."""
        self.columns, self.column, self.column_top = 2, 0, self.get_y()
        self._place_column()

    def room(self, mm: float) -> None:
        """Move to the next column (or page) unless mm of height is left in this one."""
        while self.get_y() + mm > self.page_break_trigger:
            if self.column + 1 < self.columns:
                self.column += 1
                self._place_column()
                self.set_y(self.column_top)
                continue
            self.column = 0
            self.add_page()
            self.column_top = self.t_margin
            self._place_column()
            self.set_y(self.column_top)
            return  # a fresh page: whatever does not fit on it breaks within itself

    def _place_column(self) -> None:
        width = (self.w - 2 * MARGIN - GAP * (self.columns - 1)) / self.columns
        left = MARGIN + self.column * (width + GAP)
        self.set_left_margin(left)
        self.set_right_margin(self.w - left - width)
        self.set_x(left)
