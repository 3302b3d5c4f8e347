"""The plain building blocks of a readable summary, and small helpers for the person's text."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sub:
    """A heading inside a section (level 3, or 4 beneath another)."""

    text: str
    level: int = 3


@dataclass(frozen=True)
class Para:
    """A paragraph; quiet ones say that something is missing."""

    text: str
    quiet: bool = False


@dataclass(frozen=True)
class Fields:
    """Label and value pairs."""

    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Item:
    """One entry in a list: a title, detail lines and an optional checklist."""

    title: str
    details: list[str] = field(default_factory=list)
    checks: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def strong(self) -> bool:
        """Whether the title heads further lines (and so is shown in bold)."""
        return bool(self.details or self.checks)


@dataclass(frozen=True)
class Items:
    items: list[Item]
    numbered: bool = False


Block = Sub | Para | Fields | Items


@dataclass(frozen=True)
class Part:
    """One section of the summary."""

    key: str
    heading: str
    blocks: list[Block]


@dataclass(frozen=True)
class Document:
    title: str
    byline: str
    note: str
    parts: list[Part]


_CONTROL = {c: "\N{REPLACEMENT CHARACTER}" for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))}
for _keep in (0x09, 0x0A):
    del _CONTROL[_keep]


def visible(text: str) -> str:
    """Text with line ends made plain and other control characters shown as �."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL)


def one_line(text: str) -> str:
    """Visible text folded onto one line, for headings."""
    return " ".join(visible(text).split())


PREFIXES = {
    "dr",
    "dr.",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "mx",
    "prof",
    "prof.",
    "professor",
    "rev",
    "rev.",
    "sister",
    "nurse",
}


def split_name(name: str) -> tuple[str, str, str]:
    """(prefix, given names, family name) from a name as written; the last word is the family."""
    words = one_line(name).split()
    if not words:
        return "", "", ""
    prefix = []
    while len(words) > 1 and words[0].casefold() in PREFIXES:
        prefix.append(words.pop(0))
    if len(words) == 1:
        return " ".join(prefix), "", words[0]
    return " ".join(prefix), " ".join(words[:-1]), words[-1]
