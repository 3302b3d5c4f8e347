"""Unlocking an existing store: the first thing a returning person sees."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ..access import OpenFailed, Unlocked, app_of
from ..steady import SteadyScreen
from ..widgets.footer import KeysFooter


class UnlockScreen(SteadyScreen[None]):
    """Ask for the passphrase; the store opens in a thread so the screen never freezes."""

    DEFAULT_CSS = """
    UnlockScreen { align: center middle; }
    UnlockScreen #box {
        width: 64; max-width: 100%; height: auto; border: round $primary; padding: 1 2;
    }
    UnlockScreen #problem { color: $error; height: auto; margin-top: 1; }
    UnlockScreen #where { color: $text-muted; }
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label("Unlock your care record")
            yield Static(str(self.path), id="where", markup=False)
            yield Input(placeholder="Passphrase", password=True, id="passphrase")
            yield Static("", id="problem", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#box").border_title = "mycare"
        self.query_one(Input).focus()

    @on(Input.Submitted, "#passphrase")
    def unlock(self, event: Input.Submitted) -> None:
        if not event.value:
            self.show_problem("Type your passphrase, then press Enter.")
            return
        event.input.disabled = True
        self.show_problem("Unlocking…")
        self.open_store(event.value)

    @work(thread=True, exclusive=True, group="unlock")
    def open_store(self, passphrase: str) -> None:
        from mycare.care.errors import VaultError
        from mycare.care.record import CareRecord

        try:
            record = CareRecord.open(self.path, passphrase)
        except VaultError as exc:
            self.post_message(OpenFailed(str(exc)))
            return
        app_of(self).post_message(Unlocked(record))

    def on_open_failed(self, message: OpenFailed) -> None:
        self.failed(message.text)

    def failed(self, message: str) -> None:
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.value = ""
        field.focus()
        self.show_problem(message)

    def show_problem(self, message: str) -> None:
        self.query_one("#problem", Static).update(message)
