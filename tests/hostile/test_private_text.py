"""Finding 6: a diary line given on standard input never shows in the command line."""

from __future__ import annotations

from pathlib import Path


def test_diary_text_from_standard_input(store: Path, cli):
    note = "Saw the consultant about the diagnosis\nsecond line"
    done = cli("--store", str(store), "add", "diary", "-", stdin=note + "\n")
    assert done.returncode == 0, done.stderr
    assert note not in " ".join(done.args)  # what `ps` and shell history would have shown
    found = cli("--store", str(store), "search", "consultant")
    assert "Saw the consultant about the diagnosis" in found.stdout
    asked = cli("--store", str(store), "add", "question", "-", stdin="Is it hereditary?\r\n")
    assert asked.returncode == 0, asked.stderr
    assert "Is it hereditary?" in cli("--store", str(store), "search", "hereditary").stdout
