"""Finding 5: an export killed while writing leaves no plaintext behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

# The export, paused after its data is written but before it has a name; then killed.
PAUSED = """
import sys, time
from mycare.export import writing

def fill_then_stop(fd, data, close=False):
    import os
    os.write(fd, data)
    print("written", flush=True)
    time.sleep(60)

writing._fill = fill_then_stop
from mycare.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def _holding_plaintext(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.is_file() and b"Sam Taylor" in p.read_bytes()]


def test_a_killed_json_export_leaves_no_plaintext_file(store: Path, tmp_path: Path, passphrase):
    out = tmp_path / "exports"
    out.mkdir()
    env = {**os.environ, "MYCARE_PASSPHRASE": passphrase}
    args = ["--store", str(store), "export", "--format", "json", "--out", str(out / "all.json")]
    child = subprocess.Popen([sys.executable, "-c", PAUSED, *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env)  # fmt: skip
    assert child.stdout is not None and child.stdout.readline() == b"written\n"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert list(out.iterdir()) == []
    assert _holding_plaintext(tmp_path) == []


def test_a_named_temp_left_by_a_killed_mycare_is_removed_by_the_next_export(
    store: Path, tmp_path: Path, cli
):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process number nobody is using now
    leftover = tmp_path / f".mycare-export-{gone.pid}-0badc0de.tmp"
    leftover.write_bytes(b"Sam Taylor's records, half written")
    done = cli("--store", str(store), "export", "--out", str(tmp_path / "summary.md"))
    assert done.returncode == 0, done.stderr
    assert not leftover.exists()
    assert _holding_plaintext(tmp_path) == ["summary.md"]
