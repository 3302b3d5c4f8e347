"""How joined-up my care feels: each statement's latest answer, a year of it as bars, the
weakest one with what mycare can do about it, and where the record tells another story."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from mycare.care import coordination
from mycare.care.coordination import Picture, Trend
from mycare.care.coordination_themes import (
    HIGHEST,
    THEMES,
    VIEW_NAMES,
    WHO_ANSWERED,
    AnsweredBy,
    Remedy,
    View,
    rating_words,
)
from mycare.care.dates import format_date

from ..access import Locked, app_of, opened
from ..registry import SECTIONS
from ..steady import SteadyScreen
from ..text import styled
from ..widgets.nav import NavBar

BARS = "▁▃▅▆█"  # 1 (not at all) to 5 (completely), on the same scale for every statement
SECTION_KEYS = {s.id: (s.key, s.title) for s in SECTIONS}
DIRECTION_WORDS = {"better": "better", "worse": "less good", "steady": "about the same"}


def remedy_keys(remedy: Remedy) -> str:
    """The keys that do it, as the person presses them: "3, then l" or "ctrl+e"."""
    if remedy.section is None:
        return remedy.key
    key, _ = SECTION_KEYS[remedy.section]
    return f"{key}, then {remedy.key}"


BAR_WIDTH = 14  # a year of monthly check-ins, and room to spare
WIDE_ENOUGH = 72  # columns for a line with the trend's direction in words


def bars(trend: Trend) -> Content:
    """A year of answers, one bar each, oldest first (the newest when there are more)."""
    if not trend.points:
        return styled(("·".ljust(BAR_WIDTH), "dim"))
    drawn = "".join(BARS[r - 1] for _, r in trend.points[-BAR_WIDTH:])
    return styled((drawn, "$success"), " " * (BAR_WIDTH - len(drawn)))


def theme_line(picture: Picture, trend: Trend, wide: bool = True) -> Content:
    """One statement: its short name, the latest answer, the bars and (when wide) which way
    it goes."""
    latest = picture.latest.get(trend.theme.key)
    now = rating_words(latest.rating) if latest is not None else "not answered"
    weak = latest is not None and latest.rating is not None and latest.rating <= 2
    way = DIRECTION_WORDS.get(trend.direction, "")
    return styled(
        (f"{trend.theme.short:<21} ", "bold"),
        (f"{now:<15} ", "$warning" if weak else ""),
        bars(trend),
        (f" {way}" if wide else "", "dim"),
    )


class JoinedUpScreen(SteadyScreen[None]):
    """The coordination picture for one view: the person's care, or a carer's own."""

    BINDINGS = [
        Binding("c", "check_in", "Check in", id="joined-check-in", tooltip="Answer the statements"),
        Binding("g", "remedy", "Do something", id="joined-remedy",
                tooltip="Go where mycare can help with the weakest one"),
        Binding("v", "switch_view", "My care / as carer", id="joined-view",
                tooltip="The person's care, or a carer's own experience"),
        Binding("escape", "app.section('1')", "Home", id="joined-home"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    JoinedUpScreen #joined { padding: 0 1; }
    JoinedUpScreen #joined > Static { width: 1fr; margin-bottom: 1; }
    JoinedUpScreen #themes { margin-bottom: 1; }
    JoinedUpScreen #weakest { color: $warning; }
    JoinedUpScreen #record-says { color: $text-muted; }
    """

    def __init__(self, view: View = "person", *, check_in: bool = False) -> None:
        super().__init__()
        self.view: View = view
        self.picture: Picture | None = None
        self.check_in_first = check_in

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar("")
        with VerticalScroll(id="joined"):
            yield Static("", id="when")
            yield Static("", id="themes")
            yield Static("", id="weakest")
            yield Static("", id="record-says")
        yield Footer()

    def on_mount(self) -> None:
        self.show_picture()
        if self.check_in_first:
            self.call_after_refresh(self.action_check_in)

    def records_changed(self) -> None:
        self.show_picture()

    def on_resize(self) -> None:
        self.show_picture()

    def show_picture(self) -> None:
        try:
            record, person = opened(self)
        except Locked:
            return
        self.picture = picture = coordination.picture(record, person, self.view)
        heading = styled((f"How joined-up it feels: {VIEW_NAMES[self.view]}", "bold"), "\n")
        self.query_one("#when", Static).update(heading + self._when(picture))
        if picture.check_ins:
            wide = self.app.size.width >= WIDE_ENOUGH
            lines = [theme_line(picture, t, wide) for t in picture.trends]
            self.query_one("#themes", Static).update(Content("\n").join(lines))
        else:
            self.query_one("#themes", Static).update("")
        weakest = picture.weakest
        if weakest is not None:
            keys = remedy_keys(weakest.theme.remedy)
            self.query_one("#weakest", Static).update(
                Content(weakest.message(keys) + " Press g to go there.")
            )
        else:
            self.query_one("#weakest", Static).update("")
        said = "\n".join(picture.contradictions)
        self.query_one("#record-says", Static).update(Content(said))

    def _when(self, picture: Picture) -> Content:
        other = "a carer's own experience" if self.view == "person" else "the person's care"
        if not picture.check_ins:
            return Content(
                f"No check-ins about {VIEW_NAMES[self.view]} yet. Press c to answer "
                f"{len(THEMES)} short statements, from “not at all” to "
                f"“completely”. (v shows {other}.)"
            )
        last = picture.check_ins[-1].check
        who = WHO_ANSWERED.get(last.answered_by, last.answered_by)  # type: ignore[call-overload]
        return Content(
            f"Latest check-in {format_date(last.checked_on)}, {who}; "
            f"{len(picture.check_ins)} in all. Each bar is one check-in over the past year, "
            f"taller for closer to “{rating_words(HIGHEST)}”. c checks in again; v shows {other}."
        )

    @work
    async def action_check_in(self) -> None:
        from .checkin import CheckInScreen

        answered_by: AnsweredBy = "carer themself" if self.view == "carer" else "me"
        saved = await self.app.push_screen_wait(CheckInScreen(answered_by))
        if saved:
            self.show_picture()

    def action_switch_view(self) -> None:
        self.view = "carer" if self.view == "person" else "person"
        self.show_picture()

    def action_remedy(self) -> None:
        weakest = self.picture.weakest if self.picture is not None else None
        if weakest is None:
            self.notify("Nothing stands out as weak just now.")
            return
        remedy = weakest.theme.remedy
        app = app_of(self)
        if remedy.section is None:
            app.action_share()
            return
        key, title = SECTION_KEYS[remedy.section]
        app.action_section(key)
        app.notify(f"{title}: press {remedy.key} to {remedy.words}.", timeout=8)
