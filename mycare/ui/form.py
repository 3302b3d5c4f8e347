"""A form in a modal: each field checked as it is typed, errors said in plain words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from mycare.care.errors import CareError

from .fields import Field, describe, parse, to_text
from .steady import SteadyModal
from .widgets.safe_input import SafeInput, SafeTextArea
from .widgets.ticks import TickBox, TickList

Answers = TypeVar("Answers")


class FormScreen(SteadyModal[Answers | None]):
    """Edit some fields; dismisses with the checked values as one typed answer (a dataclass
    whose fields are named as the form's), or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
        Binding("ctrl+s", "save", "Save", id="form-save", priority=True),
    ]
    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen #form { width: 76; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1; }
    FormScreen #fields { height: auto; max-height: 1fr; }
    FormScreen .row { height: auto; margin-top: 1; }
    FormScreen Input, FormScreen TextArea { background: $boost; }
    FormScreen .label { width: 24; padding-right: 1; }
    FormScreen .row > * { width: 1fr; }
    FormScreen .row > .label { width: 24; }
    FormScreen .note { color: $text-muted; height: auto; padding-left: 24; display: none; }
    FormScreen .note.-shown { display: block; }
    FormScreen .note.-error { color: $error; }
    FormScreen TextArea { height: 4; }
    FormScreen SelectionList { height: auto; max-height: 8; }
    FormScreen #buttons { height: auto; dock: bottom; align-horizontal: right;
        border-top: hkey $panel; }
    FormScreen #buttons Button { margin-left: 2; }
    FormScreen #needed { width: 1fr; color: $text-muted; }
    """

    def __init__(
        self,
        title: str,
        fields: list[Field],
        answers: Callable[..., Answers],
        values: dict[str, Any] | None = None,
        validate: Callable[[dict[str, Any]], object] | None = None,
    ):
        super().__init__()
        self.answers = answers
        self.validate = validate  # the care layer's own checks, before the form closes
        self.title_text = title
        self.fields = fields
        self.values = values or {}
        # Where the form came from, so it can be opened again after the idle lock.
        self.origin: tuple[Any, ...] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            with VerticalScroll(id="fields"):
                for field in self.fields:
                    label = field.label + (" *" if field.required else "")
                    with Horizontal(classes="row"):
                        yield Label(label, classes="label", markup=False)
                        yield self._widget(field)
                    yield Static("", id=f"note-{field.name}", classes="note", markup=False)
            with Horizontal(id="buttons"):  # docked: in sight however long the form
                needed = any(field.required for field in self.fields)
                yield Static("* needed" if needed else "", id="needed")
                yield Button("Cancel (esc)", id="cancel", compact=True)
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)

    def _widget(self, field: Field) -> Any:
        wid = f"field-{field.name}"
        current = self.values.get(field.name)
        if field.kind == "long":
            area = SafeTextArea(to_text(field, current), id=wid, soft_wrap=True, compact=True)
            area.show_line_numbers = False
            return area
        if field.kind == "choice":
            return self._choice(field, current)
        if field.kind == "bool":
            return TickBox(field.label, bool(current), id=wid)
        if field.kind == "multi":
            chosen = set(current or [])
            return TickList(
                *[(Content(str(n)), v, v in chosen) for n, v in field.choices],
                id=wid,
                compact=True,
            )
        return SafeInput(
            to_text(field, current), placeholder=field.placeholder, id=wid, compact=True
        )

    def _choice(self, field: Field, current: Any) -> Select[Any]:
        """A drop-down that never picks for the person: a needed choice starts unchosen."""
        options = [(Content(str(shown)), v) for shown, v in field.choices]  # never markup
        wid = f"field-{field.name}"
        if any(v == "" for _, v in field.choices):  # a choice of its own means "none"
            value = current if any(v == current for _, v in field.choices) else ""
            return Select(options, value=value, id=wid, allow_blank=False, compact=True)
        value = current if any(v == current for _, v in field.choices) else Select.NULL
        return Select(
            options,
            value=value,
            id=wid,
            prompt="Choose one" if field.required else "None",
            allow_blank=not field.required or value is Select.NULL,
            compact=True,
        )

    def on_mount(self) -> None:
        self.query_one("#form").border_title = Content(self.title_text)  # never markup
        self.query_one(f"#field-{self.fields[0].name}").focus()
        self.started = self.raw_values()
        if self.origin is None:  # opened by a section's own action (outcome, check-in…)
            self.origin = getattr(self.app, "form_origin", None)
        held = getattr(self.app, "take_held_form", None)
        typed = held(self.title_text) if callable(held) else None
        if typed:
            self.put_raw_values(typed)

    def put_raw_values(self, raws: dict[str, Any]) -> None:
        """Put back what was typed (after the idle lock)."""
        for field in self.fields:
            if field.name not in raws:
                continue
            value = raws[field.name]
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, TextArea):
                widget.text = value or ""
                widget.move_cursor(widget.document.end)  # typing goes on where it stopped
            elif isinstance(widget, Select):
                blank = "" if any(v == "" for _, v in field.choices) else Select.NULL
                widget.value = blank if value is None else value
            elif isinstance(widget, Checkbox):
                widget.value = bool(value)
            elif isinstance(widget, SelectionList):
                widget.deselect_all()
                for item in value or []:
                    widget.select(item)
            else:
                widget.value = value or ""  # type: ignore[attr-defined]

    def raw_values(self) -> dict[str, Any]:
        """What is in each box now, as typed."""
        return {field.name: self._raw(field) for field in self.fields}

    @property
    def changed(self) -> bool:
        """True when anything was typed or chosen since the form opened."""
        return self.raw_values() != getattr(self, "started", None)

    def _raw(self, field: Field) -> Any:
        widget = self.query_one(f"#field-{field.name}")
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        if isinstance(widget, Checkbox):
            return widget.value
        if isinstance(widget, SelectionList):
            return list(widget.selected)
        return widget.value  # type: ignore[attr-defined]

    def check(self, field: Field) -> tuple[bool, Any]:
        """Check one field and show what is wrong (or how a date was read)."""
        note = self.query_one(f"#note-{field.name}", Static)
        try:
            value = parse(field, self._raw(field))
        except CareError as exc:
            note.update(str(exc))
            note.add_class("-error", "-shown")
            return False, None
        shown = describe(field, value)
        note.update(shown)
        note.remove_class("-error")
        note.set_class(bool(shown), "-shown")
        return True, value

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _changed(self, event: Input.Changed | TextArea.Changed) -> None:
        name = (event.control.id or "").removeprefix("field-")
        for field in self.fields:
            if field.name == name:
                self.check(field)

    def action_save(self) -> None:
        """ctrl+s: save once every key typed before it has reached its box.

        ctrl+s is a priority binding, so it runs as soon as it arrives, while characters typed
        just before it (by a fast typist or a password manager) may still wait in the focused
        box's queue; the save waits behind them there.
        """
        focused = self.focused
        if focused is None:
            self.save_now()
        else:
            focused.call_later(self.save_now)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save_now(self) -> None:
        """Check every field and close with the values, or mark what needs another look."""
        if self.is_attached is False or self.app.screen is not self:
            return  # already closed (a second ctrl+s in the same burst)
        values: dict[str, Any] = {}
        ok = True
        for field in self.fields:
            good, value = self.check(field)
            if good and self.validate is not None:
                good = self._validated(field, value)
            ok = ok and good
            values[field.name] = value
        if ok:
            self.dismiss(self.answers(**values))
        else:
            self.notify("Some fields need another look (marked in red).", severity="warning")

    def _validated(self, field: Field, value: Any) -> bool:
        """The care layer's own check of one value; a refusal is marked on its field."""
        from mycare.care.errors import InvalidField

        assert self.validate is not None
        try:
            self.validate({field.name: value})
        except InvalidField as exc:
            note = self.query_one(f"#note-{field.name}", Static)
            note.update(str(exc))
            note.add_class("-error", "-shown")
            return False
        return True

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving; asks first when something was typed."""
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard your changes?"), answered)


class ConfirmScreen(SteadyModal[bool]):
    """Ask before something that cannot be taken back lightly."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen #ask { width: 60; max-width: 100%; height: auto; border: round $warning;
        background: $surface; padding: 1 2; }
    ConfirmScreen Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 2; }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="ask"):
            yield Static(self.question, markup=False)
            with Horizontal():
                yield Button("No (n)", id="no")
                yield Button("Yes (y)", id="yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
