"""Recognising a file by what is in it, never by its name, and reading it as text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .incoming import BadFile, Parsed

MAX_BYTES = 50 * 1024 * 1024
KINDS = "a calendar (.ics), an address book (.vcf), a FHIR health record or a mycare records file"


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing a folder, a missing file or one over 50 MB."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise BadFile(f"{path.name} is not a file.")
        if size > MAX_BYTES:
            raise BadFile(
                f"{path.name} is {size / 1024 / 1024:,.0f} MB; mycare imports files of up to "
                f"{MAX_BYTES // 1024 // 1024} MB."
            )
        return path.read_bytes()
    except OSError as exc:
        raise BadFile(f"Could not read {path.name}: {exc.strerror or exc}.") from None


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark is allowed), or BadFile naming the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BadFile(
            f"{name}, line {line}: byte 0x{data[exc.start]:02X} is not UTF-8 text; "
            "the file is damaged or in another encoding."
        ) from None


def kind_of(text: str) -> str:
    """'calendar', 'address book' or 'json' from the first thing in the text."""
    start = text.lstrip()[:200].upper()
    if start.startswith("BEGIN:VCALENDAR"):
        return "calendar"
    if start.startswith("BEGIN:VCARD"):
        return "address book"
    if start.startswith("{"):
        return "json"
    return ""


def _json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        ending = "it ends early (truncated?)" if exc.pos >= len(text.rstrip()) else exc.msg
        raise BadFile(f"{name}, line {exc.lineno}: not valid JSON: {ending}.") from None
    except RecursionError:
        raise BadFile(f"{name}: the JSON is nested too deeply to be a real record.") from None


def parse_file(path: Path) -> Parsed:
    """Read and understand a file; BadFile (one line) if it is not one mycare can import."""
    name = path.name
    data = read_bytes(path)
    if not data.strip():
        raise BadFile(f"{name} is empty.")
    if b"\x00" in data[:4096]:
        raise BadFile(f"{name} is not {KINDS}: it holds binary data.")
    text = decode(data, name)
    kind = kind_of(text)
    if kind == "calendar":
        from .ics import parse_calendar

        return parse_calendar(text, name)
    if kind == "address book":
        from .vcf import parse_cards

        return parse_cards(text, name)
    if kind == "json":
        data_json = _json(text, name)
        if isinstance(data_json, dict) and data_json.get("format") == "mycare-records":
            return Parsed("mycare records", name, records=data_json)
        if isinstance(data_json, dict) and isinstance(data_json.get("resourceType"), str):
            from .fhir import parse_fhir

            return parse_fhir(data_json, name)
        raise BadFile(f"{name} is JSON, but neither a FHIR resource nor a mycare records file.")
    raise BadFile(f"{name} is not {KINDS}.")
