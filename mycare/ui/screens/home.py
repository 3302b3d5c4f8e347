"""My care at a glance: who is in charge, what is next, what is coming up, my goals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Static

from mycare.care import agenda as agenda_mod
from mycare.care import clock, goals
from mycare.care.dates import format_date

from ..access import Locked, locked_meanwhile, opened
from ..answers import TextAnswer
from ..fields import Field
from ..form import FormScreen
from ..kept import KeptScreen
from ..text import styled
from ..widgets.checkin_nudge import CheckInNudge
from ..widgets.footer import KeysFooter
from ..widgets.nav import NavBar
from . import home_panels as panels
from .home_panels import Room, Started


@dataclass(frozen=True)
class DiaryLine:
    """Home's quick diary form: today's line and how I feel."""

    text: str
    feeling: int | None


if TYPE_CHECKING:
    from mycare.care.record import CareRecord
    from mycare.store import Person


class Panel(VerticalScroll):
    """A bordered box with a title, holding one Static of content."""

    DEFAULT_CSS = """
    Panel { border: round $primary-darken-1; height: 1fr; padding: 0 1; }
    Panel > Static { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, title: str, id: str) -> None:
        super().__init__(id=id)
        self.border_title = title
        self.body = Static("")

    def compose(self) -> ComposeResult:
        yield self.body

    def show(self, lines: list[Content], wrap: bool = False) -> None:
        """Show the lines: each cut to the panel's width, or (wrap) folded onto more lines."""
        self.body.styles.text_wrap = "wrap" if wrap else "nowrap"
        self.body.update(Content("\n").join(lines) if lines else Content(""))


@dataclass(frozen=True)
class HomeView:
    """What the home panels show, gathered off the UI loop."""

    title: str
    charge: list[Content]
    coming: list[Content]
    steps: list[Content]
    goals: list[Content]
    steps_title: str = "Next steps"  # "Getting started" while a new record is set up


class Gathered(Message):
    """A worker gathered the home panels."""

    def __init__(self, view: HomeView) -> None:
        super().__init__()
        self.view = view


class HomeScreen(KeptScreen):
    """The first screen after unlocking; it answers the person's first questions."""

    DEFAULT_CSS = """
    HomeScreen Grid { grid-size: 2 2; grid-columns: 1fr 1fr; grid-rows: 1fr 1fr; }
    """

    BINDINGS = [
        Binding("d", "diary", "Diary line", id="home-diary", tooltip="Write today's diary line"),
        Binding("k", "ask", "Ask", id="home-ask", tooltip="A question for the next visit"),
        Binding("h", "changes", "Changes", id="home-changes", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar("1")
        yield CheckInNudge()
        with Grid():
            yield Panel("Who is in charge", "charge")
            yield Panel("Coming up", "coming")
            yield Panel("Next steps", "steps")
            yield Panel("My goals", "goals")
        yield KeysFooter()

    def resumed(self) -> None:
        self.refresh_panels()

    def records_changed(self) -> None:
        self.refresh_panels()

    def refresh_panels(self) -> None:
        """Gather what the panels show in a worker thread; they are drawn when it is done."""
        try:
            opened(self)
        except Locked:
            return
        self._gather(self.rooms())

    def rooms(self) -> dict[str, Room]:
        """The inside of each panel; before the first layout, what it will be."""
        width, height = self.app.size
        guess = Room(max(width // 2 - 4, 10), max((height - 3) // 2 - 2, 3))
        rooms = {}
        for panel in self.query(Panel):
            size = panel.content_size
            fits = size.width > 0 and size.height > 0
            rooms[panel.id or ""] = Room(size.width, size.height) if fits else guess
        return rooms

    def on_resize(self) -> None:
        self.refresh_panels()

    @work(thread=True, exclusive=True, group="home-panels")
    def _gather(self, rooms: dict[str, Room]) -> None:
        try:
            record, person = opened(self)
        except Locked:
            return
        try:
            self.post_message(Gathered(self._view(record, person, rooms)))
        except Exception:
            if locked_meanwhile(self, record):
                return  # what it read is not wanted any more
            raise

    def _view(self, record: CareRecord, person: Person, rooms: dict[str, Room]) -> HomeView:
        now = clock.now()
        agenda = agenda_mod.build_agenda(record, person, days=14, now=now)
        today = now.date()
        started = self._started(record, person, agenda)
        steps_title, steps = "Next steps", panels.steps(agenda, today, rooms["steps"])
        if not started.finished:
            steps_title, steps = "Getting started", panels.getting_started(started)
        return HomeView(
            title=f"mycare — {person.name}",
            charge=panels.charge(agenda, today, rooms["charge"]) + self._others(record),
            coming=panels.coming(agenda, today, rooms["coming"], started.appointment),
            steps=steps,
            goals=panels.my_goals(goals.goals(record, person), rooms["goals"]),
            steps_title=steps_title,
        )

    @staticmethod
    def _started(record: CareRecord, person: Person, agenda: agenda_mod.Agenda) -> Started:
        """How far a new record has got (a record in use is read no further than its agenda)."""
        from mycare.care import appointments, steps

        busy = agenda.coming_up or agenda.overdue or agenda.due or agenda.undated
        if busy or steps.steps(record, person, include_done=True):
            return Started(True, True, True, True, True, True)  # in use: no getting-started list
        return Started(
            contacts=bool(agenda.contacts),
            lead=agenda.lead is not None,
            appointment=bool(appointments.appointments(record, person)),
            question=bool(agenda.open_questions),
            about_me=bool(person.what_matters.strip()),
            goal=bool(goals.goals(record, person, include_closed=True)),
        )

    def on_gathered(self, message: Gathered) -> None:
        self.show_panels(message.view)

    def show_panels(self, view: HomeView) -> None:
        """Draw what a worker gathered."""
        self.app.title = view.title
        self.query_one("#charge", Panel).show(view.charge)
        self.query_one("#coming", Panel).show(view.coming)
        steps = self.query_one("#steps", Panel)
        steps.border_title = view.steps_title
        starting = view.steps_title != "Next steps"  # a new record: the guide takes the row
        steps.styles.column_span = 2 if starting else 1
        self.query_one("#goals", Panel).display = not starting
        steps.show(view.steps, wrap=starting)
        self.query_one("#goals", Panel).show(view.goals)

    @staticmethod
    def _since(record: CareRecord) -> datetime | None:
        from mycare.care import settings

        seen = settings.last_looked(record.vault.store_id.hex())
        try:
            return datetime.fromisoformat(seen) if seen else None
        except ValueError:
            return None

    def _others(self, record: CareRecord) -> list[Content]:
        """What other carers did since I last looked, and what we both changed."""
        from mycare.care import history

        lines = []
        to_check = len(history.to_check(record))
        if to_check:
            them = "it" if to_check == 1 else "them"
            lines.append(
                styled((f"{to_check} changed by both — check {them} (h)", "bold $warning"))
            )
        others = history.by_others(record, self._since(record))
        if others:
            names = sorted({line.author for line in others})
            who = " and ".join(names) if len(names) < 3 else "other carers"
            count = "1 change" if len(others) == 1 else f"{len(others)} changes"
            lines.append(styled((f"New from {who}: {count} (h)", "$accent")))
        return lines

    def action_changes(self) -> None:
        """Changes by others since I last looked, and values both carers changed at once."""
        from mycare.care import history, settings

        from .history import HistoryScreen

        try:
            record = opened(self)[0]
        except Locked:
            return
        since = self._since(record)
        to_check = history.to_check(record)
        groups = [
            ("Changed by both at once — the value kept and the other one; "
             "change it back if the other was right", to_check),
            ("By others since you last looked", history.by_others(record, since)),
            ("Everything lately", history.recent(record, 30) if since is None else []),
        ]  # fmt: skip
        if since is not None and not any(lines for _, lines in groups):
            groups.append(("Everything lately", history.recent(record, 30)))
        settings.remember_looked(record.vault.store_id.hex(), datetime.now(UTC).isoformat())
        history.mark_seen(record, *{line.record_id for line in to_check})
        self.app.push_screen(HistoryScreen("Changes", groups), lambda _: self.refresh_panels())

    @work
    async def action_diary(self) -> None:
        """Today's diary line and how I feel, from the home screen."""
        from mycare.care import diary

        form = FormScreen(
            "Today's diary",
            [
                Field("text", "What happened today", "long", True),
                Field("feeling", "How I feel, 0 (awful) to 10 (great)", "score"),
            ],
            DiaryLine,
        )
        form.origin = ("home", "diary")
        line = await self.app.push_screen_wait(form)
        if line is None:
            return
        record, person = opened(self)
        if self._attempt(diary.add_entry, record, person, line.text, feeling=line.feeling):
            self.notify("Added to the diary.")

    @work
    async def action_ask(self) -> None:
        """A question for the next appointment, from the home screen."""
        from mycare.care import appointments, questions

        app = self.app
        record, person = opened(self)
        upcoming = appointments.next_occurrence(record, person)
        title = (
            f"A question for {upcoming.appointment.purpose or 'the next appointment'}"
            if upcoming
            else "A question to ask"
        )
        form = FormScreen(title, [Field("text", "What I want to ask", required=True)], TextAnswer)
        form.origin = ("home", "ask")
        asked = await app.push_screen_wait(form)
        if asked is not None and self._attempt(
            questions.add_question, record, person, asked.text,
            appointment_id=upcoming.appointment.id if upcoming else None,
        ):  # fmt: skip
            self.notify("Question added.")
            self.refresh_panels()

    def _attempt(self, job: Callable[..., object], *args: Any, **kwargs: Any) -> bool:
        from mycare.care.errors import CareError, VaultError

        try:
            job(*args, **kwargs)
        except (CareError, VaultError) as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return False
        return True


__all__ = ["HomeScreen", "format_date"]
