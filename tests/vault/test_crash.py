"""Crash injection: whatever step a save dies at, the store opens to old or new data.

Each os call and helper a save uses is made to "crash" (raise a BaseException,
like a kill or a power cut would stop the process) at its Nth call, for every N
until a save goes through untouched.  The crash is injected just before the
call runs and, separately, just after it has taken effect.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from mycare.vault import (
    BACKUP_COUNT,
    StoreExists,
    Vault,
    WrongPassphrase,
    existing_backups,
    fileformat,
)
from mycare.vault import disk as disk_mod

OS_STEPS = ["write", "fsync", "replace", "link", "unlink", "close"]
HELPER_STEPS = ["write_temp", "fsync_dir", "rotate_backups", "replace_atomically"]
STEPS = OS_STEPS + HELPER_STEPS
MAX_CALLS = 40


class Crash(BaseException):
    """The process stops here, as if killed (not an Exception, so nothing catches it)."""


@dataclass
class Counter:
    calls: int = 0
    crashed: bool = False


@contextmanager
def crash_at(vt, step: str, n: int, when: str) -> Iterator[Counter]:
    """Make the nth call of ``step`` inside the vault code crash ``when`` it runs."""
    counter = Counter()
    real = getattr(os, step) if step in OS_STEPS else getattr(disk_mod, step)

    def crash(label: str) -> Crash:
        counter.crashed = True
        return Crash(f"{label} {step} call {n}")

    def wrapper(*args, **kwargs):
        counter.calls += 1
        index = counter.calls
        if index == n and when == "before":
            raise crash("before")
        try:
            result = real(*args, **kwargs)
        except Exception:
            if index == n:  # it failed, then the process died
                raise crash("after failed") from None
            raise
        if index == n:
            raise crash("after")
        return result

    mp = pytest.MonkeyPatch()
    try:
        if step in OS_STEPS:
            vt.patch_os(mp, **{step: wrapper})
        else:
            mp.setattr(disk_mod, step, wrapper)
        yield counter
    finally:
        mp.undo()


def run_until_no_crash(tmp_path: Path, step: str, when: str, attempt) -> int:
    """Call attempt(folder, n) for n = 1, 2, ... until it runs without a crash."""
    for n in itertools.count(1):
        assert n <= MAX_CALLS, f"{step} was still crashing after {MAX_CALLS} calls"
        folder = tmp_path / f"{step}-{when}-{n}"
        folder.mkdir()
        if not attempt(folder, n):
            return n - 1
    raise AssertionError("unreachable")


def assert_recovered(
    vt,
    folder: Path,
    path: Path,
    allowed: list[tuple[bytes, int]],
    committed: list[bytes],
    passphrase: str,
    backup_passphrases: tuple[str, ...] | None = None,
) -> None:
    """The store opens to one of the allowed (data, generation) pairs; backups decrypt."""
    assert path.exists(), "the store disappeared"
    vault, plain = Vault.open(path, passphrase)
    try:
        assert (plain, vault.generation) in allowed, "the store holds unexpected data"
        reports = vault.check_backups(passphrase)
        # after a passphrase change cut short, a backup may need the other passphrase
        assert all(r.ok or (backup_passphrases and "passphrase" in r.problem) for r in reports), (
            reports
        )
        # every backup decrypts, with a passphrase the person knows, to committed data
        for backup in existing_backups(path):
            assert open_with_any(vt, backup, backup_passphrases or (passphrase,)) in committed
        # leftover temps are ciphertext, never plaintext
        vt.assert_no_leak(folder)
        # and life goes on: the next save works
        vault.save(vt.payload(77))
    finally:
        vault.close()
    assert vt.open_copy(path, passphrase) == vt.payload(77)


def open_with_any(vt, path: Path, passphrases: tuple[str, ...]) -> bytes:
    """Open a copy of path with the first passphrase that works (by Vault.open too)."""
    for passphrase in passphrases:
        try:
            plain = vt.read_plain(path.read_bytes(), passphrase)
        except fileformat.FormatProblem as problem:
            assert problem.kind == "passphrase", f"{path.name}: {problem.kind}"
            continue
        assert vt.open_copy(path, passphrase) == plain
        return plain
    raise AssertionError(f"{path.name} opens with none of the passphrases")


@pytest.mark.parametrize("history", [0, 6], ids=["no-backups", "full-backups"])
@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("step", STEPS)
def test_crash_during_save(tmp_path, vt, step, when, history):
    new = vt.payload(99)

    def attempt(folder: Path, n: int) -> bool:
        path, committed = vt.make_store(folder, saves=history)
        vault, plain = Vault.open(path, vt.PASSPHRASE)
        assert plain == committed[-1]
        with crash_at(vt, step, n, when) as counter:
            try:
                vault.save(new)
            except Crash:
                assert counter.crashed
        vault.close()  # a dead process drops its lock
        gen = len(committed)
        if counter.crashed:
            allowed = [(committed[-1], gen), (new, gen + 1)]
        else:
            allowed = [(new, gen + 1)]
            backups = [vt.read_plain(p.read_bytes()) for p in existing_backups(path)]
            assert backups == committed[::-1][:BACKUP_COUNT]
        assert_recovered(vt, folder, path, allowed, committed, vt.PASSPHRASE)
        return counter.crashed

    run_until_no_crash(tmp_path, step, when, attempt)


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("step", STEPS)
def test_crash_during_change_passphrase(tmp_path, vt, step, when):
    new_pass = "a new passphrase"
    new = vt.payload(98)

    def attempt(folder: Path, n: int) -> bool:
        path, committed = vt.make_store(folder, saves=3)
        vault, _ = Vault.open(path, vt.PASSPHRASE)
        with crash_at(vt, step, n, when) as counter:
            try:
                vault.change_passphrase(vt.PASSPHRASE, new_pass, new)
            except Crash:
                assert counter.crashed
        vault.close()
        gen = len(committed)
        # exactly one of the two passphrases opens the store, each to its own data;
        # backups are re-sealed under the new one, so after a crash either may open them
        both = (vt.PASSPHRASE, new_pass)
        try:
            Vault.open(path, new_pass)[0].close()
        except WrongPassphrase:
            assert counter.crashed, "the change went through but the new passphrase fails"
            allowed = [(committed[-1], gen)]
            assert_recovered(vt, folder, path, allowed, committed, vt.PASSPHRASE, both)
        else:
            with pytest.raises(WrongPassphrase):
                Vault.open(path, vt.PASSPHRASE)
            if not counter.crashed:  # all backups now need the new passphrase
                for backup in existing_backups(path):
                    assert open_with_any(vt, backup, (new_pass,)) in committed
            assert_recovered(vt, folder, path, [(new, gen + 1)], committed, new_pass, both)
        return counter.crashed

    run_until_no_crash(tmp_path, step, when, attempt)


CREATE_STEPS = ["write", "fsync", "link", "unlink", "close", "write_temp", "fsync_dir"]


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("step", CREATE_STEPS)
def test_crash_during_create(tmp_path, vt, step, when):
    data = vt.payload(0)

    def attempt(folder: Path, n: int) -> bool:
        path = folder / "care.mycare"
        vault = None
        with crash_at(vt, step, n, when) as counter:
            try:
                vault = vt.create(path, data)
            except Crash:
                assert counter.crashed
        if vault is not None:
            vault.close()
        vt.assert_no_leak(folder)
        if path.exists():  # never an empty or half-written store
            assert vt.open_copy(path) == data
            with pytest.raises(StoreExists):
                vt.create(path, b"again")
        else:
            assert counter.crashed
            vt.create(path, data).close()
        assert vt.open_copy(path) == data
        return counter.crashed

    run_until_no_crash(tmp_path, step, when, attempt)


def test_crash_injection_really_injects(tmp_path, vt):
    """Guard against a silently ineffective harness: a save makes the calls we patch."""
    path, _ = vt.make_store(tmp_path, saves=6)
    vault, _ = Vault.open(path, vt.PASSPHRASE)
    counts = {}
    for step in STEPS:
        with crash_at(vt, step, 10**6, "before") as counter:
            vault.save(vt.payload(len(counts)))
        counts[step] = counter.calls
    vault.close()
    # A clean save makes every patched call except unlink (used only to tidy up failures).
    assert all(counts[s] >= 1 for s in STEPS if s != "unlink"), counts
    assert counts["replace"] >= BACKUP_COUNT  # four shifts and the final rename
