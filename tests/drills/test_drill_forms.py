"""Form fuzzing: hostile strings through every text field of every add form, via Pilot.

For each section (and "About me") one app session opens the add form several
times.  Each time, every text field gets a different string from a seeded pool
of hostile text — markup, control characters, emoji, right-to-left and
zero-width characters, lone surrogates, 10,000 and 20,001 characters — and the
form is saved with ctrl+s.  Then either

- the form closes, and the record read back through the care layer holds
  exactly what the form held, and the list shows it exactly; or
- the form stays open, every refused field has a message under it, nothing
  typed is lost, and once the refused fields are replaced the form saves.

Text that breaks no rule (one line where one line is asked for, no control
characters, within the length limit) must never be refused.  The app must
never crash and the screen must always render.  After the session the store is
opened again from disk and must hold every saved value exactly.

``MYCARE_DRILL_FORM_SAVES`` sets how many saves per form (default 3; with as
many saves as there are strings in the pool, every string goes through every
field); ``MYCARE_DRILL_SEED`` picks other random strings.
"""

from __future__ import annotations

import os
import random
import unicodedata
import uuid
from datetime import datetime
from typing import Any

import pytest
from rich.cells import cell_len
from sqlmodel import col, select
from textual.widgets import DataTable, Input, Select, TabbedContent, TextArea

from mycare.care import clock, goals, people, records
from mycare.care.fields import LONG_LIMIT, SHORT_LIMIT
from mycare.store import Person

pytestmark = pytest.mark.slow  # types hostile text into every field of every form

NOW = datetime(2026, 11, 22, 10, 45)
SEED = int(os.environ.get("MYCARE_DRILL_SEED", "20261122"))
SAVES = int(os.environ.get("MYCARE_DRILL_FORM_SAVES", "3"))

FIXED = [
    "[bold]x[/]",
    "[/]",
    "[@click=app.quit]Click me[/]",
    "[link=https://example.com]l[/link] [red on blue]r [/red on blue]",
    "\\[escaped] [b]\\",
    "<script>alert('x')</script> &amp; %s {0} $accent",
    "Nan 👵🏽 ❤️ 🫀 👨‍👩‍👧 🏳️‍🌈 🇬🇧",
    "د. ليلى حداد שרה \u200f! \u202eevil\u202c",
    "zero\u200bwidth\u200c\u200d\ufeff\u2060",
    "e\u0301 ﬁ ß İ Z̴̡̧͎a̶l̵g̷o 中文 𝔘𝔫𝔦",
    "x" * 10_000,
    "word " * 2_000,
    "a" * SHORT_LIMIT,
    "b" * (SHORT_LIMIT + 1),
    "c" * (LONG_LIMIT + 1),
    "line one\nline two\r\nline three",
    "bell\x07 null\x00 esc\x1b[31m del\x7f",
    "tab\there",
    "\ud800 lone \udfff",
    "   ",
    "",
    "  leading and trailing  ",
    "\u2028para\u2029",
    "\x85next line",
    "\U0010ffff \ue000 \ufffd",
    "🩺" * 5_000,
]
PIECES = [
    "[bold]", "[/]", "[@click=app.quit]", "[b]", "[/b]", "[", "]", "\\", "[$accent]", "{x}",
    "\x00", "\x07", "\x1b", "\x7f", "\t", "\n", "\r", "\x0b", "\x0c", "\x85",
    "👵🏽", "❤️", "🫀", "👨‍👩‍👧", "🇬🇧", "ليلى", "שרה", "\u202e", "\u202c", "\u200f",
    "\u200b", "\u200d", "\ufeff", "\ud800", "\udc00", "é", "e\u0301", "中", "\u00a0", " ",
    "Peggy", "GP", "2.5 mg", "07700 900123", "a@b.example", "\u2028", "\U0001f600",
]  # fmt: skip
TYPED = ["[bold]x[/]", "Dr [/] Who [@click=app.quit]q", "\\[b] <i>"]  # key by key


# Fields with a format of their own are put right with a value in that format.
WELL_FORMED = {"nhs_number": "943 476 5919", "time_zone": "Europe/London"}


def pool() -> list[str]:
    rng = random.Random(SEED)
    made = []
    for _ in range(20):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8)))
        if rng.random() < 0.15:
            text = text * rng.randint(40, 400)
        made.append(text)
    return FIXED + made


POOL = pool()


def breaks_no_rule(text: str, multiline: bool, required: bool) -> bool:
    """Text a person may store, by the rules the forms promise (checked independently)."""
    if required and not text.strip():
        return False
    if len(text) > (LONG_LIMIT if multiline else SHORT_LIMIT):
        return False
    for ch in text:
        cat = unicodedata.category(ch)
        if multiline and ch in "\t\n\r":
            continue
        if cat in ("Cc", "Cs") or (not multiline and ch in "\u2028\u2029"):
            return False
    return True


def shown_as(text: str) -> str:
    """How a list cell shows text: exactly, with line breaks as ' / '."""
    return " / ".join(text.splitlines())


# -- the sections ------------------------------------------------------------------------
SECTIONS = {
    "appointments": ("2", 0),
    "team": ("3", 0),
    "steps": ("4", 0),
    "questions": ("5", 0),
    "goals": ("6", 0),
    "medicines": ("7", 0),
    "conditions": ("7", 1),
    "allergies": ("7", 2),
    "diary": ("8", 0),
    "about": ("9", 0),
}


def view_of(app) -> Any:
    from mycare.ui.widgets.section_view import SectionView

    tabs = app.screen.query(TabbedContent)
    if tabs:
        return tabs.first().query_one(f"#{tabs.first().active}").query_one(SectionView)
    return app.screen.query_one(SectionView)


def live_ids(record, model) -> set[uuid.UUID]:
    with record.reading() as session:
        return set(session.exec(select(model.id).where(col(model.deleted_at).is_(None))))


def stored_value(record, model, obj_id, name: str) -> Any:
    if model.__name__ == "Goal" and name == "steps":
        return [s.text for s in goals.goal_steps(record, obj_id)]
    return getattr(records.get(record, model, obj_id), name)


def expected_value(model_name: str, name: str, text: str) -> Any:
    """What the care layer promises to keep for what the form held."""
    if model_name == "Goal" and name == "steps":  # "one per line"
        return [line.strip() for line in text.splitlines() if line.strip()]
    if model_name == "Question" and name == "answer" and not text.strip():
        return ""  # no answer written
    return text


# -- driving one form --------------------------------------------------------------------
def text_fields(form) -> list[Any]:
    return [f for f in form.fields if f.kind in ("text", "long")]


async def fill_the_rest(pilot, form) -> None:
    """Give required non-text fields a valid value, as a person would."""
    for field in form.fields:
        if field.kind in ("text", "long") or not field.required:
            continue
        widget = form.query_one(f"#field-{field.name}")
        if isinstance(widget, Select) and widget.value is Select.NULL:
            widget.value = field.choices[0][1]
        elif isinstance(widget, Input) and not widget.value.strip():
            widget.value = {"number": str(max(field.low, 1)), "date": "tomorrow"}.get(
                field.kind, "tomorrow 10am"
            )
    await pilot.pause()


async def put(kit, pilot, widget, text: str, how: str) -> None:
    """Give a field text as a person can: typed key by key, or pasted (the terminal's
    paste goes to the focused field).  A one-line box keeps only a paste's first line."""
    from textual import events

    if isinstance(widget, TextArea):
        widget.text = ""
    else:
        widget.value = ""
    pilot.app.screen.set_focus(widget)
    if how == "typed":
        await pilot.pause()
        await pilot.press(*text)
        assert held(widget) == text, f"typing {text!r} gave {held(widget)!r}"
    else:
        widget._forward_event(events.Paste(text))  # what the app does with a paste


def held(widget) -> str:
    return widget.text if isinstance(widget, TextArea) else widget.value


def assert_renders(kit, app) -> None:
    kit.alive(app)
    width, height = app.size
    lines = kit.text(app).rstrip("\n").split("\n")
    assert len(lines) == height, "the screen did not render whole:\n" + "\n".join(map(repr, lines))
    assert all(cell_len(line) <= width for line in lines), "a line is wider than the screen"


class Drill:
    """One section's session: what was saved, to check against the disk at the end."""

    def __init__(self, kit, pilot, section: str) -> None:
        self.kit = kit
        self.pilot = pilot
        self.app = pilot.app
        self.section = section
        self.saved: dict[tuple[str, uuid.UUID], dict[str, Any]] = {}
        self.models: dict[str, Any] = {}
        self.offset = list(SECTIONS).index(section) * 7
        self.refusals = 0

    async def go_to_section(self) -> None:
        key, tab = SECTIONS[self.section]
        kit, pilot, app = self.kit, self.pilot, self.app
        wanted = "AboutScreen" if self.section == "about" else "SectionScreen"
        if kit.screen_name(app) == wanted:
            return
        await pilot.press(key)
        await kit.wait_until(pilot, lambda: kit.screen_name(app) == wanted)
        if tab:
            app.screen.query_one(TabbedContent).active = f"tab-{tab}"
            await pilot.pause()
            view_of(app).query_one(DataTable).focus()
            await pilot.pause()

    async def open_form(self) -> None:
        await self.go_to_section()
        await self.kit.open_form(self.pilot, "e" if self.section == "about" else "a")

    def model(self):
        if self.section == "about":
            return Person
        return view_of(self.app).section.model

    async def attempt(self, n: int) -> None:
        kit, pilot, app = self.kit, self.pilot, self.app
        await self.go_to_section()
        model = self.model()
        before = live_ids(app.record, model)
        await self.open_form()
        form = app.screen
        fields = text_fields(form)
        assert fields, f"{self.section}: a form with no text fields"
        await fill_the_rest(pilot, form)
        given: dict[str, str] = {}
        for i, field in enumerate(fields):
            text = POOL[(self.offset + n * len(fields) + i) % len(POOL)]
            how = "typed" if n == 0 and i == 0 else "pasted"
            if how == "typed":
                text = TYPED[list(SECTIONS).index(self.section) % len(TYPED)]
            await put(kit, pilot, form.query_one(f"#field-{field.name}"), text, how)
            given[field.name] = text
        await pilot.pause()
        # the form holds what was given: a text area may write line breaks its own
        # way, and a one-line box takes the first line of a paste
        for field in fields:
            now, text = held(form.query_one(f"#field-{field.name}")), given[field.name]
            if field.kind == "long":
                assert now.splitlines() == text.splitlines(), field.name
            else:
                assert now == (text.splitlines() or [""])[0], field.name
            given[field.name] = now
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert_renders(kit, app)

        if kit.screen_name(app) == "FormScreen":
            self.refusals += 1
            await self.refused(form, fields, given)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert kit.screen_name(app) != "FormScreen", (
                f"{self.section}: still refused once every flagged field was put right: "
                f"{[(f.name, kit.note(app, f.name)) for f in fields]}"
            )
        await kit.settle(pilot)
        assert_renders(kit, app)
        self.check_saved(model, before, given)

    async def refused(self, form, fields, given: dict[str, str]) -> None:
        """The form stayed open: each refusal is explained and nothing typed was lost."""
        kit, app = self.kit, self.app
        flagged = []
        for field in fields:
            widget = form.query_one(f"#field-{field.name}")
            note = form.query_one(f"#note-{field.name}")
            assert held(widget) == given[field.name], f"{field.name}: typed text lost"
            if note.has_class("-error"):
                flagged.append(field)
                message = kit.note(app, field.name)
                assert message.strip(), f"{field.name}: refused with no message"
                assert "\n" not in message and "Traceback" not in message, message
            multiline = field.kind == "long"
            if field.name not in WELL_FORMED and breaks_no_rule(
                given[field.name], multiline, field.required
            ):
                assert field not in flagged, (
                    f"{self.section}.{field.name} refused text that breaks no rule: "
                    f"{given[field.name][:80]!r} -> {kit.note(app, field.name)!r}"
                )
        assert flagged, f"{self.section}: the form stayed open but no field says why"
        assert "need another look" in " ".join(kit.toasts(app))
        for field in flagged:  # the person puts them right
            fixed = WELL_FORMED.get(field.name, f"fixed {field.name}")
            await put(kit, self.pilot, form.query_one(f"#field-{field.name}"), fixed, "pasted")
            given[field.name] = fixed
        await self.pilot.pause()
        for field in flagged:
            assert held(form.query_one(f"#field-{field.name}")) == given[field.name]

    def check_saved(self, model, before: set[uuid.UUID], fields: dict[str, str]) -> None:
        """The record holds exactly what the form held when it was saved."""
        app = self.app
        record = app.record
        if self.section == "about":
            obj_id = app.person.id
        else:
            added = live_ids(record, model) - before
            assert len(added) == 1, f"{self.section}: {len(added)} records added by one save"
            [obj_id] = added
        self.models[model.__name__] = model
        values = self.saved.setdefault((model.__name__, obj_id), {})
        for name, text in fields.items():
            stored = stored_value(record, model, obj_id, name)
            assert stored == expected_value(model.__name__, name, text), (
                f"{self.section}.{name}: stored {str(stored)[:80]!r}, form held {text[:80]!r}"
            )
            values[name] = stored
        # and shown back exactly
        primary = next(iter(fields))
        if self.section == "about":
            shown = self.kit.shown(app.screen.query_one(f"#show-{primary}"))
            assert shown == shown_as(fields[primary]), (shown[:80], fields[primary][:80])
            return
        view = view_of(app)
        current = view.current()
        if current is not None and current.id == obj_id:
            table = view.query_one(DataTable)
            cells = [getattr(c, "plain", str(c)) for c in table.get_row_at(table.cursor_row)]
            assert shown_as(fields[primary]) in cells, (fields[primary][:80], cells)


# -- the test ------------------------------------------------------------------------------
@pytest.mark.parametrize("section", list(SECTIONS))
async def test_hostile_text_in_every_field_is_kept_exactly_or_refused_with_a_message(
    section, kit, tmp_path, monkeypatch
):
    monkeypatch.setattr(clock, "now", lambda: NOW)
    store = kit.small_store(tmp_path / "care.mycare")
    app = kit.app(store)
    async with kit.run(app, size=(100, 30)) as pilot:
        await kit.unlock(pilot)
        drill = Drill(kit, pilot, section)
        for n in range(SAVES):
            await drill.attempt(n)
        assert_renders(kit, app)
        await kit.press_quit(pilot)
    assert not app.is_running and app._exception is None

    record = kit.reopen(store)
    for (model_name, obj_id), values in drill.saved.items():
        model = drill.models[model_name]
        for name, value in values.items():
            assert stored_value(record, model, obj_id, name) == value, (section, name)
    if section == "about":
        assert people.find_person(record).id == next(iter(drill.saved))[1]


# -- what reaches the terminal ---------------------------------------------------------------
HOSTILE_PASTE = "Dr Who\x1b[2J\x1b]0;owned\x07\x1b]52;c;b3duZWQ=\x1b\\ end"


def terminal_bytes(app) -> str:
    """What the app would write to a real terminal for the whole screen."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return update.render_segments(app.console)


@pytest.mark.parametrize("field", ["name", "notes"])
async def test_control_characters_pasted_into_a_form_never_reach_the_terminal(kit, tmp_path, field):
    """A paste holding escape sequences is refused with a message, and while it sits in
    the form (nothing typed is lost) its escape codes must not be written to the terminal
    as they are: they could clear the screen, retitle the window or set the clipboard."""
    from textual import events

    store = kit.small_store(tmp_path / "care.mycare")
    app = kit.app(store)
    async with kit.run(app, size=(100, 30)) as pilot:
        await kit.unlock(pilot)
        await pilot.press("3")
        await kit.wait_until(pilot, lambda: kit.screen_name(app) == "SectionScreen")
        await kit.open_form(pilot, "a")
        widget = app.screen.query_one(f"#field-{field}")
        app.screen.set_focus(widget)
        await pilot.pause()
        app.post_message(events.Paste(HOSTILE_PASTE))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert kit.screen_name(app) == "FormScreen"
        assert "control character" in kit.note(app, field)
        assert held(widget) == HOSTILE_PASTE  # kept, so the person can mend it
        written = terminal_bytes(app)
        for sequence in ("\x1b[2J", "\x1b]0;owned", "\x1b]52;c;"):
            assert sequence not in written, f"{sequence!r} from the paste reached the terminal"
        kit.alive(app)
