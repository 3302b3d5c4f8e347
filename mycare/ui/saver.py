"""Saving off the UI loop, and telling the person when it happened or why it did not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.worker import get_current_worker

if TYPE_CHECKING:
    from mycare.care.record import CareRecord


class BackgroundSaver:
    """Runs each save in a thread worker; reports through app.on_saved / app.on_save_failed."""

    def __init__(self, app: App, record: CareRecord) -> None:
        self.app = app
        self.record = record

    def __call__(self) -> None:
        self.app.run_worker(self._save, thread=True, group="save", name="save")

    def _save(self) -> None:
        from mycare.vault import VaultError

        worker = get_current_worker()
        try:
            self.record.save()
        except VaultError as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self.app.on_save_failed, str(exc))  # type: ignore[attr-defined]
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.app.on_saved)  # type: ignore[attr-defined]

    def flush(self) -> str | None:
        """Save now on the calling thread (used when locking or quitting); the error, if any."""
        from mycare.vault import VaultError

        if not self.record.unsaved:
            return None
        try:
            self.record.save()
        except VaultError as exc:
            return str(exc)
        return None
