"""Two carers keeping one heavy store in a synced folder: merging, and seeing each other's saves.

Each "computer" is a folder holding its own copy of the store, opened with CareRecord.open
under its carer's name. A sync service is modelled by copying one folder's file over the
other's (written beside it, then renamed into place, as sync clients do). Each side makes its
changes through the functions the app calls, one commit each, and saves once at the end.
"""

from __future__ import annotations

import importlib
import os
import random
import shutil
import tempfile
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

from measure import NOW, timed

from mycare.care import appointments, clock, diary, people, records, steps
from mycare.care.merge import merge_into
from mycare.care.record import CareRecord
from mycare.store import Database, DiaryEntry, GoalStep, Medication, NextStep, Person, Question

CARERS = ("Sam", "Alex")
CHANGES = 200  # on each side, since the common base
MIX = {  # each side's changes: what, and how many
    "new diary lines": 70,
    "appointment outcomes written": 30,
    "preparations for appointments edited": 10,
    "next steps ticked (or reopened)": 25,
    "goal steps ticked (or unticked)": 15,
    "questions answered": 20,
    "diary lines corrected": 10,
    "medicine doses changed": 10,
    "fields the other carer also changed": 5,
    "diary lines deleted (Alex corrects one of Sam's later)": 2,
    "new next steps": 3,
}
assert sum(MIX.values()) == CHANGES
Change = Callable[[CareRecord], object]
Id = uuid.UUID


class Base:
    """Ids of records in the common base, newest or most likely to be touched first."""

    def __init__(self, image: bytes) -> None:
        db = Database(image)
        try:
            live, today = "deleted_at IS NULL", f"'{NOW:%Y-%m-%d}'"

            def ids(table: str, where: str = "", order: str = "created_at DESC") -> list[Id]:
                sql = f"SELECT id FROM {table} WHERE {live} {where} ORDER BY {order} LIMIT 500"
                return [uuid.UUID(hex=row[0]) for row in db.conn.execute(sql)]  # noqa: S608

            self.person = ids("person", order="created_at")[0]
            self.past = ids("appointment", f"AND starts_at < {today}", "starts_at DESC")
            self.future = ids("appointment", f"AND starts_at >= {today}", "starts_at")
            self.steps = ids("nextstep", order="status = 'open' DESC, created_at DESC")
            self.goal_steps = ids("goalstep", order="done, created_at DESC")
            self.questions = ids("question", order="status = 'answered', created_at DESC")
            self.diary = ids("diaryentry", order="written_at DESC")
            self.medicines = ids("medication", "AND stopped_on IS NULL")
        finally:
            db.close()


def _deal(pool: list[Id], count: int) -> tuple[list[Id], list[Id]]:
    """Each side's own records from a pool, alternately; round again if the pool is short."""
    a, b = pool[0::2], pool[1::2]
    return [a[i % len(a)] for i in range(count)], [b[i % len(b)] for i in range(count)]


# One change by carer `who`, the n-th of its kind, to the record with id `rid`.
def _outcome(r: CareRecord, who: str, n: int, rid: Id) -> None:
    appointments.record_outcome(r, rid, f"Seen; {who} noted it ({n})")


def _preparation(r: CareRecord, who: str, n: int, rid: Id) -> None:
    appointments.update_appointment(r, rid, preparation=f"Bring the medicines list ({who}, {n})")


def _step(r: CareRecord, who: str, n: int, rid: Id) -> None:
    if records.get(r, NextStep, rid).status == "open":
        steps.mark_done(r, rid, datetime(2026, 11, 22, 17, tzinfo=UTC))
    else:
        steps.reopen(r, rid)


def _goal_step(r: CareRecord, who: str, n: int, rid: Id) -> None:
    records.update(r, GoalStep, rid, done=not records.get(r, GoalStep, rid).done)


def _answer(r: CareRecord, who: str, n: int, rid: Id) -> None:
    records.update(r, Question, rid, status="answered", answer=f"{who} asked: yes ({n})")


def _correct(r: CareRecord, who: str, n: int, rid: Id) -> None:
    records.update(r, DiaryEntry, rid, text=f"Corrected by {who} ({n})")


def _dose(r: CareRecord, who: str, n: int, rid: Id) -> None:
    records.update(r, Medication, rid, dose=f"{n + 1} tablets ({who})")


def _delete(r: CareRecord, who: str, n: int, rid: Id) -> None:
    records.delete(r, DiaryEntry, rid)


def _location(r: CareRecord, who: str, n: int, rid: Id) -> None:
    appointments.update_appointment(r, rid, location=f"Room {len(who) + n}")


def _heard(r: CareRecord, who: str, n: int, rid: Id) -> None:
    appointments.record_outcome(r, rid, f"Outcome as {who} heard it.")


def _wrote(r: CareRecord, who: str, n: int, rid: Id) -> None:
    records.update(r, DiaryEntry, rid, text=f"Wrote this on {who}'s computer.")


def _due(r: CareRecord, who: str, n: int, rid: Id) -> None:
    steps.update_step(r, rid, due_on=date(2026, 12, len(who)))


def plans(base: Base, seed: int) -> tuple[list[Change], list[Change]]:
    """Each carer's CHANGES changes to the common base, in the order they make them."""
    rng = random.Random(seed)
    out: tuple[list[Change], list[Change]] = ([], [])
    for side in (0, 1):
        for n in range(MIX["new diary lines"]):
            text = f"{rng.choice(('A quiet day.', 'Slept badly.', 'Walked to the shop.'))} ({n})"
            when = NOW + timedelta(minutes=10 * n + side)
            out[side].append(partial(_line, base.person, text, rng.randint(2, 8), when))
    own = [
        (base.past[10:], "appointment outcomes written", _outcome),
        (base.future, "preparations for appointments edited", _preparation),
        (base.steps[1:], "next steps ticked (or reopened)", _step),
        (base.goal_steps, "goal steps ticked (or unticked)", _goal_step),
        (base.questions, "questions answered", _answer),
        (base.diary[10:], "diary lines corrected", _correct),
        (base.medicines, "medicine doses changed", _dose),
    ]
    for pool, kind, change in own:
        for side, ids in enumerate(_deal(pool, MIX[kind])):
            out[side].extend(partial(change, who=CARERS[side], n=n, rid=rid)
                             for n, rid in enumerate(ids))  # fmt: skip
    # The same field of the same record on both computers: two plain values (the later edit
    # wins, the other is kept as "changed by both"), two long texts (merged line by line) and
    # a next step's due date.
    clashes = [(base.past[0], _location), (base.past[1], _location), (base.past[2], _heard),
               (base.diary[0], _wrote), (base.steps[0], _due)]  # fmt: skip
    assert len(clashes) == MIX["fields the other carer also changed"]
    for side, who in enumerate(CARERS):
        out[side].extend(partial(change, who=who, n=n, rid=rid)
                         for n, (rid, change) in enumerate(clashes))  # fmt: skip
    # Deletions: a diary line on each side, and a line Sam deletes that Alex then corrects.
    gone, kept = base.diary[1:3], base.diary[3]
    out[0].extend([partial(_delete, who=CARERS[0], n=0, rid=gone[0]),
                   partial(_delete, who=CARERS[0], n=1, rid=kept)])  # fmt: skip
    out[1].extend([partial(_delete, who=CARERS[1], n=0, rid=gone[1]),
                   partial(_correct, who=CARERS[1], n=0, rid=kept)])  # fmt: skip
    for side, who in enumerate(CARERS):
        for n in range(MIX["new next steps"]):
            out[side].append(partial(_new_step, base.person, f"Ring the pharmacy ({who}, {n})"))
    assert len(out[0]) == len(out[1]) == CHANGES, (len(out[0]), len(out[1]))
    return out


def _line(person: Id, text: str, feeling: int, when: datetime, r: CareRecord) -> None:
    diary.add_entry(r, records.get(r, Person, person), text, feeling=feeling, written_at=when)


def _new_step(person: Id, what: str, r: CareRecord) -> None:
    steps.add_step(r, records.get(r, Person, person), what, who="carer", due_on=date(2026, 11, 29))


def land(source: Path, target: Path) -> None:
    """What a sync service does: the other computer's file replaces ours, all at once."""
    tmp = target.with_name(f".{target.name}.syncing")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def _look(record: CareRecord) -> None:
    """What the app's watcher does at each poll (mycare.ui.live): refresh, then copies."""
    record.refresh()
    record.copies()


def two_carers(store: Path, passphrase: str, seed: int = 1) -> dict[str, list[float]]:
    """One run: diverge two copies by CHANGES changes each and merge; then one change across."""
    clock.now = lambda: NOW
    importlib.import_module("merge3")  # merge_into imports it on first use: once a process
    out: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="mycare-two-") as tmp:
        paths = [Path(tmp) / folder / store.name for folder in ("a", "b")]
        for path in paths:
            path.parent.mkdir()
            shutil.copyfile(store, path)
        a = CareRecord.open(paths[0], passphrase, me=CARERS[0])
        b = CareRecord.open(paths[1], passphrase, me=CARERS[1])
        try:
            plan_a, plan_b = plans(Base(a.db.image()), seed)
            a.after_commit = b.after_commit = lambda: None  # each side saves once, at the end
            for change_a, change_b in zip(plan_a, plan_b, strict=True):  # made side by side
                change_a(a)
                change_b(b)
            a.save()
            out["merge_plain_save"] = [timed(b.save)[0]]  # nothing has landed yet
            scratch = Database(b.db.image())
            try:
                out["merge_into"] = [timed(merge_into, scratch, a.db.image())[0]]
            finally:
                scratch.close()
            land(paths[0], paths[1])  # Sam's save arrives in Alex's folder
            out["merge_read"] = [timed(b.vault.newer_version)[0]]  # read + decrypt, nothing kept
            seconds, report = timed(b.refresh)
            if report is None or report.history_in < CHANGES or not report.kept_ours:
                raise RuntimeError(f"the merge did not bring both sides together: {report}")
            out["merge_refresh"] = [seconds]
            out["merge_history_in"] = [float(report.history_in)]
            out["merge_both"] = [float(report.both)]
            # Sam takes the merged store, Alex takes Sam's again: the two are now in step.
            land(paths[1], paths[0])
            a.refresh()
            land(paths[0], paths[1])
            b.refresh()
            out["poll_idle"] = [timed(_look, b)[0]]  # a poll that finds nothing new
            # Sam writes one diary line (saved at once, as the app does); it lands at Alex's.
            a.after_commit = a.save
            first = min(people.people(a), key=lambda p: p.created_at)
            diary.add_entry(a, first, "The nurse rang back.", written_at=NOW)
            land(paths[0], paths[1])
            seconds, seen = timed(b.refresh)
            if seen is None or dict(seen.added) != {"diaryentry": 1}:
                raise RuntimeError(f"Alex did not get exactly Sam's one diary line: {seen}")
            out["shown_refresh"] = [seconds]
        finally:
            a.close()
            b.close()
    return out
