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

from sqlalchemy import event
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

from .base import Record, utcnow
from .migrations import SchemaBroken, prepare


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
        self.conn = sqlite3.connect(":memory:", check_same_thread=False)
        if image:
            try:
                self.conn.deserialize(image)
                self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.DatabaseError as exc:
                self.conn.close()
                raise SchemaBroken(f"The decrypted data is not a database ({exc}).") from None
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA temp_store = MEMORY")
        self.conn.create_function("fold", 1, fold, deterministic=True)
        self.engine = create_engine("sqlite://", creator=lambda: self.conn, poolclass=StaticPool)
        self.migrated = prepare(self.conn, self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short session under the lock; objects stay readable after it closes."""
        with self.lock, Session(self.engine, expire_on_commit=False) as session:
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
            rows = self.conn.execute("PRAGMA integrity_check").fetchall()
            problems = [r[0] for r in rows if r[0] != "ok"]
            fks = self.conn.execute("PRAGMA foreign_key_check").fetchall()
            problems += [f"{r[0]} row {r[1]} points to a missing {r[2]}" for r in fks]
            return problems

    def close(self) -> None:
        with self.lock:
            self.conn.close()


@event.listens_for(Session, "before_flush")
def _touch(session: Session, _ctx: object, _instances: object) -> None:
    """Keep updated_at true for every changed record, and note that something changed."""
    if session.new or session.dirty or session.deleted:
        session.info["changed"] = True
    now = utcnow()
    for obj in session.dirty:
        if isinstance(obj, Record) and session.is_modified(obj):
            obj.updated_at = now
