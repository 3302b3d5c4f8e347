"""Two carers' computers kept in step by a real sync engine (Unison), on one machine.

Each "computer" is a folder with its own mycare settings and its own name (MYCARE_ME);
the real `mycare` command runs in a subprocess on it, as in tests/cli.  Unison keeps the
two folders in step the way a person would set it up: the whole folder, nothing ignored.

There is no ``__init__.py`` in the tests folders, so helpers are handed out as fixtures
(and the classes below are only used through them).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

import mycare
from mycare.care.people import add_person
from mycare.care.record import CareRecord
from mycare.store import Change
from mycare.vault import TEST_KDF

REPO = Path(mycare.__file__).resolve().parents[1]
PASSPHRASE = "two carers one record"
STORE = "care.mycare"
CONFLICT_MARK = " (conflict"  # how Unison names the version it kept aside: "f (conflict_on_…)"
COPYONCONFLICT_SINCE = (2, 51)


@dataclass
class Result:
    code: int
    out: str
    err: str

    def ok(self) -> Result:
        assert self.code == 0, f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"
        return self


@dataclass
class History:
    added_by: dict[str, str]  # record id (as the records file spells it) -> who added it
    authors: set[str]  # every name in the history
    waiting: list[Path]  # copies beside the store that mycare would still merge
    clashes: list[str]  # values changed by both at once, not looked at yet


class Computer:
    """One carer's computer: a synced folder holding the store, and who is using it."""

    def __init__(self, folder: Path, me: str, settings: Path) -> None:
        self.folder = folder
        self.me = me
        self.settings = settings
        self.notices: list[str] = []  # what mycare said on stderr about merging

    @property
    def store(self) -> Path:
        return self.folder / STORE

    def mycare(self, *args: str) -> Result:
        """Run the real command line here, as this carer (the passphrase from the environment)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("MYCARE_")}
        env |= {
            "MYCARE_STORE": str(self.store),
            "MYCARE_PASSPHRASE": PASSPHRASE,
            "MYCARE_ME": self.me,
            "MYCARE_SETTINGS_DIR": str(self.settings),  # never the real ~/.config/mycare
            "PYTHONPATH": str(REPO),
        }
        done = subprocess.run(
            [sys.executable, "-m", "mycare", *args],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
        self.notices += [line for line in done.stderr.splitlines() if "merged" in line]
        return Result(done.returncode, done.stdout, done.stderr)

    def history(self) -> History:
        """What the store's history says, read in this process (the CLI does not show it all)."""
        with CareRecord.open(self.store, PASSPHRASE) as record:
            with record.reading() as session:
                changes = session.exec(select(Change)).all()
                added = {c.record_id.hex: c.author for c in changes if c.action == "added"}
                names = {n for c in changes for n in c.author.split(" and ") if n}
                clashes = [
                    f"{c.table_name}.{c.field}: {c.new!r}, the other value {c.old!r} "
                    f"(by {c.author or 'nobody named'})"
                    for c in changes
                    if c.action == "both" and not c.seen
                ]
            return History(added, names, record.copies(), sorted(clashes))

    def conflict_copies(self) -> list[str]:
        """Files Unison kept aside beside the store (of the store or of its backups)."""
        return sorted(p.name for p in self.folder.iterdir() if CONFLICT_MARK in p.name)

    def merged_aside(self) -> list[str]:
        return sorted(p.name for p in self.folder.glob(f"{STORE}.merged-*"))

    def live_records(self) -> dict[tuple[str, str], dict[str, Any]]:
        """Every record not deleted, from `mycare export --format json`, by (table, id)."""
        data = json.loads(self.mycare("export", "--format", "json", "--out", "-").ok().out)
        return {
            (table, row["id"]): row
            for table, rows in data["tables"].items()
            for row in rows
            if row.get("deleted_at") is None
        }


class Unison:
    """Unison between two local folders, with its own state folder (never ~/.unison).

    Both roots are plain absolute paths on this machine, never ``ssh://`` or ``socket://``
    roots, so Unison runs as one local process that reads and writes the two folders
    directly: nothing is sent over any network, by construction (checked in __init__).
    """

    def __init__(self, a: Path, b: Path, state: Path) -> None:
        for root in (a, b):
            assert root.is_absolute() and root.is_dir(), root
            assert "://" not in str(root) and not str(root).startswith("//"), root
        self.roots = (str(a), str(b))
        state.mkdir(mode=0o700)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("UNISON")}
        self.env["UNISON"] = str(state)
        self.version_text = self._run("-version").out.strip()
        found = re.search(r"version (\d+)\.(\d+)(?:\.(\d+))?", self.version_text)
        assert found, f"cannot read Unison's version from {self.version_text!r}"
        self.version = tuple(int(n) for n in found.groups() if n is not None)
        self.runs: list[tuple[tuple[str, ...], Result]] = []

    def _run(self, *args: str) -> Result:
        done = subprocess.run(
            ["unison", *args],
            capture_output=True,
            text=True,
            env=self.env,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def sync(self, *flags: str) -> Result:
        """One batch run over the two folders; exit 0 all done, 1 something skipped."""
        result = self._run(*self.roots, "-batch", "-ui", "text", "-contactquietly", *flags)
        self.runs.append((flags, result))
        assert result.code in (0, 1), (
            f"unison {' '.join(flags)} failed with exit {result.code}:\n{result.out}\n{result.err}"
        )
        return result


# Module-scoped: one run of two carers' work is slow, so each test file shares its run.
@pytest.fixture(scope="module")
def sync_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sync")
    (root / "A").mkdir()  # Ann's computer
    (root / "B").mkdir()  # Sam's computer
    return root


@pytest.fixture(scope="module")
def unison(sync_root: Path) -> Unison:
    if shutil.which("unison") is None:
        pytest.skip("Unison is not installed (Debian/Ubuntu: apt-get install unison)")
    engine = Unison(sync_root / "A", sync_root / "B", sync_root / "unison-state")
    if engine.version < COPYONCONFLICT_SINCE:
        pytest.fail(f"{engine.version_text}: -copyonconflict needs Unison 2.51 or newer")
    return engine


@pytest.fixture(scope="module")
def ann(sync_root: Path) -> Computer:
    return Computer(sync_root / "A", "Ann", sync_root / "settings-ann")


@pytest.fixture(scope="module")
def sam(sync_root: Path) -> Computer:
    return Computer(sync_root / "B", "Sam", sync_root / "settings-sam")


def make_store(path: Path, me: str, name: str = "Ada Lovelace") -> Path:
    """A store with one person, with cheap key settings so each command opens fast."""
    with CareRecord.create(path, PASSPHRASE, kdf=TEST_KDF) as record:
        record.me = me
        add_person(record, name)
    return path


@pytest.fixture(scope="module")
def shared_store(unison: Unison, ann: Computer, sam: Computer) -> Path:
    """Ann makes the store on her computer; the first sync brings it to Sam's."""
    make_store(ann.store, ann.me)
    unison.sync().ok()
    assert sam.store.read_bytes() == ann.store.read_bytes()
    return ann.store
