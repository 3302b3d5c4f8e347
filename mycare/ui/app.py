"""The mycare app: unlock, my care at a glance, and every record from the keyboard."""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from .held import FormKeeper
from .kept import KeptScreen, KeptScreens
from .memory import CHECK_SECONDS, QuietCollector
from .registry import SECTIONS
from .screens.unlock import UnlockScreen
from .screens.welcome import WelcomeScreen
from .search import RecordSearch
from .themes import CSS as THEME_CSS
from .themes import remember, use_saved_theme

if TYPE_CHECKING:
    from mycare.care.files import KdfParams
    from mycare.care.record import CareRecord
    from mycare.store import Person

    from .access import Unlocked
    from .live import OthersMerged, OthersUnreadable, Watcher
    from .saver import BackgroundSaver, SaveDone, SaveProblem

IDLE_CHECK_SECONDS = 15


class MycareApp(App[None]):
    """One store, unlocked for as long as the person is using it."""

    TITLE = "mycare"
    CSS = THEME_CSS
    COMMANDS = App.COMMANDS | {RecordSearch}
    BINDINGS = [
        *(Binding(s.key, f"section('{s.key}')", s.title, id=s.id, show=False) for s in SECTIONS),
        Binding("p", "switch_person", "Person", id="person", tooltip="Whose record"),
        Binding("ctrl+e", "share", "Share", id="share", tooltip="Export a summary to share"),
        Binding(
            "j",
            "joined_up",
            "Joined-up",
            id="joined-up",
            show=False,
            tooltip="How joined-up my care feels: check in, see it change",
        ),  # fmt: skip
        Binding(
            "ctrl+l",
            "lock",
            "Lock",
            id="lock",
            tooltip="Lock now and clear the screen",
            priority=True,
        ),
        Binding("question_mark,f1", "help", "Help", id="help", tooltip="What the keys do"),
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Save and quit", priority=True),
        Binding(
            "ctrl+p",
            "command_palette",
            "Search",
            id="search",
            show=False,
            priority=True,
            tooltip="Search every record, or run a command",
        ),  # fmt: skip
        # Focus moves at once, before the next key is read, on every screen: text typed
        # straight after Tab (as a password manager's auto-type does) lands in the next box.
        Binding("tab", "focus_next", "Next", id="next-field", show=False, priority=True),
        Binding(
            "shift+tab", "focus_previous", "Back", id="previous-field", show=False, priority=True
        ),  # fmt: skip
    ]

    def __init__(
        self,
        store: Path,
        *,
        idle_minutes: float = 10,
        kdf: KdfParams | None = None,
        me: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.store = Path(store)
        self.idle_seconds = idle_minutes * 60
        self.kdf = kdf
        self.record: CareRecord | None = None
        self.person: Person | None = None
        self.saver: BackgroundSaver | None = None
        self.watcher: Watcher | None = None
        self.me = me
        self.deleted: list[tuple[Any, Any]] = []  # (section, id), for undo until locked
        self.form_origin: tuple[Any, ...] | None = None  # where a section action's form came from
        self.keeper = FormKeeper(self)
        self.kept = KeptScreens(self)
        self.last_activity = time.monotonic()
        self.collector = QuietCollector(
            lambda: self.last_activity, lambda: any(w.is_running for w in self.workers)
        )
        self.theme_ready = False

    def on_unmount(self) -> None:
        self.collector.stop()  # automatic collection as before, for whatever runs next

    # -- opening and locking ---------------------------------------------------
    def on_mount(self) -> None:
        use_saved_theme(self)
        self.theme_ready = True  # from now on a new theme is the person's choice
        self.set_interval(IDLE_CHECK_SECONDS, self.lock_if_idle)
        self.collector.start()
        self.set_interval(CHECK_SECONDS, self.collector.tick)
        self.show_door()
        self.run_worker(self._warm_up, thread=True, group="warm-up")

    def watch_theme(self, name: str) -> None:
        """A theme chosen from the palette is remembered for the next time."""
        if getattr(self, "theme_ready", False):
            remember(name)

    @staticmethod
    def _warm_up() -> None:
        """Import the store layers and screens while the person types their passphrase,
        so that no first visit (the share screen and its exporters, a form) imports on the loop."""
        import mycare.care.agenda  # noqa: F401
        import mycare.care.record  # noqa: F401
        import mycare.ui.form  # noqa: F401
        import mycare.ui.screens.about  # noqa: F401
        import mycare.ui.screens.help  # noqa: F401
        import mycare.ui.screens.home  # noqa: F401
        import mycare.ui.screens.section  # noqa: F401
        import mycare.ui.screens.share  # noqa: F401
        import mycare.ui.sections.appointments  # noqa: F401
        import mycare.ui.sections.diary  # noqa: F401
        import mycare.ui.sections.goals  # noqa: F401
        import mycare.ui.sections.health  # noqa: F401
        import mycare.ui.sections.questions  # noqa: F401
        import mycare.ui.sections.steps  # noqa: F401
        import mycare.ui.sections.team  # noqa: F401
        from mycare.care.warmup import warm_up

        warm_up()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that need an open record (lock, share, person) are not offered before it."""
        return self.record is not None or action not in ("lock", "share", "switch_person")

    def show_door(self) -> None:
        if self.store.exists():
            self.push_screen(UnlockScreen(self.store))
        else:
            self.push_screen(WelcomeScreen(self.store, kdf=self.kdf))

    def on_unlocked(self, message: Unlocked) -> None:
        self.unlocked(message.record)

    def unlocked(self, record: CareRecord) -> None:
        """Called by the unlock and welcome screens once the store is open."""
        from mycare.care import settings
        from mycare.care.people import people

        from .live import Watcher
        from .saver import BackgroundSaver

        self.record = record
        record.me = record.me or settings.my_name(self.me)
        self.saver = BackgroundSaver(self, record)
        record.after_commit = self.saver
        self.watcher = Watcher(self, record)
        self.watcher.start()
        everyone = people(record)
        self.person = min(everyone, key=lambda p: p.created_at) if everyone else None
        self.last_activity = time.monotonic()
        self.sub_title = ""
        self.show(self.kept.get("1"))
        if not record.me:
            from .screens.who import WhoScreen

            self.push_screen(WhoScreen(), self._named)
        if self.keeper.sealed is not None:
            self.set_timer(0.05, self.keeper.resume)  # once Home is up
        self.set_timer(1.0, settle_memory)

    # -- a form kept across the lock ---------------------------------------------
    @property
    def held_form(self) -> bytes | None:
        """The form open when the app locked, encrypted (None when there was none)."""
        return self.keeper.sealed

    def take_held_form(self, title: str) -> dict[str, Any] | None:
        """The typed values for a form being opened again, once."""
        return self.keeper.take(title)

    def _named(self, name: str | None) -> None:
        if self.record is not None and name:
            self.record.me = name

    # -- other carers ------------------------------------------------------------
    def on_others_merged(self, message: OthersMerged) -> None:
        """Another computer's changes are in: say what, and show them."""
        if self.record is None:
            return
        text = message.summary
        if message.notes:
            text += " " + " ".join(dict.fromkeys(message.notes))
        self.notify(text, title="Changes from another computer", timeout=10)
        self.records_changed()

    def on_others_unreadable(self, message: OthersUnreadable) -> None:
        if self.record is not None:
            self.notify(message.text, title="Not merged", severity="warning", timeout=15)

    def records_changed(self) -> None:
        """Show the records as they are now, on every open screen, keeping any form as typed."""
        from mycare.care import records
        from mycare.care.errors import NotFound
        from mycare.store import Person

        if self.record is None:
            return
        if self.person is not None:
            with contextlib.suppress(NotFound):
                self.person = records.get(self.record, Person, self.person.id)
        for screen in self.screen_stack:
            refresh = getattr(screen, "records_changed", None)
            if callable(refresh):
                refresh()

    def action_lock(self) -> None:
        """ctrl+l: lock once keys typed just before it have reached their box (and are kept)."""
        focused = self.focused
        if focused is None:
            self.lock_now()
        else:
            focused.call_later(self.lock_now)

    def lock_now(self) -> None:
        """Save, forget the decrypted data, and ask for the passphrase again."""
        if self.record is None:
            return
        problem = self.saver.flush() if self.saver else None
        if problem:
            self.notify(problem + " Not locked, so nothing is lost.", severity="error", timeout=10)
            return
        self.keeper.hold()
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
        record, self.record = self.record, None  # first: readers in workers see it gone
        record.close()
        self.person = None
        self.saver = None
        self.title, self.sub_title = "mycare", ""
        self.deleted.clear()
        self.clear_notifications()
        self.show(UnlockScreen(self.store))  # and the kept screens, with what they showed, go

    def lock_if_idle(self) -> None:
        if self.record is not None and time.monotonic() - self.last_activity > self.idle_seconds:
            self.lock_now()

    def on_event(self, event: events.Event) -> Any:
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollDown):
            self.last_activity = time.monotonic()
        return super().on_event(event)

    # -- moving about ----------------------------------------------------------
    def show(self, screen: Screen[Any]) -> None:
        """Make `screen` the one under any forms, in place of what was there; kept screens
        that are no longer wanted are let go."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        leaving = self.screen
        self.switch_screen(screen)
        self.kept.prune(leaving)

    def make_screen(self, key: str, focus: Any = None) -> KeptScreen:
        """A new screen for a section key (1–9); see `kept` for the one shown."""
        from .screens.about import AboutScreen
        from .screens.home import HomeScreen
        from .screens.section import SectionScreen
        from .sections import appointments, diary, goals, health, questions, steps, team
        from .sections.base import Section

        if key == "1":
            return HomeScreen()
        if key == "9":
            return AboutScreen()
        table: dict[str, tuple[Section[Any], ...]] = {
            "2": (appointments.AppointmentsSection(),),
            "3": (team.TeamSection(),),
            "4": (steps.StepsSection(),),
            "5": (questions.QuestionsSection(),),
            "6": (goals.GoalsSection(),),
            "7": (health.MedicinesSection(), health.ConditionsSection(), health.AllergiesSection()),
            "8": (diary.DiarySection(),),
        }
        return SectionScreen(*table[key], key=key, focus=focus)

    def action_section(self, key: str) -> None:
        if self.record is None or self.person is None:
            return
        self.show(self.kept.get(key))

    def action_share(self) -> None:
        from .screens.share import ShareScreen

        if self.record is None or self.person is None:
            return
        back = getattr(self.screen_stack[min(len(self.screen_stack) - 1, 1)], "key", "") or "1"
        self.show(ShareScreen(back=back if isinstance(back, str) else "1"))

    def action_joined_up(self, check_in: bool = False) -> None:
        """How joined-up my care feels; check_in: with the statements open at once."""
        from .screens.joined_up import JoinedUpScreen

        if self.record is not None and self.person is not None:
            self.show(JoinedUpScreen(check_in=check_in))

    def action_import(self) -> None:
        from .screens.importing import ImportScreen

        if self.record is not None and self.person is not None:
            self.show(ImportScreen())

    def open_section(self, key: str, record_id: Any) -> None:
        """Show a section with one record highlighted (used by search)."""
        if self.record is None:
            return
        self.show(self.kept.get(key, focus=record_id))

    @work
    async def action_switch_person(self) -> None:
        from mycare.care.people import add_person, people

        from .answers import NameAnswer
        from .fields import Field
        from .form import FormScreen
        from .screens.people import ADD, PersonPicker

        if self.record is None:
            return
        everyone = people(self.record)
        current = str(self.person.id) if self.person else None
        choice = await self.push_screen_wait(
            PersonPicker([(str(p.id), p.name) for p in everyone], current)
        )
        if choice is None:
            return
        if choice == ADD:
            named = await self.push_screen_wait(
                FormScreen("Add someone", [Field("name", "Their name", required=True)], NameAnswer)
            )
            if named is None:
                return
            from mycare.care.errors import CareError, VaultError

            try:
                chosen = add_person(self.record, named.name)
            except (CareError, VaultError) as exc:
                self.notify(str(exc), severity="error")
                return
        else:
            chosen = next(p for p in everyone if str(p.id) == choice)
        self.person = chosen
        self.notify(f"Now showing {chosen.name}'s record.")
        self.action_section("1")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a message; never as markup, since messages quote what the person typed."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # -- saving ----------------------------------------------------------------
    def on_save_done(self, _message: SaveDone) -> None:
        self.on_saved()

    def on_save_problem(self, message: SaveProblem) -> None:
        self.on_save_failed(message.text)

    def on_saved(self) -> None:
        record = self.record
        if record is not None and record.last_saved is not None:
            self.sub_title = f"Saved {record.last_saved:%H:%M}"

    def on_save_failed(self, message: str) -> None:
        self.sub_title = "NOT SAVED"
        self.notify(
            message + " Your change is kept while mycare stays open.",
            title="Not saved",
            severity="error",
            timeout=15,
        )

    async def action_quit(self) -> None:
        """ctrl+q: save and quit; a form with unsaved typing asks first."""
        from .form import ConfirmScreen, FormScreen

        open_forms = [s for s in self.screen_stack if isinstance(s, FormScreen) and s.changed]
        if open_forms and not isinstance(self.screen, ConfirmScreen):
            title = open_forms[-1].title_text
            ask = f"What you typed in “{title}” is not saved yet. Quit without it?"

            def answered(quit_anyway: bool | None) -> None:
                if quit_anyway:
                    self.run_worker(self.quit_now(), exclusive=False)

            self.push_screen(ConfirmScreen(ask), answered)
            return
        await self.quit_now()

    async def quit_now(self) -> None:
        """Save what is kept and stop."""
        if self.record is not None:
            for worker in [w for w in self.workers if w.group == "save"]:
                await worker.wait()
            problem = self.saver.flush() if self.saver else None
            if problem:
                self.notify(
                    problem + " Press ctrl+q again to quit without saving.",
                    severity="error",
                    timeout=15,
                )
                if not getattr(self, "_quit_asked", False):
                    self._quit_asked = True
                    return
            if self.watcher is not None:
                self.watcher.stop()
            record, self.record = self.record, None  # first: readers in workers see it gone
            record.close()
        self.exit()

    # -- the palette: mycare's own commands, nothing that writes the screen to disk ----
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in ("Screenshot", "Quit"):
                yield command
        if self.record is not None:
            for entry in SECTIONS:
                yield SystemCommand(
                    entry.title, f"{entry.help} (key {entry.key})",
                    lambda key=entry.key: self.action_section(key),
                )  # fmt: skip
            yield SystemCommand("Share a summary", "Tick what goes in and export it (ctrl+e)",
                                self.action_share)  # fmt: skip
            yield SystemCommand("How joined-up my care feels",
                                "Each statement's answers over the year, and what can help (j)",
                                self.action_joined_up)  # fmt: skip
            yield SystemCommand("Check in: how joined-up does my care feel?",
                                "Answer a few short statements, one at a time",
                                lambda: self.action_joined_up(check_in=True))  # fmt: skip
            yield SystemCommand("Import", "Bring in a calendar, address book or health record",
                                self.action_import)  # fmt: skip
            yield SystemCommand("Whose record", "Switch person, or add someone (p)",
                                self.action_switch_person)  # fmt: skip
            yield SystemCommand("Lock", "Lock now and clear the screen (ctrl+l)", self.action_lock)
        yield SystemCommand("Help", "What the keys do (f1)", self.action_help)
        yield SystemCommand("Quit", "Save and quit (ctrl+q)", self.action_quit)

    def deliver_screenshot(self, *_args: Any, **_kwargs: Any) -> str | None:
        """Pictures of the screen would hold health data unencrypted: mycare makes none."""
        self.notify("mycare does not save pictures of the screen: they would not be encrypted.")
        return None

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen())

    # -- an error nobody expected ------------------------------------------------
    def _handle_exception(self, error: Exception) -> None:
        """Stop with one plain message and status 1, never Textual's report with its locals."""
        from .crash import crash_report

        self._return_code = 1
        if self._exception is None:  # Pilot re-raises it in tests
            self._exception = error
            self._exception_event.set()
        self._exit_renderables[:] = [crash_report(error)]
        self._close_messages_no_wait()


def settle_memory() -> None:
    """Set aside what is alive once the record is open (the app, its libraries, the record),
    so the garbage collector's full passes stop walking it: each pass over everything held
    the UI loop for tens of milliseconds. (Collecting first would itself be such a pause.)"""
    gc.freeze()


def run(store: Path, idle_minutes: float = 10, me: str | None = None) -> int:
    """Run the app on a store until the person quits; the exit status (1 after a crash)."""
    app = MycareApp(store, idle_minutes=max(idle_minutes, 0.5), me=me)
    app.run()
    return app.return_code or 0
