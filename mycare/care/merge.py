"""Merging another computer's version of the store into this one, record by record.

Every change to a record leaves a row in the history (``change``), and history rows
are never removed, so each side's history says which edits it has seen.  For every
field where the two versions differ, the side whose latest edit of that field the
other has not seen wins; when neither has seen the other's edit (two carers changed
the same field at once), the later edit wins and the other value is kept in history
as "changed by both" until the person has looked.  Long text is merged line by line.
No common ancestor image is needed, so a sync service's conflict copy, an old backup
or a version that replaced ours merges the same way, and merging is idempotent and
does not depend on which side merges first.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from mycare.store import ALL_TABLES, Change, Database, Record, SchemaTooNew

from .errors import CareError


def _table(model: type[Record]) -> str:
    """A table's name (SQLModel types ``__tablename__`` as possibly a callable; it is not)."""
    return cast(str, model.__tablename__)


HISTORY = _table(Change)
BOOKKEEPING = ("id", "created_at", "updated_at")
LONG_TEXT = {
    ("person", "what_matters"),
    ("person", "communication_needs"),
    ("person", "care_plan"),
    ("diaryentry", "text"),
    ("appointment", "preparation"),
    ("appointment", "outcome"),
    ("contact", "notes"),
    ("condition", "notes"),
    ("question", "answer"),
    ("goal", "what_matters"),
}
ENDINGS = {"deleted_at", "ended_at"}  # a time something stopped: the earlier of two stands
_IDS = uuid.UUID("6c1d1a52-0f0e-4c39-9d0b-5b0d3c7a2e11")  # namespace for merge-made ids

Version = tuple[str, str]  # (when, change id): sorts in the order edits were made
Row = tuple[Any, ...]  # one SQLite row, columns in our table's order, the id first


@dataclass
class MergeReport:
    """What a merge brought in from the other version, in numbers and names."""

    added: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    authors: set[str] = field(default_factory=set)
    both: int = 0
    notes: list[str] = field(default_factory=list)
    kept_ours: int = 0  # fields and records only this side has: a save is needed
    history_in: int = 0

    @property
    def brought_anything(self) -> bool:
        return bool(self.added or self.changed or self.deleted or self.both or self.history_in)

    def summary(self) -> str:
        """One line: "Sam added 1 appointment and changed 2 next steps"."""
        parts = []
        for verb, counts in (
            ("added", self.added),
            ("changed", self.changed),
            ("deleted", self.deleted),
        ):
            if counts:
                parts.append(f"{verb} " + _and([_count(n, k) for k, n in counts.items()]))
        names = {n for a in self.authors for n in a.split(" and ") if n}
        who = _and(sorted(names)) or "Someone on another computer"
        text = f"{who} " + (_and(parts) if parts else "made changes")
        if self.both:
            text += f"; {self.both} changed by both — check " + ("it" if self.both == 1 else "them")
        return text + "."


def _and(items: Sequence[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _count(n: int, kind: str) -> str:
    from .records import KIND_NAMES

    name = next((v for k, v in KIND_NAMES.items() if k.lower() == kind), kind)
    if n == 1:
        return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"
    plural = name[:-1] + "ies" if name.endswith("y") else name + "s"
    return f"{n} {plural}"


# -- reading a side ------------------------------------------------------------------


@dataclass
class _Side:
    rows: dict[str, dict[str, Row]]  # table -> id -> row
    columns: dict[str, list[str]]
    seen: set[str]  # ids of every history row
    latest: dict[tuple[str, str, str], Version]  # (table, record, field) -> last edit
    history: dict[str, Row]
    history_columns: list[str]
    authors: dict[str, str]  # change id -> author


WHOLE = ("person", "contact", "carerole", "appointmentcontact")  # small; the rules see all


def _columns(work: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [r[1] for r in work.execute(f'PRAGMA "{schema}".table_info("{table}")')]


def _select(names: Sequence[str], have: Sequence[str]) -> str:
    """A column list in our order; a column the other version lacks reads as NULL."""
    return ", ".join(f'"{c}"' if c in have else f'NULL AS "{c}"' for c in names)


def _read_sides(work: sqlite3.Connection) -> tuple[_Side, _Side, dict[str, int]]:
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
        name = _table(model)
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
    unseen = {  # history rows one side has and the other lacks, and notes looked at on one side
        cid for cid in seen["main"] ^ seen["ours"]
    }
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
            c: hcols.index(c) for c in ("created_at", "table_name", "record_id", "field", "author")
        }
        latest: dict[tuple[str, str, str], Version] = {}
        authors = {}
        for cid, row in history.items():
            key = (row[at["table_name"]], row[at["record_id"]], row[at["field"]] or "")
            version = (row[at["created_at"]], cid)
            if key not in latest or version > latest[key]:
                latest[key] = version
            authors[cid] = row[at["author"]]
        sides.append(_Side(rows[schema], columns, seen[schema], latest, history, hcols, authors))
    return sides[1], sides[0], only_ours


def _version(side: _Side, table: str, record: str, column: str) -> Version | None:
    return side.latest.get((table, record, column)) or side.latest.get((table, record, ""))


# -- deciding ------------------------------------------------------------------------


@dataclass
class _Outcome:
    value: Any
    took_theirs: bool
    conflict: tuple[Version | None, Version | None, Any] | None = None  # winner, loser, lost
    made: Change | None = None


def _merge_lines(base: str, a: str, b: str) -> tuple[str, bool]:
    """Line-by-line three-way merge of text; clashing lines keep both versions."""
    import merge3

    lines = merge3.Merge3(base.splitlines(True), a.splitlines(True), b.splitlines(True))
    out: list[str] = []
    clashed = False
    for group in lines.merge_groups():
        if group[0] == "conflict":
            clashed = True
            first, second = group[2], group[3]
            for block in (first, second):
                if block and not block[-1].endswith("\n"):
                    block = [*block[:-1], block[-1] + "\n"]
                out.extend(block)
        else:
            out.extend(group[1])
    text = "".join(out)
    if not (a.endswith("\n") or b.endswith("\n")):
        text = text.rstrip("\n")
    return text, clashed


def _ancestor_text(side: _Side, other: _Side, table: str, record: str, column: str) -> str | None:
    """The text as it was before this side's edits that the other has not seen."""
    at = {c: side.history_columns.index(c) for c in ("table_name", "record_id", "field", "old")}
    unseen = sorted(
        (row[side.history_columns.index("created_at")], cid, row[at["old"]])
        for cid, row in side.history.items()
        if cid not in other.seen
        and row[at["table_name"]] == table
        and row[at["record_id"]] == record
        and row[at["field"]] == column
    )
    return unseen[0][2] if unseen else None


def _decide(
    ours: _Side, theirs: _Side, table: str, record: str, column: str, mine: Any, other: Any
) -> _Outcome:
    vo, vt = _version(ours, table, record, column), _version(theirs, table, record, column)
    ours_seen_by_them = vo is not None and vo[1] in theirs.seen
    theirs_seen_by_us = vt is not None and vt[1] in ours.seen
    if ours_seen_by_them and not theirs_seen_by_us:
        return _Outcome(other, True)
    if theirs_seen_by_us and not ours_seen_by_them:
        return _Outcome(mine, False)
    if ours_seen_by_them and theirs_seen_by_us:
        # Each has seen the other's last edit, so the values differ only through a merge
        # rule (a role ended, an attendee listed twice, a deletion kept), which runs again
        # on the result: settle it the same way whichever side merges, without a clash.
        settled = other if mine is None else mine if other is None else min(mine, other, key=str)
        return _Outcome(settled, settled != mine)
    # Both changed it, unseen by the other: the later edit wins.
    key_o, key_t = vo or ("", ""), vt or ("", "")
    if column in ENDINGS and mine is not None and other is not None:
        return _both_ended(ours, theirs, table, record, column, (key_o, mine), (key_t, other))
    if (table, column) in LONG_TEXT and isinstance(mine, str) and isinstance(other, str):
        base = _ancestor_text(ours, theirs, table, record, column)
        if base is None:
            base = _ancestor_text(theirs, ours, table, record, column)
        early, late = (mine, other) if key_o <= key_t else (other, mine)
        merged, clashed = _merge_lines(base or "", early, late)
        when = max(key_o[0], key_t[0])
        made = Change(
            id=uuid.uuid5(_IDS, f"lines:{min(key_o, key_t)[1]}:{max(key_o, key_t)[1]}"),
            table_name=table,
            record_id=uuid.UUID(hex=record),
            action="both" if clashed else "changed",
            field=column,
            old=early if clashed else None,
            new=merged,
            author=" and ".join(
                sorted({ours.authors.get(key_o[1], ""), theirs.authors.get(key_t[1], "")} - {""})
            ),
            seen=not clashed,
        )
        made.created_at = _later(when)
        return _Outcome(merged, merged != mine, made=made)
    if key_t > key_o:
        return _Outcome(other, True, conflict=(vt, vo, mine))
    return _Outcome(mine, False, conflict=(vo, vt, other))


def _both_ended(
    ours: _Side,
    theirs: _Side,
    table: str,
    record: str,
    column: str,
    mine: tuple[Version, Any],
    other: tuple[Version, Any],
) -> _Outcome:
    """Both deleted a record, or both ended a role: no choice to make, the earlier stands."""
    from mycare.store import as_text

    (key_o, value_o), (key_t, value_t) = mine, other
    earlier, later = sorted((value_o, value_t))
    made = Change(
        id=uuid.uuid5(_IDS, f"ended:{min(key_o, key_t)[1]}:{max(key_o, key_t)[1]}"),
        table_name=table,
        record_id=uuid.UUID(hex=record),
        action="deleted" if column == "deleted_at" else "changed",
        field=column,
        old=as_text(later),
        new=as_text(earlier),
        author=" and ".join(
            sorted({ours.authors.get(key_o[1], ""), theirs.authors.get(key_t[1], "")} - {""})
        ),
        seen=True,
    )
    made.created_at = _later(max(key_o[0], key_t[0]))
    return _Outcome(earlier, earlier != value_o, made=made)


def _later(when: str) -> Any:
    """A moment just after a stored timestamp, so a merged value is the newest edit."""
    from datetime import datetime, timedelta

    try:
        moment = datetime.fromisoformat(when)
    except ValueError:
        from mycare.store import utcnow

        return utcnow()
    return moment + timedelta(microseconds=1)


def _conflict_change(
    table: str, record: str, column: str, outcome: _Outcome, ours: _Side, theirs: _Side
) -> Change:
    assert outcome.conflict is not None
    winner, loser, lost = outcome.conflict
    from mycare.store import as_text

    loser_id = loser[1] if loser else "none"
    winner_id = winner[1] if winner else "none"
    author = ours.authors.get(loser_id) or theirs.authors.get(loser_id) or ""
    change = Change(
        id=uuid.uuid5(_IDS, f"both:{table}:{record}:{column}:{winner_id}:{loser_id}"),
        table_name=table,
        record_id=uuid.UUID(hex=record),
        action="both",
        field=column,
        old=as_text(lost),
        new=as_text(outcome.value),
        author=author,
        seen=False,
    )
    change.created_at = _later(max((winner or ("",))[0], (loser or ("",))[0]) or "x")
    return change


# -- merging -------------------------------------------------------------------------


def _merge_row(
    table: str,
    cols: Sequence[str],
    mine: Row,
    other: Row,
    ours: _Side,
    theirs: _Side,
    made: list[Change],
    report: MergeReport,
) -> Row:
    record = mine[0]
    result = list(mine)
    took = False
    for i, column in enumerate(cols):
        if column in BOOKKEEPING or mine[i] == other[i]:
            continue
        outcome = _decide(ours, theirs, table, record, column, mine[i], other[i])
        result[i] = outcome.value
        if outcome.value != other[i]:
            report.kept_ours += 1
        if outcome.took_theirs:
            took = True
        if outcome.made is not None:
            made.append(outcome.made)
            if outcome.made.action == "both":
                report.both += 1
        elif outcome.conflict is not None:
            made.append(_conflict_change(table, record, column, outcome, ours, theirs))
            report.both += 1
    deleted = cols.index("deleted_at")
    updated = cols.index("updated_at")
    if result[deleted] is not None and (mine[deleted] is None or other[deleted] is None):
        # A deletion loses to an edit made after it on the side that did not delete.
        keeper = mine if mine[deleted] is None else other
        if keeper[updated] and keeper[updated] > result[deleted]:
            result[deleted] = None
            report.notes.append("A record deleted on one computer was kept: it was changed later.")
    result[updated] = max(mine[updated] or "", other[updated] or "") or mine[updated]
    if took or result[deleted] != mine[deleted]:
        if result[deleted] is not None and mine[deleted] is None:
            report.deleted[table] += 1
        elif result != list(mine) and None in (mine[deleted], result[deleted]):
            report.changed[table] += 1  # (a record deleted before and after is out of sight)
    return tuple(result)


def _fix_roles(
    cols: Sequence[str], rows: dict[str, Row], made: list[Change], report: MergeReport
) -> dict[str, Row]:
    """One lead and one first contact per person: the later choice stays.

    Each earlier holder's time ends when the next one's started; choosing someone
    different is a clash to check, both choosing the same contact is not.
    """
    c = {name: i for i, name in enumerate(cols)}
    spells: dict[tuple[Any, Any], list[Row]] = {}
    for row in rows.values():
        if row[c["deleted_at"]] is None:
            spells.setdefault((row[c["person_id"]], row[c["role"]]), []).append(row)
    changed = {}
    for (_person, role), held in spells.items():
        held.sort(key=lambda r: (r[c["started_at"]], r[0]))
        current = [i for i, r in enumerate(held) if r[c["ended_at"]] is None]
        if len(current) < 2:
            continue
        winner = held[current[-1]]
        clashed = False
        for i in current[:-1]:
            loser = held[i]
            ended = list(loser)
            ended[c["ended_at"]] = held[i + 1][c["started_at"]]
            changed[loser[0]] = tuple(ended)
            if loser[c["contact_id"]] == winner[c["contact_id"]]:
                continue
            change = Change(
                id=uuid.uuid5(_IDS, f"role:{loser[0]}:{winner[0]}"),
                table_name="carerole",
                record_id=uuid.UUID(hex=loser[0]),
                action="both",
                field="contact_id",
                old=loser[c["contact_id"]],
                new=winner[c["contact_id"]],
                seen=False,
            )
            change.created_at = _later(str(winner[c["started_at"]]))
            made.append(change)
            report.both += 1
            clashed = True
        if clashed:
            what = "who is in charge" if role == "lead" else "the first point of contact"
            report.notes.append(
                f"Two different choices were made for {what}; the later one stands — check it."
            )
    return changed


def _fix_attendees(cols: Sequence[str], rows: dict[str, Row]) -> dict[str, Row]:
    """The same person added to the same appointment on both sides is listed once."""
    c = {name: i for i, name in enumerate(cols)}
    first: dict[tuple[Any, Any], Row] = {}
    changed = {}
    for row in sorted(rows.values(), key=lambda r: r[0]):
        if row[c["deleted_at"]] is not None:
            continue
        key = (row[c["appointment_id"]], row[c["contact_id"]])
        if key in first:
            gone = list(row)
            gone[c["deleted_at"]] = max(row[c["created_at"]], first[key][c["created_at"]])
            changed[row[0]] = tuple(gone)
        else:
            first[key] = row
    return changed


def _fix_holders(ours: _Side, writes: dict[str, dict[str, Row]], report: MergeReport) -> None:
    """Whoever holds a role is in the team: chosen after being removed, they stay in it;
    removed after being chosen, their time in the role ends then."""
    c = {name: i for i, name in enumerate(ours.columns["contact"])}
    r = {name: i for i, name in enumerate(ours.columns["carerole"])}
    contacts = {**ours.rows["contact"], **writes["contact"]}
    for rid, role in {**ours.rows["carerole"], **writes["carerole"]}.items():
        if role[r["ended_at"]] is not None or role[r["deleted_at"]] is not None:
            continue
        contact = contacts.get(role[r["contact_id"]])
        if contact is None or contact[c["deleted_at"]] is None:
            continue
        if role[r["started_at"]] > contact[c["deleted_at"]]:
            kept = list(contact)
            kept[c["deleted_at"]] = None
            contacts[contact[0]] = writes["contact"][contact[0]] = tuple(kept)
            report.notes.append(
                "Someone removed from the care team on one computer was given a role on "
                "another, so they were kept in the team."
            )
        else:
            ended = list(role)
            ended[r["ended_at"]] = contact[c["deleted_at"]]
            writes["carerole"][rid] = tuple(ended)
        report.kept_ours += 1


def _upsert(conn: sqlite3.Connection, table: str, cols: Sequence[str], rows: Iterable[Row]) -> None:
    names = ", ".join(f'"{c}"' for c in cols)
    marks = ", ".join("?" for _ in cols)
    sets = ", ".join(f'"{c}" = excluded."{c}"' for c in cols[1:])
    conn.executemany(
        f'INSERT INTO "{table}" ({names}) VALUES ({marks}) '  # noqa: S608 - our own names
        f"ON CONFLICT(id) DO UPDATE SET {sets}",
        list(rows),
    )


def _stamp(moment: Any) -> str:
    """A time as the database stores it."""
    return str(moment.strftime("%Y-%m-%d %H:%M:%S.%f"))


def _change_row(change: Change, cols: Sequence[str]) -> Row:
    values = {
        "id": change.id.hex,
        "created_at": _stamp(change.created_at),
        "updated_at": _stamp(change.created_at),
        "deleted_at": None,
        "table_name": change.table_name,
        "record_id": change.record_id.hex,
        "action": change.action,
        "field": change.field,
        "old": change.old,
        "new": change.new,
        "author": change.author,
        "seen": 1 if change.seen else 0,
    }
    return tuple(values[c] for c in cols)


def open_other(image: bytes) -> Database:
    """Another version's database, brought to this schema; refuses a newer one."""
    try:
        return Database(image)
    except SchemaTooNew:
        raise CareError(
            "That copy was saved by a newer mycare; update mycare to merge it. "
            "It was left untouched."
        ) from None


@dataclass
class _Plan:
    report: MergeReport
    writes: dict[str, dict[str, Row]]
    columns: dict[str, list[str]]
    history_columns: list[str]
    new_history: dict[str, Row]


MERGE_TRIES = 3


def merge_into(db: Database, other_image: bytes) -> MergeReport:
    """Merge another version into this database, in one transaction, and say what came in.

    The merge is worked out on a snapshot without holding the database, so the app stays
    responsive; it is applied only if nothing changed meanwhile (else worked out again).
    """
    other = open_other(other_image)
    try:
        work = other.conn
        work.execute("ATTACH ':memory:' AS ours")
        for attempt in range(MERGE_TRIES):
            last = attempt == MERGE_TRIES - 1  # the last try holds the database throughout
            with db.lock:
                work.deserialize(db.image(), name="ours")
                stamp = db.conn.total_changes
                plan = _plan(work) if last else None
                if plan is not None:
                    _apply(db.conn, plan)
                    return plan.report
            plan = _plan(work)
            with db.lock:
                if db.conn.total_changes == stamp:  # nothing changed while it was worked out
                    _apply(db.conn, plan)
                    return plan.report
        raise AssertionError("unreachable: the last try holds the database throughout")
    finally:
        other.close()


def _plan(work: sqlite3.Connection) -> _Plan:
    """Decide every record and history row, from theirs (main) and ours (attached)."""
    report = MergeReport()
    ours, theirs, only_ours = _read_sides(work)
    made: list[Change] = []
    writes: dict[str, dict[str, Row]] = {}
    for model in ALL_TABLES:
        table = _table(model)
        cols = ours.columns[table]
        out: dict[str, Row] = {}
        mine_rows, other_rows = ours.rows[table], theirs.rows[table]
        for rid, other_row in other_rows.items():
            mine_row = mine_rows.get(rid)
            if mine_row is None:
                out[rid] = other_row
                report.added[table] += 1
            elif mine_row != other_row:
                merged = _merge_row(table, cols, mine_row, other_row, ours, theirs, made, report)
                if merged != mine_row:
                    out[rid] = merged
        report.kept_ours += only_ours[table]
        if table in ("carerole", "appointmentcontact"):
            whole = {**mine_rows, **out}
            fix = (
                _fix_roles(cols, whole, made, report)
                if table == "carerole"
                else (_fix_attendees(cols, whole))
            )
            for rid, row in fix.items():
                out[rid] = row
                report.kept_ours += 1
        writes[table] = out
    _fix_holders(ours, writes, report)
    hcols = ours.history_columns
    new_history = {cid: row for cid, row in theirs.history.items() if cid not in ours.seen}
    seen_at = hcols.index("seen")
    for cid, row in theirs.history.items():  # a conflict looked at on either side is seen
        mine_row = ours.history.get(cid)
        if mine_row is not None and row[seen_at] and not mine_row[seen_at]:
            new_history[cid] = row
        elif mine_row is not None and mine_row[seen_at] and not row[seen_at]:
            report.kept_ours += 1
    report.kept_ours += sum(1 for cid in ours.seen if cid not in theirs.seen)
    for change in made:
        if change.id.hex not in ours.seen:
            new_history[change.id.hex] = _change_row(change, hcols)
        if change.id.hex not in theirs.seen:
            report.kept_ours += 1
    author_at = hcols.index("author")
    report.authors = {row[author_at] for cid, row in theirs.history.items() if cid not in ours.seen}
    report.history_in = sum(1 for cid in theirs.history if cid not in ours.seen)
    return _Plan(report, writes, ours.columns, hcols, new_history)


def _apply(conn: sqlite3.Connection, plan: _Plan) -> None:
    """Write a merge's decisions into the live database, all or nothing."""
    writes, hcols, new_history = plan.writes, plan.history_columns, plan.new_history
    conn.execute("BEGIN")
    try:
        for model in ALL_TABLES:
            table = _table(model)
            rows = writes[table]
            if not rows:
                continue
            cols = plan.columns[table]
            if table == "carerole":  # end the old holders before the new ones start
                ended = cols.index("ended_at")
                order = sorted(rows.values(), key=lambda r: r[ended] is None)
                _upsert(conn, table, cols, order)
            else:
                _upsert(conn, table, cols, rows.values())
        _upsert(conn, HISTORY, hcols, new_history.values())
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise CareError("The other copy's records do not hang together, so nothing was merged.")
        conn.execute("COMMIT")
    except sqlite3.DatabaseError:
        conn.execute("ROLLBACK")
        raise CareError(
            "The other copy's records do not hang together, so nothing was merged; "
            "it was left untouched."
        ) from None
    except BaseException:
        conn.execute("ROLLBACK")
        raise
