"""Opening a store: every way it can fail is one plain line and leaves the file alone."""

from __future__ import annotations

import errno
import hashlib
import os
import pathlib
import random
import re
import select
import signal
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mycare
from mycare.vault import (
    DamagedStore,
    NewerFormat,
    NotAStore,
    StoreExists,
    StoreInUse,
    StoreMissing,
    Vault,
    VaultError,
    WrongPassphrase,
    backup_paths,
    check_file,
    fileformat,
    kdf,
)
from mycare.vault.fileformat import HASH_LEN, LATEST, MAGIC, PREFIX, FormatProblem

REPO = Path(mycare.__file__).resolve().parents[1]


def reheader(blob: bytes, *, version: int | None = None, **fields: int) -> bytes:
    """Rewrite header fields of a valid file and recompute the header's SHA-256."""
    magic, ver, header_len = PREFIX.unpack_from(blob)
    names = ["kdf_id", "memory_kib", "iterations", "lanes"]
    values = list(LATEST.FIELDS.unpack_from(blob, PREFIX.size))
    for name, value in fields.items():
        values[names.index(name)] = value
    body = PREFIX.pack(magic, ver if version is None else version, header_len)
    body += LATEST.FIELDS.pack(*values)
    return body + hashlib.sha256(body).digest() + blob[header_len + HASH_LEN :]


def allowed_for_damage(blob: bytes) -> tuple[type[VaultError], ...]:
    """DamagedStore, or NotAStore only when the magic itself is unrecognisable."""
    start = blob[: len(MAGIC)]
    unrecognisable = not MAGIC.startswith(start) and (
        len(start) < len(MAGIC) or sum(a != b for a, b in zip(start, MAGIC, strict=True)) > 2
    )
    return (DamagedStore, NotAStore) if unrecognisable else (DamagedStore,)


def open_expecting(path: Path, passphrase: str, allowed, vt) -> VaultError:
    """Open, expect one of ``allowed``, and return the error (never a Vault)."""
    try:
        vault, _ = Vault.open(path, passphrase)
    except VaultError as exc:
        assert isinstance(exc, allowed), f"{type(exc).__name__}: {exc}"
        vt.assert_plain(exc, path.name)
        return exc
    vault.close()
    raise AssertionError(f"{path.name} opened although {allowed} was expected")


# -- passphrases ------------------------------------------------------------------


def test_wrong_passphrase_then_right_one(store, folder, vt):
    before = vt.snapshot(folder)
    good = vt.PASSPHRASE
    for wrong in ["wrong", good.upper(), good + " ", " " + good, good[:-1], ""]:
        with pytest.raises(WrongPassphrase) as info:
            Vault.open(store, wrong)
        vt.assert_plain(info.value, store.name)
        vt.assert_untouched(folder, before, store)
    vault, plain = Vault.open(store, good)
    vault.close()
    assert plain == vt.payload(1)
    vt.assert_untouched(folder, before, store)


@pytest.mark.parametrize("made_with", ["NFC", "NFD"])
def test_nfc_and_nfd_passphrases_open_the_same_store(folder, vt, made_with):
    word = "Zoë's café — naïve"
    nfc, nfd = (unicodedata.normalize(f, word) for f in ("NFC", "NFD"))
    assert nfc != nfd and nfc.encode() != nfd.encode()
    path = folder / "care.mycare"
    vt.create(path, b"data", passphrase=nfc if made_with == "NFC" else nfd).close()
    for form in (nfc, nfd):
        vault, plain = Vault.open(path, form)
        vault.close()
        assert plain == b"data"
    with pytest.raises(WrongPassphrase):
        Vault.open(path, nfc.replace("ë", "e"))


# -- damaged files ------------------------------------------------------------------


def test_empty_file_is_damaged_and_left_alone(folder, vt):
    path = folder / "care.mycare"
    path.write_bytes(b"")
    before = vt.snapshot(folder)
    exc = open_expecting(path, vt.PASSPHRASE, (DamagedStore,), vt)
    assert "backup" in str(exc).lower()  # says none were found
    vt.assert_untouched(folder, before, path)


def test_every_truncation_is_damaged(tiny_store, folder, vt):
    store = tiny_store
    full = store.read_bytes()
    backups = [p.name for p in backup_paths(store) if p.exists()]
    assert backups == ["care.mycare.backup-1"]
    for n in range(len(full)):
        store.write_bytes(full[:n])
        before = vt.snapshot(folder)
        exc = open_expecting(store, vt.PASSPHRASE, allowed_for_damage(full[:n]), vt)
        assert isinstance(exc, DamagedStore), f"cut to {n} bytes: {type(exc).__name__}"
        vt.assert_plain(exc, *backups)
        vt.assert_untouched(folder, before, store)


@pytest.mark.parametrize("extra", [b"\x00", b"\xff" * 1000, os.urandom(1000), b"A"])
def test_extended_file_is_damaged(store, folder, vt, extra):
    store.write_bytes(store.read_bytes() + extra)
    before = vt.snapshot(folder)
    exc = open_expecting(store, vt.PASSPHRASE, (DamagedStore,), vt)
    vt.assert_plain(exc, "care.mycare.backup-1")
    vt.assert_untouched(folder, before, store)


@pytest.fixture
def tiny_store(folder, vt) -> Path:
    """A store with a few bytes of payload and one backup, so every bit can be flipped."""
    path = folder / "care.mycare"
    vault = vt.create(path, b"tiny")
    vault.save(b"tiny2")
    vault.close()
    return path


def test_every_bit_flip_is_damaged_never_a_wrong_passphrase(tiny_store, folder, vt):
    store = tiny_store
    full = store.read_bytes()
    assert len(full) < 256, "keep the payload small so every bit can be flipped"
    wrong_kind = []
    for bit in range(len(full) * 8):
        mutated = bytearray(full)
        mutated[bit // 8] ^= 1 << (bit % 8)
        store.write_bytes(mutated)
        before = vt.snapshot(folder)
        try:
            vault, _ = Vault.open(store, vt.PASSPHRASE)
        except VaultError as exc:
            if not isinstance(exc, allowed_for_damage(bytes(mutated))):
                wrong_kind.append((bit, type(exc).__name__))
                continue
            vt.assert_plain(exc, "care.mycare.backup-1")
        else:
            vault.close()
            wrong_kind.append((bit, "opened"))
        vt.assert_untouched(folder, before, store)
    assert not wrong_kind, f"bit flips reported wrongly (bit, outcome): {wrong_kind[:20]}"


def test_damaged_store_without_backups_says_so(folder, vt):
    path, _ = vt.make_store(folder, saves=0)
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 0x01
    path.write_bytes(blob)
    exc = open_expecting(path, vt.PASSPHRASE, (DamagedStore,), vt)
    assert ".backup-" not in str(exc)


def test_damaged_store_names_every_backup_newest_first(folder, vt):
    path, _ = vt.make_store(folder, saves=7)
    blob = bytearray(path.read_bytes())
    blob[200] ^= 0x40
    path.write_bytes(blob)
    msg = str(open_expecting(path, vt.PASSPHRASE, (DamagedStore,), vt))
    names = [p.name for p in backup_paths(path)]
    positions = [msg.index(name) for name in names]
    assert positions == sorted(positions), msg


# -- not ours ------------------------------------------------------------------------


def _sqlite_db(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("create table notes (body text)")
    con.execute("insert into notes values ('hello')")
    con.commit()
    con.close()


FOREIGN = {
    "random bytes": lambda p: p.write_bytes(random.Random(7).randbytes(4096)),
    "text file": lambda p: p.write_text("Dear diary,\nToday I saw the nurse.\n", encoding="utf-8"),
    "one text char": lambda p: p.write_bytes(b"x"),
    "png": lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200)),
    "sqlite database": _sqlite_db,
}


@pytest.mark.parametrize("kind", list(FOREIGN))
def test_foreign_file_is_not_a_store(folder, vt, kind):
    path = folder / "care.mycare"
    FOREIGN[kind](path)
    before = vt.snapshot(folder)
    with pytest.raises(NotAStore) as info:
        Vault.open(path, vt.PASSPHRASE)
    vt.assert_plain(info.value, path.name)
    vt.assert_untouched(folder, before, path)


# -- newer and unsafe headers -------------------------------------------------------


@pytest.mark.parametrize("version", [3, 4, 65535])
def test_newer_format_is_reported_with_its_version(store, folder, vt, version):
    store.write_bytes(reheader(store.read_bytes(), version=version))
    before = vt.snapshot(folder)
    with pytest.raises(NewerFormat) as info:
        Vault.open(store, vt.PASSPHRASE)
    msg = vt.assert_plain(info.value, store.name)
    assert re.search(rf"\b{version}\b", msg), msg
    vt.assert_untouched(folder, before, store)


def test_newer_format_with_a_longer_header_is_still_newer(store, vt):
    """A future header may be longer; the prefix and hash still say 'newer'."""
    blob = store.read_bytes()
    _, _, header_len = PREFIX.unpack_from(blob)
    body = PREFIX.pack(MAGIC, 3, header_len + 40) + blob[PREFIX.size : header_len] + bytes(40)
    store.write_bytes(body + hashlib.sha256(body).digest() + b"future payload")
    with pytest.raises(NewerFormat):
        Vault.open(store, vt.PASSPHRASE)


def test_format_zero_is_damaged(store, vt):
    store.write_bytes(reheader(store.read_bytes(), version=0))
    with pytest.raises(DamagedStore):
        Vault.open(store, vt.PASSPHRASE)


UNSAFE = {
    "memory 64 GiB": {"memory_kib": 64 * 1024 * 1024},
    "iterations 10**6": {"iterations": 10**6},
    "lanes 0": {"lanes": 0},
    "all absurd": {"memory_kib": 64 * 1024 * 1024, "iterations": 10**6, "lanes": 0},
    "memory just over the cap": {"memory_kib": kdf.MAX_MEMORY_KIB + 1},
    "iterations 0": {"iterations": 0},
    "lanes 65": {"lanes": 65, "memory_kib": 65 * 8},
    "memory below 8 per lane": {"lanes": 4, "memory_kib": 31},
    "unknown kdf": {"kdf_id": 2},
    "memory max uint32": {"memory_kib": 2**32 - 1},
}


@pytest.mark.parametrize("case", list(UNSAFE))
def test_unsafe_kdf_settings_are_refused_before_any_kdf_runs(store, folder, vt, monkeypatch, case):
    def no_kdf(*args, **kwargs):
        raise AssertionError("the KDF ran on unsafe settings")

    monkeypatch.setattr(fileformat, "derive_key", no_kdf)
    monkeypatch.setattr(kdf, "derive_key", no_kdf)
    blob = reheader(store.read_bytes(), **UNSAFE[case])
    with pytest.raises(FormatProblem) as problem:
        fileformat.read_header(blob)
    assert problem.value.kind == "unsafe"
    store.write_bytes(blob)
    before = vt.snapshot(folder)
    with pytest.raises(DamagedStore) as info:  # no_kdf above fails the test if the KDF runs
        Vault.open(store, vt.PASSPHRASE)
    vt.assert_plain(info.value, store.name, "care.mycare.backup-1")
    vt.assert_untouched(folder, before, store)


# -- missing, existing --------------------------------------------------------------


def test_missing_store(folder, vt):
    path = folder / "care.mycare"
    with pytest.raises(StoreMissing) as info:
        Vault.open(path, vt.PASSPHRASE)
    vt.assert_plain(info.value, path.name)
    assert list(folder.iterdir()) == [], "opening a missing store created files"


def test_missing_folder_is_not_created(tmp_path, vt):
    path = tmp_path / "nowhere" / "care.mycare"
    with pytest.raises(StoreMissing):
        Vault.open(path, vt.PASSPHRASE)
    assert not path.parent.exists()


@pytest.mark.parametrize("existing", ["store", "text", "empty"])
def test_create_over_existing_file_refuses(folder, vt, existing):
    path = folder / "care.mycare"
    if existing == "store":
        path, _ = vt.make_store(folder, saves=1)
    elif existing == "text":
        path.write_text("my own notes\n")
    else:
        path.write_bytes(b"")
    before = vt.snapshot(folder)
    with pytest.raises(StoreExists) as info:
        Vault.create(path, "another passphrase", b"new data", kdf=vt.KDF)
    vt.assert_plain(info.value, path.name)
    vt.assert_untouched(folder, before, path)
    if existing == "store":
        vault, plain = Vault.open(path, vt.PASSPHRASE)
        vault.close()
        assert plain == vt.payload(1)


# -- in use -------------------------------------------------------------------------


def test_second_open_in_same_process_is_refused_until_closed(store, folder, vt):
    first, _ = Vault.open(store, vt.PASSPHRASE)
    before = vt.snapshot(folder)
    try:
        with pytest.raises(StoreInUse) as info:
            Vault.open(store, vt.PASSPHRASE)
        vt.assert_plain(info.value, store.name)
        with pytest.raises(StoreInUse):  # the wrong passphrase is not even tried
            Vault.open(store, "wrong")
        vt.assert_untouched(folder, before, store)
    finally:
        first.close()
    second, plain = Vault.open(store, vt.PASSPHRASE)
    second.close()
    assert plain == vt.payload(1)


def test_open_while_created_vault_is_open_is_refused(folder, vt):
    path = folder / "care.mycare"
    vault = vt.create(path)
    try:
        with pytest.raises(StoreInUse):
            Vault.open(path, vt.PASSPHRASE)
    finally:
        vault.close()
    Vault.open(path, vt.PASSPHRASE)[0].close()


HOLDER = """
import sys, time
from pathlib import Path
from mycare.vault import Vault
vault, _ = Vault.open(Path(sys.argv[1]), sys.argv[2])
print("open", flush=True)
time.sleep(120)
"""


def test_open_in_another_process_is_refused_until_it_is_killed(store, folder, vt):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store), vt.PASSPHRASE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=env,
    )
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        assert ready, "the other process did not open the store in time"
        line = proc.stdout.readline()
        assert line == b"open\n", proc.stderr.read().decode(errors="replace")
        before = vt.snapshot(folder)
        with pytest.raises(StoreInUse) as info:
            Vault.open(store, vt.PASSPHRASE)
        vt.assert_plain(info.value, store.name)
        vt.assert_untouched(folder, before, store)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    vault, plain = Vault.open(store, vt.PASSPHRASE)
    vault.close()
    assert plain == vt.payload(1)


# -- the system refuses ------------------------------------------------------------


def test_open_in_read_only_folder_does_not_talk_about_saving(store, folder, vt, monkeypatch):
    """Opening a store on read-only media: the lock cannot be made.

    Whatever mycare decides (open read-only or refuse), the person only tried
    to open the store, so the message must not say a save failed.
    """

    def open_(path, flags, mode=0o777, *, dir_fd=None):
        if str(path).endswith(".lock"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return os.open(path, flags, mode, dir_fd=dir_fd)

    (folder / "care.mycare.lock").unlink(missing_ok=True)
    vt.patch_os(monkeypatch, open=open_)
    before = vt.snapshot(folder)
    try:
        vault, plain = Vault.open(store, vt.PASSPHRASE)
    except VaultError as exc:
        msg = vt.assert_plain(exc, store.name)
        assert "save" not in msg.lower(), f"open reported as a failed save: {msg}"
    else:
        vault.close()
        assert plain == vt.payload(1)
    vt.assert_untouched(folder, before, store)


def test_unreadable_store_is_one_plain_line(store, folder, vt, monkeypatch):
    """A store mycare may not read (permissions, failing disk) is not a traceback."""
    real = pathlib.Path.read_bytes

    def read_bytes(self):
        if self == store:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    before = vt.snapshot(folder)
    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    try:
        Vault.open(store, vt.PASSPHRASE)[0].close()
    except VaultError as exc:
        vt.assert_plain(exc, store.name)
    except OSError as exc:
        pytest.fail(f"Vault.open let a raw {type(exc).__name__} escape: {exc}")
    else:
        pytest.fail("opened a store it could not read")
    monkeypatch.undo()
    vt.assert_untouched(folder, before, store)
    Vault.open(store, vt.PASSPHRASE)[0].close()  # the lock was not leaked


# -- check_file: looking without touching ------------------------------------------


def test_check_file_reports_without_locking_or_writing(store, folder, vt):
    (folder / "care.mycare.lock").unlink()
    backup = backup_paths(store)[0]
    before = vt.snapshot(folder)
    good = check_file(store, vt.PASSPHRASE)
    assert good.ok and good.generation == 2 and good.size == store.stat().st_size
    assert check_file(backup, vt.PASSPHRASE).generation == 1
    vault, _ = Vault.open(store, vt.PASSPHRASE)  # works even while the store is open
    try:
        assert check_file(store, vt.PASSPHRASE).ok
    finally:
        vault.close()
    wrong = check_file(store, "wrong")
    assert not wrong.ok and wrong.generation is None and "passphrase" in wrong.problem
    (folder / "care.mycare.lock").unlink()
    assert vt.snapshot(folder) == before


@pytest.mark.parametrize("kind", ["missing", "empty", "text", "flipped", "newer"])
def test_check_file_problems_are_plain(store, folder, vt, kind):
    path = folder / "other.mycare"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "text":
        path.write_text("hello\n")
    elif kind == "flipped":
        blob = bytearray(store.read_bytes())
        blob[-1] ^= 1
        path.write_bytes(blob)
    elif kind == "newer":
        path.write_bytes(reheader(store.read_bytes(), version=3))
    before = vt.snapshot(folder)
    report = check_file(path, vt.PASSPHRASE)
    assert not report.ok and report.generation is None
    assert report.problem and "\n" not in report.problem
    assert vt.snapshot(folder) == before


# -- fuzzing ---------------------------------------------------------------------------

FUZZ_DATA = b"fuzz payload \x00\x01\x02 with some length to it"


@pytest.fixture(scope="module")
def fuzz_blob(vt) -> bytes:
    return vt.valid_blob(FUZZ_DATA)


def _open_bytes(blob: bytes, vt, original: bytes) -> None:
    """Open blob as a store: only VaultErrors, and never other plaintext."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "fuzz.mycare"
        path.write_bytes(blob)
        try:
            vault, plain = Vault.open(path, vt.PASSPHRASE)
        except VaultError as exc:
            vt.assert_plain(exc)
            assert path.read_bytes() == blob
            assert {p.name for p in Path(d).iterdir()} <= {"fuzz.mycare", "fuzz.mycare.lock"}
            return
        vault.close()
        assert plain == FUZZ_DATA, "a mutated file decrypted to other plaintext"
        assert blob == original, "a changed file opened"


FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@FUZZ
@given(blob=st.binary(max_size=600))
def test_fuzz_arbitrary_bytes(vt, fuzz_blob, blob):
    _open_bytes(blob, vt, fuzz_blob)


@FUZZ
@given(tail=st.binary(max_size=400), keep=st.integers(0, 20))
def test_fuzz_magic_then_arbitrary_bytes(vt, fuzz_blob, tail, keep):
    _open_bytes(fuzz_blob[: PREFIX.size + keep] + tail, vt, fuzz_blob)


@st.composite
def mutated(draw, base: bytes) -> bytes:
    blob = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["splice", "truncate", "insert", "delete", "flip", "zero"]))
        pos = draw(st.integers(0, len(blob)))
        if op == "splice":
            chunk = draw(st.binary(min_size=1, max_size=40))
            blob[pos : pos + len(chunk)] = chunk
        elif op == "truncate":
            del blob[pos:]
        elif op == "insert":
            blob[pos:pos] = draw(st.binary(min_size=1, max_size=40))
        elif op == "delete":
            del blob[pos : pos + draw(st.integers(1, 40))]
        elif op == "flip" and pos < len(blob):
            blob[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "zero":
            end = min(len(blob), pos + draw(st.integers(1, 40)))
            blob[pos:end] = bytes(end - pos)
    return bytes(blob)


@FUZZ
@given(data=st.data())
def test_fuzz_mutated_valid_files(vt, fuzz_blob, data):
    blob = data.draw(mutated(fuzz_blob))
    if blob == fuzz_blob:
        return
    _open_bytes(blob, vt, fuzz_blob)


@FUZZ
@given(data=st.data())
def test_fuzz_mutated_payload_with_rehashed_header(vt, fuzz_blob, data):
    """Even with a consistent header hash, changed payload bytes never decrypt."""
    head = LATEST.header_len + HASH_LEN
    tail = data.draw(mutated(fuzz_blob[head:]))
    if tail == fuzz_blob[head:]:
        return
    _open_bytes(fuzz_blob[:head] + tail, vt, fuzz_blob)
