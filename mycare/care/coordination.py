"""Coordination check-ins: how joined-up the person's care feels, and how that changes.

A check-in holds one answer per statement (see ``coordination_themes``). The person's own
answers and a carer's answers on their behalf make one view; a carer's own experience is
another, never mixed with it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import col

from mycare.store import Coordination, CoordinationAnswer, Person, utcnow

from . import clock, records
from .coordination_themes import (
    ANSWERED_BY,
    BY_KEY,
    HIGHEST,
    LOWEST,
    THEMES,
    VIEW_OF,
    WEAK_AT_MOST,
    AnsweredBy,
    Theme,
    View,
    rating_words,
)
from .errors import InvalidField
from .fields import check_date, check_values
from .record import CareRecord

YEAR = timedelta(days=365)


@dataclass(frozen=True)
class Answer:
    """One answer as given: a theme's key, 1–5 or None (does not apply), and a note."""

    theme: str
    rating: int | None
    note: str = ""


@dataclass(frozen=True)
class CheckInView:
    """A check-in with its answers, keyed by theme."""

    check: Coordination
    answers: dict[str, CoordinationAnswer]


def _check_rating(theme: Theme, rating: object) -> int | None:
    if rating is None:
        return None
    if isinstance(rating, bool) or not isinstance(rating, int) or not LOWEST <= rating <= HIGHEST:
        raise InvalidField(
            "rating",
            f"The answer to “{theme.short}” must be from {LOWEST} (not at all) to {HIGHEST} "
            "(completely), or left as does not apply.",
        )
    return rating


def _check_answers(answers: Iterable[Answer]) -> list[Answer]:
    given = list(answers)
    if not given:
        raise InvalidField("rating", "A check-in needs at least one answer.")
    seen: set[str] = set()
    for answer in given:
        if answer.theme not in BY_KEY:
            raise InvalidField("theme", f"There is no statement called {answer.theme!r:.40}.")
        if answer.theme in seen:
            raise InvalidField("theme", f"“{BY_KEY[answer.theme].short}” is answered twice.")
        seen.add(answer.theme)
        _check_rating(BY_KEY[answer.theme], answer.rating)
    return given


def add_check_in(
    record: CareRecord,
    person: Person,
    answers: Iterable[Answer],
    *,
    answered_by: AnsweredBy = "me",
    on: date | None = None,
) -> CheckInView:
    """Record a coordination check-in with all its answers: one change, all or nothing."""
    if answered_by not in ANSWERED_BY:
        raise InvalidField("answered_by", f"Answered by must be one of: {', '.join(ANSWERED_BY)}.")
    given = _check_answers(answers)
    checked_on = check_date("checked_on", on or clock.today())
    check = Coordination(person_id=person.id, checked_on=checked_on, answered_by=answered_by)
    rows = [
        CoordinationAnswer(
            **check_values(
                CoordinationAnswer,
                dict(coordination_id=check.id, theme=a.theme, rating=a.rating, note=a.note),
            )
        )
        for a in given
    ]
    with record.changing() as session:
        session.add(check)
        session.flush()
        session.add_all(rows)
    return CheckInView(check, {r.theme: r for r in rows})


def delete_check_in(record: CareRecord, check_id: uuid.UUID) -> None:
    """Delete a check-in and its answers (kept as tombstones, so copies learn of it)."""
    with record.changing() as session:
        check = records.fetch(session, Coordination, check_id)
        now = utcnow()
        check.deleted_at = now
        session.add(check)
        answers = records.live(CoordinationAnswer).where(
            CoordinationAnswer.coordination_id == check.id
        )
        for answer in session.exec(answers):
            answer.deleted_at = now
            session.add(answer)


def check_ins(record: CareRecord, person: Person, view: View | None = None) -> list[CheckInView]:
    """A person's coordination check-ins, oldest first (one view's, or every one)."""
    with record.reading() as session:
        query = records.live(Coordination).where(Coordination.person_id == person.id)
        found = list(
            session.exec(query.order_by(col(Coordination.checked_on), col(Coordination.created_at)))
        )
        if view is not None:
            found = [c for c in found if VIEW_OF.get(c.answered_by, "person") == view]  # type: ignore[call-overload]
        ids = [c.id for c in found]
        answers: dict[uuid.UUID, dict[str, CoordinationAnswer]] = {i: {} for i in ids}
        for answer in session.exec(
            records.live(CoordinationAnswer).where(col(CoordinationAnswer.coordination_id).in_(ids))
        ):
            answers[answer.coordination_id][answer.theme] = answer
    return [CheckInView(c, answers[c.id]) for c in found]


@dataclass(frozen=True)
class Latest:
    """A theme's most recent answer."""

    theme: Theme
    rating: int | None
    note: str
    on: date
    answered_by: str


@dataclass(frozen=True)
class Trend:
    """A theme's answers over the past year, oldest first (does-not-apply left out)."""

    theme: Theme
    points: list[tuple[date, int]]

    @property
    def direction(self) -> str:
        """'better', 'worse', 'steady', or '' with fewer than two answers."""
        if len(self.points) < 2:
            return ""
        first, last = self.points[0][1], self.points[-1][1]
        return "better" if last > first else "worse" if last < first else "steady"

    def words(self) -> str:
        """The trend in a sentence."""
        if not self.points:
            return "No answers in the past year."
        last_on, last = self.points[-1]
        if len(self.points) == 1:
            return f"One answer in the past year: {rating_words(last)} ({_when(last_on)})."
        first_on, first = self.points[0]
        now = f"{rating_words(last)} now"
        if self.direction == "better":
            return f"Better: {now}, up from {rating_words(first)} in {_month(first_on)}."
        if self.direction == "worse":
            return f"Less good: {now}, down from {rating_words(first)} in {_month(first_on)}."
        return f"About the same: {now}, as in {_month(first_on)}."


def _month(day: date) -> str:
    return day.strftime("%B %Y")


def _when(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


@dataclass(frozen=True)
class Weakest:
    """The theme that feels least joined-up now, and what mycare can do about it."""

    theme: Theme
    rating: int

    def message(self, keys: str = "") -> str:
        """ "You said you don't know who is in charge — choose a lead … (3, then l)"."""
        where = f" ({keys})" if keys else ""
        return f"You said {self.theme.said_low} — {self.theme.remedy.words}{where}."


@dataclass
class Picture:
    """Everything a screen, a summary or ``mycare show`` says about one view."""

    view: View
    check_ins: list[CheckInView]
    latest: dict[str, Latest] = field(default_factory=dict)
    trends: list[Trend] = field(default_factory=list)
    weakest: Weakest | None = None
    contradictions: list[str] = field(default_factory=list)

    @property
    def last_on(self) -> date | None:
        return self.check_ins[-1].check.checked_on if self.check_ins else None


def latest_answers(views: list[CheckInView]) -> dict[str, Latest]:
    """Each theme's most recent answer, from check-ins oldest first."""
    latest: dict[str, Latest] = {}
    for view in views:
        for key, answer in view.answers.items():
            if key in BY_KEY:
                c = view.check
                latest[key] = Latest(
                    BY_KEY[key], answer.rating, answer.note, c.checked_on, c.answered_by
                )
    return latest


def trends(views: list[CheckInView], today: date) -> list[Trend]:
    """Every theme's answers over the past year, in the statements' order."""
    since = today - YEAR
    out = []
    for theme in THEMES:
        points = [
            (v.check.checked_on, v.answers[theme.key].rating)
            for v in views
            if v.check.checked_on > since and theme.key in v.answers
        ]
        out.append(Trend(theme, [(d, r) for d, r in points if r is not None]))
    return out


def weakest(latest: dict[str, Latest]) -> Weakest | None:
    """The lowest latest answer (the first statement of equals), if it is low enough to act on."""
    rated = [(a.rating, n) for n, t in enumerate(THEMES) if (a := latest.get(t.key)) and a.rating]
    if not rated:
        return None
    rating, n = min(rated)
    return Weakest(THEMES[n], rating) if rating <= WEAK_AT_MOST else None


def contradictions(record: CareRecord, person: Person, latest: dict[str, Latest]) -> list[str]:
    """Where the record itself tells another story than a good answer, said kindly."""
    from . import steps, team

    def felt(key: str) -> bool:
        answer = latest.get(key)
        return answer is not None and answer.rating is not None and answer.rating > WEAK_AT_MOST

    said: list[str] = []
    if felt("in_charge") and team.lead(record, person) is None:
        said.append(
            "You feel you know who is in charge, though nobody is chosen as lead in the care "
            "team yet — writing it down helps others know too."
        )
    if felt("first_contact") and team.first_contact(record, person) is None:
        said.append(
            "You feel you have a first point of contact, though none is chosen in the care "
            "team yet — it is worth noting who it is."
        )
    if felt("next_steps"):
        today = clock.today()
        late = [s for s in steps.steps(record, person) if steps.is_overdue(s, today)]
        if late:
            many = (
                "1 next step is past its date"
                if len(late) == 1
                else f"{len(late)} next steps are past their dates"
            )
            said.append(
                f"You feel told what happens next, though {many} — it may be worth asking about."
            )
    return said


def picture(
    record: CareRecord, person: Person, view: View = "person", today: date | None = None
) -> Picture:
    """The latest answers, the year's trends, the weakest theme and the record's own story."""
    views = check_ins(record, person, view)
    latest = latest_answers(views)
    return Picture(
        view,
        views,
        latest,
        trends(views, today or clock.today()),
        weakest(latest),
        contradictions(record, person, latest) if view == "person" else [],
    )


def due(record: CareRecord, person: Person, every_days: int, today: date | None = None) -> bool:
    """Whether a check-in is due: none yet, or the last one at least every_days ago."""
    views = check_ins(record, person)
    if not views:
        return True
    last = max(v.check.checked_on for v in views)
    return ((today or clock.today()) - last).days >= every_days


def offer_on_home(record: CareRecord, person: Person, today: date | None = None) -> bool:
    """Whether Home gently offers a check-in: one is due and "not now" was not said lately.

    The first is offered once the person's record is as old as the interval.
    """
    from . import settings

    today = today or clock.today()
    every = settings.check_in_every_days()
    if not due(record, person, every, today):
        return False
    if not check_ins(record, person):  # a new record is first given time to fill
        added = person.created_at
        started = (added.astimezone() if added.tzinfo else added).date()
        if (today - started).days < every:
            return False
    said = settings.check_in_dismissed_on(record.vault.store_id.hex())
    try:
        last = date.fromisoformat(said) if said else None
    except ValueError:
        last = None
    return last is None or (today - last).days >= every


def not_now(record: CareRecord, today: date | None = None) -> None:
    """The person said "not now" to Home's check-in line."""
    from . import settings

    settings.dismiss_check_in(record.vault.store_id.hex(), (today or clock.today()).isoformat())
