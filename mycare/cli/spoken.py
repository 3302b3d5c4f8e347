"""Building blocks of linear text for screen readers and braille displays.

A section is a heading and paragraphs; a paragraph is sentences in full words, with the
short id the other commands take at its end. No boxes, columns or symbols.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from mycare.care.dates import format_date_spoken, format_relative_day

from .agenda import short_id
from .output import safe


@dataclass
class Section:
    """A heading and its paragraphs, printed one blank line apart."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)

    def add(self, *sentences: str, ref: object = None) -> None:
        """One item as one paragraph; empty sentences are left out."""
        words = [s if s.endswith((".", "?", "!")) else s + "." for s in sentences if s]
        if ref is not None:
            words.append(f"Id {short_id(ref)}.")
        if words:
            self.paragraphs.append(" ".join(words))

    def render(self, when_empty: str) -> str:
        body = self.paragraphs or [when_empty]
        return "\n\n".join([self.heading, *body])


def text(value: object) -> str:
    """Stored text as one run of sentences (its lines become sentences), made harmless.

    The last full stop is left off, for the caller's sentence to end it.
    """
    lines = [line.strip() for line in safe(value, one_line=False).split("\n")]
    lines = [line for line in lines if line]
    ended = [line if line.endswith((".", "?", "!", ":", ";")) else line + "." for line in lines]
    return " ".join(ended).rstrip(".")


def day(d: date, today: date) -> str:
    """'today', 'tomorrow', 'in 3 days', else the date in full words."""
    near = format_relative_day(d, today)
    return near if not near[:1].isupper() else format_date_spoken(d)


def moment(dt: datetime, today: date) -> str:
    """A day and time, e.g. 'tomorrow at 14:30'."""
    return f"{day(dt.date(), today)} at {dt:%H:%M}"


def count(n: int, noun: str) -> str:
    """'1 question', '3 questions', 'no questions'."""
    if n == 0:
        return f"no {noun}s"
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]
