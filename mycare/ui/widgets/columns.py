"""Sizing a list's columns to the terminal: the important ones first, the rest as room allows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from textual.content import Content
from textual.widgets import DataTable

PADDING = 2  # a table puts one space either side of every cell
COMFORTABLE = 24  # wide enough to read most names and titles; more comes once all are shown


@dataclass(frozen=True)
class Fit:
    """How a column gives way when the terminal is narrow.

    keep: 1 is always shown; 2, 3… give way (are left out) in that order when there is
    not room for them. least: the narrowest the column is still useful at (its text is
    cut with an ellipsis below its full width); 0 means it is never narrowed while
    there is room for it.
    """

    keep: int = 1
    least: int = 0


def column_widths(
    naturals: Sequence[int], headers: Sequence[int], fits: Sequence[Fit], room: int
) -> list[int | None]:
    """Each column's width, or None for a column left out, within `room` cells.

    Columns are taken in order of `keep` (then left to right) while their least useful
    width fits beside the columns already taken (those that matter more at a comfortable
    width, those that matter as much at their least); the room left
    over widens them, in the same order, first to a comfortable width and then to their
    longest text. Only when even the kept columns do not fit are they narrowed below
    their least width, the widest first.
    """
    count = len(naturals)
    natural = [max(n, h, 1) for n, h in zip(naturals, headers, strict=True)]
    least = [
        min(natural[i], max(fits[i].least, headers[i])) if fits[i].least else natural[i]
        for i in range(count)
    ]
    least = [min(w, max(room - PADDING, 1)) for w in least]
    comfortable = [max(least[i], min(natural[i], COMFORTABLE)) for i in range(count)]
    order = sorted(range(count), key=lambda i: (fits[i].keep, i))
    shown: list[int] = []
    for i in order:
        keep = fits[i].keep
        # columns that matter more stay comfortable; those that matter as much share
        needed = sum((comfortable[j] if fits[j].keep < keep else least[j]) + PADDING for j in shown)
        if keep <= 1 or needed + least[i] + PADDING <= room:
            shown.append(i)
    widths = {i: least[i] for i in shown}
    spare = room - sum(widths.values()) - PADDING * len(shown)
    for goal in (comfortable, natural):  # first every column comfortable, then whole
        for i in shown:
            extra = max(min(goal[i] - widths[i], spare), 0)
            widths[i] += extra
            spare -= extra
    while spare < 0:
        widest = max(shown, key=lambda i: widths[i])
        if widths[widest] <= 3:
            break  # a terminal this narrow scrolls the list sideways
        widths[widest] -= 1
        spare += 1
    return [widths.get(i) for i in range(count)]


class Cell:
    """A table cell that ends in … when its column is narrower than its text."""

    def __init__(self, content: Content) -> None:
        self.content = content

    @property
    def plain(self) -> str:
        """The whole text, however much of it the column shows."""
        return self.content.plain

    def __str__(self) -> str:
        return self.content.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        content = self.content
        if content.cell_length > width:
            content = content.truncate(width, ellipsis=True)
        yield content


def fill_table(
    table: DataTable[Any],
    names: Sequence[str],
    fits: Mapping[str, Fit],
    rows: Sequence[tuple[Any, Sequence[Content]]],
    sort_column: int,
    arrow: str,
    fallback_width: int,
) -> list[int]:
    """Put rows (record, cells) in the table with its columns sized to fit; which are shown."""
    table.clear(columns=True)
    headers = [name + (arrow if n == sort_column else "") for n, name in enumerate(names)]
    room = table.size.width or fallback_width
    if len(rows) > (table.size.height or table.app.size.height - 6) - 1:
        room -= table.styles.scrollbar_size_vertical  # the rows will not all fit: a scroll bar
    widths = column_widths(
        [
            max((cell_len(cells[n].plain) for _, cells in rows), default=0)
            for n in range(len(names))
        ],
        [cell_len(header) for header in headers],
        [fits.get(name, Fit()) for name in names],
        room,
    )
    shown = [n for n, width in enumerate(widths) if width is not None]
    for n in shown:
        table.add_column(headers[n], key=names[n], width=widths[n])
    for obj, cells in rows:
        table.add_row(*(Cell(cells[n]) for n in shown), key=str(obj.id))
    return shown
