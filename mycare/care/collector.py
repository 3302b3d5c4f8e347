"""Holding back the garbage collector's full passes while one bounded job runs.

A full pass walks every object the process holds; with a ten-year record open that is a
tenth of a second or more, in the middle of an export the person is waiting for. Reference
counting frees almost everything such a job makes at once; the full pass is only deferred:
the collector's count keeps growing and the next automatic full pass runs after the job.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

NEVER = 1_000_000_000  # a full-pass threshold that automatic collection never reaches

_lock = threading.Lock()
_holders = 0
_saved: tuple[int, int, int] = (0, 0, 0)


def hold() -> None:
    """Automatic collection runs only its young generations until release() (holds from
    several threads may overlap: the threshold comes back when the last one is released)."""
    global _holders, _saved
    with _lock:
        if _holders == 0:
            _saved = gc.get_threshold()
            young, middle, _ = _saved
            gc.set_threshold(young, middle, NEVER)
        _holders += 1


def release() -> None:
    """End one hold()."""
    global _holders
    with _lock:
        _holders -= 1
        if _holders == 0:
            gc.set_threshold(*_saved)


def full_pass_every() -> int:
    """How many middle passes automatic collection waits for before a full one, held or not."""
    with _lock:
        return _saved[2] if _holders else gc.get_threshold()[2]


@contextmanager
def full_passes_held() -> Iterator[None]:
    """hold() for the duration of one job."""
    hold()
    try:
        yield
    finally:
        release()
