"""Findings 3 and 7: what `mycare check` says about a store in use, or damaged inside."""

from __future__ import annotations

from pathlib import Path

import pytest

from mycare.care.record import CareRecord


def test_check_on_a_store_open_in_another_mycare_says_so_and_never_advises_a_restore(
    store: Path, cli, passphrase: str
):
    with CareRecord.open(store, passphrase, "Test carer") as record:
        record.save()  # a backup exists, so a restore could be (wrongly) advised
        done = cli("--store", str(store), "check")
    assert "open in another mycare" in done.stdout
    assert "checked without opening it: OK" in done.stdout
    assert "NOT OK" not in done.stdout
    assert "cp " not in done.stdout and "go back" not in done.stdout
    assert done.returncode == 0, done.stdout


def _seal_inside(store: Path, passphrase: str, spoil) -> None:
    """Save a spoilt database image, properly encrypted, as the store's newest version."""
    with CareRecord.open(store, passphrase, "Test carer") as record:
        record.save()  # backup-1 and backup-2 are good versions
        image = record.db.image()
        record.vault.save(spoil(image))


def _garble_a_page(image: bytes) -> bytes:
    page = int.from_bytes(image[16:18], "big")
    middle = page * (len(image) // page // 2)
    return image[:middle] + bytes(range(256)) * (page // 256) + image[middle + page :]


@pytest.mark.parametrize(
    "spoil",
    [_garble_a_page, lambda image: b"", lambda image: b"plain words, not a database"],
    ids=["garbled page", "empty", "not SQLite"],
)
def test_damage_inside_a_sealed_store_is_named_with_the_newest_good_backup(
    store: Path, cli, passphrase: str, spoil
):
    _seal_inside(store, passphrase, spoil)
    before = store.read_bytes()
    for command in ("agenda", "add"):
        args = ["add", "diary", "hello"] if command == "add" else [command]
        done = cli("--store", str(store), *args)
        assert done.returncode == 1
        assert "damaged" in done.stderr and "unexpected" not in done.stderr, done.stderr
    assert store.read_bytes() == before  # never turned into an empty store and saved
    checked = cli("--store", str(store), "check")
    assert checked.returncode == 1
    assert "Store: NOT OK" in checked.stdout and "records inside are damaged" in checked.stdout
    assert "unexpected" not in checked.stdout + checked.stderr
    assert "The newest good backup is care.mycare.backup-1" in checked.stdout
    assert f"cp {store}.backup-1 {store}" in checked.stdout
