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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from mycare.store import ALL_TABLES, Change, Database, SchemaBroken, SchemaTooNew

from .errors import CareError
from .forget import TEXT_COLUMNS
from .merge_read import HISTORY, Row, Side, Version, read_sides, table_name, version
from .merge_report import MergeReport

BOOKKEEPING = ("id", "created_at", "updated_at")
LONG_TEXT = {
    ("person", "what_matters"),
    ("person", "communication_needs"),
    ("person", "care_plan"),
    ("person", "important_people"),
    ("person", "wellness"),
    ("person", "please_do"),
    ("person", "please_dont"),
    ("person", "how_to_support"),
    ("person", "also_worth_knowing"),
    ("diaryentry", "text"),
    ("appointment", "preparation"),
    ("appointment", "outcome"),
    ("contact", "notes"),
    ("condition", "notes"),
    ("question", "answer"),
    ("goal", "what_matters"),
    ("coordinationanswer", "note"),
}
ENDINGS = {"deleted_at", "ended_at"}  # a time something stopped: the earlier of two stands
_IDS = uuid.UUID("6c1d1a52-0f0e-4c39-9d0b-5b0d3c7a2e11")  # namespace for merge-made ids


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


def _ancestor_text(side: Side, other: Side, table: str, record: str, column: str) -> str | None:
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
    ours: Side, theirs: Side, table: str, record: str, column: str, mine: Any, other: Any
) -> _Outcome:
    vo, vt = version(ours, table, record, column), version(theirs, table, record, column)
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
    ours: Side,
    theirs: Side,
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
    table: str, record: str, column: str, outcome: _Outcome, ours: Side, theirs: Side
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
    ours: Side,
    theirs: Side,
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
    _settle_forgotten(table, cols, mine, other, ours, theirs, result)
    result[updated] = max(mine[updated] or "", other[updated] or "") or mine[updated]
    if took or result[deleted] != mine[deleted]:
        if result[deleted] is not None and mine[deleted] is None:
            report.deleted[table] += 1
        elif result != list(mine) and None in (mine[deleted], result[deleted]):
            report.changed[table] += 1  # (a record deleted before and after is out of sight)
    return tuple(result)


def _forgot(side: Side, table: str, row: Row, cols: Sequence[str]) -> bool:
    """Whether a side let this record's text go after it was last deleted there."""
    deleted = row[cols.index("deleted_at")]
    when = side.forgotten.get((table, row[0]))
    return deleted is not None and when is not None and when >= str(deleted)


def _settle_forgotten(
    table: str,
    cols: Sequence[str],
    mine: Row,
    other: Row,
    ours: Side,
    theirs: Side,
    result: list[Any],
) -> None:
    """A record one side has forgotten: blank while it stays deleted, else the other's text.

    Blanking is not an edit, so it never beats text; but text never comes back to a
    record that stays deleted.
    """
    gone_here, gone_there = _forgot(ours, table, mine, cols), _forgot(theirs, table, other, cols)
    if gone_here == gone_there:
        return
    keeper = mine if gone_there else other
    alive = result[cols.index("deleted_at")] is None
    for column in TEXT_COLUMNS[table]:
        i = cols.index(column)
        result[i] = keeper[i] if alive else ""


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


def _fix_holders(ours: Side, writes: dict[str, dict[str, Row]], report: MergeReport) -> None:
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
    except SchemaBroken:
        raise CareError(
            "That copy's records are damaged, so nothing was merged; it was left untouched."
        ) from None
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
    ours, theirs, only_ours = read_sides(work)
    made: list[Change] = []
    writes: dict[str, dict[str, Row]] = {}
    for model in ALL_TABLES:
        table = table_name(model)
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
            table = table_name(model)
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
