"""The benchmark still runs end to end (quick mode), so it cannot rot. No timing is asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds and times a store in a subprocess

ROOT = Path(__file__).resolve().parent.parent

ROW_LABELS = [
    "First frame: unlock screen",
    "KDF alone (production settings)",
    "Unlock to home, beyond the KDF",
    "Edit saved: median",
    "Edit saved: 95th percentile",
    "UI loop: longest stall while saving",
    "mycare agenda vs jrnl -n 10",
    "the same, each minus its KDF",
    *(f"Export {fmt}" for fmt in ("md", "txt", "html", "pdf", "ics", "vcf", "fhir", "json")),
    "Diary list: first screen",
    "Peak memory (open, home, diary, edits)",
    "Merge two diverged ten-year stores",
    "A change by carer A shown in carer B's open store",
]


def test_quick_benchmark_prints_the_whole_table(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "Machine:" in out and "Python" in out
    header = next(line for line in out.splitlines() if line.startswith("measure"))
    for column in ("mycare", "reference (same run)", "target", "met?"):
        assert column in header
    lines = [line.strip() for line in out.splitlines()]
    for label in ROW_LABELS:
        row = next((line for line in lines if line.startswith(label + "  ")), None)
        assert row is not None, f"row {label!r} is missing from:\n{out}"
        assert row.endswith(("yes", "NO", "-", "n/a")), row
