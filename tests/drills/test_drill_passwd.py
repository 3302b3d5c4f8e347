"""Kill -9 a process that changes the passphrase again and again, at random moments.

A child opens the store and changes its passphrase from one to the other and back, in a
loop; each change makes a new data key and re-seals every backup and the store.  The
test kills it with SIGKILL after a random (seeded) delay, then looks at every file of
the store: each must open with one of the two passphrases, the store with exactly one,
holding every diary line saved so far, and no file may hold plaintext.  Between rounds
the test saves a line itself, so later changes meet backups left on either passphrase.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import mycare
from mycare.care import diary, people
from mycare.care.people import add_person
from mycare.care.record import CareRecord
from mycare.vault import TEST_KDF, existing_backups
from mycare.vault.fileformat import MAGIC, FormatProblem, decrypt

REPO = Path(mycare.__file__).resolve().parents[1]
ONE, OTHER = "first passphrase here", "second passphrase here"
SENTINEL = "PASSWD-DRILL-Ødegård-marker"
ROUNDS = int(os.environ.get("MYCARE_DRILL_ROUNDS", "12"))
SEED = int(os.environ.get("MYCARE_DRILL_SEED", "20261123"))

pytestmark = pytest.mark.slow  # a fresh process per round

CHILD = r"""
import os, sys
from mycare.care.record import CareRecord
from mycare.vault import WrongPassphrase

path, one, other = sys.argv[1:4]
try:
    record, now, then = CareRecord.open(path, one), one, other
except WrongPassphrase:
    record, now, then = CareRecord.open(path, other), other, one
os.write(1, b"OPEN\n")
while True:
    record.change_passphrase(now, then)
    now, then = then, now
    os.write(1, b"CHANGED\n")
"""


def _opens_with(path: Path) -> list[str]:
    blob = path.read_bytes()
    found = []
    for passphrase in (ONE, OTHER):
        try:
            image = decrypt(blob, passphrase)[0]
        except FormatProblem as problem:
            assert problem.kind == "passphrase", f"{path.name}: {problem}"
            continue
        assert SENTINEL.encode() not in blob
        assert image.startswith(b"SQLite format 3\x00") or path.name.endswith("-unfinished")
        found.append(passphrase)
    return found


def _kill_after(script: Path, store: Path, delay: float) -> int:
    """Run one passphrase-changing child, kill it after delay; how many changes it finished."""
    child = subprocess.Popen(
        [sys.executable, str(script), str(store), ONE, OTHER],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    out = b""
    try:
        while b"OPEN\n" not in out:
            ready, _, _ = select.select([child.stdout], [], [], 60)
            chunk = os.read(child.stdout.fileno(), 65536) if ready else b""
            assert chunk, f"the child stopped: {child.stderr.read().decode()[-2000:]}"
            out += chunk
        end = time.monotonic() + delay
        while time.monotonic() < end:  # keep the pipe drained so it never blocks
            if select.select([child.stdout], [], [], 0.005)[0]:
                out += os.read(child.stdout.fileno(), 65536)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
        assert child.returncode == -signal.SIGKILL, child.stderr.read().decode()[-2000:]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    return out.count(b"CHANGED\n")


def test_a_passwd_killed_at_any_moment_leaves_every_file_readable(tmp_path: Path) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    folder = tmp_path / "store"
    folder.mkdir()
    store = folder / "care.mycare"
    with CareRecord.create(store, ONE, kdf=TEST_KDF) as record:
        add_person(record, "Sam Taylor")
    rng = random.Random(SEED)
    lines = 0
    changes = 0
    cut_short = 0
    for _ in range(ROUNDS):
        changes += _kill_after(script, store, rng.uniform(0.0, 0.4))
        store_opens = _opens_with(store)
        assert len(store_opens) == 1, "the store must open with exactly one passphrase"
        for path in folder.iterdir():
            assert SENTINEL.encode() not in path.read_bytes(), f"plaintext in {path.name}"
            if path.suffix == ".tmp" or path.read_bytes()[:8] != MAGIC:
                continue  # a temp file the next opening removes; the lock
            # every backup, merged copy and marker: one of the two
            assert _opens_with(path), f"{path.name} opens with neither passphrase"
        if any(_opens_with(b) != store_opens for b in existing_backups(store)):
            cut_short += 1
        with CareRecord.open(store, store_opens[0], "Test carer") as record:
            count = len(diary.entries(record, people.find_person(record)))
            assert count == lines, "a diary line was lost"
            diary.add_entry(record, people.find_person(record), f"line {lines} {SENTINEL}")
            lines += 1
    assert changes > ROUNDS, "the children hardly changed the passphrase: the drill is idle"
    assert cut_short, "no kill landed in the middle of a change: the drill tested nothing"

    now = _opens_with(store)[0]
    checked = subprocess.run(
        [sys.executable, "-m", "mycare", "--store", str(store), "check"],
        capture_output=True,
        text=True,
        env=dict(os.environ, MYCARE_PASSPHRASE=now, PYTHONPATH=str(REPO)),
        timeout=120,
    )
    assert checked.stdout.startswith("Store: OK"), checked.stdout + checked.stderr
    for backup in existing_backups(store):
        line = next(x for x in checked.stdout.splitlines() if f"{backup.name}:" in x)
        if _opens_with(backup) == [now]:
            assert ": OK" in line
        else:  # check says which passphrase it needs
            assert "passphrase" in line and ("before" in line or "NEW" in line), line
    assert "Traceback" not in checked.stderr
