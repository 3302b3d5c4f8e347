"""The section tables draw their cells directly; a person must see exactly what DataTable draws."""

from __future__ import annotations

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import DataTable

from mycare.ui.widgets.quick_table import QuickTable

ROWS = [
    ("Dr Ada Obi", "GP", "01632 960183"),
    ("[bold]not bold[/] <script>", "Consultant cardiologist with a very long title", "—"),
    ("王小明 병원", "नर्स", "ผู้ดูแล 🙂"),
    ("", "x" * 200, "a\u200bb"),
]


class Both(App[None]):
    def compose(self) -> ComposeResult:
        for table in (DataTable(id="plain", zebra_stripes=True),
                      QuickTable(id="quick", zebra_stripes=True)):  # fmt: skip
            table.add_column("Name", width=12)
            table.add_column("Role", width=20)
            table.add_column("Phone", width=9)
            for row in ROWS:
                table.add_row(*(Content(cell) for cell in row))
            yield table


def drawn(table: DataTable[object], row: int, column: int, cursor: bool) -> list[Segment]:
    width = table.columns[table._column_locations.get_key(column)].get_render_width(table)
    style = table.rich_style
    lines = table._render_cell(row, column, style, width, cursor=cursor)
    return list(Segment.simplify(lines[0]))


async def test_each_cell_is_drawn_as_datatable_draws_it() -> None:
    app = Both()
    async with app.run_test(size=(100, 30)) as pilot:
        app.set_focus(None)  # the two tables alike: neither has the keys
        await pilot.pause()
        plain = app.query_one("#plain", DataTable)
        quick = app.query_one("#quick", QuickTable)
        for row in range(len(ROWS)):
            for column in range(3):
                for cursor in (False, True):
                    expected = drawn(plain, row, column, cursor)
                    got = drawn(quick, row, column, cursor)
                    assert "".join(s.text for s in got) == "".join(s.text for s in expected)
                    assert got == expected, (row, column, cursor)
        assert "[bold]not " in "".join(s.text for s in drawn(quick, 1, 0, False))
