"""Forgetting what deleted records said, once they can no longer be brought back.

A deleted record stays as a tombstone (its id, its times, when it was deleted) so that
merging with another carer's copy still knows it was deleted; its text fields are
blanked, and so are the old and new text its history kept.  A "forgotten" row in the
history says it happened, travels to the other copies with the rest of the history, and
makes any text a merge brings back for that record blank again while it stays deleted.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable
from typing import Any

from mycare.store import ALL_TABLES, Database, Record, utcnow

from .merge_read import HISTORY, table_name

FORGOTTEN = "forgotten"  # the history action that marks a record's text as gone
# words of mycare's, not the person's
KEEP = frozenset({"status", "sector", "role", "who", "answered_by", "theme"})


def text_columns(model: type[Record]) -> list[str]:
    """The columns of a kind of record that hold what a person wrote."""
    return [
        name
        for name, info in model.model_fields.items()
        if info.annotation is str and name not in KEEP
    ]


TEXT_COLUMNS = {table_name(m): text_columns(m) for m in ALL_TABLES}


def _stamp(moment: Any) -> str:
    return str(moment.strftime("%Y-%m-%d %H:%M:%S.%f"))


def _blank(conn: sqlite3.Connection, table: str, ids: list[str]) -> None:
    """Empty the text of these records of one kind, and the text their history holds."""
    cols = TEXT_COLUMNS[table]
    if not ids or not cols:
        return
    sets = ", ".join(f"\"{c}\" = ''" for c in cols)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        conn.execute(f'UPDATE "{table}" SET {sets} WHERE id IN ({marks})', chunk)  # noqa: S608
        fields = ", ".join("?" for _ in cols)
        conn.execute(
            f'UPDATE "{HISTORY}" SET old = NULL, new = NULL '  # noqa: S608 - our own names
            f"WHERE +table_name = ? AND record_id IN ({marks}) AND field IN ({fields})",
            [table, *chunk, *cols],
        )


def _mark(conn: sqlite3.Connection, table: str, ids: Iterable[str], author: str) -> None:
    now = _stamp(utcnow())
    conn.executemany(
        f'INSERT INTO "{HISTORY}" (id, created_at, updated_at, deleted_at, table_name, '  # noqa: S608
        "record_id, action, field, old, new, author, seen) "
        "VALUES (?, ?, ?, NULL, ?, ?, ?, '', NULL, NULL, ?, 1)",
        [(uuid.uuid4().hex, now, now, table, rid, FORGOTTEN, author) for rid in ids],
    )


def _select_ids(conn: sqlite3.Connection, table: str, marked: bool) -> list[str]:
    """Deleted records with (or without) a forgetting made since they were deleted.

    The history is searched by record id (`+` keeps SQLite from choosing the index on the
    kind of record instead, which read every history row of that kind per deleted record).
    """
    which = "EXISTS" if marked else "NOT EXISTS"
    return [
        row[0]
        for row in conn.execute(
            f'SELECT id FROM "{table}" AS r WHERE r.deleted_at IS NOT NULL AND {which} '  # noqa: S608
            f'(SELECT 1 FROM "{HISTORY}" AS h WHERE +h.table_name = ? AND h.record_id = r.id '
            "AND h.action = ? AND h.created_at >= r.deleted_at)",
            (table, FORGOTTEN),
        )
    ]


def _in_one_transaction(db: Database, work: Any) -> int:
    with db.lock:
        db.conn.execute("BEGIN")
        try:
            done = int(work(db.conn))
            db.conn.execute("COMMIT")
        except BaseException:
            db.conn.execute("ROLLBACK")
            raise
        return done


def forget_deleted(db: Database, author: str) -> int:
    """Blank every deleted record not forgotten since it was deleted; how many there were."""

    def work(conn: sqlite3.Connection) -> int:
        count = 0
        for table in TEXT_COLUMNS:
            ids = _select_ids(conn, table, marked=False)
            _blank(conn, table, ids)
            _mark(conn, table, ids, author)
            count += len(ids)
        return count

    return _in_one_transaction(db, work)


def keep_forgotten(db: Database) -> None:
    """After a merge: the records forgotten here or on another copy, still deleted, stay blank."""

    def work(conn: sqlite3.Connection) -> int:
        for table in TEXT_COLUMNS:
            _blank(conn, table, _select_ids(conn, table, marked=True))
        return 0

    _in_one_transaction(db, work)


def deleted_records(db: Database) -> dict[str, list[tuple[str, str]]]:
    """Every deleted record, kind by kind: (id, when it was deleted)."""
    with db.lock:
        return {
            table: list(
                db.conn.execute(
                    f'SELECT id, deleted_at FROM "{table}" WHERE deleted_at IS NOT NULL'  # noqa: S608
                )
            )
            for table in TEXT_COLUMNS
        }


def purge_image(image: bytes, gone: dict[str, list[tuple[str, str]]], author: str) -> bytes | None:
    """An older version (a backup) with the records deleted now deleted and blank in it too.

    None when it holds none of them with text, or cannot be read as records.
    """
    try:
        db = Database(image)
    except Exception:  # noqa: BLE001 - a damaged or newer backup is left as it is
        return None
    try:

        def work(conn: sqlite3.Connection) -> int:
            touched = 0
            for table, rows in gone.items():
                present = []
                for rid, deleted_at in rows:
                    cur = conn.execute(
                        f'UPDATE "{table}" SET deleted_at = COALESCE(deleted_at, ?) '  # noqa: S608
                        "WHERE id = ?",
                        (deleted_at, rid),
                    )
                    if cur.rowcount:
                        present.append(rid)
                _blank(conn, table, present)
                _mark(conn, table, present, author)
                touched += len(present)
            return touched

        if not _in_one_transaction(db, work):
            return None
        compact(db)
        return db.image()
    finally:
        db.close()


def compact(db: Database) -> None:
    """Rebuild the database so no free page keeps a copy of the text."""
    with db.lock:
        db.conn.execute("VACUUM")
