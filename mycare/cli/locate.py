"""Where the store is, and how the passphrase is obtained."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from .errors import CliError

ENV_STORE = "MYCARE_STORE"
ENV_PASSPHRASE = "MYCARE_PASSPHRASE"
ENV_NEW_PASSPHRASE = "MYCARE_NEW_PASSPHRASE"
ENV_COPY_PASSPHRASE = "MYCARE_COPY_PASSPHRASE"
MIN_PASSPHRASE = 8


def store_path(given: str | None) -> Path:
    """--store, else MYCARE_STORE, else care.mycare in the user's data folder."""
    if given:
        return Path(given).expanduser()
    if os.environ.get(ENV_STORE):
        return Path(os.environ[ENV_STORE]).expanduser()
    from platformdirs import user_data_path

    return user_data_path("mycare", appauthor=False) / "care.mycare"


def _from_file(path: str) -> str:
    """The passphrase as saved in a file: UTF-8 (a BOM allowed), its first line.

    Only the line ending (LF or CRLF) is taken off: spaces, U+2028, U+0085 and any other
    character are part of the passphrase.
    """
    try:
        text = Path(path).expanduser().read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"Could not read the passphrase file {path}: {exc}.") from None
    first = text.split("\n", 1)[0]
    if first.endswith("\r") and "\n" in text:
        first = first[:-1]
    if not first:
        raise CliError(f"The passphrase file {path} is empty.")
    return first


def _prompt(label: str, env: str = ENV_PASSPHRASE, flag: str = "--passphrase-file") -> str:
    if not sys.stdin.isatty():
        raise CliError(
            f"mycare needs the {label.rstrip(': ').lower()}: run it in a terminal, or set "
            f"{env} or {flag} for scripts."
        )
    try:
        return getpass.getpass(label)
    except EOFError:
        raise CliError("No passphrase was given.") from None


def passphrase(file: str | None, *, label: str = "Passphrase: ") -> str:
    """The passphrase from --passphrase-file, MYCARE_PASSPHRASE, or typed without echo."""
    if file:
        return _from_file(file)
    if os.environ.get(ENV_PASSPHRASE):
        return os.environ[ENV_PASSPHRASE]
    return _prompt(label)


def copy_passphrase(file: str | None, name: str) -> str:
    """The passphrase of a copy from before a passphrase change: file, environment or typed."""
    if file:
        return _from_file(file)
    if os.environ.get(ENV_COPY_PASSPHRASE):
        return os.environ[ENV_COPY_PASSPHRASE]
    if sys.stdin.isatty():
        print(f"{name} is locked with another passphrase (from before a passphrase change).")
    return _prompt("Passphrase of that copy: ", ENV_COPY_PASSPHRASE, "--copy-passphrase-file")


def check_new(value: str) -> str:
    if len(value) < MIN_PASSPHRASE:
        raise CliError(
            f"Choose a passphrase of at least {MIN_PASSPHRASE} characters; "
            "three or four unusual words work well."
        )
    return value


def new_passphrase(
    file: str | None, env: str = ENV_PASSPHRASE, flag: str = "--passphrase-file"
) -> str:
    """A new passphrase: from a file or the environment, or typed twice."""
    if file:
        return check_new(_from_file(file))
    if os.environ.get(env):
        return check_new(os.environ[env])
    if sys.stdin.isatty():
        print("Choose a passphrase. It cannot be recovered if you forget it — write it down")
        print("somewhere safe. Three or four unusual words work well.")
    first = check_new(_prompt("New passphrase: ", env, flag))
    if _prompt("Type it again: ", env, flag) != first:
        raise CliError("The two passphrases differ; nothing was changed. Try again.")
    return first
