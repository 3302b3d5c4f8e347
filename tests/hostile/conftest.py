"""Running mycare as a person does: in a terminal (a pty), or on the command line.

There is no ``__init__.py`` in the tests folders, so helpers are handed out as fixtures.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from mycare.care.people import add_person
from mycare.care.record import CareRecord
from mycare.vault import TEST_KDF

PASSPHRASE = "correct horse battery"


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A small store with one person in it, made with cheap key settings."""
    path = tmp_path / "care.mycare"
    with CareRecord.create(path, PASSPHRASE, kdf=TEST_KDF) as record:
        record.me = "Test carer"
        add_person(record, "Sam Taylor")
    return path


class Terminal:
    """mycare in a pseudo-terminal: keys go in, everything it paints comes out."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child becomes `python …`
            os.execvpe(sys.executable, [sys.executable, *argv], env)
        self.output = b""
        self.status: int | None = None

    def read(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.status is None:
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    self.wait()
                    return
                self.output += chunk
            done, code = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = os.waitstatus_to_exitcode(code)

    def wait_for(self, text: bytes, seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while text not in self.output and time.monotonic() < deadline and self.status is None:
            self.read(0.2)
        return text in self.output

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def wait(self, seconds: float = 30) -> int:
        deadline = time.monotonic() + seconds
        while self.status is None and time.monotonic() < deadline:
            try:
                chunk = os.read(self.fd, 65536) if select.select([self.fd], [], [], 0.1)[0] else b""
                self.output += chunk
            except OSError:
                pass
            done, code = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = os.waitstatus_to_exitcode(code)
        if self.status is None:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
            raise AssertionError("mycare did not stop")
        try:
            while chunk := os.read(self.fd, 65536):
                self.output += chunk
        except OSError:
            pass
        return self.status

    @property
    def text(self) -> str:
        return self.output.decode("utf-8", "replace")


@pytest.fixture
def terminal() -> Callable[..., Terminal]:
    """Start mycare (or a script that runs it) in a terminal of its own."""
    started: list[Terminal] = []

    def start(*argv: str, **env: str) -> Terminal:
        full = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30", **env}
        full.pop("MYCARE_DEBUG", None) if "MYCARE_DEBUG" not in env else None
        term = Terminal(list(argv), full)
        started.append(term)
        return term

    yield start
    for term in started:
        if term.status is None:
            os.kill(term.pid, 9)
            os.waitpid(term.pid, 0)
        os.close(term.fd)


def run_cli(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    """`mycare ARGS` as a separate process, the way a shell runs it."""
    full = {**os.environ, "MYCARE_PASSPHRASE": PASSPHRASE, **env}
    full.pop("MYCARE_DEBUG", None) if "MYCARE_DEBUG" not in env else None
    return subprocess.run(
        [sys.executable, "-m", "mycare", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full,
        timeout=120,
    )


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_cli
