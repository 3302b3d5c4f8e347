"""First run: explain what mycare keeps, choose a passphrase, create the store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Static

from mycare.care.passphrase import MIN_LENGTH, strength

from ..access import OpenFailed, Unlocked, app_of
from ..steady import SteadyScreen
from ..widgets.footer import KeysFooter
from ..widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from mycare.care.files import KdfParams

INTRO = (
    "mycare keeps your care record — appointments, your care team, next steps, goals, "
    "questions, medicines and a diary — in one encrypted file on this computer.\n"
    "Nobody can read it without your passphrase, and it cannot be recovered if you forget "
    "it: write it down somewhere safe."
)


class WelcomeScreen(SteadyScreen[None]):
    """Create a new store with a passphrase typed twice and whose record it is."""

    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; }
    WelcomeScreen #box {
        width: 72; max-width: 100%; height: auto; border: round $primary; padding: 0 2;
    }
    WelcomeScreen #intro { margin-bottom: 1; }
    WelcomeScreen #strength { color: $text-muted; height: 1; }
    WelcomeScreen #problem { color: $error; height: auto; }
    WelcomeScreen Input { margin: 0; }
    """

    def __init__(self, path: Path, kdf: KdfParams | None = None) -> None:
        super().__init__()
        self.path = path
        self.kdf = kdf

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static(INTRO, id="intro", markup=False)
            yield Static("Choose a passphrase (three or four unusual words work well)")
            yield Input(password=True, id="first", placeholder="Passphrase")
            yield Static("", id="strength", markup=False)
            yield Input(password=True, id="second", placeholder="The same passphrase again")
            yield SafeInput(id="name", placeholder="Whose care record is this? Their name")
            yield Static("", id="problem", markup=False)
            yield Button("Create my care record", id="create", variant="primary")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#box").border_title = "Welcome to mycare"
        self.query_one("#first", Input).focus()

    @on(Input.Changed, "#first")
    def rate(self, event: Input.Changed) -> None:
        _, verdict = strength(event.value) if event.value else (0, "")
        self.query_one("#strength", Static).update(f"Strength: {verdict}" if verdict else "")

    @on(Input.Submitted, "#first")
    def to_second(self) -> None:
        self.query_one("#second", Input).focus()

    @on(Input.Submitted, "#second")
    def to_name(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#create")
    def create(self) -> None:
        first = self.query_one("#first", Input).value
        second = self.query_one("#second", Input).value
        name = self.query_one("#name", Input).value
        problem = ""
        if len(first) < MIN_LENGTH:
            problem = f"The passphrase needs at least {MIN_LENGTH} characters."
        elif first != second:
            problem = "The two passphrases are different; type them again."
        elif not name.strip():
            problem = "Give the name of the person whose care this record keeps."
        if problem:
            self.query_one("#problem", Static).update(problem)
            return
        self.query_one("#create", Button).disabled = True
        from mycare.care import settings

        me = settings.my_name(app_of(self).me)
        if me:
            self._create(first, name, me)
            return

        from .who import WhoScreen  # first: the first person is added in their name

        def named(typed: str | None) -> None:
            self._create(first, name, typed or "")

        self.app.push_screen(WhoScreen(), named)

    def _create(self, passphrase: str, name: str, me: str) -> None:
        self.query_one("#problem", Static).update("Creating your care record…")
        self.make_store(passphrase, name, me)

    @work(thread=True, exclusive=True, group="create")
    def make_store(self, passphrase: str, name: str, me: str) -> None:
        from mycare.care.errors import CareError, VaultError
        from mycare.care.fields import check_text
        from mycare.care.files import DEFAULT_KDF
        from mycare.care.people import add_person
        from mycare.care.record import CareRecord

        try:
            check_text("name", name)
            record = CareRecord.create(self.path, passphrase, kdf=self.kdf or DEFAULT_KDF)
            record.me = me
            add_person(record, name)
        except (CareError, VaultError) as exc:
            self.post_message(OpenFailed(str(exc)))
            return
        app_of(self).post_message(Unlocked(record))

    def on_open_failed(self, message: OpenFailed) -> None:
        self.failed(message.text)

    def failed(self, message: str) -> None:
        self.query_one("#problem", Static).update(message)
        self.query_one("#create", Button).disabled = False
