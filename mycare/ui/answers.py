"""Typed answers of the small one-box forms several screens share."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextAnswer:
    """One line or paragraph of text: a question, a diary line, an answer."""

    text: str


@dataclass(frozen=True)
class NameAnswer:
    """A person's name."""

    name: str
