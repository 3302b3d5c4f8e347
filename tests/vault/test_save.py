"""Saving: every change is encrypted, backed up, and refused safely when it cannot be done."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from mycare.vault import (
    BACKUP_COUNT,
    DEFAULT_KDF,
    BadPassphrase,
    SaveFailed,
    StoreChanged,
    Vault,
    VaultError,
    WrongPassphrase,
    backup_paths,
    existing_backups,
    fileformat,
)

# -- production settings (the one test that runs the real KDF) -----------------------


def test_default_kdf_is_strong_and_recorded_in_the_header(folder, vt):
    assert DEFAULT_KDF.memory_kib >= 65536
    assert DEFAULT_KDF.iterations >= 3
    assert DEFAULT_KDF.lanes >= 4
    assert DEFAULT_KDF.is_sane()
    path = folder / "care.mycare"
    Vault.create(path, vt.PASSPHRASE, b"data").close()  # default settings
    _, header = fileformat.read_header(path.read_bytes())
    assert header.kdf == DEFAULT_KDF
    assert header.kdf.memory_kib >= 65536
    assert header.kdf.iterations >= 3
    assert header.kdf.lanes >= 4


def test_test_settings_are_recorded_too(folder, vt):
    path, _ = vt.make_store(folder)
    assert vt.header(path).kdf == vt.KDF


# -- round trips ----------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"x", bytes(range(256)) * 4, os.urandom(300_000)])
def test_save_and_reopen_round_trip(folder, vt, data):
    path = folder / "care.mycare"
    vault = vt.create(path, b"first")
    vault.save(data)
    vault.close()
    vault, plain = Vault.open(path, vt.PASSPHRASE)
    vault.close()
    assert plain == data


def test_create_makes_missing_folders_private(tmp_path, vt):
    path = tmp_path / "a" / "b" / "care.mycare"
    vt.create(path).close()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert vt.open_copy(path) == vt.payload(0)


def test_empty_passphrase_is_refused_at_create(folder, vt):
    path = folder / "care.mycare"
    with pytest.raises(BadPassphrase) as info:
        Vault.create(path, "", b"data", kdf=vt.KDF)
    vt.assert_plain(info.value)
    assert list(folder.iterdir()) == []


# -- nothing readable on disk -----------------------------------------------------------


def test_plaintext_never_reaches_the_disk(folder, vt, monkeypatch):
    for form in vt.sentinel_forms():
        assert form in vt.payload(3)  # the check below is not vacuous
    path, _ = vt.make_store(folder, saves=7)
    vault, _ = Vault.open(path, vt.PASSPHRASE)
    vault.change_passphrase(vt.PASSPHRASE, "new passphrase", vt.payload(20))
    vault.save(vt.payload(21))

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(vt.disk, "replace_atomically", full)  # leaves a temp until cleanup
    with pytest.raises(SaveFailed):
        vault.save(vt.payload(22))
    monkeypatch.undo()
    vault.close()
    names = {p.name for p in folder.iterdir()}
    assert names == {path.name, path.name + ".lock"} | {p.name for p in backup_paths(path)}
    vt.assert_no_leak(folder)


# -- fresh randomness per save and per store ------------------------------------------


def test_every_save_uses_a_fresh_salt_and_nonce(folder, vt):
    path = folder / "care.mycare"
    vault = vt.create(path, b"same")
    headers = [vt.header(path)]
    for _ in range(4):
        vault.save(b"same")
        headers.append(vt.header(path))
    vault.close()
    assert len({h.save_salt for h in headers}) == len(headers)
    assert len({h.payload_nonce for h in headers}) == len(headers)
    assert len({h.kdf_salt for h in headers}) == 1  # same wrapping until the passphrase changes
    assert all(len(h.save_salt) == 32 and len(h.payload_nonce) == 12 for h in headers)


def test_two_stores_with_one_passphrase_share_nothing(tmp_path, vt):
    blobs = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        path, _ = vt.make_store(tmp_path / name)
        blobs.append(path.read_bytes())
    (h1, h2) = (vt.header(b) for b in blobs)
    assert h1.kdf_salt != h2.kdf_salt
    assert h1.wrap_nonce != h2.wrap_nonce
    assert h1.wrapped_key != h2.wrapped_key
    keys = [fileformat.decrypt(b, vt.PASSPHRASE)[1].data_key for b in blobs]
    assert keys[0] != keys[1]


def test_generation_counts_up_with_each_save(folder, vt):
    path = folder / "care.mycare"
    vault = vt.create(path)
    assert vault.generation == 1 and vt.header(path).generation == 1
    for n in range(2, 7):
        vault.save(vt.payload(n))
        assert vault.generation == n
        assert vt.header(path).generation == n
    vault.close()
    vault, _ = Vault.open(path, vt.PASSPHRASE)
    assert vault.generation == 6
    vault.save(b"more")
    assert vt.header(path).generation == 7
    vault.close()


def test_files_are_private(folder, vt):
    path, _ = vt.make_store(folder, saves=3)
    vault, _ = Vault.open(path, vt.PASSPHRASE)
    vault.change_passphrase(vt.PASSPHRASE, "other", b"x")
    vault.close()
    for p in folder.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, f"{p.name} is {oct(p.stat().st_mode)}"


# -- backups --------------------------------------------------------------------------


@pytest.mark.parametrize("saves", [0, 1, 2, 4, 5, 6, 8])
def test_backups_hold_the_previous_saves_newest_first(folder, vt, saves):
    path, history = vt.make_store(folder, saves=saves)
    expected = list(reversed(history[:-1]))[:BACKUP_COUNT]
    names = [p.name for p in existing_backups(path)]
    assert names == [f"care.mycare.backup-{n}" for n in range(1, len(expected) + 1)]
    assert {p.name for p in folder.iterdir()} == {path.name, path.name + ".lock", *names}
    vault, plain = Vault.open(path, vt.PASSPHRASE)
    try:
        assert plain == history[-1]
        reports = vault.check_backups()
    finally:
        vault.close()
    assert [r.path.name for r in reports] == names
    assert all(r.ok and r.problem == "" for r in reports), reports
    current = saves + 1
    assert [r.generation for r in reports] == list(range(current - 1, current - 1 - len(names), -1))
    assert [vt.open_copy(p) for p in existing_backups(path)] == expected
    assert [vt.read_plain(p.read_bytes()) for p in existing_backups(path)] == expected


def test_eight_saves_leave_exactly_five_backups(folder, vt):
    path, history = vt.make_store(folder, saves=8)
    backups = existing_backups(path)
    assert backups == backup_paths(path) and len(backups) == 5
    assert [vt.open_copy(p) for p in backups] == history[7:2:-1]


def test_check_backups_reports_a_damaged_backup(folder, vt):
    path, _ = vt.make_store(folder, saves=3)
    second = backup_paths(path)[1]
    blob = bytearray(second.read_bytes())
    blob[-3] ^= 0x10
    second.write_bytes(blob)
    vault, _ = Vault.open(path, vt.PASSPHRASE)
    reports = vault.check_backups()
    vault.close()
    assert [r.ok for r in reports] == [True, False, True]
    assert reports[1].problem and reports[1].generation is None


def test_save_works_where_hard_links_do_not(folder, vt, monkeypatch):
    """Some filesystems (FAT, some network shares) refuse hard links; backups are copied."""
    path, history = vt.make_store(folder, saves=2)

    def no_link(*args, **kwargs):
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    vault, _ = Vault.open(path, vt.PASSPHRASE)
    vt.patch_os(monkeypatch, link=no_link)
    vault.save(b"after")
    vault.close()
    monkeypatch.undo()
    assert vt.temps(folder) == []
    assert [vt.open_copy(p) for p in existing_backups(path)] == history[::-1]
    assert vt.open_copy(path) == b"after"


def test_create_works_where_hard_links_do_not(folder, vt, monkeypatch):
    """rotate_backups copes without hard links, so creating a store should too."""

    def no_link(*args, **kwargs):
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    vt.patch_os(monkeypatch, link=no_link)
    path = folder / "care.mycare"
    try:
        vault = vt.create(path, b"first")
    except VaultError as exc:
        pytest.fail(f"create failed on a filesystem without hard links: {exc}")
    vault.save(b"second")
    vault.close()
    monkeypatch.undo()
    assert vt.temps(folder) == []
    assert vt.open_copy(path) == b"second"


# -- changing the passphrase ----------------------------------------------------------


def test_change_passphrase(folder, vt):
    new_pass = "a brand new passphrase"
    path, history = vt.make_store(folder, saves=2)
    vault, plain = Vault.open(path, vt.PASSPHRASE)
    old_salt = vt.header(path).kdf_salt
    vault.change_passphrase(vt.PASSPHRASE, new_pass, plain)
    assert all(r.ok for r in vault.check_backups()) and len(vault.check_backups()) == 3
    vault.close()
    assert vt.header(path).kdf_salt != old_salt
    with pytest.raises(WrongPassphrase) as info:
        Vault.open(path, vt.PASSPHRASE)
    vt.assert_plain(info.value, path.name)
    vault, again = Vault.open(path, new_pass)
    assert again == plain
    vault.save(plain + b"!")  # later saves keep the new wrapping
    vault.close()
    assert vt.open_copy(path, new_pass) == plain + b"!"
    # the backups hold the same data as before, and the old passphrase opens none of them
    backups = existing_backups(path)
    assert [vt.open_copy(p, new_pass) for p in backups] == [plain, *history[::-1]]
    for p in backups:
        with pytest.raises(WrongPassphrase):
            vt.open_copy(p, vt.PASSPHRASE)
    assert vt.temps(folder) == []


def test_change_passphrase_accepts_other_normalisation_of_the_old_one(folder, vt):
    path = folder / "care.mycare"
    vt.create(path, b"d", passphrase="Zo\u00eb").close()
    vault, _ = Vault.open(path, "Zo\u00eb")
    vault.change_passphrase("Zoe\u0308", "new", b"d")
    vault.close()
    assert vt.open_copy(path, "new") == b"d"


def test_change_passphrase_leaves_no_temps_when_a_backup_cannot_be_resealed(
    folder, vt, monkeypatch
):
    """Re-sealing backups may fail (disk full); no temp file may be left behind."""
    path, _ = vt.make_store(folder, saves=3)
    vault, plain = Vault.open(path, vt.PASSPHRASE)
    real = vt.disk.replace_atomically

    def backups_refused(tmp, target):
        if target != path:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(tmp, target)

    monkeypatch.setattr(vt.disk, "replace_atomically", backups_refused)
    try:
        vault.change_passphrase(vt.PASSPHRASE, "new", plain)
    except VaultError as exc:
        vt.assert_plain(exc, path.name)
    finally:
        monkeypatch.undo()
        vault.close()
    assert vt.temps(folder) == [], "temp files left behind"
    vt.assert_no_leak(folder)


@pytest.mark.parametrize("old", ["wrong", "", "CORRECT HORSE BATTERY STAPLE"])
def test_change_passphrase_with_wrong_old_one_changes_nothing(folder, vt, old):
    path, history = vt.make_store(folder, saves=2)
    vault, plain = Vault.open(path, vt.PASSPHRASE)
    before = vt.snapshot(folder)
    with pytest.raises(WrongPassphrase) as info:
        vault.change_passphrase(old, "new passphrase", b"new data")
    vt.assert_plain(info.value, path.name)
    vt.assert_untouched(folder, before, path)
    vault.save(b"still works")  # the vault is still usable with the old passphrase
    vault.close()
    assert vt.open_copy(path) == b"still works"


def test_change_to_empty_passphrase_is_refused(folder, vt):
    path, _ = vt.make_store(folder, saves=1)
    vault, _ = Vault.open(path, vt.PASSPHRASE)
    before = vt.snapshot(folder)
    with pytest.raises(BadPassphrase) as info:
        vault.change_passphrase(vt.PASSPHRASE, "", b"x")
    vault.close()
    vt.assert_plain(info.value)
    vt.assert_untouched(folder, before, path)


# -- someone else wrote the file ------------------------------------------------------


def _other_writer_version(path: Path, vt, data: bytes) -> bytes:
    """What another mycare (on another device) would have written: same length, new header."""
    other = path.parent.parent / "other"
    other.mkdir()
    copy = other / path.name
    copy.write_bytes(path.read_bytes())
    vault, _ = Vault.open(copy, vt.PASSPHRASE)
    vault.save(data)
    vault.close()
    return copy.read_bytes()


@pytest.mark.parametrize("replacement", ["other device", "random bytes", "its own backup"])
def test_save_refuses_when_the_file_was_replaced(folder, vt, replacement):
    path, history = vt.make_store(folder, saves=2)
    vault, plain = Vault.open(path, vt.PASSPHRASE)
    if replacement == "other device":
        theirs = _other_writer_version(path, vt, b"x" * len(plain))  # same size as ours
        assert len(theirs) == path.stat().st_size
    elif replacement == "random bytes":
        theirs = os.urandom(path.stat().st_size)
    else:
        theirs = backup_paths(path)[0].read_bytes()
    tmp = folder / "incoming"
    tmp.write_bytes(theirs)
    os.replace(tmp, path)
    before = vt.snapshot(folder)
    for attempt in (lambda: vault.save(b"mine"), lambda: vault.save(b"mine again")):
        with pytest.raises(StoreChanged) as info:
            attempt()
        vt.assert_plain(info.value, path.name)
        vt.assert_untouched(folder, before, path)
    assert path.read_bytes() == theirs
    vault.close()


def test_change_passphrase_refuses_when_the_file_was_replaced(folder, vt):
    path, _ = vt.make_store(folder, saves=1)
    vault, plain = Vault.open(path, vt.PASSPHRASE)
    theirs = _other_writer_version(path, vt, b"theirs")
    tmp = folder / "incoming"
    tmp.write_bytes(theirs)
    os.replace(tmp, path)
    before = vt.snapshot(folder)
    with pytest.raises(StoreChanged):
        vault.change_passphrase(vt.PASSPHRASE, "new", plain)
    vault.close()
    vt.assert_untouched(folder, before, path)
    assert vt.open_copy(path) == b"theirs"


def test_save_refuses_when_the_file_was_deleted(folder, vt):
    path, _ = vt.make_store(folder, saves=1)
    vault, _ = Vault.open(path, vt.PASSPHRASE)
    path.unlink()
    before = vt.snapshot(folder)
    with pytest.raises(StoreChanged) as info:
        vault.save(b"mine")
    vault.close()
    vt.assert_plain(info.value, path.name)
    vt.assert_untouched(folder, before, path)
    assert not path.exists(), "a fresh store was made in place of the deleted one"


def test_save_refuses_when_the_file_was_changed_in_place(folder, vt):
    path, _ = vt.make_store(folder, saves=1)
    vault, _ = Vault.open(path, vt.PASSPHRASE)
    with open(path, "ab") as f:
        f.write(b"appended by a sync app")
    before = vt.snapshot(folder)
    with pytest.raises(StoreChanged):
        vault.save(b"mine")
    vault.close()
    vt.assert_untouched(folder, before, path)


def test_save_when_the_store_cannot_be_read_is_one_plain_line(folder, vt, monkeypatch):
    """The changed-elsewhere check reads the file; if the disk refuses, that is SaveFailed."""
    path, _ = vt.make_store(folder, saves=1)
    vault, _ = Vault.open(path, vt.PASSPHRASE)
    before = vt.snapshot(folder)

    def unreadable(file, *args, **kwargs):
        if Path(file) == path:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(file))
        return open(file, *args, **kwargs)

    monkeypatch.setattr(vt.vault_module, "open", unreadable, raising=False)
    try:
        vault.save(b"mine")
    except VaultError as exc:
        vt.assert_plain(exc, path.name)
    except OSError as exc:
        pytest.fail(f"save let a raw {type(exc).__name__} escape: {exc}")
    else:
        pytest.fail("saved although the store could not be read")
    finally:
        monkeypatch.undo()
        vault.close()
    vt.assert_untouched(folder, before, path)


# -- the disk refuses ---------------------------------------------------------------------


def _raiser(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


def _only_for_temps(code: int):
    def open_(path, flags, mode=0o777, *, dir_fd=None):
        if str(path).endswith(".tmp"):
            raise OSError(code, os.strerror(code), str(path))
        return os.open(path, flags, mode, dir_fd=dir_fd)

    return open_


FAULTS = {
    "write_temp ENOSPC": ("write_temp", errno.ENOSPC, "disk is full"),
    "write_temp EROFS": ("write_temp", errno.EROFS, "read-only"),
    "os.open EROFS": ("open", errno.EROFS, "read-only"),
    "os.open EACCES": ("open", errno.EACCES, "read-only"),
    "os.write ENOSPC": ("write", errno.ENOSPC, "disk is full"),
    "os.write EDQUOT": ("write", errno.EDQUOT, "quota"),
    "os.fsync EIO": ("fsync", errno.EIO, os.strerror(errno.EIO)),
    "replace_atomically EROFS": ("replace_atomically", errno.EROFS, "read-only"),
    "keep_current ENOSPC": ("keep_current", errno.ENOSPC, "disk is full"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_save_failed_leaves_the_store_and_no_temps(folder, vt, monkeypatch, fault):
    where, code, reason = FAULTS[fault]
    path, history = vt.make_store(folder, saves=2)
    vault, plain = Vault.open(path, vt.PASSPHRASE)
    store_before = path.read_bytes()
    if where in ("write_temp", "replace_atomically", "keep_current"):
        monkeypatch.setattr(vt.disk, where, _raiser(code))
    elif where == "open":
        vt.patch_os(monkeypatch, open=_only_for_temps(code))
    else:
        vt.patch_os(monkeypatch, **{where: _raiser(code)})
    with pytest.raises(SaveFailed) as info:
        vault.save(vt.payload(50))
    msg = vt.assert_plain(info.value, path.name)
    assert reason in msg, msg
    assert path.read_bytes() == store_before
    assert vt.temps(folder) == []
    monkeypatch.undo()
    vault.save(vt.payload(51))  # works once the disk does
    assert vault.generation == len(history) + 1
    vault.close()
    assert vt.open_copy(path) == vt.payload(51)
    assert vt.temps(folder) == []
    vt.assert_no_leak(folder)


def test_backups_failing_after_the_store_is_replaced_still_counts_as_saved(folder, vt, monkeypatch):
    path, _ = vt.make_store(folder, saves=3)
    vault, _ = Vault.open(path, vt.PASSPHRASE)
    backups_before = {p.name: p.read_bytes() for p in folder.glob("*.backup-*")}
    monkeypatch.setattr(vt.disk, "rotate_backups", _raiser(errno.ENOSPC))
    vault.save(vt.payload(60))  # the store itself was replaced: the change is saved
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in folder.glob("*.backup-*")} == backups_before
    assert vt.temps(folder) == []
    vault.close()
    assert vt.open_copy(path) == vt.payload(60)


def test_save_in_a_read_only_folder(folder, vt, monkeypatch):
    path, _ = vt.make_store(folder, saves=1)
    vault, _ = Vault.open(path, vt.PASSPHRASE)
    before = vt.snapshot(folder)
    folder.chmod(0o500)
    try:
        if not vt.chmod_blocks_writes(folder):  # root: chmod does not stop us, so pretend
            vt.patch_os(monkeypatch, open=_only_for_temps(errno.EROFS))
        with pytest.raises(SaveFailed) as info:
            vault.save(b"mine")
        msg = vt.assert_plain(info.value, path.name)
        assert "read-only" in msg
    finally:
        folder.chmod(0o700)
        monkeypatch.undo()
    vt.assert_untouched(folder, before, path)
    vault.save(b"mine")
    vault.close()
    assert vt.open_copy(path) == b"mine"


def test_save_failed_when_the_copy_does_not_read_back(folder, vt, monkeypatch):
    path, _ = vt.make_store(folder, saves=1)
    vault, _ = Vault.open(path, vt.PASSPHRASE)
    before = vt.snapshot(folder)
    real = vt.disk.write_temp

    def write_then_garble(folder_, stem, data):  # the disk hands back other bytes
        tmp = real(folder_, stem, data)
        garbled = bytearray(tmp.read_bytes())
        garbled[-1] ^= 0x01
        tmp.write_bytes(bytes(garbled))
        return tmp

    monkeypatch.setattr(vt.disk, "write_temp", write_then_garble)
    with pytest.raises(SaveFailed) as info:
        vault.save(b"mine")
    vt.assert_plain(info.value, path.name, "read back")
    vt.assert_untouched(folder, before, path)
    monkeypatch.undo()
    vault.save(b"mine")
    vault.close()


def test_failed_save_leaves_the_backups_as_they_were(folder, vt, monkeypatch):
    """SaveFailed says the file on disk is unchanged; the backups must be, too.

    A save the system refuses at the last step (the store is held open by
    another program on Windows, an immutable file, ...) must not cost a backup;
    otherwise five refused saves leave five copies of the current file and no
    history at all.
    """
    path, history = vt.make_store(folder, saves=6)
    before = vt.snapshot(folder)
    vault, _ = Vault.open(path, vt.PASSPHRASE)
    monkeypatch.setattr(vt.disk, "replace_atomically", _raiser(errno.EACCES))
    for _ in range(BACKUP_COUNT):
        with pytest.raises(SaveFailed):
            vault.save(b"refused")
    monkeypatch.undo()
    vault.close()
    vt.assert_untouched(folder, before, path)
    assert [vt.read_plain(p.read_bytes()) for p in existing_backups(path)] == history[5:0:-1]
