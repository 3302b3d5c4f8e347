"""Kill -9 a process that is saving in a loop, many times, at random moments.

A small "forker" process imports mycare once and, for each round, forks a fresh
child that opens the store and adds diary entries in a loop; every add commits
and saves, and only after the save has returned does the child write
``SAVED <n>``.  The test kills the child with SIGKILL after a random (seeded)
delay, then opens the store itself: the lock must be free, the store must open,
hold every entry that was reported saved (and at most the one in flight
besides), pass SQLite's own checks, and no file in the folder may hold the
entries' plaintext.

Forking from a warm process keeps each round to a fraction of a second (a cold
``python -c`` spends most of a second importing).  The child is a real, separate
process: it takes its own lock and is killed by the kernel, not by Python.

Quick mode runs 60 rounds; ``MYCARE_DRILL_ROUNDS=200`` (or more) runs the full
drill, and ``MYCARE_DRILL_SEED`` picks other random moments.
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
from mycare.care.record import CareRecord
from mycare.vault import TEST_KDF, StoreInUse, check_file, existing_backups

REPO = Path(mycare.__file__).resolve().parents[1]
PASSPHRASE = "kill drill passphrase"
SENTINEL = "PLAIN-Ødegård-🩺-marker"
ROUNDS = int(os.environ.get("MYCARE_DRILL_ROUNDS", "60"))
SEED = int(os.environ.get("MYCARE_DRILL_SEED", "20261122"))
LONGEST_WAIT = 0.25  # seconds: the kill lands anywhere from opening to many saves in

pytestmark = pytest.mark.slow  # kills a saving process again and again

FORKER = r"""
import os, sys
from mycare.care import diary, people
from mycare.care.record import CareRecord

path, passphrase, sentinel = sys.argv[1], sys.argv[2], sys.argv[3]


def say(text):
    os.write(1, (text + "\n").encode())


def child(start):
    record = CareRecord.open(path, passphrase)
    person = people.find_person(record)
    say("OPEN")
    n = start
    while True:
        diary.add_entry(record, person, f"entry {n} {sentinel}")  # commits, then saves
        say(f"SAVED {n}")
        n += 1


say("READY")
for line in sys.stdin:
    start = int(line)
    pid = os.fork()
    if pid == 0:
        try:
            child(start)
        except BaseException as exc:  # a child that stops by itself is a failure too
            say(f"CHILD-ERROR {type(exc).__name__}: {exc}")
        finally:
            os._exit(3)
    say(f"PID {pid}")
    _, status = os.waitpid(pid, 0)
    say(f"DEAD {status}")
"""


def sentinel_forms(text: str) -> list[bytes]:
    return [text.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]


class Forker:
    """The warm process that forks one saving child per round."""

    def __init__(self, script: Path, store: Path) -> None:
        env = dict(os.environ, PYTHONPATH=str(REPO))
        self.proc = subprocess.Popen(
            [sys.executable, str(script), str(store), PASSPHRASE, SENTINEL],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=REPO,
            env=env,
        )
        self._buffer = b""
        assert self.line(60) == "READY", self.stderr()

    def line(self, timeout: float = 30) -> str:
        """The next line the forker or its child wrote."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.proc.stdout], [], [], max(left, 0))
            if not ready:
                raise AssertionError(f"no word from the drill process: {self.stderr()}")
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                raise AssertionError(f"the drill process ended: {self.stderr()}")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode()

    def pending(self) -> list[str]:
        """Lines already written, without waiting."""
        lines = []
        while True:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0)
            if not ready:
                break
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                break
            self._buffer += chunk
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            lines.append(line.decode())
        return lines

    def start(self, first: int) -> tuple[int, list[str]]:
        """Fork a child that saves entries first, first+1, ...: (its pid, what it said)."""
        early: list[str] = []
        self.proc.stdin.write(f"{first}\n".encode())
        self.proc.stdin.flush()
        while True:  # the child may speak before the forker names it
            line = self.line()
            if line.startswith("PID "):
                return int(line.split()[1]), early
            early.append(line)

    def stderr(self) -> str:
        if self.proc.poll() is None:
            return "(still running)"
        return self.proc.stderr.read().decode(errors="replace")[-2000:]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()


def kill_round(forker: Forker, first: int, delay: float) -> list[str]:
    """Start a saving child, SIGKILL it after delay, and return everything it said."""
    pid, said = forker.start(first)
    end = time.monotonic() + delay
    while time.monotonic() < end:  # keep the pipe drained so the child never blocks
        said += forker.pending()
        time.sleep(min(0.01, max(end - time.monotonic(), 0)))
    os.kill(pid, signal.SIGKILL)
    while True:
        line = forker.line()
        if line.startswith("DEAD "):
            status = int(line.split()[1])
            break
        said.append(line)
    errors = [s for s in said if s.startswith("CHILD-ERROR")]
    assert not errors, f"the saving process failed by itself: {errors}"
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
    return said


def assert_no_plaintext(folder: Path) -> None:
    for p in folder.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            for form in [*sentinel_forms(SENTINEL), *sentinel_forms("entry 1")]:
                assert form not in data, f"plaintext found in {p.name}"


def check_store(store: Path) -> list[int]:
    """Open the store as the next run of mycare would; the entry numbers it holds."""
    try:
        record = CareRecord.open(store, PASSPHRASE)
    except StoreInUse:  # pragma: no cover - the assertion below says it plainly
        raise AssertionError("the lock was not free after the saving process was killed") from None
    try:
        problems, _ = record.verify()
        assert problems == [], f"SQLite finds the store damaged: {problems}"
        person = people.find_person(record)
        texts = [e.text for e in diary.entries(record, person)]
        reports = record.vault.check_backups()
        assert all(r.ok for r in reports), f"a backup does not open: {reports}"
    finally:
        record.close()
    numbers = []
    for text in texts:
        word, n, rest = text.split(" ", 2)
        assert (word, rest) == ("entry", SENTINEL), f"unexpected entry {text!r}"
        numbers.append(int(n))
    return sorted(numbers)


def test_kill_9_while_saving_loses_nothing_reported_saved(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    store = folder / "care.mycare"
    with CareRecord.create(store, PASSPHRASE, kdf=TEST_KDF) as record:
        people.add_person(record, "Kit Morgan")
    script = tmp_path / "forker.py"
    script.write_text(FORKER)

    rng = random.Random(SEED)
    forker = Forker(script, store)
    held = 0  # entries 0..held-1 are in the store
    saves_seen = 0
    lost_in_flight = 0
    started = time.monotonic()
    try:
        for round_no in range(ROUNDS):
            delay = rng.uniform(0, LONGEST_WAIT)
            said = kill_round(forker, held, delay)
            reported = [int(s.split()[1]) for s in said if s.startswith("SAVED ")]
            assert reported == list(range(held, held + len(reported))), said
            saves_seen += len(reported)
            highest = reported[-1] if reported else held - 1

            numbers = check_store(store)
            where = f"round {round_no} (seed {SEED}, killed after {delay:.3f} s)"
            # every entry reported saved is there, in order, with nothing invented;
            # at most one more: the save the kill interrupted may have gone through
            assert numbers[: highest + 1] == list(range(highest + 1)), f"{where}: lost entries"
            assert numbers in (list(range(highest + 1)), list(range(highest + 2))), (
                f"{where}: store holds {numbers[-3:]}, last reported {highest}"
            )
            lost_in_flight += len(numbers) == highest + 1 and bool(reported)
            held = len(numbers)
            assert_no_plaintext(folder)
            assert check_file(store, PASSPHRASE).ok
    finally:
        forker.close()

    # the drill really exercised saving (a count, not a speed: a loaded machine saves less
    # often between kills, and every round's checks above hold however many saves it saw)
    assert saves_seen > 0, f"no save was reported in {ROUNDS} rounds"
    assert held >= saves_seen
    leftovers = sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))
    assert len(existing_backups(store)) >= 1
    print(
        f"\nkill drill: {ROUNDS} rounds, {saves_seen} saves reported, {held} entries held, "
        f"{len(leftovers)} temp files left by killed saves, "
        f"{time.monotonic() - started:.1f} s"
    )


@pytest.mark.parametrize("moment", ["before any save", "mid-loop"])
def test_the_lock_dies_with_the_killed_process(tmp_path: Path, moment: str) -> None:
    """While the saving child lives, the store is refused; the moment it is killed, it is free."""
    folder = tmp_path / "store"
    folder.mkdir()
    store = folder / "care.mycare"
    with CareRecord.create(store, PASSPHRASE, kdf=TEST_KDF) as record:
        people.add_person(record, "Kit Morgan")
    script = tmp_path / "forker.py"
    script.write_text(FORKER)
    forker = Forker(script, store)
    try:
        pid, said = forker.start(0)
        wanted = "OPEN" if moment == "before any save" else "SAVED 3"
        while wanted not in said:
            said.append(forker.line())
        with pytest.raises(StoreInUse):
            CareRecord.open(store, PASSPHRASE)
        os.kill(pid, signal.SIGKILL)
        while not forker.line().startswith("DEAD"):
            pass
        CareRecord.open(store, PASSPHRASE).close()
    finally:
        forker.close()


def test_temp_files_left_by_killed_saves_are_tidied_away(tmp_path: Path) -> None:
    """A save killed half-way leaves a temp file (ciphertext, or a hard link to the old
    store).  Nobody else can be writing while mycare holds the lock, so the next run
    should clear them; otherwise they pile up forever, each a full copy of the store,
    and keep opening with an old passphrase after it has been changed."""
    folder = tmp_path / "store"
    folder.mkdir()
    store = folder / "care.mycare"
    with CareRecord.create(store, PASSPHRASE, kdf=TEST_KDF) as record:
        people.add_person(record, "Kit Morgan")
    script = tmp_path / "forker.py"
    script.write_text(FORKER)
    rng = random.Random(SEED)
    forker = Forker(script, store)
    held = 0
    try:
        for _ in range(100):  # until a kill lands mid-save
            kill_round(forker, held, rng.uniform(0.02, LONGEST_WAIT))
            if any(p.name.endswith(".tmp") for p in folder.iterdir()):
                break  # look before opening: opening is what tidies them
            held = len(check_store(store))
    finally:
        forker.close()
    left = sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))
    assert left, "no kill landed mid-save in 100 rounds"

    with CareRecord.open(store, PASSPHRASE) as record:  # the next run: open, change, save
        diary.add_entry(record, people.find_person(record), f"entry {held} {SENTINEL}")
    still = sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))
    assert still == [], f"temp files from killed saves are never removed: {still}"
