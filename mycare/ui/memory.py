"""When the garbage collector may hold the UI loop: its full passes wait for a pause.

A full pass walks every object the app holds; on a ten-year record that holds the loop for
hundreds of milliseconds, felt as a key that does nothing. Reference counting frees almost
everything at once anyway; only cycles wait for a pass. So while the person is typing or moving
about only the young generations are collected, and the full pass runs once nobody has
touched a key for a moment (and only when there is something for it to do).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from mycare.care import collector

QUIET_SECONDS = 2.0  # no key or click for this long is a pause
CHECK_SECONDS = 1.0


class QuietCollector:
    """Hold back full collections until the person pauses, then run one."""

    def __init__(self, last_activity: Callable[[], float], busy: Callable[[], bool]) -> None:
        self.last_activity = last_activity
        self.busy = busy  # something is being loaded or written for the person to see
        self.holding = False
        self.passes = 0  # full passes run here, for the benchmark and the tests
        self.last_busy = 0.0  # when something was last seen on its way (checked each tick)

    def start(self) -> None:
        if not self.holding:
            collector.hold()
            self.holding = True

    def stop(self) -> None:
        if self.holding:
            collector.release()
            self.holding = False

    def due(self) -> bool:
        """A full pass is wanted: as many middle passes as automatic collection waits for."""
        return self.holding and gc.get_count()[2] >= collector.full_pass_every()

    def tick(self) -> None:
        """Called every CHECK_SECONDS: collect fully if it is due and the person has paused
        (no key for a moment, and nothing they are waiting for still on its way)."""
        now = time.monotonic()
        if self.busy():
            self.last_busy = now
            return
        quiet = now - max(self.last_activity(), self.last_busy) >= QUIET_SECONDS
        if self.due() and quiet:
            gc.collect()
            self.passes += 1
