"""Findings 8 and 9: hostile headers, deep JSON, passphrase files, folders under umask 0."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from mycare.cli import main
from mycare.vault import fileformat, kdf
from mycare.vault.fileformat import HASH_LEN, LATEST, PREFIX


def _ask_for(blob: bytes, memory_kib: int, iterations: int) -> bytes:
    """The same file with its header asking for other key settings (its hash made good)."""
    _, _, header_len = PREFIX.unpack_from(blob)
    values = list(LATEST.FIELDS.unpack_from(blob, PREFIX.size))
    values[1:3] = [memory_kib, iterations]
    body = blob[: PREFIX.size] + LATEST.FIELDS.pack(*values)
    return body + hashlib.sha256(body).digest() + blob[header_len + HASH_LEN :]


def test_a_header_asking_for_a_gigabyte_and_sixteen_passes_is_refused_before_any_work(
    store: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    passphrase: str,
):  # fmt: skip
    runs: list[object] = []
    real = kdf.derive_key
    monkeypatch.setattr(fileformat, "derive_key", lambda *a: runs.append(a) or real(*a))
    monkeypatch.setenv("MYCARE_PASSPHRASE", passphrase)
    store.write_bytes(_ask_for(store.read_bytes(), 1024 * 1024, 16))
    before = store.read_bytes()
    assert main(["--store", str(store), "agenda"]) == 1
    said = capsys.readouterr().err
    assert "this file asks for unusual settings" in said and "wrong passphrase" not in said
    assert runs == []  # refused before the key derivation ran at all
    assert store.read_bytes() == before


def test_deeply_nested_json_is_refused_with_a_message(tmp_path: Path, cli, passphrase: str):
    fresh = tmp_path / "fresh.mycare"
    assert cli("--store", str(fresh), "init").returncode == 0
    hostile = tmp_path / "deep.json"
    hostile.write_text(
        '{"format": "mycare-records", "tables": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    done = cli("--store", str(fresh), "import", str(hostile))
    assert done.returncode == 1
    assert "nested too deeply" in done.stderr and "Recursion" not in done.stderr


@pytest.mark.parametrize(
    ("saved", "passphrase_in_file"),
    [
        ("\ufeffnotepad words\r\n".encode(), "notepad words"),  # Notepad: BOM and CRLF
        (b" spaced out \n", " spaced out "),
        ("line\u2028sep\u0085next".encode(), "line\u2028sep\u0085next"),
    ],
    ids=["BOM and CRLF", "spaces kept", "U+2028 and U+0085 kept"],
)
def test_passphrase_files_as_editors_save_them(
    tmp_path: Path, cli, saved: bytes, passphrase_in_file: str
):
    file = tmp_path / "passphrase.txt"
    file.write_bytes(saved)
    store = tmp_path / "care.mycare"
    made = cli("--store", str(store), "init", MYCARE_PASSPHRASE=passphrase_in_file)
    assert made.returncode == 0, made.stderr
    done = cli("--store", str(store), "--passphrase-file", str(file), "people",
               MYCARE_PASSPHRASE="")  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_init_under_umask_zero_makes_private_folders(tmp_path: Path, cli, passphrase: str):
    store = tmp_path / "a" / "b" / "care.mycare"
    old = os.umask(0)
    try:
        done = cli("--store", str(store), "init")
    finally:
        os.umask(old)
    assert done.returncode == 0, done.stderr
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, oct(folder.stat().st_mode)
    assert stat.S_IMODE(store.stat().st_mode) == 0o600
