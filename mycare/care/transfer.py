"""Every record as JSON, and back again into an empty store, losslessly."""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import func
from sqlmodel import Session, select
from sqlmodel.sql.sqltypes import UTCDateTime

from mycare.store import ALL_TABLES, SCHEMA_VERSION, Appointment, Person, Record

from . import clock
from .appointments import check_rule
from .collector import full_passes_held
from .errors import CareError, InvalidField
from .fields import check_date, check_values
from .record import CareRecord

FORMAT_NAME = "mycare-records"
FORMAT_VERSION = 1
_BOOKKEEPING = ("id", "created_at", "updated_at", "deleted_at")


def _table_name(model: type[Record]) -> str:
    return model.__tablename__  # type: ignore[return-value]


def _json_value(column: Any) -> str:
    """SQL that turns a stored value into its JSON value, spelt as the records file spells
    it: ids as stored (uuid.hex: 32 hex digits, whose first 8 are the short id the command
    line shows), times in ISO 8601 (UTC ones with +00:00), flags as true or false. SQLite
    does this in C: a ten-year store holds a third of a million such values."""
    name = f'"{column.name}"'
    kind = getattr(column.type, "impl", column.type).python_type
    if kind is datetime:  # stored as "YYYY-MM-DD HH:MM:SS.ffffff"
        zone = "||'+00:00'" if isinstance(column.type, UTCDateTime) else ""  # (no fraction
        return f"replace(replace({name},'.000000',''),' ','T'){zone}"  # when it is nought)
    if kind is bool:
        return f"json(CASE WHEN {name} IS NULL THEN NULL WHEN {name} THEN 'true' ELSE 'false' END)"
    return name  # ids, whole numbers, text and dates (stored as YYYY-MM-DD) are kept as they are


def _whose(
    model: type[Record], row: dict[str, Any], person: str, kept: dict[str, set[Any]]
) -> bool:
    """Whether a stored row belongs to the person (their stored id): theirs, or hanging only
    from rows of theirs."""
    if model is Person:
        return bool(row["id"] == person)
    table = model.__table__  # type: ignore[attr-defined]
    if "person_id" in table.columns:
        return bool(row["person_id"] == person)
    for key in table.foreign_keys:
        value = row[key.parent.name]
        if value is not None and value not in kept.get(key.column.table.name, set()):
            return False
    return True


def _table_lines(
    session: Session, model: type[Record], whose: str | None, kept: dict[str, set[Any]]
) -> list[str]:
    """A table's rows (or those of the person with stored id `whose`), oldest first, each as
    one line of JSON; `kept` gathers the stored ids of the rows written."""
    table = model.__table__  # type: ignore[attr-defined]
    pairs = ", ".join(f"'{c.name}', {_json_value(c)}" for c in table.columns)
    linked = [k.parent.name for k in table.foreign_keys if k.parent.name != "person_id"]
    linked += ["person_id"] if "person_id" in table.columns else []
    listed = "".join(f', "{name}"' for name in linked)
    query = f'SELECT "created_at", "id", json_object({pairs}){listed} FROM "{table.name}"'
    # Sorted here rather than by SQLite, whose sort would copy every line.
    driver = cast(sqlite3.Connection, session.connection().connection.driver_connection)
    rows = sorted(driver.execute(query))
    if whose is not None:
        names = ["created_at", "id", "line", *linked]
        rows = [
            row for row in rows if _whose(model, dict(zip(names, row, strict=True)), whose, kept)
        ]
        kept[_table_name(model)] = {row[1] for row in rows}
    return [row[2] for row in rows]


def export_json(record: CareRecord, person: Person | None = None) -> str:
    """The records file: every row of every table (or only one person's), deleted ones
    included, one record a line. SQLite writes each line; building Python objects for a
    ten-year store's rows took seconds."""
    head = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "schema": SCHEMA_VERSION,
        "exported_at": clock.now().isoformat(timespec="minutes"),
    }
    parts = [json.dumps(head, ensure_ascii=False)[:-1], ', "tables": {']
    kept: dict[str, set[Any]] = {}
    whose = None if person is None else person.id.hex
    with full_passes_held(), record.reading() as session:
        for n, model in enumerate(ALL_TABLES):  # parents before the rows that hang from them
            lines = _table_lines(session, model, whose, kept)
            body = ",".join("\n  " + line for line in lines)
            end = "\n " if lines else ""
            parts.append(f"{',' if n else ''}\n {json.dumps(_table_name(model))}: [{body}{end}]")
    parts.append("\n}}\n")
    return "".join(parts)


def export_records(record: CareRecord, person: Person | None = None) -> dict[str, Any]:
    """The records file read back as JSON values."""
    data: dict[str, Any] = json.loads(export_json(record, person))
    return data


def _python_type(model: type[Record], name: str) -> type:
    """The Python type a column holds (looking through SQLModel's type decorators)."""
    column_type = model.__table__.columns[name].type  # type: ignore[attr-defined]
    kind: type = getattr(column_type, "impl", column_type).python_type
    return kind


def _from_json(model: type[Record], name: str, value: Any) -> Any:
    """Turn one JSON value back into the column's Python type."""
    if value is None:
        return None
    kind = _python_type(model, name)
    if kind is uuid.UUID:
        return uuid.UUID(value)
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is bool:
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("expected a whole number")
        return value
    if not isinstance(value, str):
        raise ValueError("expected text")
    return value


def _build(model: type[Record], row: Any, where: str) -> Record:
    if not isinstance(row, dict):
        raise CareError(f"{where} is not a record.")
    fields = set(model.model_fields)
    unknown = set(row) - fields
    if unknown:
        raise CareError(f"{where} has fields mycare does not know: {', '.join(sorted(unknown))}.")
    try:
        values = {k: _from_json(model, k, v) for k, v in row.items()}
    except (ValueError, TypeError, AttributeError) as exc:
        raise CareError(f"{where} has a value mycare cannot read ({exc}).") from None
    if "id" not in values:
        raise CareError(f"{where} has no id.")
    editable = {k: v for k, v in values.items() if k not in _BOOKKEEPING}
    try:
        for name in _BOOKKEEPING[1:]:
            if values.get(name) is not None:
                check_date(name, values[name])
        editable = check_values(model, editable)
        if model is Appointment and editable.get("rrule"):
            check_rule(editable["rrule"], editable["starts_at"])
    except InvalidField as exc:
        raise CareError(f"{where}: {exc}") from None
    return model(**{k: values[k] for k in _BOOKKEEPING if k in values}, **editable)


def is_empty(record: CareRecord) -> bool:
    with record.reading() as session:
        return all(
            session.exec(select(func.count()).select_from(model)).one() == 0 for model in ALL_TABLES
        )


def build_records(data: Any) -> tuple[list[Record], dict[str, int]]:
    """Every record of a records file, checked, and how many of each kind; CareError if bad."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise CareError(
            "This is not a mycare records file (made by `mycare export --format json`)."
        )
    schema = data.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise CareError("This records file does not say which mycare wrote it; it cannot be read.")
    if data.get("version") != FORMAT_VERSION or schema > SCHEMA_VERSION:
        raise CareError("This records file was made by a newer mycare; update mycare first.")
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise CareError("This records file has no records in it.")
    known = {_table_name(m) for m in ALL_TABLES}
    unknown = set(tables) - known
    if unknown:
        raise CareError(f"This records file has kinds mycare does not know: {sorted(unknown)}.")
    counts: dict[str, int] = {}
    built: list[Record] = []
    for model in ALL_TABLES:
        rows = tables.get(_table_name(model), [])
        if not isinstance(rows, list):
            raise CareError(f"The {_table_name(model)} part of this file is not a list.")
        seen: set[uuid.UUID] = set()
        for n, row in enumerate(rows, 1):
            where = f"Record {n} of {_table_name(model)}"
            obj = _build(model, row, where)
            if obj.id in seen:
                raise CareError(f"{where} has the same id as an earlier record.")
            seen.add(obj.id)
            built.append(obj)
        counts[_table_name(model)] = len(rows)
    return built, counts


def import_records(record: CareRecord, data: Any) -> dict[str, int]:
    """Load an export into an empty store in one go; on any problem nothing is stored.

    (Into a store that holds records already, ``importing.records_file`` merges it.)
    """
    built, counts = build_records(data)
    if not is_empty(record):
        raise CareError(
            "Records can only be imported into an empty store: make one with `mycare init` "
            "(without --name) and import into that."
        )
    try:
        with record.changing() as session:
            for obj in built:
                session.add(obj)
                session.flush()
    except CareError:
        raise
    except Exception as exc:  # integrity errors: duplicate ids, broken links
        raise CareError(
            f"This records file does not hang together ({type(exc).__name__}); "
            "nothing was imported."
        ) from None
    return counts


MAX_DEPTH = 32  # an export is five levels deep; a hostile file may be thousands
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


def nesting_depth(text: str) -> int:
    """How deeply lists and objects nest in JSON text (strings skipped), without parsing."""
    brackets = _NOT_BRACKETS.sub("", _STRING.sub("", text))
    depth = deepest = 0
    for ch in brackets:
        depth += 1 if ch in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def import_json(record: CareRecord, text: str) -> dict[str, int]:
    if nesting_depth(text) > MAX_DEPTH:
        raise CareError(
            f"This is not a mycare records file: it nests deeper than {MAX_DEPTH} levels."
        )
    try:
        data = json.loads(text)
    except RecursionError:
        raise CareError("This is not a mycare records file: it nests too deeply.") from None
    except json.JSONDecodeError as exc:
        raise CareError(
            f"This is not a mycare records file: it is not valid JSON (line {exc.lineno})."
        ) from None
    return import_records(record, data)
