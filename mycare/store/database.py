"""The care record's SQLite database, living only in memory.

It is loaded from a decrypted image and turned back into one for saving; no
page of it ever touches the disk.
"""

from __future__ import annotations

import sqlite3
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from uuid import UUID

from sqlalchemy import event, inspect
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

from .base import Record, utcnow
from .migrations import SchemaBroken, prepare
from .tables import Change

BOOKKEEPING = frozenset({"id", "created_at", "updated_at"})
SQLITE_MAGIC = b"SQLite format 3\x00"
NOT_A_DATABASE = "the records inside are damaged: they are not a database"


def image_problems(image: bytes) -> list[str]:
    """What is wrong inside a decrypted database image (empty when it is sound)."""
    if not image.startswith(SQLITE_MAGIC):
        return [NOT_A_DATABASE]
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(image)
        return _integrity(conn)
    except sqlite3.DatabaseError as exc:
        return [f"the records inside are damaged ({exc})"]
    finally:
        conn.close()


def _integrity(conn: sqlite3.Connection) -> list[str]:
    """SQLite's own checks of every page and every link between records."""
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        problems = [f"the records inside are damaged ({r[0]})" for r in rows if r[0] != "ok"]
        fks = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return [f"the records inside are damaged ({exc})"]
    return problems + [f"{r[0]} row {r[1]} points to a missing {r[2]}" for r in fks]


def as_text(value: object) -> str | None:
    """A stored value as history keeps it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return value.hex
    return str(value)


def fold(value: object) -> str | None:
    """Case- and accent-insensitive form of text, for searching."""
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(value))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Database:
    """One in-memory SQLite connection shared by SQLAlchemy, guarded by one lock."""

    def __init__(self, image: bytes | None = None) -> None:
        self.lock = threading.RLock()
        self.author = ""  # who is making changes on this computer, kept in their history
        self.conn = sqlite3.connect(":memory:", check_same_thread=False)
        if image is not None and not image.startswith(SQLITE_MAGIC):
            self.conn.close()
            raise SchemaBroken(NOT_A_DATABASE)
        try:
            if image is not None:
                self.conn.deserialize(image)
                found = [r[0] for r in self.conn.execute("PRAGMA quick_check").fetchall()]
                if found != ["ok"]:  # a garbled page: refused now, not met mid-query later
                    raise sqlite3.DatabaseError(found[0])
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA temp_store = MEMORY")
            self.conn.execute("PRAGMA secure_delete = ON")
            self.conn.create_function("fold", 1, fold, deterministic=True)
            self.engine = create_engine(
                "sqlite://", creator=lambda: self.conn, poolclass=StaticPool
            )
            self.migrated = prepare(self.conn, self.engine)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise SchemaBroken(f"the records inside are damaged ({exc})") from None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short session under the lock; objects stay readable after it closes."""
        with self.lock, Session(self.engine, expire_on_commit=False) as session:
            session.info["author"] = self.author
            yield session

    def image(self) -> bytes:
        """The whole database as bytes, for encrypting; never mid-transaction."""
        with self.lock:
            if self.conn.in_transaction:
                raise RuntimeError("refusing to serialize mid-transaction")
            return self.conn.serialize()

    def integrity_problems(self) -> list[str]:
        """What SQLite's own checks find wrong (empty when all is well)."""
        with self.lock:
            return _integrity(self.conn)

    def close(self) -> None:
        with self.lock:
            self.conn.close()


def _history_of(obj: Record, author: str) -> list[Change]:
    """What changed in one record since it was loaded, one Change per field."""
    changes = []
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        name = attr.key
        if name in BOOKKEEPING:
            continue
        hist = state.attrs[name].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if as_text(old) == as_text(new):
            continue
        if name == "deleted_at":
            action = "deleted" if new is not None else "restored"
        else:
            action = "changed"
        changes.append(
            Change(
                table_name=obj.__tablename__,  # type: ignore[arg-type]
                record_id=obj.id,
                action=action,
                field=name,
                old=as_text(old),
                new=as_text(new),
                author=author,
            )
        )
    return changes


@event.listens_for(Session, "before_flush")
def _touch(session: Session, _ctx: object, _instances: object) -> None:
    """Keep updated_at true and history written for every change; note that one happened."""
    if session.new or session.dirty or session.deleted:
        session.info["changed"] = True
    if session.info.get("merging"):
        return
    author = str(session.info.get("author", ""))
    now = utcnow()
    for obj in list(session.new):
        if isinstance(obj, Record) and not isinstance(obj, Change):
            session.add(
                Change(
                    table_name=obj.__tablename__,  # type: ignore[arg-type]
                    record_id=obj.id,
                    action="added",
                    author=author,
                    created_at=obj.created_at,
                )
            )
    for obj in list(session.dirty):
        if isinstance(obj, Record) and not isinstance(obj, Change) and session.is_modified(obj):
            obj.updated_at = now
            for change in _history_of(obj, author):
                change.created_at = now
                session.add(change)
