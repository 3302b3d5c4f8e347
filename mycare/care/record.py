"""An open care record: the encrypted file and the in-memory database together."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path

from sqlmodel import Session

from mycare.store import Database, SchemaBroken, SchemaTooNew
from mycare.vault import DEFAULT_KDF, DamagedStore, KdfParams, NewerFormat, Vault, existing_backups

from . import clock


class CareRecord:
    """Everything the UI and the command line read and change goes through here.

    Each change is committed to memory and then handed to ``after_commit``,
    which saves at once by default; the app swaps in a saver that runs off its
    event loop.
    """

    def __init__(self, vault: Vault, db: Database) -> None:
        self.vault = vault
        self.db = db
        self.after_commit: Callable[[], None] = self.save
        self.unsaved = False
        self.last_saved: datetime | None = None
        self._save_lock = threading.Lock()

    @property
    def path(self) -> Path:
        return self.vault.path

    # -- opening and closing -------------------------------------------------
    @classmethod
    def create(cls, path: Path, passphrase: str, kdf: KdfParams = DEFAULT_KDF) -> CareRecord:
        """Make a new, empty, encrypted store at path (never over an existing file)."""
        db = Database()
        vault = Vault.create(Path(path), passphrase, db.image(), kdf)
        return cls(vault, db)

    @classmethod
    def open(cls, path: Path, passphrase: str) -> CareRecord:
        """Unlock a store and bring its schema up to date."""
        vault, image = Vault.open(Path(path), passphrase)
        try:
            db = Database(image)
        except SchemaTooNew as exc:
            vault.close()
            raise NewerFormat(vault.path, exc.version) from None
        except SchemaBroken as exc:
            vault.close()
            raise DamagedStore(vault.path, existing_backups(vault.path), str(exc)) from None
        except BaseException:
            vault.close()
            raise
        record = cls(vault, db)
        if db.migrated:
            record.save()
        return record

    def close(self) -> None:
        self.vault.close()
        self.db.close()

    def __enter__(self) -> CareRecord:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- reading and changing ------------------------------------------------
    def reading(self) -> AbstractContextManager[Session]:
        """A session for reading."""
        return self.db.session()

    @contextmanager
    def changing(self) -> Iterator[Session]:
        """A session whose changes are committed together, then saved."""
        with self.db.session() as session:
            yield session
            session.commit()
            changed = session.info.pop("changed", False)
        if changed:
            self.unsaved = True
            self.after_commit()

    def save(self) -> None:
        """Encrypt and write the database now; raises the vault's error if it cannot."""
        with self._save_lock:
            self.vault.save(self.db.image())
            self.unsaved = False
            self.last_saved = clock.now()

    def verify(self) -> tuple[list[str], int]:
        """What SQLite's own checks find wrong (empty when all is well), and the save number."""
        return self.db.integrity_problems(), self.vault.generation

    def counts(self) -> dict[str, int]:
        """How many live records of each kind the store holds."""
        from sqlalchemy import func
        from sqlmodel import col, select

        from mycare.store import ALL_TABLES

        with self.reading() as session:
            return {
                model.__tablename__: session.exec(  # type: ignore[misc]
                    select(func.count()).select_from(model).where(col(model.deleted_at).is_(None))
                ).one()
                for model in ALL_TABLES
            }

    def change_passphrase(self, old: str, new: str, kdf: KdfParams | None = None) -> list[Path]:
        """Re-wrap the data key under a new passphrase and save.

        Returns any backups that could not be re-locked with the new passphrase.
        """
        with self._save_lock:
            left_behind = self.vault.change_passphrase(old, new, self.db.image(), kdf)
            self.unsaved = False
            self.last_saved = clock.now()
            return left_behind
