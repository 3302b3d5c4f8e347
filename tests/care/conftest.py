"""Shared fixtures for the care-layer tests.

There is no ``__init__.py`` in the tests folders, so helpers are handed out as
fixtures rather than imported from this file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from mycare.care import clock, people, transfer
from mycare.care.record import CareRecord
from mycare.store import Person
from mycare.vault import TEST_KDF

PASSPHRASE = "test passphrase"
NOW = datetime(2026, 11, 22, 10, 45)  # a Sunday morning


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Every care module asks ``clock.now()``; pin it so dates in tests are stable."""
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "care.mycare"


@pytest.fixture
def opened() -> Iterator[list[CareRecord]]:
    """Every store a test opens, closed at the end (closing twice is harmless)."""
    stores: list[CareRecord] = []
    yield stores
    for store in reversed(stores):
        store.close()


@pytest.fixture
def record(store_path: Path, opened: list[CareRecord]) -> CareRecord:
    """A new, empty, encrypted store on disk."""
    store = CareRecord.create(store_path, PASSPHRASE, kdf=TEST_KDF)
    opened.append(store)
    return store


@pytest.fixture
def new_store(tmp_path: Path, opened: list[CareRecord]) -> Callable[[str], CareRecord]:
    """Make another empty store beside the first one."""

    def make(name: str = "other.mycare") -> CareRecord:
        store = CareRecord.create(tmp_path / name, PASSPHRASE, kdf=TEST_KDF)
        opened.append(store)
        return store

    return make


@pytest.fixture
def reopen(opened: list[CareRecord]) -> Callable[[CareRecord], CareRecord]:
    """Close a store and open it again from its file with the passphrase."""

    def again(store: CareRecord) -> CareRecord:
        path = store.path
        store.close()
        fresh = CareRecord.open(path, PASSPHRASE)
        opened.append(fresh)
        return fresh

    return again


@pytest.fixture
def person(record: CareRecord) -> Person:
    return people.add_person(record, "Margaret Okafor")


@pytest.fixture
def tables() -> Callable[[CareRecord], dict[str, Any]]:
    """Every row of every table (deleted ones too), as plain values, for comparing."""

    def snapshot(store: CareRecord) -> dict[str, Any]:
        return transfer.export_records(store)["tables"]

    return snapshot
