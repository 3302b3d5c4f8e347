"""My care at a glance: who is in charge, what is next, what is coming up, my goals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from mycare.care import agenda as agenda_mod
from mycare.care import clock, goals
from mycare.care.dates import format_date, format_relative_day
from mycare.care.steps import who_does_it

from ..access import Locked, locked_meanwhile, opened
from ..fields import Field
from ..form import FormScreen
from ..text import bar, plain, styled
from ..widgets.nav import NavBar

if TYPE_CHECKING:
    from mycare.care.record import CareRecord
    from mycare.store import Person

MAX_LINES = 6  # at 80×24; taller terminals show more


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

    def show(self, lines: list[Content]) -> None:
        self.body.update(Content("\n").join(lines) if lines else Content(""))


@dataclass(frozen=True)
class HomeView:
    """What the home panels show, gathered off the UI loop."""

    title: str
    charge: list[Content]
    coming: list[Content]
    steps: list[Content]
    goals: list[Content]


class Gathered(Message):
    """A worker gathered the home panels."""

    def __init__(self, view: HomeView) -> None:
        super().__init__()
        self.view = view


class HomeScreen(Screen[None]):
    """The first screen after unlocking; it answers the person's first questions."""

    DEFAULT_CSS = """
    HomeScreen Grid { grid-size: 2 2; grid-columns: 1fr 1fr; grid-rows: 1fr 1fr; }
    """

    BINDINGS = [
        Binding("d", "diary", "Diary line", id="home-diary", tooltip="Write today's diary line"),
        Binding("k", "ask", "Question", id="home-ask", tooltip="A question for the next visit"),
        Binding("h", "changes", "Changes", id="home-changes", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar("1")
        with Grid():
            yield Panel("Who is in charge", "charge")
            yield Panel("Coming up", "coming")
            yield Panel("Next steps", "steps")
            yield Panel("My goals", "goals")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.refresh_panels()

    def records_changed(self) -> None:
        self.refresh_panels()

    def refresh_panels(self) -> None:
        """Gather what the panels show in a worker thread; they are drawn when it is done."""
        try:
            opened(self)
        except Locked:
            return
        self.lines = max(MAX_LINES, (self.app.size.height - 3) // 2 - 3)
        self._gather(self.lines)

    @work(thread=True, exclusive=True, group="home-panels")
    def _gather(self, lines: int) -> None:
        try:
            record, person = opened(self)
        except Locked:
            return
        try:
            self.post_message(Gathered(self._view(record, person, lines)))
        except Exception:
            if locked_meanwhile(self, record):
                return  # what it read is not wanted any more
            raise

    def _view(self, record: CareRecord, person: Person, lines: int) -> HomeView:
        now = clock.now()
        agenda = agenda_mod.build_agenda(record, person, days=14, now=now)
        today = now.date()
        goal_lines = [
            styled(plain(v.goal.goal), "\n  ", bar(v.progress)) for v in goals.goals(record, person)
        ]
        return HomeView(
            title=f"mycare — {person.name}",
            charge=self._charge(agenda, today) + self._others(record),
            coming=self._coming(agenda, today, lines),
            steps=self._steps(agenda, today, lines),
            goals=goal_lines or [styled(("No goals yet — press 6 to set one.", "dim"))],
        )

    def on_gathered(self, message: Gathered) -> None:
        self.show_panels(message.view)

    def show_panels(self, view: HomeView) -> None:
        """Draw what a worker gathered."""
        self.app.title = view.title
        self.query_one("#charge", Panel).show(view.charge)
        self.query_one("#coming", Panel).show(view.coming)
        self.query_one("#steps", Panel).show(view.steps)
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
        )
        form.origin = ("home", "diary")
        values = await self.app.push_screen_wait(form)
        if values is None:
            return
        record, person = opened(self)
        if self._attempt(
            diary.add_entry, record, person, values["text"], feeling=values["feeling"]
        ):
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
        form = FormScreen(title, [Field("text", "What I want to ask", required=True)])
        form.origin = ("home", "ask")
        values = await app.push_screen_wait(form)
        if values is not None and self._attempt(
            questions.add_question, record, person, values["text"],
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

    @staticmethod
    def _charge(agenda: agenda_mod.Agenda, today: date) -> list[Content]:
        lines = []
        for label, who, key in (
            ("In charge of my care", agenda.lead, "l"),
            ("First point of contact", agenda.first_contact, "f"),
        ):
            lines.append(styled((label, "bold")))
            if who is None:
                lines.append(styled((f"  Not chosen — press 3, then {key}", "$warning")))
            else:
                lines.append(
                    styled("  ", plain(who.name), ("  " + who.phone, "bold") if who.phone else "")
                )
        if agenda.review_due:
            when = format_relative_day(agenda.review_due, today)
            lines.append(styled(("Care plan review due ", "$warning"), (when, "bold $warning")))
        return lines

    @staticmethod
    def _coming(agenda: agenda_mod.Agenda, today: date, shown: int) -> list[Content]:
        if not agenda.coming_up:
            return [styled(("Nothing in the next 14 days.", "dim"))]
        lines = []
        for occ in agenda.coming_up[:shown]:
            when = f"{format_relative_day(occ.starts_at.date(), today)} {occ.starts_at:%H:%M}"
            waiting = len(agenda.questions_for(occ.appointment.id))
            ask = (f"  {waiting}?", "bold $accent") if waiting else ""
            lines.append(
                styled((when, "bold"), " ", plain(occ.appointment.purpose or "Appointment"), ask)
            )
        more = len(agenda.coming_up) - shown
        if more > 0:
            lines.append(styled((f"…and {more} more (press 2)", "dim")))
        return lines

    @staticmethod
    def _steps(agenda: agenda_mod.Agenda, today: date, shown: int) -> list[Content]:
        rows = [(s, True) for s in agenda.overdue] + [(s, False) for s in agenda.due]
        if not rows:
            return [styled(("Nothing due. Well done.", "dim"))]
        lines = []
        for step, late in rows[:shown]:
            due = format_relative_day(step.due_on, today) if step.due_on else ""
            tone = "bold $error" if late else "bold"
            who = who_does_it(step, agenda.contacts)
            lines.append(
                styled(("! " if late else "  ", tone), (due + " ", tone), plain(step.what),
                       (f" ({who})", "dim"))
            )  # fmt: skip
        more = len(rows) - shown
        if more > 0:
            lines.append(styled((f"…and {more} more (press 4)", "dim")))
        return lines


__all__ = ["HomeScreen", "format_date"]
