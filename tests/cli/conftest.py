"""Running the real `mycare` command in a subprocess, as a person would."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from mycare.care.people import add_person
from mycare.care.record import CareRecord
from mycare.vault import TEST_KDF

PASSPHRASE = "test passphrase one"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(tmp_path: Path):
    """Run mycare with a store in tmp_path and the passphrase in the environment."""

    def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> Result:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("MYCARE_")}
        full_env |= {"MYCARE_STORE": str(tmp_path / "care.mycare"), "MYCARE_PASSPHRASE": PASSPHRASE}
        full_env |= env or {}
        done = subprocess.run(
            [sys.executable, "-m", "mycare", *args],
            capture_output=True,
            text=True,
            env=full_env,
            input=stdin,
            timeout=120,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A store with one person, made with cheap key settings so each command opens fast."""
    path = tmp_path / "care.mycare"
    with CareRecord.create(path, PASSPHRASE, kdf=TEST_KDF) as record:
        add_person(record, "Ada Lovelace")
    return path
