"""This computer's own settings (who is using it, what they last looked at), never in the store.

They live in a small JSON file in the user's settings folder, or in MYCARE_SETTINGS_DIR.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from mycare.vault.disk import make_private_folder

from .errors import InvalidField
from .fields import check_text

ENV_DIR = "MYCARE_SETTINGS_DIR"
ENV_ME = "MYCARE_ME"
NAME_LIMIT = 60
THEME_LIMIT = 60


def folder() -> Path:
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR]).expanduser()
    from platformdirs import user_config_path

    return user_config_path("mycare", appauthor=False)


def load() -> dict[str, Any]:
    """The settings, or none when the file is missing or unreadable (never an error)."""
    return load_checked()[0]


def load_checked() -> tuple[dict[str, Any], str]:
    """The settings, and what is wrong with the file ("" when it is fine or not there yet)."""
    path = folder() / "settings.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, ""
    except (OSError, ValueError):
        data = None
    if isinstance(data, dict):
        return data, ""
    return {}, f"The settings file {path} could not be read, so mycare starts with its defaults."


def store(values: dict[str, Any]) -> None:
    """Write the settings atomically (a new file swapped in), readable by this user only."""
    where = folder()
    make_private_folder(where)
    tmp = where / f".settings.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(values, f, indent=1, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, where / "settings.json")
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def theme() -> str:
    """The theme chosen last time on this computer ("" for the default)."""
    value = load().get("theme")
    return value if isinstance(value, str) and 0 < len(value) <= THEME_LIMIT else ""


def remember_theme(name: str) -> None:
    """Keep the chosen theme's name for next time (a name only; never anything from a store)."""
    if not name or len(name) > THEME_LIMIT or name == theme():
        return
    values = load()  # a damaged file is replaced by one that holds the new choice
    values["theme"] = name
    with contextlib.suppress(OSError):
        store(values)


def check_name(name: str) -> str:
    """A name as the other carers will see it: one line, not empty, not too long."""
    if not isinstance(name, str) or not name.strip():
        raise InvalidField("name", "Your name is needed, so the others know who made a change.")
    name = check_text("name", name).strip()
    if len(name) > NAME_LIMIT:
        raise InvalidField("name", f"Please keep your name to {NAME_LIMIT} characters or fewer.")
    return name


def my_name(given: str | None = None) -> str:
    """Who is using this computer: --me, else MYCARE_ME, else the name saved here, else ""."""
    for candidate in (given, os.environ.get(ENV_ME), load().get("me")):
        if isinstance(candidate, str) and candidate.strip():
            with contextlib.suppress(InvalidField):
                return check_name(candidate)
    return ""


def remember_name(name: str) -> str:
    """Keep the name on this computer for next time; returns it cleaned."""
    name = check_name(name)
    values = load()
    values["me"] = name
    store(values)
    return name


def last_looked(store_id: str) -> str | None:
    """When the person last looked at others' changes in this store (an ISO instant)."""
    seen = load().get("last_looked", {})
    value = seen.get(store_id) if isinstance(seen, dict) else None
    return value if isinstance(value, str) else None


def remember_looked(store_id: str, when: str) -> None:
    values = load()
    seen = values.get("last_looked")
    if not isinstance(seen, dict):
        seen = {}
    seen[store_id] = when
    values["last_looked"] = seen
    with contextlib.suppress(OSError):
        store(values)


CHECK_IN_EVERY_DAYS = 30  # how often Home offers a coordination check-in, unless set


def check_in_every_days() -> int:
    """How many days between Home's gentle offers of a check-in (``check_in_every_days``)."""
    value = load().get("check_in_every_days")
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 366:
        return value
    return CHECK_IN_EVERY_DAYS


def check_in_dismissed_on(store_id: str) -> str | None:
    """The day (ISO) the person last said "not now" to Home's check-in line for a store."""
    seen = load().get("check_in_dismissed", {})
    value = seen.get(store_id) if isinstance(seen, dict) else None
    return value if isinstance(value, str) else None


def dismiss_check_in(store_id: str, day: str) -> None:
    """Not now: Home stops offering a check-in for this store until the interval has passed."""
    values = load()
    seen = values.get("check_in_dismissed")
    if not isinstance(seen, dict):
        seen = {}
    seen[store_id] = day
    values["check_in_dismissed"] = seen
    with contextlib.suppress(OSError):
        store(values)
