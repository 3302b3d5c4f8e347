"""In-process measurements on the heavy store: the KDF, opening, saving an edit, exports."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from mycare.care import clock, diary, people, records
from mycare.care.record import CareRecord
from mycare.care.transfer import export_json
from mycare.export import FORMATS, render
from mycare.store import DiaryEntry
from mycare.vault.fileformat import read_header
from mycare.vault.kdf import derive_key

NOW = datetime(2026, 11, 22, 10, 45)  # the heavy store's base date
EXPORTS = (*FORMATS, "json")
JRNL_ITERATIONS = 100_000  # jrnl 4's PBKDF2-HMAC-SHA256 rounds (Jrnlv3Encryption)
T = TypeVar("T")


def timed(job: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[float, T]:
    started = time.perf_counter()
    result = job(*args, **kwargs)
    return time.perf_counter() - started, result


def kdf_seconds(store: Path, passphrase: str) -> float:
    """Only the key derivation, with the salt and parameters in the store's own header."""
    _, header = read_header(store.read_bytes())
    return timed(derive_key, passphrase, header.kdf_salt, header.kdf)[0]


def pbkdf2_seconds(passphrase: str) -> float:
    """jrnl's key derivation (PBKDF2-HMAC-SHA256, 100,000 rounds), with the same library."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=b"s" * 16,
                     iterations=JRNL_ITERATIONS)  # fmt: skip
    return timed(kdf.derive, passphrase.encode())[0]


def warm_exporters() -> None:
    """Import every exporter and its library first: a one-off cost per process, not timed."""
    for module in ("markdown", "text", "html", "pdf", "ics", "vcf", "fhir"):
        importlib.import_module(f"mycare.export.{module}")


def in_process(store: Path, passphrase: str, edits: int) -> dict[str, list[float]]:
    """One run: open, `edits` one-field edits each committed then saved, every export."""
    clock.now = lambda: NOW
    warm_exporters()
    out: dict[str, list[float]] = {"kdf": [kdf_seconds(store, passphrase)]}
    out["pbkdf2"] = [pbkdf2_seconds(passphrase)]
    seconds, record = timed(CareRecord.open, store, passphrase)
    out["open"] = [seconds]
    try:
        record.after_commit = lambda: None  # the save is timed on its own below
        person = min(people.people(record), key=lambda p: p.created_at)
        newest = diary.entries(record, person, limit=1)[0]
        out["commit"], out["save"], out["image"] = [], [], []
        for n in range(edits):
            commit, _ = timed(records.update, record, DiaryEntry, newest.id, text=f"Edit {n}.")
            out["commit"].append(commit)
            out["save"].append(timed(record.save)[0])
            out["image"].append(timed(record.db.image)[0])
        out["image_mb"] = [len(record.db.image()) / 2**20]
        for fmt in EXPORTS:
            if fmt == "json":
                seconds, data = timed(export_json, record)
            else:
                seconds, data = timed(render, record, person, fmt, now=NOW)
            out[f"export_{fmt}"] = [seconds]
            out[f"export_{fmt}_kb"] = [len(data) / 1024]
    finally:
        record.close()
    return out
