"""Noticing, while the app is open, that another computer's save has arrived."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.message import Message
from textual.timer import Timer

if TYPE_CHECKING:
    from mycare.care.merge_report import MergeReport
    from mycare.care.record import CareRecord

POLL_SECONDS = 2.0  # how often the app looks at the store file for another computer's save
QUIET_FAILURES = 3  # a sync service may be half-way through writing: say so only if it lasts


class OthersMerged(Message):
    """Another computer's changes were merged into the open record."""

    def __init__(self, summary: str, notes: list[str], to_check: int) -> None:
        super().__init__()
        self.summary = summary
        self.notes = notes
        self.to_check = to_check


class OthersUnreadable(Message):
    """Another version of the store is there but cannot be merged; the message says why."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def merged_message(report: MergeReport) -> OthersMerged:
    return OthersMerged(report.summary(), list(report.notes), report.both)


class Watcher:
    """Looks at the store every POLL_SECONDS and merges in what other computers saved."""

    def __init__(self, app: App[None], record: CareRecord) -> None:
        self.app = app
        self.record = record
        self.failures = 0
        self.reported: set[str] = set()
        self.timer: Timer | None = None
        record.on_merged = lambda report: app.post_message(merged_message(report))

    def start(self) -> None:
        self.timer = self.app.set_interval(POLL_SECONDS, self.poll)

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        self.timer = None
        self.record.on_merged = None

    def poll(self) -> None:
        if self.timer is None or any(w.group == "others" for w in self.app.workers):
            return
        self.app.run_worker(self.look, thread=True, group="others", exit_on_error=False)

    def look(self) -> None:
        """One look, off the UI loop: a newer save on disk, then any sync-service copies."""
        from mycare.care.errors import CareError, VaultError

        if self.timer is None:
            return
        try:
            self.record.refresh()
            copies = self.record.merge_copies()  # one look at the folder; nothing when none
        except (VaultError, CareError) as exc:
            self.failures += 1
            if self.failures == QUIET_FAILURES:
                self.app.post_message(OthersUnreadable(" ".join(str(exc).split())))
            return
        except Exception:  # noqa: BLE001 - the record was locked under us: nothing to do
            return
        self.failures = 0
        for copy, outcome in copies:
            if isinstance(outcome, str):
                if str(copy) not in self.reported:  # once per copy, not every few seconds
                    self.reported.add(str(copy))
                    self.app.post_message(OthersUnreadable(" ".join(outcome.split())))
            elif outcome.brought_anything:
                message = merged_message(outcome)
                message.summary = f"From {copy.name}: {message.summary}"
                self.app.post_message(message)
