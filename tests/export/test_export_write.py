"""Writing an export: atomic, private, never over an existing file unasked; cheap to import."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mycare.care.errors import CareError
from mycare.export import FORMATS, SUFFIXES, render, write_export


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_writes_a_private_file(tmp_path: Path) -> None:
    path = tmp_path / "summary.html"
    write_export(path, b"<p>hello</p>", overwrite=False)
    assert path.read_bytes() == b"<p>hello</p>" and _mode(path) == 0o600
    assert os.listdir(tmp_path) == ["summary.html"]  # no temp file left behind


def test_refuses_to_replace_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "summary.md"
    path.write_bytes(b"mine")
    with pytest.raises(CareError, match="already exists") as caught:
        write_export(path, b"new", overwrite=False)
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == b"mine" and os.listdir(tmp_path) == ["summary.md"]
    path.chmod(0o644)
    write_export(path, b"new", overwrite=True)
    assert path.read_bytes() == b"new" and _mode(path) == 0o600


def test_says_plainly_what_went_wrong(tmp_path: Path) -> None:
    with pytest.raises(CareError, match="does not exist"):
        write_export(tmp_path / "nowhere" / "s.md", b"x", overwrite=False)
    with pytest.raises(CareError, match="is a folder"):
        write_export(tmp_path, b"x", overwrite=True)
    if os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(CareError, match="permission denied"):
            write_export(locked / "s.md", b"x", overwrite=False)


def test_formats_and_suffixes(demo) -> None:
    assert set(SUFFIXES) == {*FORMATS, "json"} and SUFFIXES["fhir"] == ".json"
    with pytest.raises(CareError, match="choose from: md, txt"):
        render(demo.record, demo.person, "docx")


def test_importing_is_cheap() -> None:
    code = (
        "import sys, mycare.export\n"
        "heavy = {'fpdf', 'icalendar', 'vobject', 'textual'} & set(sys.modules)\n"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
