"""Goals the person sets, the steps towards them, and how they are going."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import col, func, select

from mycare.store import CheckIn, Goal, GoalStep, Person

from . import clock, records, vocab
from .errors import InvalidField
from .fields import check_values
from .record import CareRecord
from .vocab import GoalStatus

STATUSES = vocab.GOAL_STATUSES


def add_goal(
    record: CareRecord,
    person: Person,
    goal: str,
    *,
    what_matters: str = "",
    target_on: date | None = None,
    steps: Iterable[str] = (),
    status: GoalStatus = "active",
) -> Goal:
    """Set a goal, with why it matters and the steps towards it."""
    if status not in STATUSES:
        raise InvalidField("status", f"Status must be one of: {', '.join(STATUSES)}.")
    new = Goal(
        **check_values(
            Goal,
            dict(
                person_id=person.id,
                goal=goal,
                what_matters=what_matters,
                target_on=target_on,
                status=status,
            ),
        )
    )
    new_steps = [
        GoalStep(**check_values(GoalStep, dict(goal_id=new.id, text=t, position=i)))
        for i, t in enumerate(steps)
    ]
    with record.changing() as session:
        session.add(new)
        session.flush()
        session.add_all(new_steps)
    return new


def update_goal(record: CareRecord, goal_id: uuid.UUID, **fields: Any) -> Goal:
    if "status" in fields and fields["status"] not in STATUSES:
        raise InvalidField("status", f"Status must be one of: {', '.join(STATUSES)}.")
    return records.update(record, Goal, goal_id, **fields)


def add_goal_step(record: CareRecord, goal_id: uuid.UUID, text: str) -> GoalStep:
    position = len(goal_steps(record, goal_id))
    return records.add(record, GoalStep, goal_id=goal_id, text=text, position=position)


def tick_step(record: CareRecord, step_id: uuid.UUID, done: bool = True) -> GoalStep:
    """Mark a step towards a goal done (or not done)."""
    return records.update(record, GoalStep, step_id, done=done)


def tick_steps(record: CareRecord, goal_id: uuid.UUID, done: Iterable[uuid.UUID]) -> int:
    """Set which of a goal's steps are done, as one change; how many changed."""
    wanted = set(done)
    changed = 0
    with record.one_change():
        for step in goal_steps(record, goal_id):
            if (step.id in wanted) != step.done:
                tick_step(record, step.id, step.id in wanted)
                changed += 1
    return changed


def change_goal(
    record: CareRecord, goal_id: uuid.UUID, new_steps: Iterable[str] = (), **fields: Any
) -> Goal:
    """Change a goal and add steps to it: one change, all or nothing."""
    with record.one_change():
        for text in new_steps:
            add_goal_step(record, goal_id, text)
        return update_goal(record, goal_id, **fields)


def add_check_in(
    record: CareRecord, goal_id: uuid.UUID, score: int, note: str = "", on: date | None = None
) -> CheckIn:
    """Record how a goal is going today, from 0 (not started) to 10 (there)."""
    records.get(record, Goal, goal_id)
    return records.add(
        record, CheckIn, goal_id=goal_id, score=score, note=note, checked_on=on or clock.today()
    )


def goal_steps(record: CareRecord, goal_id: uuid.UUID) -> list[GoalStep]:
    with record.reading() as session:
        query = records.live(GoalStep).where(GoalStep.goal_id == goal_id)
        return list(session.exec(query.order_by(col(GoalStep.position))))


def check_ins(record: CareRecord, goal_id: uuid.UUID) -> list[CheckIn]:
    """Check-ins for a goal, oldest first."""
    with record.reading() as session:
        query = records.live(CheckIn).where(CheckIn.goal_id == goal_id)
        return list(session.exec(query.order_by(col(CheckIn.checked_on), col(CheckIn.created_at))))


def _latest_check_ins(goal_ids: list[uuid.UUID]) -> Any:
    """The id of each goal's latest check-in, as a subquery."""
    rank = (
        func.row_number()
        .over(
            partition_by=col(CheckIn.goal_id),
            order_by=(col(CheckIn.checked_on).desc(), col(CheckIn.created_at).desc()),
        )
        .label("rank")
    )
    ranked = (
        select(col(CheckIn.id).label("id"), rank)
        .where(col(CheckIn.deleted_at).is_(None))
        .where(col(CheckIn.goal_id).in_(goal_ids))
        .subquery()
    )
    return select(ranked.c.id).where(ranked.c.rank == 1)


@dataclass(frozen=True)
class GoalView:
    """A goal with its steps and check-ins, ready to show."""

    goal: Goal
    steps: list[GoalStep]
    check_ins: list[CheckIn]

    @property
    def progress(self) -> int | None:
        """The latest check-in score (0–10), if any."""
        return self.check_ins[-1].score if self.check_ins else None

    @property
    def steps_done(self) -> int:
        return sum(s.done for s in self.steps)


def goals(
    record: CareRecord,
    person: Person,
    *,
    include_closed: bool = False,
    latest_check_in: bool = False,
) -> list[GoalView]:
    """A person's goals with their steps and check-ins (only the latest of each goal's
    check-ins with latest_check_in, which is all a summary shows)."""
    with record.reading() as session:
        query = records.live(Goal).where(Goal.person_id == person.id)
        if not include_closed:
            query = query.where(Goal.status == "active")
        found = list(session.exec(query.order_by(col(Goal.created_at))))
        ids = [g.id for g in found]
        steps: dict[uuid.UUID, list[GoalStep]] = {i: [] for i in ids}
        for step in session.exec(
            records.live(GoalStep)
            .where(col(GoalStep.goal_id).in_(ids))
            .order_by(col(GoalStep.position))
        ):
            steps[step.goal_id].append(step)
        checks: dict[uuid.UUID, list[CheckIn]] = {i: [] for i in ids}
        wanted = records.live(CheckIn).where(col(CheckIn.goal_id).in_(ids))
        if latest_check_in:
            wanted = wanted.where(col(CheckIn.id).in_(_latest_check_ins(ids)))
        for check in session.exec(
            wanted.order_by(col(CheckIn.checked_on), col(CheckIn.created_at))
        ):
            checks[check.goal_id].append(check)
    return [GoalView(g, steps[g.id], checks[g.id]) for g in found]
