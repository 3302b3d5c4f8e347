"""Two processes on one store, through the real command line.

While another process holds the store open, every `mycare` command is refused
with one plain line and a non-zero exit, and nothing on disk changes.  The
moment that process is killed with SIGKILL the lock is free: the very next
command works, without waiting and without any clean-up.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import mycare
from mycare.care import diary, people
from mycare.care.record import CareRecord
from mycare.vault import TEST_KDF

REPO = Path(mycare.__file__).resolve().parents[1]
PASSPHRASE = "two processes passphrase"

HOLDER = r"""
import sys, time
from mycare.care.record import CareRecord
record = CareRecord.open(sys.argv[1], sys.argv[2])
print("open", flush=True)
time.sleep(300)
"""


def cli(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MYCARE_")}
    env |= {"MYCARE_STORE": str(store), "MYCARE_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "mycare", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=REPO,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    folder.mkdir()
    path = folder / "care.mycare"
    with CareRecord.create(path, PASSPHRASE, kdf=TEST_KDF) as record:
        person = people.add_person(record, "Ada Lovelace")
        diary.add_entry(record, person, "the first line")
    return path


def test_a_second_mycare_is_refused_until_the_first_is_killed(store: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store), PASSPHRASE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    try:
        ready, _, _ = select.select([holder.stdout], [], [], 60)
        assert ready and holder.stdout.readline() == b"open\n", "the holder did not open"
        before = snapshot(store.parent)
        reader = cli(store, "agenda")  # a reader shows the last save, and says so
        assert reader.returncode == 0, reader.stderr
        assert "open in another mycare" in reader.stderr and "last saved" in reader.stderr
        assert snapshot(store.parent) == before, "a reader changed files on disk"
        for args in (("add", "diary", "written while the store was in use"),):
            done = cli(store, *args)
            assert done.returncode != 0, f"{args}: exit 0 while the store was in use"
            lines = done.stderr.strip().splitlines()
            assert len(lines) == 1, f"{args}: not one line: {done.stderr!r}"
            assert "already open" in lines[0] and "Traceback" not in done.stderr, lines[0]
            assert done.stdout == "", f"{args}: printed {done.stdout!r}"
            assert snapshot(store.parent) == before, f"{args} changed files on disk"
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        holder.stdout.close()
        holder.stderr.close()
    assert holder.returncode == -signal.SIGKILL

    # at once, with no retry: the kernel dropped the lock with the process
    done = cli(store, "add", "diary", "written after the other one was killed")
    assert done.returncode == 0, done.stderr
    done = cli(store, "agenda")
    assert done.returncode == 0, done.stderr
    with CareRecord.open(store, PASSPHRASE) as record:
        texts = {e.text for e in diary.entries(record, people.find_person(record))}
    assert texts == {"the first line", "written after the other one was killed"}
