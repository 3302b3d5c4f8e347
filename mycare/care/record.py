"""An open care record: the encrypted file and the in-memory database together."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session

from mycare.store import Database, SchemaBroken, SchemaTooNew
from mycare.vault import (
    DEFAULT_KDF,
    BackupReport,
    DamagedStore,
    DiskVersion,
    KdfParams,
    NewerFormat,
    OtherKey,
    PassphraseChanged,
    SaveFailed,
    StoreChanged,
    Vault,
    existing_backups,
)

from . import clock, forget

if TYPE_CHECKING:
    from .merge_report import MergeReport

MERGE_TRIES = 5


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
        self.on_merged: Callable[[MergeReport], object] | None = None  # its result is unused
        self.unsaved = False
        self.last_saved: datetime | None = None
        self._save_lock = threading.Lock()
        self._local = threading.local()

    @property
    def path(self) -> Path:
        return self.vault.path

    @property
    def me(self) -> str:
        """Who is making changes on this computer, as the others will see it."""
        return self.db.author

    @me.setter
    def me(self, name: str) -> None:
        self.db.author = name

    # -- opening and closing -------------------------------------------------
    @classmethod
    def create(cls, path: Path, passphrase: str, kdf: KdfParams = DEFAULT_KDF) -> CareRecord:
        """Make a new, empty, encrypted store at path (never over an existing file)."""
        db = Database()
        vault = Vault.create(Path(path), passphrase, db.image(), kdf)
        return cls(vault, db)

    @classmethod
    def open(
        cls,
        path: Path,
        passphrase: str,
        me: str = "",
        forget_deleted: bool = True,
        *,
        read_only: bool = False,
    ) -> CareRecord:
        """Unlock a store and bring its schema up to date.

        Records deleted before this unlock can no longer be brought back (undo lasts
        until the store is locked), so their text is forgotten now (``forget_deleted``).
        read_only: the store as last saved, while another mycare has it open; the schema is
        brought up to date and deleted text forgotten in memory only, and saving is refused.
        """
        vault, image = Vault.open(Path(path), passphrase, read_only=read_only)
        try:
            db = Database(image)
        except SchemaTooNew as exc:
            vault.close()
            raise NewerFormat(vault.path, exc.version, "records schema") from None
        except SchemaBroken as exc:
            vault.close()
            raise DamagedStore(vault.path, existing_backups(vault.path), str(exc)) from None
        except BaseException:
            vault.close()
            raise
        record = cls(vault, db)
        record.me = me
        try:
            forgotten = forget.forget_deleted(db, me) if forget_deleted else 0
            if read_only:
                pass  # the mycare holding the store open saves it
            elif db.migrated or vault.needs_upgrade:
                record.save()  # one save for both
            elif forgotten:
                record.unsaved = True
                with contextlib.suppress(SaveFailed):  # a read-only store still opens;
                    record.save()  # the next save that can be made writes it
        except BaseException:
            record.close()
            raise
        return record

    @property
    def read_only(self) -> bool:
        """Opened while another mycare had the store open: shown as last saved, never saved."""
        return self.vault.read_only

    def close(self) -> None:
        self.vault.close()
        self.db.close()

    def __enter__(self) -> CareRecord:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- reading and changing ------------------------------------------------
    def _open_change(self) -> Session | None:
        return getattr(self._local, "session", None)

    def reading(self) -> AbstractContextManager[Session]:
        """A session for reading (inside a change, that change's own session)."""
        session = self._open_change()
        return nullcontext(session) if session is not None else self.db.session()

    @contextmanager
    def changing(self) -> Iterator[Session]:
        """A session whose changes are committed together, then saved.

        Changes made inside another ``changing()`` on the same thread join it: one
        person-level action is one commit and one save, all or nothing.
        """
        outer = self._open_change()
        if outer is not None:
            yield outer
            return
        with self.db.session() as session:
            self._local.session = session
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
            finally:
                self._local.session = None
            changed = session.info.pop("changed", False)
        if changed:
            self.unsaved = True
            self.after_commit()

    def one_change(self) -> AbstractContextManager[Session]:
        """Group several care functions into one change: ``with record.one_change(): …``."""
        return self.changing()

    def save(self) -> None:
        """Encrypt and write the database now; raises the vault's error if it cannot.

        When another computer's save has arrived meanwhile, it is merged in first.
        """
        with self._save_lock:
            for _ in range(MERGE_TRIES):
                try:
                    self.vault.save(self.db.image())
                except StoreChanged:
                    try:
                        version = self.vault.newer_version()
                    except OtherKey:  # re-keyed elsewhere: keep this version beside it
                        kept = self.vault.keep_beside(self.db.image())
                        raise PassphraseChanged(self.path, kept) from None
                    if version is None:
                        raise
                    self._take(version)
                    continue
                self.unsaved = False
                self.last_saved = clock.now()
                return
            raise StoreChanged(self.path)

    def _take(self, version: DiskVersion) -> MergeReport:
        report = self._merge_version(version)
        self.vault.adopt(version)
        if report.brought_anything and self.on_merged is not None:
            self.on_merged(report)
        return report

    def refresh(self) -> MergeReport | None:
        """Merge in another computer's save if one has arrived; saves only when needed."""
        with self._save_lock:
            version = self.vault.newer_version()
            if version is None:
                return None
            report = self._take(version)
        if report.kept_ours or self.unsaved:
            self.save()
        return report

    def _merge_version(self, version: DiskVersion) -> MergeReport:
        from .merge import merge_into

        report = merge_into(self.db, version.image)
        forget.keep_forgotten(self.db)  # text another copy still held stays forgotten
        report.authors = {n for a in report.authors for n in a.split(" and ") if n != self.me}
        return report

    def merge_copy(self, copy: Path, passphrase: str = "") -> MergeReport:
        """Merge another file holding a version of this store, and save if it brought news.

        ``passphrase`` opens a copy saved before (or after) a passphrase change.
        """
        with self._save_lock:
            report = self._merge_version(self.vault.read_copy(copy, passphrase))
        if report.brought_anything:
            self.save()
        return report

    def copies(self) -> list[Path]:
        """Sync services' copies of this store waiting beside it."""
        return self.vault.copies()

    def copy_needs_other_passphrase(self, copy: Path) -> bool:
        """Whether a waiting copy was saved under another passphrase (before a change)."""
        return not self.vault.opens_with_our_key(copy)

    def merge_copies(self) -> list[tuple[Path, MergeReport | str]]:
        """Merge every copy beside the store, save once, then move the merged copies aside.

        Returns each copy with what it brought, or why it was left untouched.
        """
        from mycare.vault import VaultError

        from .errors import CareError

        done: list[tuple[Path, MergeReport | str]] = []
        with self._save_lock:
            for copy in self.copies():
                try:
                    done.append((copy, self._merge_version(self.vault.read_copy(copy))))
                except (VaultError, CareError, OSError) as exc:
                    done.append((copy, str(exc)))
        merged = [(c, r) for c, r in done if not isinstance(r, str)]
        if any(r.brought_anything for _, r in merged):
            self.save()  # the copies are moved only once what they brought is saved
        for copy, _ in merged:
            # Merged and saved: should the move fail, it is found again and brings nothing.
            with contextlib.suppress(OSError):
                self.vault.set_aside(copy)
        return done

    def hold(self, data: bytes) -> bytes:
        """Encrypt something the app keeps while locked (an open form), under this store's key."""
        return self.vault.seal_in_memory(data)

    def unhold(self, sealed: bytes) -> bytes | None:
        """What hold() kept, once the same store is unlocked again; None for another store."""
        return self.vault.open_in_memory(sealed)

    def verify(self) -> tuple[list[str], int]:
        """What SQLite's own checks find wrong (empty when all is well), and the save number."""
        return self.db.integrity_problems(), self.vault.generation

    def check_backups(self, passphrase: str) -> list[BackupReport]:
        """Open every backup and look inside it; ``passphrase`` tries those on another key."""
        from mycare.store import image_problems

        return self.vault.check_backups(passphrase, image_problems)

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

    def deleted_count(self) -> int:
        """How many deleted records the store still keeps as tombstones."""
        return sum(len(rows) for rows in forget.deleted_records(self.db).values())

    def forget_deleted(self) -> tuple[int, list[Path]]:
        """Forget the text of everything deleted, here and in every backup, as one change.

        Returns how many records in the store were deleted, and the backups that could
        not be rewritten (they still hold what they held).
        """
        with self._save_lock:
            gone = forget.deleted_records(self.db)
            forget.forget_deleted(self.db, self.me)
            forget.compact(self.db)  # no free page keeps an old copy of any text
            self.unsaved = True
        self.save()
        left_behind = self.vault.rewrite_kept(
            lambda image: forget.purge_image(image, gone, self.me)
        )
        return sum(len(rows) for rows in gone.values()), left_behind

    def change_passphrase(self, old: str, new: str, kdf: KdfParams | None = None) -> list[Path]:
        """A new data key under a new passphrase: the backups re-sealed, then the store saved.

        Returns any backups that could not be re-sealed (they open with the old passphrase).
        """
        with self._save_lock:
            left_behind = self.vault.change_passphrase(old, new, self.db.image(), kdf)
            self.unsaved = False
            self.last_saved = clock.now()
            return left_behind
