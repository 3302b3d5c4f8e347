"""A table that draws its one-line cells directly.

Textual's DataTable draws every cell through Rich's general layout (padding, wrapping, then
cropping to one line). A section's rows are one line of plain styled text, and drawing a
screenful of them that way was about half the time a section took to appear on a long record.
This table draws such a cell in one step, with the same styles, and leaves any other cell
(a header, a cell with a line break or a tab) to DataTable.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.widgets import DataTable

SegmentLines = list[list[Segment]]


class QuickTable(DataTable[Any]):
    """A DataTable whose one-line text cells are drawn directly."""

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> SegmentLines:
        if row_index < 0 or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        narrow = width < 2 * self.cell_padding + 1
        if row_key is None or column_key is None or narrow or self.rows[row_key].height != 1:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        key = (row_key, column_key, base_style, cursor, hover, self._show_hover_cursor,
               self._update_count, self._pseudo_class_state)  # fmt: skip
        cached = self._cell_render_cache.get(key)
        if cached is not None:
            return cached
        cell = self._get_row_renderables(row_index).cells[column_index]
        if not isinstance(cell, Content) or "\n" in cell.plain or "\t" in cell.plain:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
        component_style, post_style = self._get_styles_to_render_cell(
            False, False, fixed, hover, cursor, self.show_cursor, self._show_hover_cursor,
            self.cursor_foreground_priority == "css", self.cursor_background_priority == "css",
        )  # fmt: skip
        pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index})
        pad = " " * self.cell_padding
        inner = cell.truncate(max(0, width - 2 * len(pad)), pad=True)
        segments = [Segment(pad), *inner.render_segments(), Segment(pad)]
        line = list(Segment.apply_style(segments, pre_style + component_style, post_style))
        lines = [line]
        self._cell_render_cache[key] = lines
        return lines
