"""Text from another program's file, checked before it is offered to the store."""

from __future__ import annotations

import re
from typing import Any

from ..errors import InvalidField
from ..fields import check_text
from .incoming import BadFile

_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?\s*>|<!--|&lt;\s*script", re.I)


def text(value: Any, field: str, where: str, *, limit: int | None = None) -> str:
    """The value as plain text fit for field, or BadFile naming the field and where it is."""
    if value is None:
        return ""
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    value = (
        value.strip()
        if "\n" not in value
        else "\n".join(x.rstrip() for x in value.split("\n")).strip()
    )
    if limit is not None and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    found = _MARKUP.search(value)
    if found:
        raise BadFile(
            f"{where}: the {_name(field)} holds markup ({found.group(0)[:30]!r}), not plain text."
        )
    try:
        return check_text(field, value)
    except InvalidField as exc:
        raise BadFile(f"{where}: {exc}") from None


def one_line(value: Any, field: str, where: str) -> str:
    """Text that must be on one line: runs of white space become one space."""
    if value is None:
        return ""
    return text(" ".join(str(value).split()), field, where, limit=300)


def _name(field: str) -> str:
    from ..fields import label

    return label(field).lower()
