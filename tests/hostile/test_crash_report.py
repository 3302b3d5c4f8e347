"""Finding 1: a crash in the app must not print the passphrase or health data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

# The app with one fault put in on purpose: unlocking fails after the store is read, while
# the passphrase and some record text are held in local variables on the way.
CRASHING = """
import sys
from mycare.care.record import CareRecord

def broken_open(path, passphrase, me=""):
    diary_text = "SECRET DIAGNOSIS TEXT"
    raise RuntimeError("unlocking broke")

CareRecord.open = broken_open
from mycare.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("debug", ["", "1"])
def test_a_crash_says_one_plain_thing_and_leaks_nothing(
    store: Path, terminal, passphrase: str, debug: str
):
    env = {"MYCARE_DEBUG": debug} if debug else {}
    term = terminal("-c", CRASHING, "--store", str(store), **env)
    assert term.wait_for(b"Passphrase"), term.text
    term.type(passphrase.encode() + b"\r")
    status = term.wait()
    # What stays in the terminal once the app gives the screen back, as the person reads it.
    after = " ".join(
        re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", term.text.rsplit("\x1b[?1049l")[-1]).split()
    )
    assert status != 0
    assert "mycare hit a problem it did not expect and stopped" in after
    assert "your records up to the last save are safe" in after
    assert passphrase not in term.text
    assert "SECRET DIAGNOSIS TEXT" not in term.text
    assert "locals" not in after.casefold()
    if debug:
        assert "RuntimeError" in after and "unlocking broke" in after
    else:
        assert "Traceback" not in after and "RuntimeError" not in after
        assert "MYCARE_DEBUG=1" in after
