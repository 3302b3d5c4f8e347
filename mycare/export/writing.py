"""Writing an exported file: whole or not at all, readable by this user only, no leftovers.

An export is not encrypted, so its temp file must not outlive mycare. On Linux the data is
written to an unnamed file (``O_TMPFILE``) that the system removes if mycare dies, and it is
given its name only once complete. Elsewhere the temp file carries mycare's mark and the
process number, and the next export into that folder removes any whose process has gone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from pathlib import Path

from mycare.care.errors import CareError

_MARK = ".mycare-export-"
_LEFTOVER = re.compile(re.escape(_MARK) + r"([0-9]+)-[0-9a-f]+\.tmp")


def write_export(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write an exported file atomically (mode 0600), never over an existing file unasked."""
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise CareError(f"{path} is a folder; give a file name to export to.")
    if not folder.is_dir():
        raise CareError(f"The folder {folder} does not exist; create it or choose another.")
    if not overwrite and path.exists():
        raise CareError(f"{path} already exists; choose another name or allow replacing it.")
    remove_leftovers(folder)
    try:
        _write(folder, path, data, overwrite)
    except PermissionError:
        raise CareError(f"Cannot write {path}: permission denied.") from None
    except OSError as exc:
        raise CareError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    _sync_folder(folder)


def _write(folder: Path, path: Path, data: bytes, overwrite: bool) -> None:
    fd = _unnamed(folder)
    if fd is not None:
        try:
            _fill(fd, data)
            if overwrite:  # a name of its own first, then swapped over the old file
                named = _temp_name(folder)
                _name_unnamed(fd, named)
                try:
                    os.replace(named, path)
                finally:
                    _remove(named)
            else:
                _link_new(f"/proc/self/fd/{fd}", path, fd)
        finally:
            os.close(fd)
        return
    temp = _temp_name(folder)
    try:
        _fill(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), data, close=True)
        if overwrite:
            os.replace(temp, path)
        else:
            _link_new(str(temp), path)
    finally:
        _remove(temp)


def _unnamed(folder: Path) -> int | None:
    """An unnamed file in folder, gone with the process unless linked; None where impossible."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o600)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return None  # a file system without unnamed files
        raise


def _fill(fd: int, data: bytes, close: bool = False) -> None:
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        if close:
            os.close(fd)


def _temp_name(folder: Path) -> Path:
    return folder / f"{_MARK}{os.getpid()}-{secrets.token_hex(4)}.tmp"


def _name_unnamed(fd: int, path: Path) -> None:
    """linkat(AT_SYMLINK_FOLLOW) of an O_TMPFILE file: a folder descriptor makes Python use it."""
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{fd}", path.name, dst_dir_fd=folder, follow_symlinks=True)
    finally:
        os.close(folder)


def _link_new(source: str, path: Path, fd: int | None = None) -> None:
    """Give the data its name only if nothing has that name, even one made a moment ago."""
    try:
        if fd is not None:
            _name_unnamed(fd, path)
        else:
            os.link(source, path)
    except FileExistsError:
        raise CareError(
            f"{path} already exists; choose another name or allow replacing it."
        ) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        if path.exists():  # a file system without hard links
            raise CareError(
                f"{path} already exists; choose another name or allow replacing it."
            ) from None
        with open(source, "rb") as src:
            data = src.read()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        _fill(fd, data, close=True)


def remove_leftovers(folder: Path) -> None:
    """Remove export temp files left in folder by a mycare that was killed mid-write."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            found = _LEFTOVER.fullmatch(entry.name)
            if found and not _alive(int(found[1])):
                _remove(Path(entry.path))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: leave its file alone
    return True


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
