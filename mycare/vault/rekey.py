"""A new data key for a store and all its files, one file at a time, the store itself last.

Changing the passphrase makes a new random data key, so an old copy of the file (in a
sync service's history, a copied backup) and the old passphrase open nothing saved after
the change.  Each file is re-sealed whole and renamed into place, so a kill at any moment
leaves every file readable with one of the two passphrases.  While a change is under way
a small marker file beside the store holds the new key's wrapping (the key locked by the
new passphrase, nothing readable without it), so `check` can say which passphrase each
file needs, and a change cut short can be told apart from backups left behind.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import disk
from .fileformat import LATEST, FormatProblem, Header, Keys, decrypt, read_header

MARK = ".passwd-unfinished"


def marker_path(store: Path) -> Path:
    """Where the marker of an unfinished passphrase change sits."""
    return store.with_name(store.name + MARK)


def wrapping(h: Header | Keys) -> tuple[object, ...]:
    """What tells one data key's wrapping (one passphrase change) from another."""
    return (h.kdf, h.kdf_salt, h.wrap_nonce, h.wrapped_key)


def write_marker(store: Path, keys: Keys) -> None:
    """Note, before any file is touched, the wrapping the new key will have."""
    tmp = disk.write_temp(store.parent, store.name, LATEST.seal(keys, b"", 0))
    try:
        disk.replace_atomically(tmp, marker_path(store))
    finally:
        disk.remove_quietly(tmp)


def unfinished_wrapping(store: Path) -> tuple[object, ...] | None:
    """The new key's wrapping of a passphrase change that has not finished, if any."""
    try:
        return wrapping(read_header(marker_path(store).read_bytes())[1])
    except (OSError, FormatProblem):
        return None


def opens_unfinished(store: Path, passphrase: str) -> bool:
    """Whether a passphrase is the new one of a change cut short before the store was changed."""
    try:
        decrypt(marker_path(store).read_bytes(), passphrase)
    except (OSError, FormatProblem):
        return False
    return True


def files_to_reseal(store: Path) -> list[Path]:
    """The backups and merged copies kept beside a store: re-sealed before the store."""
    return [*disk.existing_backups(store), *disk.set_aside_copies(store)]


class KeyRing:
    """The data keys a change can open old files with: the current one, then by passphrase."""

    def __init__(self, current: Keys, passphrases: Iterable[str]) -> None:
        self._known = {wrapping(current): current.data_key}
        self._passphrases = list(passphrases)
        self._tried: set[tuple[object, ...]] = set()

    def open(self, blob: bytes) -> tuple[bytes, Header]:
        """A file's image and header; FormatProblem when no key we hold opens it."""
        fmt, header = read_header(blob)
        key = self._known.get(wrapping(header))
        if key is not None:
            try:
                return fmt.open_payload(blob, header, key), header
            except FormatProblem:
                pass
        for key in list(self._known.values()):  # a backup of a format 1 store, say
            try:
                return fmt.open_payload(blob, header, key), header
            except FormatProblem:
                continue
        if wrapping(header) not in self._tried:
            self._tried.add(wrapping(header))
            for passphrase in self._passphrases:  # a change cut short, made again
                try:
                    image, keys, header = decrypt(blob, passphrase)
                except FormatProblem:
                    continue
                self._known[wrapping(header)] = keys.data_key
                return image, header
        raise FormatProblem("passphrase")


def reseal_all(paths: Iterable[Path], ring: KeyRing, keys: Keys) -> list[Path]:
    """Re-seal each file under new keys, atomically; returns those that could not be."""
    left_behind = []
    for path in paths:
        tmp: Path | None = None
        try:
            image, header = ring.open(path.read_bytes())
            tmp = disk.write_temp(
                path.parent, path.name, LATEST.seal(keys, image, header.generation)
            )
            disk.replace_atomically(tmp, path)
            tmp = None
        except (FormatProblem, OSError):
            left_behind.append(path)
        finally:
            disk.remove_quietly(tmp)
    return left_behind


def other_passphrase(store: Path, blob: bytes, store_wrapping: tuple[object, ...]) -> str:
    """Which passphrase a file of this store needs, when the store's own does not open it."""
    try:
        theirs = wrapping(read_header(blob)[1])
    except FormatProblem:
        return "it is damaged"
    pending = unfinished_wrapping(store)
    if pending is not None and pending != store_wrapping and theirs == pending:
        return (
            "it is locked with the NEW passphrase of a passphrase change that was cut short "
            "(the store still opens with the old one); run `mycare passwd` again to finish it"
        )
    return (
        "it is locked with the passphrase this store had before its passphrase was changed; "
        "it opens with that one"
    )
