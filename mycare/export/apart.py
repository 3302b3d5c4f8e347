"""Rendering a summary in a process of its own.

The PDF's text shaping and its many short-lived objects hold the interpreter for tenths of a
second at a time; in a separate process they cannot pause an app that is showing a screen.
The summary goes in on standard input and the file comes back on standard output, both
pickled; nothing is written anywhere else and nothing private is on the command line.
"""

from __future__ import annotations

import pickle
import subprocess
import sys

from mycare.care.errors import CareError

from .summary import Summary


def render_apart(summary: Summary, fmt: str) -> bytes:
    """The same bytes as render_summary, rendered in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-m", "mycare.export.apart"],
        input=pickle.dumps((summary, fmt)),
        capture_output=True,
        check=False,
    )
    try:
        ok, answer, notes = pickle.loads(done.stdout)
    except Exception:  # the process died before answering
        raise CareError(
            f"Could not write the {fmt} file: its renderer stopped (status {done.returncode})."
        ) from None
    if not ok:
        raise CareError(str(answer))
    summary.notes.extend(notes)
    data: bytes = answer
    return data


def main() -> None:
    """Read (summary, format) from standard input; write (ok, bytes or message, notes) to
    standard output."""
    from .sharing import render_summary

    summary, fmt = pickle.load(sys.stdin.buffer)
    try:
        answer: tuple[bool, object] = (True, render_summary(summary, fmt))
    except CareError as exc:
        answer = (False, str(exc))
    except Exception as exc:  # noqa: BLE001 - reported to the app as one plain line
        answer = (False, f"Could not write the {fmt} file ({type(exc).__name__}).")
    sys.stdout.buffer.write(pickle.dumps((*answer, summary.notes)))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
