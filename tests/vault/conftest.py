"""Shared helpers for the vault tests.

There is no ``__init__.py`` in the tests folders, so helpers are handed out
through fixtures (``vt``) rather than imported from this file.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mycare.vault import TEST_KDF, Vault, VaultError, fileformat
from mycare.vault import disk as disk_mod

vault_mod = importlib.import_module("mycare.vault.vault")

PASSPHRASE = "correct horse battery staple"
SENTINEL = "SENTINEL-Łukasiewicz-🩺"


def sentinel_forms(text: str = SENTINEL) -> list[bytes]:
    """The sentinel as it could appear on disk if plaintext leaked."""
    return [text.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]


def payload(n: int, text: str = SENTINEL) -> bytes:
    """A small, distinct database image n that holds the sentinel in UTF-8 and UTF-16."""
    forms = b"".join(sentinel_forms(text))
    return f"v{n}:".encode() + forms + bytes([n % 256])


class OsProxy:
    """Stands in for the ``os`` module inside the vault code only.

    Patching ``os.write`` itself would also hit pytest and everything else;
    this proxy is installed as the ``os`` name of ``mycare.vault.disk`` and
    ``mycare.vault.vault`` so only their calls are intercepted.
    """

    def __init__(self, **overrides) -> None:
        self.__dict__["_overrides"] = overrides

    def __getattr__(self, name: str):
        overrides = self.__dict__["_overrides"]
        if name in overrides:
            return overrides[name]
        return getattr(os, name)


class VaultKit:
    """Helpers for asserting what a person would notice."""

    PASSPHRASE = PASSPHRASE
    SENTINEL = SENTINEL
    KDF = TEST_KDF

    OsProxy = OsProxy
    disk = disk_mod
    vault_module = vault_mod
    payload = staticmethod(payload)
    sentinel_forms = staticmethod(sentinel_forms)

    # -- making stores ------------------------------------------------------
    @staticmethod
    def create(path: Path, data: bytes | None = None, passphrase: str = PASSPHRASE) -> Vault:
        return Vault.create(path, passphrase, payload(0) if data is None else data, kdf=TEST_KDF)

    @classmethod
    def make_store(
        cls, folder: Path, saves: int = 0, name: str = "care.mycare"
    ) -> tuple[Path, list[bytes]]:
        """A closed store with ``saves`` saves after creation: (path, contents in order)."""
        path = folder / name
        history = [payload(0)]
        vault = cls.create(path, history[0])
        try:
            for n in range(1, saves + 1):
                history.append(payload(n))
                vault.save(history[-1])
        finally:
            vault.close()
        return path, history

    @classmethod
    def valid_blob(cls, data: bytes = b"small database image", saves: int = 0) -> bytes:
        """The bytes of a valid store made with TEST_KDF and PASSPHRASE."""
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "s.mycare"
            vault = cls.create(path, data)
            for _ in range(saves):
                vault.save(data)
            vault.close()
            return path.read_bytes()

    # -- reading ------------------------------------------------------------
    @staticmethod
    def read_plain(blob: bytes, passphrase: str = PASSPHRASE) -> bytes:
        return fileformat.decrypt(blob, passphrase)[0]

    @staticmethod
    def header(path_or_blob: Path | bytes) -> fileformat.Header:
        blob = path_or_blob if isinstance(path_or_blob, bytes) else path_or_blob.read_bytes()
        return fileformat.read_header(blob)[1]

    @staticmethod
    def open_copy(src: Path, passphrase: str = PASSPHRASE) -> bytes:
        """Open a copy of src (in a folder of its own) with Vault.open; returns plaintext."""
        with tempfile.TemporaryDirectory() as d:
            copy = Path(d) / "copy.mycare"
            shutil.copyfile(src, copy)
            vault, plain = Vault.open(copy, passphrase)
            vault.close()
            return plain

    # -- fault injection ----------------------------------------------------
    @staticmethod
    def patch_os(monkeypatch: pytest.MonkeyPatch, **overrides) -> OsProxy:
        """Replace os functions as seen by the vault modules only."""
        proxy = OsProxy(**overrides)
        monkeypatch.setattr(disk_mod, "os", proxy)
        monkeypatch.setattr(vault_mod, "os", proxy)
        return proxy

    @staticmethod
    def chmod_blocks_writes(folder: Path) -> bool:
        """Whether a 0o500 folder really refuses new files here (not so for root)."""
        probe = folder / ".probe"
        try:
            fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except PermissionError:
            return True
        os.close(fd)
        probe.unlink()
        return False

    # -- what a person notices -----------------------------------------------
    @staticmethod
    def assert_plain(exc: BaseException, *must_mention: str) -> str:
        """The message is one plain line, fit to show a person."""
        assert isinstance(exc, VaultError), f"{type(exc).__name__} is not a VaultError: {exc!r}"
        msg = str(exc)
        assert msg.strip(), "empty message"
        assert "\n" not in msg and "\r" not in msg, f"message is not one line: {msg!r}"
        assert "Traceback" not in msg, msg
        assert "Errno" not in msg, msg
        for word in must_mention:
            assert word in msg, f"{word!r} not in {msg!r}"
        return msg

    @staticmethod
    def snapshot(folder: Path) -> dict[str, bytes]:
        """Every file in folder (recursively), by relative name."""
        return {
            str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    @classmethod
    def assert_untouched(cls, folder: Path, before: dict[str, bytes], store: Path) -> None:
        """Nothing changed in folder except, at most, a new ``<store>.lock``."""
        after = cls.snapshot(folder)
        lock = store.name + ".lock"
        added = set(after) - set(before)
        assert added <= {lock}, f"new files appeared: {sorted(added - {lock})}"
        removed = set(before) - set(after)
        assert not removed, f"files disappeared: {sorted(removed)}"
        for name, data in before.items():
            assert after[name] == data, f"{name} changed on disk"
        if lock in added:
            assert after[lock] == b"", "the lock file holds data"

    @staticmethod
    def assert_no_leak(folder: Path, text: str = SENTINEL) -> None:
        """No file in folder holds the plaintext marker, in any encoding we use."""
        for p in folder.rglob("*"):
            if p.is_file():
                data = p.read_bytes()
                for form in sentinel_forms(text):
                    assert form not in data, f"plaintext found in {p.name}"

    @staticmethod
    def temps(folder: Path) -> list[Path]:
        return sorted(p for p in folder.iterdir() if p.name.endswith(".tmp"))

    @staticmethod
    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def vt() -> VaultKit:
    return VaultKit()


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A folder of its own for one store."""
    d = tmp_path / "store"
    d.mkdir()
    yield d


@pytest.fixture
def store(folder: Path, vt: VaultKit) -> Path:
    """A closed store with one save (so one backup exists)."""
    path, _ = vt.make_store(folder, saves=1)
    return path
