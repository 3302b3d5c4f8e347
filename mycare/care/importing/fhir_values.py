"""Reading plain values out of FHIR JSON: coded text, names, dates, telecoms."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

Json = dict[str, Any]


def concept(value: Any) -> str:
    """A CodeableConcept's words: its text, else the first coding's display, else its code."""
    if not isinstance(value, dict):
        return ""
    if str(value.get("text", "")).strip():
        return str(value["text"])
    for coding in value.get("coding", []) or []:
        if isinstance(coding, dict) and str(coding.get("display", "")).strip():
            return str(coding["display"])
    for coding in value.get("coding", []) or []:
        if isinstance(coding, dict) and coding.get("code"):
            return str(coding["code"])
    return ""


def codes(value: Any) -> set[str]:
    if not isinstance(value, dict):
        return set()
    return {str(c.get("code", "")) for c in value.get("coding", []) or [] if isinstance(c, dict)}


def human(names: Any) -> str:
    """A person's name from HumanName entries (the usual one first)."""
    if not isinstance(names, list) or not names:
        return ""
    usual = [n for n in names if isinstance(n, dict) and n.get("use") in ("usual", "official")]
    name = (usual or [n for n in names if isinstance(n, dict)] or [{}])[0]
    if str(name.get("text", "")).strip():
        return str(name["text"])
    parts = [*name.get("prefix", []), *name.get("given", []), name.get("family", "")]
    return " ".join(str(p) for p in parts if str(p).strip())


def telecom(resource: Json, system: str) -> str:
    for point in resource.get("telecom", []) or []:
        if isinstance(point, dict) and point.get("system") == system and point.get("value"):
            return str(point["value"])
    return ""


def address(resource: Json) -> str:
    found = resource.get("address")
    items = found if isinstance(found, list) else [found] if isinstance(found, dict) else []
    for a in items:
        if str(a.get("text", "")).strip():
            return str(a["text"])
        lines = [*a.get("line", []), a.get("city", ""), a.get("district", "")]
        lines += [a.get("state", ""), a.get("postalCode", ""), a.get("country", "")]
        text = "\n".join(str(x) for x in lines if str(x).strip())
        if text:
            return text
    return ""


def day(value: Any) -> date | None:
    """A FHIR date or dateTime as a calendar day (a year alone, or year-month, as its first day)."""
    if not isinstance(value, str) or not value:
        return None
    parts = value[:10].split("-")
    try:
        numbers = [int(p) for p in parts] + [1, 1]
        return date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None


def instant(value: Any) -> datetime | None:
    """A FHIR dateTime with its offset, as naive local time."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment


def source_key(resource: Json, full_url: str) -> str:
    """The resource's own identifier: its first identifier, else its full URL, else type/id."""
    for ident in (
        resource.get("identifier", []) if isinstance(resource.get("identifier"), list) else []
    ):
        if isinstance(ident, dict) and ident.get("value"):
            return f"{ident.get('system', '')}|{ident['value']}"
    if full_url:
        return full_url
    return f"{resource.get('resourceType')}/{resource.get('id', '')}"
