"""What a section's list holds: its records, read in a worker thread, ready to draw."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from textual.content import Content
from textual.message import Message

from ..sections.base import Context, Section

Row = tuple[Any, tuple[Content, ...], str]  # the record, its cells, its text for filtering


@dataclass(frozen=True)
class Rows:
    """One section's records as read by a worker, ready to draw."""

    items: list[Any]
    total: int | None
    rows: list[Row]
    check: set[uuid.UUID]
    empty: str


class Loaded(Message):
    """A worker read a section's records."""

    def __init__(self, generation: int, rows: Rows, ctx: Context, keep: uuid.UUID | None) -> None:
        super().__init__()
        self.generation, self.rows, self.ctx, self.keep = generation, rows, ctx, keep


def read_rows(section: Section[Any], ctx: Context, wanted: str, show_all: bool) -> Rows:
    """The section's records (those matching `wanted` for a paged one) and their cells, with
    the ones two carers changed at once marked."""
    from mycare.care import history

    total = None
    if section.page:
        items, total = section.load_page(ctx, wanted)
    else:
        items = section.load(ctx, show_all)
    check = {line.record_id for line in history.to_check(ctx.record)}
    rows = []
    for obj in items:
        cells = section.cells(ctx, obj)
        if obj.id in check:  # two carers changed it at once: marked until looked at
            cells = (Content.assemble(("⚑ ", "bold $warning"), cells[0]), *cells[1:])
        rows.append((obj, cells, " ".join(c.plain for c in cells).casefold()))
    return Rows(items, total, rows, check, section.empty_text(ctx))
