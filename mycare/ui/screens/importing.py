"""Import: a path box with completion, a preview of what will come in, and a confirmation."""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.suggester import Suggester
from textual.widgets import Header, Label, Static

from mycare.care.errors import CareError
from mycare.care.importing import Parsed, Plan, import_parsed, parse_file
from mycare.care.importing.preview import outcome, preview

from ..access import app_of, opened
from ..form import ConfirmScreen
from ..steady import SteadyScreen
from ..widgets.footer import KeysFooter
from ..widgets.safe_input import SafeInput, show_controls

HINT = (
    "A calendar (.ics) from an appointment email, an address book (.vcf) from a phone or "
    "Outlook, a health record (FHIR .json), or a mycare records file."
)


class PathSuggester(Suggester):
    """Completes a typed path from the files and folders on this computer."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        typed = os.path.expanduser(value) if value.startswith("~") else value
        folder, start = os.path.split(typed)
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            return None
        for name in names:
            if name.startswith(start) and not name.startswith(".") and name != start:
                full = os.path.join(folder, name)
                shown = value[: len(value) - len(start)] + name
                return shown + ("/" if os.path.isdir(full) else "")
        return None


class ImportScreen(SteadyScreen[None]):
    """Type a file's path, press Enter to see what it brings, then ctrl+s to bring it in."""

    BINDINGS = [
        Binding("ctrl+s", "bring_in", "Import", id="import-confirm", tooltip="Bring it in"),
        Binding("escape", "leave", "Back", id="import-back", tooltip="Back to Home"),
    ]
    DEFAULT_CSS = """
    ImportScreen #hint { color: $text-muted; margin: 0 1; }
    ImportScreen #preview { border: round $primary; padding: 0 1; height: 1fr; }
    ImportScreen #said { margin: 0 1; height: auto; }
    """
    parsed: Parsed | None = None
    plan: Plan | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(
            "Which file? The right arrow takes the suggested path; Enter shows what it brings.",
            id="ask",
        )
        yield SafeInput(placeholder="~/Downloads/appointment.ics", id="path",
                        suggester=PathSuggester())  # fmt: skip
        yield Static(HINT, id="hint")
        with VerticalScroll(id="preview"):
            yield Static("", id="lines")
        yield Static("", id="said")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#path", SafeInput).focus()

    def _say(self, text: str) -> None:
        self.query_one("#said", Static).update(Text(show_controls(text)))

    @on(SafeInput.Submitted, "#path")
    def _look(self, event: SafeInput.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        if not event.value.strip():
            return
        self.parsed = self.plan = None
        self.query_one("#lines", Static).update("")
        self._say(f"Reading {path.name}…")
        self._read(path)

    @work(thread=True, exclusive=True)
    def _read(self, path: Path) -> None:
        try:
            parsed: Parsed | str = parse_file(path)
        except CareError as exc:
            parsed = str(exc)
        self.app.call_from_thread(self._show, parsed)

    def _show(self, parsed: Parsed | str) -> None:
        if isinstance(parsed, str):
            self._say(parsed)
            return
        record, person = opened(self)
        try:
            plan = import_parsed(record, parsed, person.name, dry_run=True)
        except CareError as exc:
            self._say(str(exc))
            return
        self.parsed, self.plan = parsed, plan
        self.query_one("#lines", Static).update(
            Text(show_controls("\n".join(preview(plan)), keep="\n"))
        )
        if plan.steps or (plan.merge is not None and plan.merge.brought_anything):
            self._say("Press ctrl+s to import this, or type another path.")
        else:
            self._say(outcome(plan, done=False))

    @work
    async def action_bring_in(self) -> None:
        if self.parsed is None or self.plan is None:
            self._say("Type a file's path and press Enter first.")
            return
        question = f"Import from {self.parsed.source_name} for {self.plan.person_name}?"
        if not await self.app.push_screen_wait(ConfirmScreen(question)):
            return
        record, person = opened(self)
        try:
            plan = import_parsed(record, self.parsed, person.name)
        except CareError as exc:
            self._say(str(exc) + " Nothing was imported.")
            return
        self.parsed = self.plan = None
        self.query_one("#lines", Static).update(
            Text(show_controls("\n".join(preview(plan)), keep="\n"))
        )
        self._say(outcome(plan, done=True))
        app_of(self).notify(outcome(plan, done=True))

    def action_leave(self) -> None:
        app_of(self).action_section("1")
