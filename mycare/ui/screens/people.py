"""Choosing whose record to look at, for a carer looking after more than one person."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..steady import SteadyModal
from ..text import plain, styled

ADD = "__add__"


class PersonPicker(SteadyModal[str | None]):
    """Pick a person (Enter) or add someone; dismisses with an id, ADD, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="people-back")]
    DEFAULT_CSS = """
    PersonPicker { align: center middle; }
    PersonPicker OptionList { width: 50; height: auto; max-height: 80%;
        border: round $primary; background: $surface; }
    """

    def __init__(self, people: list[tuple[str, str]], current: str | None) -> None:
        super().__init__()
        self.people = people
        self.current = current

    def compose(self) -> ComposeResult:
        options = [Option(plain(name), id=pid) for pid, name in self.people]
        options.append(Option(styled(("+ Add someone", "italic")), id=ADD))
        yield OptionList(*options)

    def on_mount(self) -> None:
        menu = self.query_one(OptionList)
        menu.border_title = "Whose record?"
        others = [i for i, (pid, _) in enumerate(self.people) if pid != self.current]
        menu.highlighted = others[0] if others else 0
        menu.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
