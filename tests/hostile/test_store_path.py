"""Finding 2 and part of 9: what sits at the store's path, as the person's shell sees it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def test_saving_through_a_symlink_updates_the_real_store_beside_its_backups(
    store: Path, tmp_path: Path, cli
):
    elsewhere = tmp_path / "home"
    elsewhere.mkdir()
    link = elsewhere / "link.mycare"
    link.symlink_to(store)
    done = cli("--store", str(link), "add", "diary", "Written through the link")
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and link.resolve() == store  # the link was not replaced
    assert sorted(p.name for p in elsewhere.iterdir()) == ["link.mycare"]  # no lock, no backup
    assert (tmp_path / "care.mycare.backup-1").is_file()
    found = cli("--store", str(store), "search", "link")  # the real file, named directly
    assert "Written through the link" in found.stdout
    checked = cli("--store", str(link), "check")
    assert checked.returncode == 0, checked.stdout
    assert "Backup care.mycare.backup-1: OK" in checked.stdout


@pytest.mark.parametrize("kind", ["folder", "pipe", "device"])
def test_a_folder_pipe_or_device_at_the_store_path_is_named_not_offered_a_new_store(
    tmp_path: Path, cli, kind: str
):
    path = tmp_path / "care.mycare"
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    else:
        path = Path(os.devnull)
    for command in (["agenda"], ["add", "diary", "hello"], ["check"]):
        done = cli("--store", str(path), *command)
        assert done.returncode == 1
        said = done.stdout + done.stderr
        assert "is not a mycare store" in said
        assert ("a folder" if kind == "folder" else "a device or a pipe") in said
        assert "mycare init" not in said and "no store" not in said.casefold()
    assert path.is_dir() if kind == "folder" else not path.is_file()
