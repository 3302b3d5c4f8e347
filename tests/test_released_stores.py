"""Every released file format and schema still opens. Fixture files are never regenerated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mycare.care.people import people
from mycare.care.record import CareRecord
from mycare.store import SCHEMA_VERSION
from mycare.store.migrations import schema_version
from mycare.vault.fileformat import read_header

FIXTURES = Path(__file__).parent / "fixtures"

# file name -> (passphrase, what it must still hold)
RELEASED = {
    "format1-schema1.mycare": (
        "fixture passphrase",
        {"person": 2, "contact": 12, "appointment": 29, "diaryentry": 120, "checkin": 18},
    ),
}


@pytest.mark.parametrize("name", sorted(RELEASED))
def test_released_store_opens_and_holds_its_records(name: str, tmp_path: Path) -> None:
    passphrase, expected = RELEASED[name]
    copy = tmp_path / name
    shutil.copyfile(FIXTURES / name, copy)
    with CareRecord.open(copy, passphrase) as record:
        counts = record.counts()
        assert {k: counts[k] for k in expected} == expected
        assert "Margaret (Peggy) Okafor" in [p.name for p in people(record)]
        assert schema_version(record.db.conn) == SCHEMA_VERSION
        assert record.db.integrity_problems() == []


def test_every_fixture_is_listed() -> None:
    on_disk = {p.name for p in FIXTURES.glob("*.mycare")}
    assert on_disk == set(RELEASED)


def test_fixture_header_is_format_one() -> None:
    fmt, _ = read_header((FIXTURES / "format1-schema1.mycare").read_bytes())
    assert fmt.version == 1
