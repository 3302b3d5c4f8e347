"""When the garbage collector may hold the UI loop: its full passes wait for a pause.

A full pass walks every object the app holds; on a ten-year record that holds the loop for
hundreds of milliseconds, felt as a key that does nothing. Reference counting frees almost
everything at once anyway; only cycles wait for a pass. So while the person is typing or moving
about only the young generations are collected, and a pass runs once nobody has touched a key
for a moment (and only when there is something for it to do). A pause's pass walks only what
is newer than the last one, and only when that is a small pile (a ten-year record's objects
take the collector about 3.5 µs each); a larger pile is set aside unwalked (gc.freeze). Once
the person has been away for a minute, one pass walks everything again, to free what became
garbage after it was set aside.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from mycare.care import collector

QUIET_SECONDS = 2.0  # no key or click for this long is a pause
AWAY_SECONDS = 60.0  # and for this long, the person has most likely stepped away
CHECK_SECONDS = 1.0
WALK_AT_MOST = 10_000  # objects a pause's full pass may walk: about 35 ms here


class QuietCollector:
    """Hold back full collections until the person pauses, then run one."""

    def __init__(self, last_activity: Callable[[], float], busy: Callable[[], bool]) -> None:
        self.last_activity = last_activity
        self.busy = busy  # something is being loaded or written for the person to see
        self.holding = False
        self.passes = 0  # passes run in a pause, for the benchmark and the tests
        self.deep_passes = 0  # passes over everything, set-aside objects too, once away
        self.set_aside_unwalked = 0  # pauses whose pile of new objects was too large to walk
        self.middle_passes_counted = 0  # the count of middle passes when a pause last had one
        self.frozen_since_away = False
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
        middle, counted = gc.get_count()[2], self.middle_passes_counted
        since = middle - counted if middle >= counted else middle  # another full pass ran
        return self.holding and since >= collector.full_pass_every()

    def tick(self) -> None:
        """Called every CHECK_SECONDS: collect fully if it is due and the person has paused
        (no key for a moment, and nothing they are waiting for still on its way)."""
        now = time.monotonic()
        if self.busy():
            self.last_busy = now
            return
        still = now - max(self.last_activity(), self.last_busy)
        if still >= AWAY_SECONDS and self.frozen_since_away:
            # Away for a while: everything set aside is walked again, once, so what became
            # garbage after it was set aside is freed too.
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.middle_passes_counted = 0
            self.frozen_since_away = False
            self.deep_passes += 1
        elif still >= QUIET_SECONDS and self.due():
            # A pause: collect what is new since the last pass, then set the survivors aside
            # so the next pause's pass walks only what is newer still (a pass over all of a
            # ten-year record's objects holds the loop for half a second). A large pile of
            # new objects (screens just built) is set aside unwalked: its garbage waits for
            # the pass once away.
            if len(gc.get_objects(generation=2)) <= WALK_AT_MOST:
                gc.collect()
            else:
                gc.collect(1)
                self.set_aside_unwalked += 1
            gc.freeze()
            self.middle_passes_counted = gc.get_count()[2]
            self.frozen_since_away = True
            self.passes += 1
