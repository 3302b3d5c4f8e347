"""Shared pieces for the fault drills.

There is no ``__init__.py`` in the tests folders, so helpers are handed out as
fixtures rather than imported from this file.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


# -- async tests without a plugin ---------------------------------------------------
@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in this folder with asyncio.run (no pytest-asyncio needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    kwargs = {name: pyfuncitem.funcargs[name] for name in names}
    asyncio.run(asyncio.wait_for(pyfuncitem.obj(**kwargs), timeout=120))
    return True


# -- real small filesystems -----------------------------------------------------------
def _run(*args: str) -> bool:
    if shutil.which(args[0]) is None:
        return False
    try:
        done = subprocess.run(list(args), capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _unmount(target: Path) -> None:
    if not _run("umount", str(target)):
        _run("umount", "-l", str(target))


class SmallDisk:
    """A tmpfs of a few megabytes that the drill can fill up and make read-only."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._fillers: list[Path] = []
        self._bound: list[Path] = []

    def folder(self, name: str = "store") -> Path:
        path = self.root / name
        path.mkdir(mode=0o700, exist_ok=True)
        return path

    def fill(self) -> None:
        """Write filler until the disk refuses another byte, and another file."""
        filler = self.root / f"filler-{len(self._fillers)}"
        self._fillers.append(filler)
        chunk = b"\0" * 65536
        with open(filler, "wb", buffering=0) as f:
            while True:
                try:
                    f.write(chunk)
                except OSError:
                    break
            while True:  # the last few bytes
                try:
                    f.write(b"\0")
                except OSError:
                    break
        # and use up every inode, so not even an empty file can be made
        for n in range(100_000):
            try:
                (self.root / f"filler-inode-{n}").touch()
            except OSError:
                break
            self._fillers.append(self.root / f"filler-inode-{n}")

    def make_room(self, size: int, inodes: int = 0) -> None:
        """Give back about size bytes and a few inodes of a full disk."""
        big = self._fillers[0]
        with open(big, "r+b") as f:
            f.truncate(max(f.seek(0, 2) - size, 0))
        for filler in [f for f in self._fillers if "inode" in f.name][:inodes]:
            filler.unlink()
            self._fillers.remove(filler)

    def free(self) -> None:
        for filler in self._fillers:
            with contextlib.suppress(OSError):
                filler.unlink()
        self._fillers.clear()

    @contextlib.contextmanager
    def read_only(self, folder: Path) -> Iterator[None]:
        """Make folder read-only for new opens (a read-only bind mount over itself)."""
        if not _run("mount", "--bind", str(folder), str(folder)):
            pytest.skip("bind mounts are refused here")
        self._bound.append(folder)
        try:
            if not _run("mount", "-o", "remount,bind,ro", str(folder)):
                pytest.skip("read-only remounts are refused here")
            yield
        finally:
            self.writable(folder)

    def writable(self, folder: Path) -> None:
        if folder in self._bound:
            self._bound.remove(folder)
            _unmount(folder)

    def close(self) -> None:
        for folder in list(self._bound):
            self.writable(folder)
        self.free()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """A real 4 MiB tmpfs (needs root or CAP_SYS_ADMIN; skipped where mounting is refused)."""
    root = tmp_path / "small-disk"
    root.mkdir()
    if os.name != "posix" or not _run(
        "mount", "-t", "tmpfs", "-o", "size=4m,nr_inodes=200,mode=0700", "tmpfs", str(root)
    ):
        pytest.skip("mounting a small tmpfs is refused here (not root?)")
    disk = SmallDisk(root)
    try:
        yield disk
    finally:
        disk.close()
        _unmount(root)


class _OsProxy:
    """Stands in for ``os`` inside the vault modules only (pytest keeps the real one)."""

    def __init__(self, overrides: dict) -> None:
        self._overrides = overrides

    def __getattr__(self, name: str):
        if name in self._overrides:
            return self._overrides[name]
        return getattr(os, name)


class PatchedDisk:
    """The same drill where mounting is refused: the vault's os calls fail as a full
    or read-only disk would make them fail (ENOSPC on write, EROFS on new files)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._patch: pytest.MonkeyPatch | None = None

    def folder(self, name: str = "store") -> Path:
        path = self.root / name
        path.mkdir(mode=0o700, exist_ok=True)
        return path

    def _install(self, **overrides) -> None:
        import importlib

        self._remove()
        proxy = _OsProxy(overrides)
        self._patch = pytest.MonkeyPatch()
        for module in ("mycare.vault.disk", "mycare.vault.vault"):
            self._patch.setattr(importlib.import_module(module), "os", proxy)

    def _remove(self) -> None:
        if self._patch is not None:
            self._patch.undo()
            self._patch = None

    def fill(self) -> None:
        import errno

        def write(fd: int, data) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        self._install(write=write)

    def free(self) -> None:
        self._remove()

    @contextlib.contextmanager
    def read_only(self, folder: Path) -> Iterator[None]:
        import errno

        def refuse(*args, **kwargs):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

        def open_(path, flags, *args, **kwargs):
            if flags & os.O_CREAT and Path(path).parent == folder:
                refuse()
            return os.open(path, flags, *args, **kwargs)

        self._install(open=open_, link=refuse, replace=refuse, unlink=refuse)
        try:
            yield
        finally:
            self._remove()

    def writable(self, folder: Path) -> None:
        self._remove()

    def close(self) -> None:
        self._remove()


@pytest.fixture(params=["tmpfs", "patched"])
def faulty_disk(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[SmallDisk | PatchedDisk]:
    """A disk that can be filled or made read-only: a real tmpfs, or patched os calls."""
    if request.param == "tmpfs":
        yield request.getfixturevalue("small_disk")
        return
    disk = PatchedDisk(tmp_path / "patched-disk")
    disk.root.mkdir()
    try:
        yield disk
    finally:
        disk.close()


# -- driving the app ------------------------------------------------------------------
PASSPHRASE = "drill passphrase"


class AppKit:
    """Driving the real app with Pilot, in a person's terms (ideas from tests/app)."""

    PASSPHRASE = PASSPHRASE

    def __init__(self) -> None:
        self.apps: list = []
        self.records: list = []

    def small_store(self, path: Path, name: str = "Sam Taylor") -> Path:
        from mycare.care import people
        from mycare.care.record import CareRecord
        from mycare.vault import TEST_KDF

        with CareRecord.create(path, PASSPHRASE, kdf=TEST_KDF) as record:
            people.add_person(record, name)
        return path

    def app(self, store: Path):
        from mycare.ui.app import MycareApp
        from mycare.vault import TEST_KDF

        app = MycareApp(store, kdf=TEST_KDF)
        self.apps.append(app)
        return app

    def run(self, app, size: tuple[int, int] = (100, 30)):
        return app.run_test(size=size, notifications=True)

    def reopen(self, store: Path):
        from mycare.care.record import CareRecord

        record = CareRecord.open(store, PASSPHRASE)
        self.records.append(record)
        return record

    def close(self) -> None:
        for record in self.records:
            with contextlib.suppress(Exception):
                record.close()
        for app in self.apps:
            if app.record is not None:
                with contextlib.suppress(Exception):
                    app.record.close()
                app.record = None

    @staticmethod
    def alive(app) -> None:
        assert app._exception is None, f"the app crashed: {app._exception!r}"
        assert app.is_running, "the app stopped"

    async def wait_until(self, pilot, condition, tries: int = 200) -> None:
        app = pilot.app
        for _ in range(tries):
            if condition() or not app.is_running:
                break
            await pilot.pause()
        assert app._exception is None, f"the app crashed: {app._exception!r}"
        assert condition(), "the app did not get there in time"

    async def settle(self, pilot) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    async def unlock(self, pilot) -> None:
        from textual.widgets import Input

        app = pilot.app
        await pilot.pause()
        app.screen.query_one("#passphrase", Input).value = PASSPHRASE
        await pilot.press("enter")
        await self.wait_until(pilot, lambda: app.record is not None)
        await self.wait_until(pilot, lambda: self.screen_name(app) == "HomeScreen")

    @staticmethod
    def screen_name(app) -> str:
        return type(app.screen).__name__

    async def open_form(self, pilot, *keys: str) -> None:
        await pilot.press(*keys)
        await self.wait_until(pilot, lambda: self.screen_name(pilot.app) == "FormScreen")

    async def fill(self, pilot, **values) -> None:
        from textual.widgets import Input, TextArea

        for name, value in values.items():
            widget = pilot.app.screen.query_one(f"#field-{name}")
            if isinstance(widget, TextArea):
                widget.text = value
            elif isinstance(widget, Input):
                widget.value = value
            else:
                widget.value = value
        await pilot.pause()

    def text(self, app) -> str:
        """Everything on the screen, as plain text."""
        import io

        from rich.console import Console

        width, height = app.size
        console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                          record=True, legacy_windows=False, safe_box=False)  # fmt: skip
        console.print(
            app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
        )
        return console.export_text()

    def flat(self, app) -> str:
        lines = [line.strip(" │▎▊▍▌▋▏▔▁") for line in self.text(app).splitlines()]
        return " ".join(" ".join(lines).split())

    @staticmethod
    def toasts(app) -> list[str]:
        return [n.message for n in app._notifications]

    @staticmethod
    def shown(widget) -> str:
        visual = widget.render()
        return getattr(visual, "plain", str(visual))

    def note(self, app, field: str) -> str:
        note = app.screen.query_one(f"#note-{field}")
        return self.shown(note) if note.display and note.has_class("-shown") else ""

    async def press_quit(self, pilot) -> None:
        await pilot.press("ctrl+q")
        for _ in range(60):
            if not pilot.app.is_running:
                break
            await asyncio.sleep(0.05)


@pytest.fixture
def kit() -> Iterator[AppKit]:
    helper = AppKit()
    yield helper
    helper.close()


@pytest.fixture
def app_disk(tmp_path: Path) -> Iterator[SmallDisk | PatchedDisk]:
    """For the slower app drills: a real tmpfs where mounting works, else patched os calls."""
    root = tmp_path / "app-disk"
    root.mkdir()
    if os.name == "posix" and _run(
        "mount", "-t", "tmpfs", "-o", "size=4m,nr_inodes=200,mode=0700", "tmpfs", str(root)
    ):
        disk: SmallDisk | PatchedDisk = SmallDisk(root)
        try:
            yield disk
        finally:
            disk.close()
            _unmount(root)
        return
    disk = PatchedDisk(root)
    try:
        yield disk
    finally:
        disk.close()
