"""Saving off the UI loop, and telling the person when it happened or why it did not."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual.app import App
from textual.message import Message

if TYPE_CHECKING:
    from mycare.care.record import CareRecord


class SaveDone(Message):
    """Everything committed so far is on disk."""


class SaveProblem(Message):
    """A save failed; the text says why and what to do (the change is still in memory)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class BackgroundSaver:
    """Saves after commits in one worker thread: a burst of commits is one or two saves.

    Reports by posting SaveDone or SaveProblem to the app.
    """

    def __init__(self, app: App[None], record: CareRecord) -> None:
        self.app = app
        self.record = record
        self._lock = threading.Lock()
        self._dirty = False
        self._running = False
        self.saves = 0  # how many saves this saver made (the benchmark counts them)

    def __call__(self) -> None:
        with self._lock:
            self._dirty = True
            if self._running:
                return  # the running save goes round once more
            self._running = True
        self.app.run_worker(self._save, thread=True, group="save", name="save")

    def _save(self) -> None:
        from mycare.care.errors import VaultError

        while True:
            with self._lock:
                if not self._dirty:
                    self._running = False
                    break
                self._dirty = False
            try:
                self.record.save()
                self.saves += 1
            except VaultError as exc:
                with self._lock:
                    self._running = False
                self.app.post_message(SaveProblem(str(exc)))
                return
        self.app.post_message(SaveDone())

    def flush(self) -> str | None:
        """Save now on the calling thread (used when locking or quitting); the error, if any."""
        from mycare.care.errors import VaultError

        with self._lock:
            dirty, self._dirty = self._dirty, False
        if not (dirty or self.record.unsaved):
            return None
        try:
            self.record.save()
        except VaultError as exc:
            return str(exc)
        return None
