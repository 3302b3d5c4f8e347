"""Unlocking forgets deleted records' text; its cost follows the deleted records, not the
length of the history (a ten-year store's unlock once spent 160 ms here)."""

from __future__ import annotations

import uuid
from typing import cast

from mycare.care import people
from mycare.care.forget import forget_deleted
from mycare.care.record import CareRecord
from mycare.store import Database
from mycare.vault import Vault

MOMENT = "2026-11-20 09:00:00.000000"


def _steps_to_forget(history_per_line: int) -> int:
    """SQLite's work (in thousands of its steps) to forget 200 deleted lines out of 2,000."""
    db = Database()
    record = CareRecord(cast(Vault, None), db)  # never saved: no file behind it
    record.after_commit = lambda: None
    person = people.add_person(record, "Ada")
    lines = [
        (uuid.uuid4().hex, MOMENT, MOMENT, MOMENT if n % 10 == 0 else None, person.id.hex,
         MOMENT, f"line {n}", None)
        for n in range(2000)
    ]  # fmt: skip
    history = [
        (uuid.uuid4().hex, MOMENT, MOMENT, None, "diaryentry", line[0], "changed", "text",
         "before", "after", "Ada", 1)
        for line in lines
        for _ in range(history_per_line)
    ]  # fmt: skip
    with db.lock:
        db.conn.executemany("INSERT INTO diaryentry VALUES (?, ?, ?, ?, ?, ?, ?, ?)", lines)
        db.conn.executemany(
            "INSERT INTO change VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", history
        )
        db.conn.commit()
    steps = [0]

    def counted() -> int:
        steps[0] += 1
        return 0  # go on

    db.conn.set_progress_handler(counted, 1000)
    assert forget_deleted(db, "Ada") == 200
    db.conn.set_progress_handler(None, 0)
    db.close()
    return steps[0]


def test_forgetting_grows_with_the_deleted_records_not_with_the_history() -> None:
    short, long = _steps_to_forget(1), _steps_to_forget(8)
    assert long < 4 * short, f"8 times the history took {long / short:.1f} times the work"
