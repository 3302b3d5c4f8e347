"""The time zone a person's clock times are in (appointments are kept as clock times)."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import InvalidField

DEFAULT_ZONE = "Europe/London"


def check_time_zone(value: str) -> str:
    """A time zone name as the tz database spells it (Europe/London), or "" for the default."""
    typed = value.strip()
    if not typed:
        return ""
    try:
        ZoneInfo(typed)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidField(
            "time_zone",
            f"{typed!r:.60} is not a time zone this computer knows; write it like "
            "Europe/London or America/New_York.",
        ) from None
    return typed


def zone_of(name: str) -> ZoneInfo:
    """The zone for a stored name, the default when it is empty or no longer known."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)
