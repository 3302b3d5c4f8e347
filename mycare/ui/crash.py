"""What the person sees when the app meets an error it did not expect: one plain message.

Textual's own crash report shows every local variable of every frame (a passphrase, record
text) and stays in the terminal's scrollback, so mycare never shows it. The details, without
local variables, are shown only when the person asks for them with MYCARE_DEBUG=1.
"""

from __future__ import annotations

import os

from rich.console import Group, RenderableType
from rich.text import Text
from rich.traceback import Traceback
from textual.worker import WorkerFailed

CRASHED = (
    "mycare hit a problem it did not expect and stopped; your records up to the last save "
    "are safe. Please report it; set MYCARE_DEBUG=1 to see the details."
)


def crash_report(error: BaseException) -> RenderableType:
    """The message for the terminal once the app has stopped (never any local variable)."""
    message = Text(CRASHED, no_wrap=True, overflow="ignore")  # the terminal wraps it
    if not os.environ.get("MYCARE_DEBUG"):
        return message
    cause = error.error if isinstance(error, WorkerFailed) else error
    details = Traceback.from_exception(
        type(cause), cause, cause.__traceback__, show_locals=False, width=100
    )
    return Group(details, message)
