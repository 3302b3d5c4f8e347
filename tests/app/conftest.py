"""Shared fixtures for the app's Pilot and snapshot tests.

There is no ``__init__.py`` in the tests folders, so helpers are handed out as
fixtures (``ui``) rather than imported from this file.

The tests drive the real app with Pilot and check what a person would notice:
the text on the screen, and the store opened again from disk after the app exits.
"""

from __future__ import annotations

import asyncio
import inspect
import io
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, SelectionList, TextArea

from mycare.care import clock, people
from mycare.care.demo import fill_demo
from mycare.care.record import CareRecord
from mycare.store import Person
from mycare.ui.app import MycareApp
from mycare.vault import TEST_KDF

PASSPHRASE = "test passphrase"
NOW = datetime(2026, 11, 22, 10, 45)  # a Sunday morning
TODAY = date(2026, 11, 22)
PEGGY = "Margaret (Peggy) Okafor"
DESMOND = "Desmond Okafor"


# -- async tests without a plugin ---------------------------------------------------
@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in this folder with asyncio.run (no pytest-asyncio needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    kwargs = {name: pyfuncitem.funcargs[name] for name in names}
    asyncio.run(asyncio.wait_for(pyfuncitem.obj(**kwargs), timeout=60))
    return True


# -- the clock and the stores -------------------------------------------------------
@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Every module asks ``clock.now()``; pin it so dates on screen are stable."""
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


@pytest.fixture(scope="session")
def demo_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The demo store's file, made once (the fill takes a moment) and copied per test."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "now", lambda: NOW)
        path = tmp_path_factory.mktemp("demo") / "demo.mycare"
        record = CareRecord.create(path, PASSPHRASE, kdf=TEST_KDF)
        try:
            fill_demo(record, TODAY)
        finally:
            record.close()
    return path.read_bytes()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "care.mycare"


@pytest.fixture
def demo_store(store_path: Path, demo_bytes: bytes) -> Path:
    """A store holding Peggy Okafor's year of care and her husband Desmond's."""
    store_path.write_bytes(demo_bytes)
    return store_path


@pytest.fixture
def small_store(store_path: Path) -> Callable[..., Path]:
    """A store with one person (and whatever the test adds through the care layer)."""

    def make(name: str = "Sam Taylor", fill: Callable[[CareRecord, Person], Any] | None = None):
        record = CareRecord.create(store_path, PASSPHRASE, kdf=TEST_KDF)
        try:
            person = people.add_person(record, name)
            if fill is not None:
                fill(record, person)
        finally:
            record.close()
        return store_path

    return make


# -- driving the app ------------------------------------------------------------------
class UI:
    """What the tests do with the app, in a person's terms."""

    def __init__(self) -> None:
        self.apps: list[MycareApp] = []
        self.records: list[CareRecord] = []

    # starting and stopping
    def app(self, store: Path, **kwargs: Any) -> MycareApp:
        kwargs.setdefault("kdf", TEST_KDF)
        app = MycareApp(store, **kwargs)
        self.apps.append(app)
        return app

    def run(self, app: MycareApp, size: tuple[int, int] = (80, 24)) -> Any:
        """Pilot with notifications shown, as a person sees them."""
        return app.run_test(size=size, notifications=True)

    def reopen(self, store: Path) -> CareRecord:
        """The store as it is on disk, opened with the passphrase."""
        record = CareRecord.open(store, PASSPHRASE)
        self.records.append(record)
        return record

    def close(self) -> None:
        for record in self.records:
            record.close()
        for app in self.apps:
            if app.record is not None:
                app.record.close()
                app.record = None

    # waiting
    async def wait_until(
        self, pilot: Pilot, condition: Callable[[], Any], tries: int = 300
    ) -> None:
        app = pilot.app
        for _ in range(tries):
            if condition() or not app.is_running:
                break
            await pilot.pause(0.05)
        if app.is_running:
            await pilot.pause()
        assert app.is_running or app._exception is None, f"the app crashed: {app._exception!r}"
        assert condition(), "the app did not get there in time"

    async def settle(self, pilot: Pilot) -> None:
        """Let saves and other workers finish, then let the screen catch up."""
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    # typing
    async def type(self, pilot: Pilot, text: str) -> None:
        """Press one key per character, as a person types."""
        await pilot.press(*text)

    async def unlock(self, pilot: Pilot, passphrase: str = PASSPHRASE) -> None:
        """Put the passphrase in the box and press Enter; wait for the store to open."""
        app = pilot.app
        await pilot.pause()
        app.screen.query_one("#passphrase", Input).value = passphrase
        await pilot.press("enter")
        await self.wait_until(pilot, lambda: app.record is not None)

    async def switch_to(self, pilot: Pilot, name: str) -> None:
        """p, then the person's line in the picker, then Enter."""
        app = pilot.app
        await pilot.press("p")
        await pilot.pause()
        from textual.widgets import OptionList

        menu = app.screen.query_one(OptionList)
        for _ in range(menu.option_count):
            if str(menu.get_option_at_index(menu.highlighted or 0).prompt) == name:
                break
            await pilot.press("down")
        await pilot.press("enter")
        await self.wait_until(
            pilot, lambda: app.person is not None and app.person.name == name and
            type(app.screen).__name__ == "HomeScreen"
        )  # fmt: skip

    async def peggy(self, pilot: Pilot) -> None:
        """Unlock the demo store and show Peggy's record."""
        await self.unlock(pilot)
        if pilot.app.person is None or pilot.app.person.name != PEGGY:
            await self.switch_to(pilot, PEGGY)
        pilot.app.clear_notifications()  # "Now showing…": tests that need toasts make their own
        await pilot.pause()

    async def fill(self, pilot: Pilot, **values: Any) -> None:
        """Put values into the open form's fields (ids field-<name>)."""
        screen = pilot.app.screen
        for name, value in values.items():
            widget = screen.query_one(f"#field-{name}")
            if isinstance(widget, Input):
                widget.value = value
            elif isinstance(widget, TextArea):
                widget.text = value
            elif isinstance(widget, Select):
                widget.value = value
            elif isinstance(widget, SelectionList):
                for item in value:
                    widget.select(item)
            else:  # pragma: no cover - a new kind of field
                raise AssertionError(f"cannot fill {widget!r}")
            await pilot.pause()

    async def quit(self, pilot: Pilot) -> None:
        """ctrl+q (and "y" if a half-filled form makes it ask), then wait for the app to finish."""
        app = pilot.app
        await pilot.press("ctrl+q")
        for _ in range(100):
            if not app.is_running:
                break
            if type(app.screen).__name__ == "ConfirmScreen":
                await pilot.press("y")
            await asyncio.sleep(0.05)
        assert not app.is_running, "ctrl+q did not quit"

    # looking
    def text(self, app: MycareApp) -> str:
        """Everything on the screen, as plain text (what a person reads)."""
        width, height = app.size
        console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                          record=True, legacy_windows=False, safe_box=False)  # fmt: skip
        console.print(
            app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
        )
        return console.export_text()

    def flat(self, app: MycareApp) -> str:
        """The screen text with line breaks and runs of spaces squeezed (for wrapped text)."""
        lines = [line.strip(" │▎▊▍▌▋▏") for line in self.text(app).splitlines()]
        return " ".join(" ".join(lines).split())

    def shown(self, widget: Any) -> str:
        """The plain text a Static or Label is showing."""
        visual = widget.render()
        return getattr(visual, "plain", str(visual))

    def note(self, app: MycareApp, field: str) -> str:
        """The message under a form field (empty when hidden)."""
        note = app.screen.query_one(f"#note-{field}")
        return self.shown(note) if note.display and note.has_class("-shown") else ""

    def toasts(self, app: MycareApp) -> list[str]:
        return [n.message for n in app._notifications]

    def views(self, app: MycareApp) -> list[Any]:
        from mycare.ui.widgets.section_view import SectionView

        return [v for v in app.screen.query(SectionView) if v.display]

    def view(self, app: MycareApp) -> Any:
        """The section list a person is looking at (the visible tab, if there are tabs)."""
        from textual.widgets import TabbedContent

        from mycare.ui.widgets.section_view import SectionView

        tabs = app.screen.query(TabbedContent)
        if tabs:
            pane = tabs.first().query_one(f"#{tabs.first().active}")
            return pane.query_one(SectionView)
        return app.screen.query_one(SectionView)

    def rows(self, app: MycareApp) -> list[list[str]]:
        table = self.view(app).query_one(DataTable)
        return [
            [getattr(c, "plain", str(c)) for c in table.get_row_at(i)]
            for i in range(table.row_count)
        ]

    def highlighted(self, app: MycareApp) -> list[str]:
        table = self.view(app).query_one(DataTable)
        return [getattr(c, "plain", str(c)) for c in table.get_row_at(table.cursor_row)]

    async def highlight(self, pilot: Pilot, text: str, column: int | None = None) -> None:
        """Move the cursor with the arrow keys to the first row containing text."""
        app = pilot.app
        rows = self.rows(app)
        wanted = [
            i for i, row in enumerate(rows)
            if any(text in cell for cell in (row if column is None else [row[column]]))
        ]  # fmt: skip
        assert wanted, f"no row shows {text!r}: {rows}"
        table = self.view(app).query_one(DataTable)
        steps = wanted[0] - table.cursor_row
        await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps))
        await pilot.pause()
        assert any(text in cell for cell in self.highlighted(app))


@pytest.fixture
def ui() -> Iterator[UI]:
    helper = UI()
    yield helper
    helper.close()


@pytest.fixture
def everything_on_screen_fits() -> Callable[[UI, MycareApp], None]:
    """The screen still has its header and footer and no line is wider than the terminal."""

    def check(helper: UI, app: MycareApp) -> None:
        from rich.cells import cell_len

        assert app.is_running, f"the app stopped: {app._exception!r}"
        width, height = app.size
        lines = helper.text(app).splitlines()
        assert len(lines) == height, lines
        assert all(cell_len(line) <= width for line in lines), lines
        assert "mycare" in lines[0], lines[0]
        assert "Help" in lines[-1] or "Search" in lines[-1], lines[-1]

    return check
