"""Schema versions: a new store gets the newest schema; older ones are brought forward."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from . import tables  # noqa: F401  (registers the tables on SQLModel.metadata)

SCHEMA_VERSION = 5


def _add_history(conn: sqlite3.Connection, engine: Engine) -> None:
    """Schema 2: every change to a record is kept with who made it and when."""
    tables.Change.__table__.create(engine, checkfirst=True)  # type: ignore[attr-defined]


IMPORTED_TABLES = ("person", "contact", "appointment", "medication", "condition", "allergy")


def _add_sources(conn: sqlite3.Connection, engine: Engine) -> None:
    """Schema 3: imported records remember their file and identifier; repeats can skip dates."""
    with conn:
        for table in IMPORTED_TABLES:
            for column in ("source_file", "source_id"):
                conn.execute(
                    f'ALTER TABLE "{table}" ADD COLUMN "{column}" VARCHAR NOT NULL DEFAULT \'\''
                )
            conn.execute(f'CREATE INDEX "ix_{table}_source_id" ON "{table}" ("source_id")')
        conn.execute("ALTER TABLE appointment ADD COLUMN skips VARCHAR NOT NULL DEFAULT ''")


ABOUT_ME_TEXT = (
    "nhs_number",
    "gp_practice",
    "important_people",
    "wellness",
    "please_do",
    "please_dont",
    "how_to_support",
    "also_worth_knowing",
    "written_with",
    "time_zone",
)


def _add_about_me(conn: sqlite3.Connection, engine: Engine) -> None:
    """Schema 4: the PRSB About Me headings, an NHS number, the registered GP practice and the
    time zone the person's clock times are in."""
    with conn:
        for column in ABOUT_ME_TEXT:
            conn.execute(f"ALTER TABLE person ADD COLUMN \"{column}\" VARCHAR NOT NULL DEFAULT ''")
        conn.execute("ALTER TABLE person ADD COLUMN written_on DATE")


def _add_coordination(conn: sqlite3.Connection, engine: Engine) -> None:
    """Schema 5: coordination check-ins (how joined-up care feels) and their answers."""
    tables.Coordination.__table__.create(engine, checkfirst=True)  # type: ignore[attr-defined]
    tables.CoordinationAnswer.__table__.create(engine, checkfirst=True)  # type: ignore[attr-defined]


# MIGRATIONS[n] brings a store from schema n-1 to n; each step has a fixture in tests.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection, Engine], None]] = {
    2: _add_history,
    3: _add_sources,
    4: _add_about_me,
    5: _add_coordination,
}


class SchemaTooNew(Exception):
    """The store was written by a newer mycare."""

    def __init__(self, version: int) -> None:
        self.version = version
        super().__init__(
            f"This store was written by a newer mycare (schema {version}); "
            "update mycare to open it. Nothing was changed."
        )


class SchemaBroken(Exception):
    """The decrypted database is not a care record mycare can read."""


def schema_version(conn: sqlite3.Connection) -> int:
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def _has_tables(conn: sqlite3.Connection) -> bool:
    count: int = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
    return count > 0


def prepare(conn: sqlite3.Connection, engine: Engine) -> bool:
    """Create or migrate the schema in place; True when anything changed."""
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(version)
    if version == 0:
        if _has_tables(conn):
            raise SchemaBroken("The store holds tables but no schema version.")
        SQLModel.metadata.create_all(engine)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.commit()
        return True
    if version == SCHEMA_VERSION:
        return False
    for step in range(version + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[step](conn, engine)
        with conn:
            conn.execute(f"PRAGMA user_version = {step}")
    return True
