"""Time to the first painted frame of a terminal program, seen from outside.

The program runs in a pseudo-terminal of 80×24, exactly as in a person's terminal (real
driver, not the headless one). The clock starts just before the process is spawned, so
interpreter start-up and every import count, and stops when the parent reads, from the
terminal, the bytes of a text that only the first frame contains. mycare and the bare
reference are measured by this same function, so the ratio compares like with like.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence

_ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|.)")


def first_paint(
    argv: Sequence[str],
    marker: str,
    *,
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (80, 24),
    timeout: float = 60.0,
) -> float:
    """Seconds from spawning argv until `marker` is on its screen; the process is then ended."""
    master, slave = pty.openpty()
    cols, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    environ = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}
    environ.update(env or {})
    wanted = marker.encode()
    seen = b""
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), stdin=slave, stdout=slave, stderr=slave, env=environ, start_new_session=True
    )
    os.close(slave)
    try:
        while True:
            left = started + timeout - time.perf_counter()
            ready, _, _ = select.select([master], [], [], max(0.0, left))
            if not ready:
                raise TimeoutError(f"{marker!r} did not appear within {timeout:.0f} s")
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # EIO: the program ended
                chunk = b""
            if not chunk:
                tail = _ESCAPES.sub(b"", seen)[-300:].decode(errors="replace")
                raise RuntimeError(f"the program ended before painting {marker!r}: {tail}")
            seen += chunk
            if wanted in _ESCAPES.sub(b"", seen):
                return time.perf_counter() - started
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # our own child's process group, by its id
        proc.wait()
        os.close(master)
