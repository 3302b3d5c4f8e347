"""Address books (vCard 2.1, 3.0 and 4.0) as care team members, read with ``vobject``.

Before ``vobject`` reads the cards, line endings are made plain and vCard 2.1's
quoted-printable soft line breaks are joined, as phones and Outlook write them.
"""

from __future__ import annotations

import quopri
import re
from typing import Any

import vobject
from vobject.base import Component, ContentLine, ParseError

from . import clean
from .incoming import BadFile, Item, Parsed, Skipped
from .sectors import guess_sector, named_sector

PHONE_WORDS = {"CELL": "Mobile", "HOME": "Home", "WORK": "Work", "FAX": "Fax"}
_BINARY = re.compile(r"^([A-Za-z0-9-]+\.)?(PHOTO|LOGO|SOUND|KEY)[;:]", re.I)
_MYCARE_LINES = re.compile(
    r"^(In .+'s care team \(.+\)\.|In charge of my care\.|First point of contact\.)$"
)


def _check_quoted(line: str, number: int, name: str) -> None:
    """A quoted-printable value must decode to text in its character set."""
    head, _, value = line.partition(":")
    match = re.search(r"CHARSET=([A-Za-z0-9_.:-]+)", head, re.I)
    charset = match.group(1) if match else "utf-8"
    prop = head.split(";", 1)[0]
    try:
        quopri.decodestring(value.encode("ascii")).decode(charset)
    except (UnicodeError, LookupError, ValueError):
        raise BadFile(
            f"{name}, line {number}: {prop} is wrongly encoded: its quoted-printable "
            f"text is not valid {charset}."
        ) from None


def _plain(text: str, name: str) -> tuple[str, list[int]]:
    """Text vobject can read, and for each of its lines the line number in the file."""
    text = text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    out: list[str] = []
    numbers: list[int] = []
    i = 0
    while i < len(lines):
        line, first = lines[i], i + 1
        if _BINARY.match(line):  # pictures, sounds and keys: never imported, so never read
            i += 1
            while i < len(lines) and lines[i][:1] in (" ", "\t"):
                i += 1
            continue
        if "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper():
            while line.endswith("=") and i + 1 < len(lines):
                i += 1
                line = line[:-1] + lines[i]
            _check_quoted(line, first, name)
        if line.strip():
            out.append(line)
            numbers.append(first)
        i += 1
    return "\n".join(out), numbers


def _types(line: ContentLine) -> set[str]:
    found = {str(t).upper() for t in line.params.get("TYPE", [])}
    found |= {str(t).upper() for t in getattr(line, "singletonparams", [])}
    return {part for t in found for part in t.split(",")}


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        raise ValueError("binary")
    if isinstance(value, list):
        return ", ".join(str(v).strip() for v in value if str(v).strip())
    return str(value)


def _lines(card: Component, name: str) -> list[ContentLine]:
    return [c for c in card.contents.get(name.lower(), []) if isinstance(c, ContentLine)]


def _pick(found: list[tuple[str, set[str]]], prefer: str) -> int:
    """The main one: preferred, else of the kind wanted, else the first that is not a fax."""
    for wanted in ("PREF", prefer):
        for n, (_, kinds) in enumerate(found):
            if wanted in kinds and "FAX" not in kinds:
                return n
    return next((n for n, (_, kinds) in enumerate(found) if "FAX" not in kinds), 0)


def _address(card: Component, where: str) -> str:
    for line in _lines(card, "adr"):
        a: Any = line.value
        parts = [a.box, a.extended, a.street, a.city, a.region, a.code, a.country]
        lines = [_text(p) for p in parts if _text(p).strip()]
        if lines:
            return clean.text("\n".join(lines), "address", where)
    for line in _lines(card, "label"):
        return clean.text(_text(line.value), "address", where)
    return ""


def _card(card: Component, where: str, name_of_file: str) -> Item | Skipped:
    def one(prop: str, field: str) -> str:
        for line in _lines(card, prop):
            value = clean.one_line(_text(line.value), field, where)
            if value:
                return value
        return ""

    org = one("org", "organisation")
    name = one("fn", "name")
    if not name:
        for line in _lines(card, "n"):
            n: Any = line.value
            bits = [_text(n.prefix), _text(n.given), _text(n.additional), _text(n.family)]
            name = clean.one_line(" ".join(b for b in bits if b), "name", where)
    name = name or org
    if not name:
        return Skipped("A card", where, "it has no name")
    categories = [c for line in _lines(card, "categories") for c in _list(line.value)]
    own = any(c.strip() == "Care team" for c in categories)
    phones = [
        (clean.one_line(_text(line.value), "phone", where), _types(line))
        for line in _lines(card, "tel")
    ]
    phones = [(p, k) for p, k in phones if p]
    emails = [
        (clean.one_line(_text(line.value), "email", where), _types(line))
        for line in _lines(card, "email")
    ]
    emails = [(e, k) for e, k in emails if e]
    notes = [clean.text(_text(line.value), "notes", where) for line in _lines(card, "note")]
    if own:
        notes = ["\n".join(x for x in n.split("\n") if not _MYCARE_LINES.match(x)) for n in notes]
    extra: list[str] = []
    phone = email = ""
    if phones:
        main = _pick(phones, "WORK" if org else "CELL")
        phone = phones[main][0]
        for at, (number, kinds) in enumerate(phones):
            if at != main and number != phone:
                word = next((w for k, w in PHONE_WORDS.items() if k in kinds), "Phone")
                extra.append(f"{'Fax' if 'FAX' in kinds else word}: {number}")
    if emails:
        main = _pick(emails, "WORK")
        email = emails[main][0]
        extra += [f"Email: {e}" for at, (e, _) in enumerate(emails) if at != main]
    sector = named_sector(categories) if own else None
    sector = sector or guess_sector(org)
    values: dict[str, Any] = {
        "name": name,
        "organisation": org,
        "role": one("title", "role") or ("" if own else one("role", "role")),
        "phone": phone,
        "email": email,
        "address": _address(card, where),
        "notes": clean.text("\n".join(x for x in [*notes, *extra] if x.strip()), "notes", where),
        "sector": sector or "other",
    }
    uid = one("uid", "source_id")
    source = uid or f"{name}|{phone or email}"
    item = Item("contact", source, values, where, sector_guessed=sector is not None)
    if sector is None:
        item.notes.append("sector not clear from the card: set to other")
    return item


def _list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def parse_cards(text: str, name: str) -> Parsed:
    """Every card in a vCard file, as care team members to bring in."""
    plain, numbers = _plain(text, name)
    if not plain.rstrip().upper().endswith("END:VCARD"):
        raise BadFile(
            f"{name}, line {len(text.rstrip().splitlines())}: the last card stops before "
            "END:VCARD; the file is truncated or damaged."
        )
    starts = [
        numbers[n]
        for n, line in enumerate(plain.split("\n"))
        if line.upper().startswith("BEGIN:VCARD")
    ]
    parsed = Parsed("address book", name)
    try:
        cards = list(vobject.readComponents(plain, allowQP=True))
    except ParseError as exc:
        at = getattr(exc, "lineNumber", None)
        line = numbers[at - 1] if isinstance(at, int) and 0 < at <= len(numbers) else None
        where = f"{name}, line {line}" if line else name
        raise BadFile(f"{where}: this card cannot be read ({_why(exc)}).") from None
    except (UnicodeError, ValueError, LookupError, TypeError) as exc:
        raise BadFile(f"{name}: a card's text is wrongly encoded ({_why(exc)}).") from None
    for n, card in enumerate(cards):
        where = f"{name}, line {starts[n]}" if n < len(starts) else f"{name}, card {n + 1}"
        if card.name.upper() != "VCARD":
            continue
        try:
            found = _card(card, where, name)
        except (UnicodeError, ValueError, LookupError, AttributeError) as exc:
            raise BadFile(f"{where}: this card's text is wrongly encoded ({_why(exc)}).") from None
        (parsed.skipped if isinstance(found, Skipped) else parsed.items).append(found)  # type: ignore[arg-type]
    return parsed


def _why(exc: Exception) -> str:
    return " ".join(str(exc).split())[:100] or type(exc).__name__
