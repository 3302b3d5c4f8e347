"""The command line. Imports stay light here: commands load the store only when run."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from .errors import CliError

if TYPE_CHECKING:
    from argparse import Namespace


class _Command(Protocol):
    """A command's module: its run does the work and gives the exit status."""

    def run(self, args: Namespace) -> int: ...


def _dispatch(args: Namespace) -> int:
    command = getattr(args, "command", None)
    if command is None and sys.stdin.isatty() and sys.stdout.isatty():
        from mycare.ui.app import run as run_app

        from .locate import store_path
        from .output import plain_wanted

        if plain_wanted(args):
            os.environ["NO_COLOR"] = "1"  # Textual then draws without colour
        return run_app(
            store_path(getattr(args, "store", None)),
            idle_minutes=args.lock_after,
            me=getattr(args, "me", None),
        )
    module: _Command
    if command in ("init", "demo", "check", "passwd", "people"):
        from . import store_commands as module
    elif command == "add":
        from . import add as module
    elif command in ("agenda", None):
        from . import agenda as module
    elif command == "show":
        from . import show as module
    elif command in ("done", "answer"):
        from . import marking as module
    elif command == "checkin":
        from . import checkin as module
    elif command == "search":
        from . import search as module
    elif command in ("export", "import"):
        from . import records_io as module
    elif command in ("history", "merge"):
        from . import sharing as module
    elif command == "forget":
        from . import forgetting as module
    else:  # pragma: no cover - argparse rejects unknown commands
        raise CliError(f"Unknown command {command}.")
    return module.run(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a problem is one line on stderr and a non-zero exit."""
    from .parser import build

    parser = build()
    args = parser.parse_args(argv)
    if args.version:
        from mycare import __version__

        print(f"mycare {__version__}")
        return 0
    try:
        return _dispatch(args)
    except BrokenPipeError:  # output piped into `head` and the like
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("\nmycare: stopped; nothing more was changed.", file=sys.stderr)
        return 130
    except Exception as exc:  # one line for the person, never a traceback
        if os.environ.get("MYCARE_DEBUG"):
            raise
        print(f"mycare: {_message(exc)}", file=sys.stderr)
        return 1


def _message(exc: Exception) -> str:
    from mycare.care.errors import CareError, SaveFailed, StoreChanged, VaultError

    if isinstance(exc, SaveFailed | StoreChanged):
        return " ".join(str(exc).split()) + " This change was not saved; run the command again."
    if isinstance(exc, CliError | CareError | VaultError):
        return " ".join(str(exc).split())
    return (
        f"something unexpected went wrong ({type(exc).__name__}); please report it. "
        "Set MYCARE_DEBUG=1 to see the details."
    )
