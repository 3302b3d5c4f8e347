"""An open form kept across the idle lock: encrypted under the store's key, then put back."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HeldForm:
    """What was typed in a form, and where the form came from."""

    origin: tuple[Any, ...]
    title: str
    values: dict[str, Any]
    person_id: uuid.UUID | None


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return {"uuid": value.hex}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _back(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"uuid"}:
        return uuid.UUID(hex=value["uuid"])
    if isinstance(value, list):
        return [_back(v) for v in value]
    return value


def pack(form: HeldForm) -> bytes:
    return json.dumps(
        {
            "origin": _plain(list(form.origin)),
            "title": form.title,
            "values": {k: _plain(v) for k, v in form.values.items()},
            "person": form.person_id.hex if form.person_id else None,
        }
    ).encode()


def unpack(data: bytes) -> HeldForm | None:
    try:
        raw = json.loads(data)
        return HeldForm(
            origin=tuple(_back(raw["origin"])),
            title=str(raw["title"]),
            values={k: _back(v) for k, v in raw["values"].items()},
            person_id=uuid.UUID(hex=raw["person"]) if raw.get("person") else None,
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
