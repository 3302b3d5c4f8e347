"""The store's identity, and the copies of it that sync services leave beside it.

"Another computer" is a second folder holding a copy of the store, opened and saved there;
its bytes then arrive in the store's folder the way a sync service writes them.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mycare.care.record import CareRecord
from mycare.vault import (
    DamagedStore,
    NewerFormat,
    OtherKey,
    OtherStore,
    StoreChanged,
    Vault,
    VaultError,
    WrongPassphrase,
    fileformat,
)
from mycare.vault.fileformat import (
    MAGIC,
    PREFIX,
    STORE_ID_LEN,
    FormatV2,
    derived_store_id,
    header_size,
    read_header,
)

FIXTURES = Path(__file__).parents[1] / "fixtures"
FORMAT1 = FIXTURES / "format1-schema1.mycare"
FORMAT1_PASSPHRASE = "fixture passphrase"
PASSPHRASE = "correct horse battery staple"  # the vault tests' one (vt.PASSPHRASE)

SYNC_NAMES = [
    "care.sync-conflict-20261201-140210-ABCDEFG.mycare",  # Syncthing
    "care (Ann's conflicted copy 2026-12-01).mycare",  # Dropbox
    "care (conflicted copy 2026-12-01 140210).mycare",  # Nextcloud
    "care-LAPTOP-ANN.mycare",  # OneDrive
    "what Ann emailed me",  # any name at all: found by content
]

_elsewhere = itertools.count()


def other_computer(
    store: Path,
    tmp_path: Path,
    data: bytes,
    passphrase: str = PASSPHRASE,
    new_passphrase: str = "",
) -> bytes:
    """The bytes another computer writes when it saves its copy of the store."""
    there = tmp_path / f"elsewhere-{next(_elsewhere)}"
    there.mkdir()
    copy = there / store.name
    shutil.copyfile(store, copy)
    vault, _ = Vault.open(copy, passphrase)
    try:
        if new_passphrase:
            vault.change_passphrase(passphrase, new_passphrase, data)
        else:
            vault.save(data)
    finally:
        vault.close()
    return copy.read_bytes()


def arrive(blob: bytes, target: Path) -> None:
    """A sync service writes a file: a temporary name, then a rename over the target."""
    tmp = target.with_name(f"~syncing-{secrets.token_hex(4)}")
    tmp.write_bytes(blob)
    os.replace(tmp, target)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_left_untouched_message(vt, exc: BaseException, path: Path) -> str:
    """One plain line naming the file and saying it was not changed; no internals."""
    msg = vt.assert_plain(exc, str(path))
    assert "untouched" in msg or "has not changed it" in msg, msg
    assert exc.__cause__ is None, "an internal error is chained to the message"
    assert exc.__context__ is None or exc.__suppress_context__, "internals show in a traceback"
    for internal in ("FormatProblem", "b'", "\\x", "object at 0x", "data_key", "Header("):
        assert internal not in msg, f"{internal!r} in {msg!r}"
    return msg


# -- identity -----------------------------------------------------------------------------


def test_a_new_store_is_format_two_with_a_random_identity(folder, vt):
    path = folder / "care.mycare"
    vault = vt.create(path)
    try:
        blob = path.read_bytes()
        fmt, header = read_header(blob)
        assert fmt.version == 2 == fileformat.LATEST.version
        assert len(header.store_id) == STORE_ID_LEN
        assert header.store_id != bytes(STORE_ID_LEN)
        assert vault.store_id == header.store_id
        assert not vault.needs_upgrade
        # random, not derived from the key (that is what format 1 files get)
        _, keys, _ = fileformat.decrypt(blob, vt.PASSPHRASE)
        assert header.store_id != derived_store_id(keys.data_key)
        identity = vault.store_id

        for n in range(1, 4):
            vault.save(vt.payload(n))
            assert vt.header(path).store_id == identity
        vault.change_passphrase(vt.PASSPHRASE, "a new passphrase", vt.payload(9))
        assert vault.store_id == identity
        assert vt.header(path).store_id == identity
        for backup in vt.disk.existing_backups(path):  # re-locked, still the same store
            assert vt.header(backup).store_id == identity
    finally:
        vault.close()

    again, plain = Vault.open(path, "a new passphrase")
    try:
        assert plain == vt.payload(9)
        assert again.store_id == identity
    finally:
        again.close()


def test_two_stores_have_different_identities(tmp_path, vt):
    ids = set()
    for n in range(4):
        vault = vt.create(tmp_path / f"s{n}" / "care.mycare")  # same name, same passphrase
        ids.add(vault.store_id)
        vault.close()
    assert len(ids) == 4


def _upgrade_format_one(folder: Path, name: str = "care.mycare") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    shutil.copyfile(FORMAT1, path)
    assert read_header(path.read_bytes())[0].version == 1
    with CareRecord.open(path, FORMAT1_PASSPHRASE):
        pass
    return path


def test_a_format_one_store_is_upgraded_on_open_keeping_its_derived_identity(tmp_path):
    original = FORMAT1.read_bytes()
    _, keys, _ = fileformat.decrypt(original, FORMAT1_PASSPHRASE)
    derived = derived_store_id(keys.data_key)

    path = tmp_path / "care.mycare"
    path.write_bytes(original)
    record = CareRecord.open(path, FORMAT1_PASSPHRASE)
    try:
        assert record.vault.store_id == derived
        fmt, header = read_header(path.read_bytes())  # saved as format 2 at once
        assert fmt.version == 2
        assert header.store_id == derived
    finally:
        record.close()
    assert FORMAT1.read_bytes() == original

    # opening it again changes nothing more
    before = path.read_bytes()
    with CareRecord.open(path, FORMAT1_PASSPHRASE) as again:
        assert again.vault.store_id == derived
        assert not again.vault.needs_upgrade
    assert path.read_bytes() == before


def test_two_carers_upgrading_apart_still_recognise_each_others_copies(tmp_path, vt):
    ann = _upgrade_format_one(tmp_path / "ann")
    bob = _upgrade_format_one(tmp_path / "bob")
    assert ann.read_bytes() != bob.read_bytes()  # two separate saves ...
    assert vt.header(ann).store_id == vt.header(bob).store_id  # ... of one store

    # Bob's upgraded file arrives beside Ann's, as does a copy nobody upgraded yet
    conflict = ann.with_name("care (Bob's conflicted copy 2026-12-01).mycare")
    shutil.copyfile(bob, conflict)
    not_upgraded = ann.with_name("care.sync-conflict-20261201-140210-BOBBOBB.mycare")
    shutil.copyfile(FORMAT1, not_upgraded)
    os.utime(conflict, (1_000_000_000, 1_000_000_000))
    os.utime(not_upgraded, (1_000_000_100, 1_000_000_100))

    with CareRecord.open(ann, FORMAT1_PASSPHRASE) as record:
        assert record.copies() == [conflict, not_upgraded]
        for copy in (conflict, not_upgraded):
            version = record.vault.read_copy(copy)
            assert version.path == copy
            assert version.image  # decrypted with Ann's key


# -- finding copies -----------------------------------------------------------------------


def test_copies_are_found_by_content_under_any_name(tmp_path, folder, vt):
    assert vt.PASSPHRASE == PASSPHRASE
    store, _ = vt.make_store(folder, saves=3)  # backups 1-3 are the same store too
    vault, _ = Vault.open(store, vt.PASSPHRASE)
    try:
        assert vault.copies() == []
        expected = []
        for n, name in enumerate(SYNC_NAMES):
            path = folder / name
            arrive(other_computer(store, tmp_path, vt.payload(10 + n)), path)
            expected.append(path)
        # listed oldest first, whatever the names
        for n, path in enumerate(reversed(expected)):
            os.utime(path, (1_700_000_000 + n, 1_700_000_000 + n))
        expected.reverse()

        same_store = other_computer(store, tmp_path, vt.payload(99))
        (folder / f".{store.name}.0123456789ab.tmp").write_bytes(same_store)
        (folder / f".{store.name}.0123456789ab.kept.tmp").write_bytes(same_store)
        (folder / f"{store.name}.merged-20261201-140210-abc123").write_bytes(same_store)
        (folder / "care (another store).mycare").write_bytes(vt.valid_blob(b"not ours"))
        shutil.copyfile(FORMAT1, folder / "care (an old store).mycare")
        (folder / "notes.txt").write_text("Ask about the eye test\n")
        (folder / "care (1).mycare").write_bytes(b"")
        (folder / "care (header only).mycare").write_bytes(MAGIC)
        outside = tmp_path / "outside.mycare"
        outside.write_bytes(same_store)
        os.symlink(outside, folder / "care-LINK.mycare")
        os.symlink(store, folder / "care-LINK-TO-STORE.mycare")
        (folder / "care (conflicted copy folder).mycare").mkdir()
        ((folder / "care (conflicted copy folder).mycare") / store.name).write_bytes(same_store)
        assert store.with_name(store.name + ".lock").exists()
        assert len(vt.disk.existing_backups(store)) == 3

        before = vt.snapshot(folder)
        assert vault.copies() == expected
        assert vt.snapshot(folder) == before  # looking changes nothing
        for path in expected:
            assert vault.read_copy(path).path == path
    finally:
        vault.close()


def test_a_store_without_copies_lists_none(store, vt):
    vault, _ = Vault.open(store, vt.PASSPHRASE)
    try:
        assert vault.copies() == []
        assert vt.disk.set_aside_copies(store) == []
    finally:
        vault.close()


# -- another computer's save --------------------------------------------------------------


def test_newer_version_is_none_until_another_save_replaces_the_file(tmp_path, folder, vt):
    store, _ = vt.make_store(folder, saves=1)
    vault, _ = Vault.open(store, vt.PASSPHRASE)
    try:
        assert vault.newer_version() is None
        vault.save(vt.payload(2))
        assert vault.newer_version() is None  # our own save is not "newer"
        os.utime(store, (1_800_000_000, 1_800_000_000))
        assert vault.newer_version() is None  # touched, not replaced
        arrive(store.read_bytes(), store)
        assert vault.newer_version() is None  # the same bytes written again

        theirs = other_computer(store, tmp_path, vt.payload(3))
        arrive(theirs, store)
        version = vault.newer_version()
        assert version is not None
        assert version.path == store
        assert version.blob == theirs
        assert version.image == vt.payload(3)
        assert version.header.generation == vault.generation + 1
        assert vault.newer_version() == version  # still there until it is taken

        with pytest.raises(StoreChanged):  # never saved over unseen
            vault.save(vt.payload(4))
        assert store.read_bytes() == theirs

        vault.adopt(version)
        assert vault.newer_version() is None
        vault.save(vt.payload(4))
        assert vt.read_plain(store.read_bytes()) == vt.payload(4)
        assert vt.disk.backup_paths(store)[0].read_bytes() == theirs
        assert vault.generation == version.header.generation + 1
    finally:
        vault.close()


def test_a_passphrase_changed_on_another_computer_gets_a_new_key(tmp_path, folder, vt):
    """The old key cannot read saves after the change; this computer's save is kept beside."""
    store, _ = vt.make_store(folder, saves=1)
    vault, _ = Vault.open(store, vt.PASSPHRASE)
    try:
        identity = vault.store_id
        arrive(
            other_computer(store, tmp_path, vt.payload(5), new_passphrase="their new one"),
            store,
        )
        with pytest.raises(OtherKey) as seen:
            vault.newer_version()
        msg = vt.assert_plain(seen.value, str(store))
        assert "new passphrase" in msg and "nothing was lost" in msg
        assert vt.header(store).store_id == identity  # still the same store
        kept = vault.keep_beside(vt.payload(6))
        assert kept.parent == store.parent and kept not in vault.copies()
        assert vt.payload(6) not in kept.read_bytes()
    finally:
        vault.close()

    with pytest.raises(WrongPassphrase):
        Vault.open(store, vt.PASSPHRASE)
    reopened, plain = Vault.open(store, "their new one")
    try:
        assert plain == vt.payload(5)
        assert reopened.copies() == [kept]  # waiting to be merged, found by its identity
        with pytest.raises(OtherKey) as seen:
            reopened.read_copy(kept)
        assert "mycare merge" in vt.assert_plain(seen.value, str(kept))
        with pytest.raises(VaultError) as seen:
            reopened.read_copy(kept, "their new one")
        vt.assert_plain(seen.value, str(kept))
        assert reopened.read_copy(kept, vt.PASSPHRASE).image == vt.payload(6)
    finally:
        reopened.close()


# -- copies that cannot be read -----------------------------------------------------------


def _other_store(store: Path, vault: Vault, vt) -> bytes:
    return vt.valid_blob(vt.payload(50))


def _old_other_store(store: Path, vault: Vault, vt) -> bytes:
    return FORMAT1.read_bytes()  # a format 1 store of someone else's: no identity to compare


def _header_damaged(store: Path, vault: Vault, vt) -> bytes:
    blob = bytearray(store.read_bytes())
    blob[PREFIX.size + 3] ^= 0x40
    return bytes(blob)


def _payload_damaged(store: Path, vault: Vault, vt) -> bytes:
    blob = bytearray(store.read_bytes())
    blob[header_size(bytes(blob)) + 2] ^= 0x01  # in the ciphertext; the header is sound
    return bytes(blob)


def _cut_short(store: Path, vault: Vault, vt) -> bytes:
    return store.read_bytes()[:-100]


def _newer_format(store: Path, vault: Vault, vt) -> bytes:
    body = PREFIX.pack(MAGIC, fileformat.LATEST.version + 1, PREFIX.size + 200)
    body += vault.store_id + os.urandom(184)
    return body + hashlib.sha256(body).digest() + os.urandom(500)


def _other_key(store: Path, vault: Vault, vt) -> bytes:
    keys = FormatV2.new_keys(vt.PASSPHRASE, vt.KDF, store_id=vault.store_id)  # a new data key
    return FormatV2.seal(keys, vt.payload(51), generation=7)


UNREADABLE: dict[str, tuple[Callable[[Path, Vault, object], bytes], type[VaultError]]] = {
    "another store": (_other_store, OtherStore),
    "another format 1 store": (_old_other_store, OtherStore),
    "damaged header": (_header_damaged, DamagedStore),
    "damaged contents": (_payload_damaged, DamagedStore),
    "cut short": (_cut_short, DamagedStore),
    "newer format": (_newer_format, NewerFormat),
    "re-keyed with another data key": (_other_key, OtherKey),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_a_copy_that_cannot_be_read_is_left_untouched(folder, vt, case):
    make, error = UNREADABLE[case]
    store, _ = vt.make_store(folder, saves=1)
    vault, _ = Vault.open(store, vt.PASSPHRASE)
    try:
        copy = folder / "care.sync-conflict-20261201-140210-ABCDEFG.mycare"
        copy.write_bytes(make(store, vault, vt))
        before = vt.snapshot(folder)
        digest = sha(copy)
        with pytest.raises(VaultError) as caught:
            vault.read_copy(copy)
        assert type(caught.value) is error, f"{type(caught.value).__name__}: {caught.value}"
        assert_left_untouched_message(vt, caught.value, copy)
        assert sha(copy) == digest
        assert vt.snapshot(folder) == before
        vault.save(vt.payload(8))  # the store itself is still fine to use
    finally:
        vault.close()
    assert vt.read_plain(store.read_bytes()) == vt.payload(8)


def test_copies_skips_files_it_cannot_tell_are_ours(folder, vt):
    store, _ = vt.make_store(folder, saves=1)
    vault, _ = Vault.open(store, vt.PASSPHRASE)
    try:
        for n, (case, (make, _)) in enumerate(sorted(UNREADABLE.items())):
            if case in ("damaged contents", "cut short", "re-keyed with another data key"):
                continue  # these name this store in a sound header: copies lists them
            (folder / f"care ({n}).mycare").write_bytes(make(store, vault, vt))
        assert vault.copies() == []
    finally:
        vault.close()


# -- setting copies aside -----------------------------------------------------------------


def test_set_aside_moves_a_merged_copy_beside_the_backups(tmp_path, folder, vt):
    store, _ = vt.make_store(folder, saves=1)
    vault, _ = Vault.open(store, vt.PASSPHRASE)
    try:
        copy = folder / SYNC_NAMES[1]
        arrive(other_computer(store, tmp_path, vt.payload(20)), copy)
        content = copy.read_bytes()
        assert vault.copies() == [copy]

        moved = vault.set_aside(copy)
        assert not copy.exists()
        assert moved.parent == folder
        assert moved.name.startswith(f"{store.name}.merged-")
        assert moved.read_bytes() == content
        assert vault.copies() == []
        assert vt.disk.set_aside_copies(store) == [moved]
        assert vt.disk.existing_backups(store)  # the backups are left as they were
    finally:
        vault.close()


def test_set_aside_keeps_only_the_newest_five(tmp_path, folder, vt):
    store, _ = vt.make_store(folder)
    vault, _ = Vault.open(store, vt.PASSPHRASE)
    try:
        moved = []
        for n in range(8):  # quickly: several within one second
            copy = folder / f"care-LAPTOP-{n}.mycare"
            copy.write_bytes(f"copy {n}".encode())
            moved.append(vault.set_aside(copy))
            assert moved[-1].exists(), "the copy just set aside was removed"
        kept = vt.disk.set_aside_copies(store)
        assert [p.read_bytes() for p in kept] == [f"copy {n}".encode() for n in (7, 6, 5, 4, 3)]
        assert kept == moved[:2:-1]
        assert not any("LAPTOP" in p.name for p in folder.iterdir())
    finally:
        vault.close()


@pytest.mark.parametrize("name", ["care [Ann].mycare", "care*?.mycare", "care [!x].mycare"])
def test_set_aside_and_tidying_work_whatever_the_store_is_called(tmp_path, vt, name):
    folder = tmp_path / "store"
    folder.mkdir()
    store, _ = vt.make_store(folder, name=name)
    bystander = folder / "careXY.mycare.merged-20260101-000000-000000-aaaaaa"
    bystander.write_bytes(b"not this store's")
    vault, _ = Vault.open(store, vt.PASSPHRASE)
    try:
        for n in range(7):
            copy = folder / f"copy {n}.mycare"
            copy.write_bytes(f"copy {n}".encode())
            vault.set_aside(copy)
        kept = vt.disk.set_aside_copies(store)
        assert [p.read_bytes() for p in kept] == [f"copy {n}".encode() for n in range(6, 1, -1)]
        assert bystander.read_bytes() == b"not this store's"
    finally:
        vault.close()

    stale = folder / f".{name}.0123456789ab.tmp"
    stale.write_bytes(b"left by a killed save")
    not_ours = folder / ".careXY.mycare.0123456789ab.tmp"
    not_ours.write_bytes(b"another store's save in progress")
    Vault.open(store, vt.PASSPHRASE)[0].close()
    assert not stale.exists()
    assert not_ours.exists()
