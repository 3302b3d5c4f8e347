"""Careful file handling: a lock that dies with its process, atomic writes, backups."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import secrets
import time
from pathlib import Path

BACKUP_COUNT = 5

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class LockBusy(Exception):
    """Another process holds the store's lock."""


class ProcessLock:
    """An exclusive advisory lock on ``<store>.lock``; the OS drops it if we die."""

    def __init__(self, store: Path) -> None:
        self.path = store.with_name(store.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise LockBusy from None
            raise
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def backup_paths(store: Path) -> list[Path]:
    """Backup file names beside the store, newest first (whether or not they exist)."""
    return [store.with_name(f"{store.name}.backup-{n}") for n in range(1, BACKUP_COUNT + 1)]


def existing_backups(store: Path) -> list[Path]:
    return [p for p in backup_paths(store) if p.exists()]


def make_private_folder(folder: Path) -> None:
    """Create folder and any missing parents as 0700 (this user only), whatever the umask."""
    missing = []
    for candidate in [folder, *folder.parents]:
        if candidate.exists():
            break
        missing.append(candidate)
    for new in reversed(missing):
        try:
            os.mkdir(new, 0o700)
        except FileExistsError:
            continue
        os.chmod(new, 0o700)  # mkdir's mode is cut down by the umask, never widened: set it
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))


def fsync_dir(folder: Path) -> None:
    """Make a rename durable; a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_temp(folder: Path, stem: str, data: bytes) -> Path:
    """Write data to a new 0600 file in folder and fsync it; removed again on failure."""
    tmp = folder / f".{stem}.{secrets.token_hex(6)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    return tmp


def keep_current(store: Path) -> Path | None:
    """Hold on to the current store under a temporary name, to become backup-1.

    A hard link costs nothing and shares the old contents (the store is later
    replaced, never rewritten); where links are impossible, a copy is made.
    """
    if not store.exists():
        return None
    kept = store.parent / f".{store.name}.{secrets.token_hex(6)}.kept.tmp"
    try:
        os.link(store, kept)
    except OSError:
        kept = write_temp(store.parent, store.name, store.read_bytes())
    return kept


def rotate_backups(store: Path, kept: Path | None) -> None:
    """Shift backup-1..4 up by one and make the kept former store backup-1."""
    if kept is None:
        return
    paths = backup_paths(store)
    for older, newer in zip(reversed(paths[1:]), reversed(paths[:-1]), strict=True):
        if newer.exists():
            os.replace(newer, older)
    os.replace(kept, paths[0])


def remove_stale_temps(store: Path) -> None:
    """Remove temp files a killed save left beside the store (only called under the lock)."""
    for leftover in store.parent.glob(f".{glob.escape(store.name)}.*.tmp"):
        remove_quietly(leftover)


def remove_quietly(path: Path | None) -> None:
    if path is not None:
        with contextlib.suppress(OSError):
            os.unlink(path)


def replace_atomically(tmp: Path, target: Path) -> None:
    """Rename tmp over target and make the rename durable."""
    os.replace(tmp, target)
    fsync_dir(target.parent)


def describe_os_error(exc: OSError, reading: bool = False) -> str:
    """A plain reason for a failed write (or read)."""
    if reading and exc.errno in (errno.EACCES, errno.EPERM):
        return "you do not have permission to read it"
    if exc.errno == errno.EISDIR:
        return "it is a folder, not a file"
    if exc.errno == errno.ENOSPC:
        return "the disk is full; free some space"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "that folder is read-only or not yours"
    if exc.errno == errno.EDQUOT:
        return "your disk quota is used up"
    return exc.strerror or "the system refused the write"


MERGED_MARK = ".merged-"
KEEP_MERGED = 5


def _is_own_file(store: Path, candidate: Path) -> bool:
    """The store, its lock, backups, temps and set-aside copies: never a copy to merge."""
    name = candidate.name
    if name in (store.name, store.name + ".lock", store.name + ".passwd-unfinished"):
        return True
    if candidate in backup_paths(store) or (name.startswith(".") and name.endswith(".tmp")):
        return True
    return name.startswith(store.name + MERGED_MARK)


def same_store_files(store: Path, store_id: bytes, data_key: bytes) -> list[Path]:
    """Files beside the store that are versions of the same store, oldest first."""
    from .fileformat import HASH_LEN, MAGIC, MAX_HEADER_LEN, FormatProblem, decrypt_with_key
    from .fileformat import read_header as parse

    found: list[tuple[float, Path]] = []
    try:
        entries = list(os.scandir(store.parent))
    except OSError:
        return []
    for entry in entries:
        path = Path(entry.path)
        try:
            if not entry.is_file(follow_symlinks=False) or _is_own_file(store, path):
                continue
            with open(path, "rb") as f:
                head = f.read(MAX_HEADER_LEN + HASH_LEN)
            if not head.startswith(MAGIC):
                continue
            with contextlib.suppress(FormatProblem):
                _, header = parse(head)
                if header.store_id:
                    same = header.store_id == store_id
                else:  # format 1 names no store: it is ours if our key opens it
                    decrypt_with_key(path.read_bytes(), data_key)
                    same = True
                if same:
                    found.append((entry.stat().st_mtime, path))
        except (OSError, FormatProblem):
            continue
    return [path for _, path in sorted(found)]


def _set_aside_files(store: Path) -> list[Path]:
    """This store's set-aside copies, oldest first (their names sort by when)."""
    return sorted(store.parent.glob(f"{glob.escape(store.name)}{MERGED_MARK}*"))


def set_aside(store: Path, copy: Path) -> Path:
    """Rename a merged copy to sit with the backups; only the newest few are kept."""
    now = time.time_ns()
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now // 10**9))
    micros = now // 1000 % 10**6
    target = store.with_name(
        f"{store.name}{MERGED_MARK}{stamp}-{micros:06d}-{secrets.token_hex(3)}"
    )
    os.replace(copy, target)
    fsync_dir(store.parent)
    older = [p for p in _set_aside_files(store) if p != target]  # the new one always stays
    for old in older[: max(0, len(older) - (KEEP_MERGED - 1))]:
        remove_quietly(old)
    return target


def set_aside_copies(store: Path) -> list[Path]:
    """Copies already merged and moved aside, newest first."""
    return _set_aside_files(store)[::-1]
