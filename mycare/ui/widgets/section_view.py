"""A sortable, filterable table of one kind of record, with keys to add, edit and delete."""

from __future__ import annotations

import contextlib
import dataclasses
import threading
import uuid
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Input, Static

from mycare.care import records
from mycare.care.errors import CareError, NotFound, VaultError

from ..access import Locked, app_of, locked_meanwhile, opened
from ..form import ConfirmScreen, FormScreen
from ..sections.base import Context, Section, as_values
from .columns import fill_table
from .quick_table import QuickTable
from .safe_input import SafeInput
from .section_rows import Loaded, Row, Rows, read_rows

SHOWN_AT_MOST = 200


class SectionView(Vertical):
    """One section's records; the section object says what they are."""

    BINDINGS = [
        Binding("a", "add", "Add", id="add", tooltip="Add a new record"),
        Binding("e", "edit", "Edit", id="edit", tooltip="Change the highlighted record"),
        Binding("x,delete", "delete", "Delete", id="delete", tooltip="Delete (asks first)"),
        Binding("u", "undo", "Undo delete", id="undo", show=False),
        Binding("slash", "filter", "Filter", id="filter", tooltip="Filter as you type"),
        Binding("full_stop", "toggle_all", "Show all", id="show-all", show=False),
        Binding("s", "sort", "Sort", id="sort", show=False),
        Binding("h", "history", "History", id="history", show=False),
    ]
    DEFAULT_CSS = """
    SectionView { height: 1fr; }
    SectionView #bar { height: 1; }
    SectionView #filter { width: 1fr; border: none; height: 1; padding: 0 1; }
    SectionView #count { width: auto; color: $text-muted; padding: 0 1; }
    SectionView #empty { color: $text-muted; padding: 1 2; height: auto; }
    SectionView DataTable { height: 1fr; }
    """

    def __init__(self, section: Section[Any], focus: Any = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.section = section
        self.focus_id = focus
        self.show_all = focus is not None
        self.sort_column = 0
        self.sort_reverse = section.newest_first
        self.items: list[Any] = []
        self.total: int | None = None
        self.rows: list[Row] = []
        self.generation = 0  # which reload the list on screen came from
        self.loaded = False
        self.to_check = 0
        self.empty = section.empty_hint
        self.width_drawn = 0  # the width the columns were last sized for
        self.columns_shown: list[int] = []  # which of the section's columns are shown
        self.drawn: Any = None  # what the table was last filled with
        self.count_shown: str | None = None
        self.empty_shown: Any = None
        self.reading = threading.Lock()  # one load at a time: a section keeps what it read

    def compose(self) -> ComposeResult:
        with Horizontal(id="bar"):
            yield SafeInput(placeholder="/ to filter", id="filter", compact=True)
            yield Static("", id="count", markup=False)
        empty = Static(self.section.empty_hint, id="empty", markup=False)
        empty.display = False  # until the first load says whether there is anything
        yield empty
        yield QuickTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        for action in self.section.actions:
            self._bindings.bind(action.key, f"extra('{action.method}')", action.label)
        # the reading thread starts once the first frame is drawn, not competing with it
        self.call_after_refresh(self.reload, self.focus_id)

    # -- data ------------------------------------------------------------------
    @property
    def ctx(self) -> Context:
        record, person = opened(self)
        return Context(record, person)

    def reload(self, keep: uuid.UUID | None = None) -> None:
        """Read the records again in a worker thread; redraw, keeping the cursor on `keep`."""
        if app_of(self).record is None:
            return
        self.generation += 1
        wanted = self.query_one("#filter", Input).value.strip()
        self._load(self.ctx, self.generation, wanted, self.show_all, keep)

    @work(thread=True, group="section-load")
    def _load(
        self, ctx: Context, generation: int, wanted: str, show_all: bool, keep: uuid.UUID | None
    ) -> None:
        try:
            rows = self._read(ctx, wanted, show_all)
        except Exception:
            if locked_meanwhile(self, ctx.record):
                return  # what it read is not wanted any more
            raise
        self.post_message(Loaded(generation, rows, ctx, keep))

    def _read(self, ctx: Context, wanted: str, show_all: bool) -> Rows:
        with self.reading:
            return read_rows(self.section, ctx, wanted, show_all)

    def on_loaded(self, message: Loaded) -> None:
        message.stop()
        if message.generation != self.generation:
            return  # a newer load is on its way
        rows = message.rows
        self.items, self.total, self.rows = rows.items, rows.total, rows.rows
        self.to_check = sum(1 for obj in self.items if obj.id in rows.check)
        self.empty = rows.empty
        self.loaded = True
        self.redraw(message.ctx, message.keep)

    def _sort_key(self, ctx: Context, obj: Any, cells: tuple[Content, ...]) -> Any:
        key = self.section.sort_key(ctx, obj, self.sort_column)
        return cells[self.sort_column].plain.casefold() if key is None else key

    def redraw(self, ctx: Context, keep: uuid.UUID | None = None) -> None:
        table = self.query_one(DataTable)
        wanted = self.query_one("#filter", Input).value.casefold().strip()
        if self.section.page:
            wanted = ""  # the store already chose the rows
        rows = [(obj, cells) for obj, cells, text in self.rows if wanted in text]
        rows.sort(key=lambda r: self._sort_key(ctx, *r), reverse=self.sort_reverse)
        shown = rows[:SHOWN_AT_MOST]
        arrow = " ▼" if self.sort_reverse else " ▲"
        width = self.size.width or self.app.size.width
        drawn = (
            self.sort_column,
            self.sort_reverse,
            width,
            [(obj.id, [(c.plain, tuple(c.spans)) for c in cells]) for obj, cells in shown],
        )
        if drawn != self.drawn:  # shown again as it was: the table is left as it is
            self.drawn = drawn
            section = self.section
            self.columns_shown = fill_table(
                table, section.columns, section.fits, shown, self.sort_column, arrow, width
            )
        self.width_drawn = self.size.width
        count = f"{len(rows):,} of {len(self.items):,}"
        if len(rows) > len(shown):
            count = f"first {len(shown)} of {len(rows):,} · filter to find others"
        if self.total is not None:
            count = f"{len(rows):,} of {self.total:,}"
            if len(rows) >= self.section.page:
                count = f"newest {len(rows):,} of {self.total:,} · filter to find others"
        hidden = f"  · . shows {self.section.hidden_label}" if self.section.hidden_label else ""
        if self.show_all and self.section.hidden_label:
            hidden = f"  · showing {self.section.hidden_label} (. hides)"
        if self.to_check:
            hidden += "  · ⚑ changed by both: h shows it"
        if self.count_shown != count + hidden:
            self.count_shown = count + hidden
            self.query_one("#count", Static).update(self.count_shown)
        empty = self.query_one("#empty", Static)
        empty.display = self.loaded and not self.items
        if self.empty_shown != self.empty:
            self.empty_shown = self.empty
            empty.update(self.empty)
        if keep is not None:
            with contextlib.suppress(Exception):  # the row is filtered out or gone
                table.move_cursor(row=table.get_row_index(str(keep)))

    def on_resize(self, event: events.Resize) -> None:
        """A wider or narrower terminal: size the columns again (the cursor stays)."""
        if not self.loaded or event.size.width == self.width_drawn:
            return
        try:
            ctx = self.ctx
        except Locked:
            return
        current = self.current()
        self.redraw(ctx, getattr(current, "id", None))

    def current(self) -> Any | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((o for o in self.items if str(o.id) == key), None)

    # -- doing things safely ---------------------------------------------------
    def attempt(self, job: Any, *args: Any, **kwargs: Any) -> tuple[bool, Any]:
        """Run a care change: (done, result); a problem becomes a message instead."""
        try:
            return True, job(*args, **kwargs)
        except (CareError, VaultError) as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return False, None

    @work
    async def action_add(self) -> None:
        ctx = self.ctx
        section = self.section
        form = FormScreen(
            f"New {section.noun}", section.fields(ctx), section.answers, section.defaults(ctx)
        )
        form.origin = self.origin("add")
        values = await self.app.push_screen_wait(form)
        if values is not None:
            done, added = self.attempt(self.section.add, ctx, values)
            if done:
                self.notify(f"Added {self.section.noun}.")
                self.reload(keep=getattr(added, "id", None))

    @work
    async def action_edit(self) -> None:
        obj = self.current()
        if obj is None:
            return
        ctx = self.ctx
        fields = self.section.fields(ctx)
        before = self.section.values(ctx, obj)
        form = FormScreen(f"Change {self.section.noun}", fields, self.section.answers, before)
        form.origin = self.origin("edit", obj.id)
        values = await self.app.push_screen_wait(form)
        if values is not None:
            ctx = self.ctx
            obj, values = self._rebase(ctx, obj, before, values)
            self.attempt(self.section.update, ctx, obj, values)
            self.reload(keep=obj.id)

    def _rebase(
        self, ctx: Context, obj: Any, before: dict[str, Any], answers: Any
    ) -> tuple[Any, Any]:
        """Apply only what the person changed in the form to the record as it is now.

        Another carer's changes may have arrived while the form was open: fields this
        person left alone keep the other carer's values instead of the form's old copy.
        """
        try:
            fresh = records.get(ctx.record, self.section.model, obj.id)
        except NotFound:  # deleted on another computer meanwhile: this edit brings it back
            self.section.restore(ctx, obj.id)
            fresh = records.get(ctx.record, self.section.model, obj.id)
            self.notify(f"This {self.section.noun} had been deleted elsewhere; it is back.")
        now = self.section.values(ctx, fresh)
        typed = as_values(answers)
        changed = {k: v for k, v in typed.items() if before.get(k) != v}
        kept = {k: v for k, v in now.items() if k in typed}
        return fresh, dataclasses.replace(answers, **(kept | changed))

    def action_history(self) -> None:
        """Who changed the highlighted record and when; looking marks "changed by both" seen."""
        from mycare.care import history

        from ..screens.history import HistoryScreen

        obj = self.current()
        if obj is None:
            return
        record = self.ctx.record
        lines = history.of_record(record, obj.id)
        if any(line.needs_check for line in lines):
            self.attempt(history.mark_seen, record, obj.id)
            self.reload(keep=obj.id)
        title = f"History of this {self.section.noun}: {self.section.describe(obj)}"
        self.app.push_screen(
            HistoryScreen(
                title[:80],
                [("", lines)],
                with_record=False,
                empty="No changes are recorded (it was made before mycare kept history).",
            )
        )

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_edit()

    @work
    async def action_delete(self) -> None:
        obj = self.current()
        if obj is None:
            return
        question = f"Delete this {self.section.noun}?\n\n{self.section.describe(obj)}"
        if not await self.app.push_screen_wait(ConfirmScreen(question)):
            return
        done, _ = self.attempt(self.section.delete, self.ctx, obj)
        if done:
            app_of(self).deleted.append((self.section, obj.id))
            self.notify("Deleted. Press u to bring it back.")
            self.reload()

    def action_undo(self) -> None:
        """Bring back the last record deleted since unlocking, whichever list it was in."""
        deleted = app_of(self).deleted
        if not deleted:
            self.notify("Nothing deleted since mycare was unlocked.")
            return
        section, record_id = deleted.pop()
        done, _ = self.attempt(section.restore, self.ctx, record_id)
        if done:
            self.reload(keep=record_id)
            self.notify(f"Brought back the {section.noun}.")

    def show_record(self, record_id: Any) -> None:
        """Read the list again with every record in it, the cursor on `record_id`."""
        box = self.query_one("#filter", Input)
        if box.value:
            with box.prevent(Input.Changed):
                box.value = ""
        self.show_all = True
        self.reload(keep=record_id)

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    @on(Input.Changed, "#filter")
    def _filter(self) -> None:
        if self.section.page or not self.loaded:
            self.reload()
        else:
            self.redraw(self.ctx)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_toggle_all(self) -> None:
        if not self.section.hidden_label:
            return
        self.show_all = not self.show_all
        self.reload()

    def action_sort(self) -> None:
        self.sort_column = (self.sort_column + 1) % len(self.section.columns)
        self.redraw(self.ctx)
        self.notify(f"Sorted by {self.section.columns[self.sort_column].lower()}.")

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        column = self.columns_shown[event.column_index]
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        self.sort_column = column
        self.redraw(self.ctx)

    def origin(self, action: str, record_id: Any = None) -> tuple[Any, ...]:
        """Which section, tab, action and record a form belongs to."""
        key = getattr(self.screen, "key", "")
        return ("section", key, self.section.title, action, record_id)

    @work
    async def action_extra(self, method: str) -> None:
        """Run a section's own action (mark done, set as lead…) on the highlighted record."""
        obj = self.current()
        origin = self.origin(f"extra:{method}", getattr(obj, "id", None))
        app_of(self).form_origin = origin
        if obj is None and any(a.method == method and a.needs_row for a in self.section.actions):
            self.notify(f"Highlight a {self.section.noun} first.")
            return
        handler = getattr(self.section, method)
        try:
            result = handler(self, obj)
            if hasattr(result, "__await__"):
                await result
        finally:
            app_of(self).form_origin = None
