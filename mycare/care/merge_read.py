"""Reading two versions of the store for a merge: only what differs, and its history."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from mycare.store import ALL_TABLES, Change, Record

Version = tuple[str, str]  # (when, change id): sorts in the order edits were made
Row = tuple[Any, ...]  # one SQLite row, columns in our table's order, the id first


def table_name(model: type[Record]) -> str:
    """A table's name (SQLModel types ``__tablename__`` as possibly a callable; it is not)."""
    return cast(str, model.__tablename__)


HISTORY = table_name(Change)


@dataclass
class Side:
    rows: dict[str, dict[str, Row]]  # table -> id -> row
    columns: dict[str, list[str]]
    seen: set[str]  # ids of every history row
    latest: dict[tuple[str, str, str], Version]  # (table, record, field) -> last edit
    history: dict[str, Row]
    history_columns: list[str]
    authors: dict[str, str]  # change id -> author
    forgotten: dict[tuple[str, str], str] = field(default_factory=dict)  # -> latest, when


WHOLE = ("person", "contact", "carerole", "appointmentcontact")  # small; the rules see all


def _columns(work: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [r[1] for r in work.execute(f'PRAGMA "{schema}".table_info("{table}")')]


def _select(names: Sequence[str], have: Sequence[str]) -> str:
    """A column list in our order; a column the other version lacks reads as NULL."""
    return ", ".join(f'"{c}"' if c in have else f'NULL AS "{c}"' for c in names)


def read_sides(work: sqlite3.Connection) -> tuple[Side, Side, dict[str, int]]:
    """Theirs (``main``) and ours (``ours``), holding only what the merge needs to look at.

    Rows that are the same on both sides are left in SQLite: only differing rows, the
    small tables the rules need whole, and the history of the differing records (and
    history rows one side lacks) are read into Python.  Also returned: per table, how
    many records only ours has.
    """
    columns: dict[str, list[str]] = {}
    rows: dict[str, dict[str, dict[str, Row]]] = {"main": {}, "ours": {}}
    only_ours: dict[str, int] = {}
    work.execute("CREATE TEMP TABLE IF NOT EXISTS merge_ids (id TEXT PRIMARY KEY)")
    work.execute("DELETE FROM merge_ids")
    for model in ALL_TABLES:
        name = table_name(model)
        cols = columns[name] = _columns(work, "ours", name)
        theirs_cols = _columns(work, "main", name)
        mine, other = _select(cols, cols), _select(cols, theirs_cols)
        if name in WHOLE:
            for schema, listed in (("ours", mine), ("main", other)):
                cur = work.execute(f'SELECT {listed} FROM "{schema}"."{name}"')  # noqa: S608
                rows[schema][name] = {row[0]: row for row in cur}
        else:
            cur = work.execute(
                f'SELECT {other} FROM main."{name}" EXCEPT '  # noqa: S608 - our own names
                f'SELECT {mine} FROM ours."{name}"'
            )
            rows["main"][name] = {row[0]: row for row in cur}
            ids = list(rows["main"][name])
            work.executemany("INSERT OR IGNORE INTO merge_ids VALUES (?)", [(i,) for i in ids])
            cur = work.execute(
                f'SELECT {mine} FROM ours."{name}" WHERE id IN '  # noqa: S608
                f"(SELECT id FROM merge_ids)"
            )
            rows["ours"][name] = {row[0]: row for row in cur if row[0] in rows["main"][name]}
        only_ours[name] = work.execute(
            f'SELECT count(*) FROM ours."{name}" WHERE id NOT IN '  # noqa: S608
            f'(SELECT id FROM main."{name}")'
        ).fetchone()[0]
        if name in WHOLE:  # their differing rows join the records whose history is read
            differing = [
                rid for rid, row in rows["main"][name].items() if rows["ours"][name].get(rid) != row
            ]
            work.executemany(
                "INSERT OR IGNORE INTO merge_ids VALUES (?)", [(i,) for i in differing]
            )
    hcols = _columns(work, "ours", HISTORY)
    theirs_h = _select(hcols, _columns(work, "main", HISTORY))
    mine_h = _select(hcols, hcols)
    seen = {
        schema: {r[0] for r in work.execute(f'SELECT id FROM {schema}."{HISTORY}"')}  # noqa: S608
        for schema in ("main", "ours")
    }
    unseen = seen["main"] ^ seen["ours"]  # rows one side lacks, and notes looked at on one
    not_looked = {
        schema: {
            r[0]
            for r in work.execute(f'SELECT id FROM {schema}."{HISTORY}" WHERE NOT seen')  # noqa: S608
        }
        for schema in ("main", "ours")
    }
    unseen |= {
        cid
        for cid in not_looked["main"] ^ not_looked["ours"]
        if cid in seen["main"] and cid in seen["ours"]
    }
    work.execute("CREATE TEMP TABLE IF NOT EXISTS merge_history (id TEXT PRIMARY KEY)")
    work.execute("DELETE FROM merge_history")
    work.executemany("INSERT INTO merge_history VALUES (?)", [(i,) for i in unseen])
    sides = []
    for schema, listed in (("main", theirs_h), ("ours", mine_h)):
        cur = work.execute(
            f'SELECT {listed} FROM {schema}."{HISTORY}" WHERE '  # noqa: S608
            f"record_id IN (SELECT id FROM merge_ids) OR id IN (SELECT id FROM merge_history)"
        )
        history = {row[0]: row for row in cur}
        at = {
            c: hcols.index(c)
            for c in ("created_at", "table_name", "record_id", "field", "author", "action")
        }
        latest: dict[tuple[str, str, str], Version] = {}
        authors = {}
        forgotten: dict[tuple[str, str], str] = {}
        for cid, row in history.items():
            if row[at["action"]] == "forgotten":  # not an edit: says the text was let go
                whole = (row[at["table_name"]], row[at["record_id"]])
                forgotten[whole] = max(forgotten.get(whole, ""), str(row[at["created_at"]]))
                continue
            key = (row[at["table_name"]], row[at["record_id"]], row[at["field"]] or "")
            version = (row[at["created_at"]], cid)
            if key not in latest or version > latest[key]:
                latest[key] = version
            authors[cid] = row[at["author"]]
        sides.append(
            Side(rows[schema], columns, seen[schema], latest, history, hcols, authors, forgotten)
        )
    return sides[1], sides[0], only_ours


def version(side: Side, table: str, record: str, column: str) -> Version | None:
    return side.latest.get((table, record, column)) or side.latest.get((table, record, ""))
