"""An open store file: unlock, save safely, change the passphrase, check backups."""

from __future__ import annotations

import errno
import os
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from . import checking, disk, fileformat, rekey
from .checking import BackupReport, Inspect
from .errors import (
    BadPassphrase,
    ChangeCutShort,
    CopyPassphraseWrong,
    DamagedStore,
    FolderUnusable,
    NewerFormat,
    NotAStore,
    OtherKey,
    OtherStore,
    SaveFailed,
    StoreChanged,
    StoreExists,
    StoreInUse,
    StoreMissing,
    StoreUnreadable,
    UnusualSettings,
    VaultError,
    WrongPassphrase,
)
from .fileformat import (
    LATEST,
    FormatProblem,
    Header,
    Keys,
    decrypt,
    decrypt_with_key,
    header_size,
    read_header,
)
from .kdf import DEFAULT_KDF, KdfParams


def _problem_to_error(problem: FormatProblem, path: Path) -> VaultError:
    if problem.kind == "passphrase":
        return WrongPassphrase(path)
    if problem.kind == "foreign":
        return NotAStore(path, problem.detail)
    if problem.kind == "newer":
        return NewerFormat(path, problem.version)
    if problem.kind == "unsafe":
        return UnusualSettings(path, disk.existing_backups(path))
    return DamagedStore(path, disk.existing_backups(path), problem.detail)


def _signature(blob: bytes) -> tuple[bytes, int]:
    """What identifies one saved version of the file: its header and its length."""
    return blob[: header_size(blob)], len(blob)


def _signature_or_none(blob: bytes) -> tuple[bytes, int] | None:
    try:
        read_header(blob)
    except FormatProblem:
        return None
    return _signature(blob)


def _publish_new(tmp: Path, path: Path) -> None:
    """Give a new store its name without ever replacing a file that appeared meanwhile."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise StoreExists(path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        if path.exists():  # no hard links here (FAT, some shares): we hold the lock
            raise StoreExists(path) from None
        os.replace(tmp, path)


@dataclass(frozen=True)
class DiskVersion:
    """A save of this store that this process did not write: its bytes, decrypted."""

    path: Path
    image: bytes
    blob: bytes
    header: Header


def real_path(path: Path) -> Path:
    """The file a store path names, through any symbolic links.

    The lock, temp files and backups sit beside the real file, and a save replaces the
    real file, so a link (say, into a synced folder) keeps pointing at the one store.
    """
    return Path(os.path.realpath(Path(path).expanduser()))


def _check_is_file(path: Path) -> None:
    """A missing store, or something at its path that is not a file, each said plainly."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise StoreMissing(path) from None
    except OSError as exc:
        raise StoreUnreadable(path, disk.describe_os_error(exc, reading=True)) from None
    if stat.S_ISDIR(mode):
        raise NotAStore(path, "it is a folder")
    if not stat.S_ISREG(mode):
        raise NotAStore(path, "it is a device or a pipe, not a file")


def _check_passphrase(passphrase: str) -> None:
    if not passphrase:
        raise BadPassphrase("The passphrase cannot be empty.")


class _NoLock:
    """What a read-only vault holds instead of the store's lock."""

    held = False

    def release(self) -> None:
        """Nothing to release."""


class Vault:
    """One encrypted store file, locked for this process while open."""

    def __init__(
        self, path: Path, keys: Keys, lock: disk.ProcessLock | _NoLock, blob: bytes, gen: int
    ):
        self.path = path
        self.read_only = False
        self._keys = keys
        self._lock = lock
        self._generation = gen
        self._on_disk = _signature(blob)
        self._mutex = threading.Lock()
        self.needs_upgrade = read_header(blob)[0] is not LATEST
        self._kept_beside: Path | None = None

    # -- opening ----------------------------------------------------------
    @staticmethod
    def _lock_for(path: Path) -> disk.ProcessLock:
        lock = disk.ProcessLock(path)
        try:
            lock.acquire()
        except disk.LockBusy:
            raise StoreInUse(path) from None
        except OSError as exc:
            raise FolderUnusable(path, disk.describe_os_error(exc)) from None
        return lock

    @classmethod
    def create(
        cls, path: Path, passphrase: str, plaintext: bytes, kdf: KdfParams = DEFAULT_KDF
    ) -> Vault:
        """Create a new store file; refuses to replace anything already there."""
        _check_passphrase(passphrase)
        path = real_path(path)
        if path.exists():
            raise StoreExists(path)
        try:
            disk.make_private_folder(path.parent)
        except OSError as exc:
            raise SaveFailed(path, disk.describe_os_error(exc)) from None
        lock = cls._lock_for(path)
        try:
            if path.exists():
                raise StoreExists(path)
            keys = LATEST.new_keys(passphrase, kdf)
            blob = LATEST.seal(keys, plaintext, generation=1)
            try:
                tmp = disk.write_temp(path.parent, path.name, blob)
                try:
                    _publish_new(tmp, path)
                finally:
                    disk.remove_quietly(tmp)
                disk.fsync_dir(path.parent)
            except OSError as exc:
                raise SaveFailed(path, disk.describe_os_error(exc)) from None
            return cls(path, keys, lock, blob, 1)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open(cls, path: Path, passphrase: str, *, read_only: bool = False) -> tuple[Vault, bytes]:
        """Unlock an existing store: (vault, database image). The file is never written.

        read_only takes no lock (another mycare may have the store open) and such a vault
        refuses to save: it shows the store as last saved.
        """
        path = real_path(path)
        _check_is_file(path)
        lock: disk.ProcessLock | _NoLock = _NoLock() if read_only else cls._lock_for(path)
        try:
            try:
                blob = path.read_bytes()
            except OSError as exc:
                raise StoreUnreadable(path, disk.describe_os_error(exc, reading=True)) from None
            try:
                plaintext, keys, header = decrypt(blob, passphrase)
            except FormatProblem as problem:
                if problem.kind == "passphrase" and rekey.opens_unfinished(path, passphrase):
                    raise ChangeCutShort(path) from None
                raise _problem_to_error(problem, path) from None
            if not read_only:
                disk.remove_stale_temps(path)  # we hold the lock: nobody else is mid-save
                if rekey.unfinished_wrapping(path) == rekey.wrapping(header):
                    disk.remove_quietly(rekey.marker_path(path))  # that change did finish
            vault = cls(path, keys, lock, blob, header.generation)
            vault.read_only = read_only
            return vault, plaintext
        except BaseException:
            lock.release()
            raise

    def close(self) -> None:
        """Release the lock; the data key is dropped with this object."""
        self._lock.release()

    # -- held in memory while locked -----------------------------------------
    def _memory_key(self) -> AESGCM:
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"mycare held in memory")
        return AESGCM(hkdf.derive(self._keys.data_key))

    def seal_in_memory(self, data: bytes) -> bytes:
        """Encrypt something to keep while the store is locked (opened again after unlock)."""
        nonce = os.urandom(12)
        return nonce + self._memory_key().encrypt(nonce, data, self.store_id)

    def open_in_memory(self, sealed: bytes) -> bytes | None:
        """What seal_in_memory kept, or None if this is not the store that sealed it."""
        try:
            return self._memory_key().decrypt(sealed[:12], sealed[12:], self.store_id)
        except (InvalidTag, ValueError):
            return None

    # -- other versions ---------------------------------------------------
    @property
    def store_id(self) -> bytes:
        """The identity every copy and version of this store shares."""
        return self._keys.store_id

    def newer_version(self) -> DiskVersion | None:
        """The version on disk when it is not the one this process last read or wrote."""
        with self._mutex:
            try:
                with open(self.path, "rb") as f:  # a look at the header first: cheap to poll
                    if (f.read(len(self._on_disk[0])), os.fstat(f.fileno()).st_size) == (
                        self._on_disk
                    ):
                        return None
                blob = self.path.read_bytes()
            except FileNotFoundError:
                return None
            except OSError as exc:
                raise StoreUnreadable(
                    self.path, disk.describe_os_error(exc, reading=True)
                ) from None
            if not blob or _signature_or_none(blob) == self._on_disk:
                return None
            try:
                return self._read_version(self.path, blob)
            except OtherKey:
                raise OtherKey(self.path, is_store=True) from None

    def read_copy(self, path: Path, passphrase: str = "") -> DiskVersion:
        """Another file holding a version of this store (a sync service's conflict copy).

        A copy sealed under another data key (saved before or after a passphrase change)
        is opened with ``passphrase`` when one is given.
        """
        path = Path(path)
        try:
            blob = path.read_bytes()
        except OSError as exc:
            raise StoreUnreadable(path, disk.describe_os_error(exc, reading=True)) from None
        try:
            return self._read_version(path, blob)
        except OtherKey:
            if not passphrase:
                raise
        try:
            image, keys, header = decrypt(blob, passphrase)
        except FormatProblem as problem:
            if problem.kind == "passphrase":
                raise CopyPassphraseWrong(path) from None
            raise _problem_to_error(problem, path) from None
        if keys.store_id != self.store_id:
            raise OtherStore(path)
        return DiskVersion(path, image, blob, header)

    def keep_beside(self, plaintext: bytes) -> Path:
        """Save a version that cannot go into the store (re-keyed elsewhere) as a copy beside it.

        It is sealed under the keys this store was opened with; one such copy per session,
        replaced by later versions, so it is merged with the passphrase used here.
        """
        with self._mutex:
            if self._kept_beside is None:
                stamp = time.strftime("%Y-%m-%d %H%M%S")
                name = f"{self.path.stem} (kept under the old passphrase {stamp}){self.path.suffix}"
                self._kept_beside = self.path.with_name(name)
            blob = LATEST.seal(self._keys, plaintext, self._generation + 1)
            tmp: Path | None = None
            try:
                tmp = disk.write_temp(self.path.parent, self.path.name, blob)
                disk.replace_atomically(tmp, self._kept_beside)
                tmp = None
            except OSError as exc:
                raise SaveFailed(self.path, disk.describe_os_error(exc)) from None
            finally:
                disk.remove_quietly(tmp)
            return self._kept_beside

    def _read_version(self, path: Path, blob: bytes) -> DiskVersion:
        try:
            _, header = read_header(blob)
        except FormatProblem as problem:
            raise _problem_to_error(problem, path) from None
        if header.store_id and header.store_id != self.store_id:
            raise OtherStore(path)
        try:
            image, header = decrypt_with_key(blob, self._keys.data_key)
        except FormatProblem as problem:
            if problem.kind == "damaged" and "integrity" in problem.detail:
                raise self._key_mismatch(path, header, problem.detail) from None
            raise _problem_to_error(problem, path) from None
        if not header.store_id and fileformat.derived_store_id(self._keys.data_key) != (
            self.store_id
        ):
            raise OtherStore(path)
        return DiskVersion(path, image, blob, header)

    def _key_mismatch(self, path: Path, header: Header, detail: str) -> VaultError:
        """Why our data key fails the contents of a version whose header is sound."""
        ours = self._keys
        if (header.kdf, header.kdf_salt, header.wrap_nonce, header.wrapped_key) == (
            ours.kdf,
            ours.kdf_salt,
            ours.wrap_nonce,
            ours.wrapped_key,
        ):  # wrapped exactly like ours, so it holds our key: the contents are damaged
            return DamagedStore(path, disk.existing_backups(path), detail)
        if not header.store_id:  # format 1: a store's identity is its key
            return OtherStore(path)
        return OtherKey(path)

    def adopt(self, version: DiskVersion) -> None:
        """Take a newer version as the one on disk: the next save replaces it.

        Its passphrase is kept too, so a passphrase changed on another computer stays.
        """
        with self._mutex:
            self._on_disk = _signature(version.blob)
            self._keys = self._keys.wrapped_like(version.header)
            self._generation = max(self._generation, version.header.generation)

    def copies(self) -> list[Path]:
        """Other files in the store's folder that are versions of this same store."""
        found = disk.same_store_files(self.path, self.store_id, self._keys.data_key)
        return [p for p in found if p != self._kept_beside]  # ours, waiting for the new one

    def opens_with_our_key(self, copy: Path) -> bool:
        """Whether a copy of this store is sealed under the key it has now."""
        try:
            decrypt_with_key(copy.read_bytes(), self._keys.data_key)
        except (OSError, FormatProblem):
            return False
        return True

    def set_aside(self, copy: Path) -> Path:
        """Move a copy whose changes are saved in the store out of the way, beside the backups."""
        return disk.set_aside(self.path, copy)

    # -- saving -----------------------------------------------------------
    @property
    def generation(self) -> int:
        return self._generation

    def _assert_unchanged(self) -> None:
        try:
            with open(self.path, "rb") as f:
                head = f.read(len(self._on_disk[0]))
                size = os.fstat(f.fileno()).st_size
        except FileNotFoundError:
            raise StoreChanged(self.path) from None
        except OSError as exc:
            raise SaveFailed(self.path, disk.describe_os_error(exc, reading=True)) from None
        if (head, size) != self._on_disk:
            raise StoreChanged(self.path)

    def save(self, plaintext: bytes) -> None:
        """Write a new version atomically, after backing up the current one.

        Raises StoreChanged if someone else wrote the file since we read it and
        SaveFailed if the disk refuses; the file on disk is then unchanged. A read-only
        vault raises StoreInUse: the mycare that holds the store open is the one that saves.
        """
        if self.read_only:
            raise StoreInUse(self.path)
        with self._mutex:
            self._write(plaintext, self._keys)

    def _write(self, plaintext: bytes, keys: Keys, keep_under: rekey.KeyRing | None = None) -> None:
        if not self._lock.held:
            raise SaveFailed(self.path, "the store was already closed")
        self._assert_unchanged()
        generation = self._generation + 1
        blob = LATEST.seal(keys, plaintext, generation)
        tmp: Path | None = None
        kept: Path | None = None
        try:
            tmp = disk.write_temp(self.path.parent, self.path.name, blob)
            if tmp.read_bytes() != blob:  # what is on disk is exactly what was sealed
                raise SaveFailed(self.path, "the written copy did not read back correctly")
            kept = self._keep_current(keys, keep_under)
            disk.replace_atomically(tmp, self.path)
            tmp = None
        except OSError as exc:
            disk.remove_quietly(kept)
            raise SaveFailed(self.path, disk.describe_os_error(exc)) from None
        finally:
            disk.remove_quietly(tmp)
        self._keys = keys
        self._generation = generation
        self._on_disk = _signature(blob)
        try:
            disk.rotate_backups(self.path, kept)
        except OSError:
            disk.remove_quietly(kept)  # saved all the same; `check` shows the backups

    def _keep_current(self, keys: Keys, ring: rekey.KeyRing | None) -> Path | None:
        """The current store, to become backup-1: as it is, or re-sealed under new keys."""
        if ring is None:
            return disk.keep_current(self.path)
        try:
            image, header = ring.open(self.path.read_bytes())
        except FormatProblem:
            return None  # not ours to re-seal: no backup of it is kept
        return disk.write_temp(
            self.path.parent, self.path.name, LATEST.seal(keys, image, header.generation)
        )

    def change_passphrase(
        self, old: str, new: str, plaintext: bytes, kdf: KdfParams | None = None
    ) -> list[Path]:
        """Make a new data key under a new passphrase and re-seal every file with it.

        The backups and merged copies go first, each replaced whole; the store goes last,
        its previous version becoming backup-1 under the new key.  Returns the files that
        could not be re-sealed (they still open with the old passphrase only).
        """
        _check_passphrase(new)
        with self._mutex:
            try:
                decrypt(self.path.read_bytes(), old)
            except FormatProblem as problem:
                raise _problem_to_error(problem, self.path) from None
            except OSError as exc:
                raise SaveFailed(self.path, disk.describe_os_error(exc)) from None
            self._assert_unchanged()
            keys = LATEST.new_keys(new, kdf or self._keys.kdf, store_id=self.store_id)
            try:
                rekey.write_marker(self.path, keys)
            except OSError as exc:
                raise SaveFailed(self.path, disk.describe_os_error(exc)) from None
            ring = rekey.KeyRing(self._keys, (old, new))
            left_behind = rekey.reseal_all(rekey.files_to_reseal(self.path), ring, keys)
            self._write(plaintext, keys, keep_under=ring)
            disk.remove_quietly(rekey.marker_path(self.path))
            disk.fsync_dir(self.path.parent)
            return left_behind

    def rewrite_kept(self, change: Callable[[bytes], bytes | None]) -> list[Path]:
        """Re-seal each backup and merged copy with ``change`` applied to its image.

        Each file keeps its save number and is replaced whole; ``change`` returns None to
        leave one as it is.  Returns the files that could not be rewritten.
        """
        left_behind = []
        with self._mutex:
            for path in rekey.files_to_reseal(self.path):
                tmp: Path | None = None
                try:
                    image, header = decrypt_with_key(path.read_bytes(), self._keys.data_key)
                    changed = change(image)
                    if changed is None:
                        continue
                    blob = LATEST.seal(self._keys, changed, header.generation)
                    tmp = disk.write_temp(path.parent, path.name, blob)
                    disk.replace_atomically(tmp, path)
                    tmp = None
                except (FormatProblem, OSError):
                    left_behind.append(path)
                finally:
                    disk.remove_quietly(tmp)
        return left_behind

    # -- checking ---------------------------------------------------------
    def check_backups(
        self, passphrase: str = "", inspect: Inspect | None = None
    ) -> list[BackupReport]:
        """Open every backup and report what was found (``inspect`` looks inside each image).

        A backup sealed under another key is tried with the passphrase too, so one left on
        the passphrase from before (or after) a change is told apart from a damaged one.
        """
        return checking.check_backups(self.path, self._keys, passphrase, inspect)
