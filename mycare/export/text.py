"""The summary as plain text, wrapped for a terminal or the body of an email."""

from __future__ import annotations

import textwrap

from .blocks import Block, Fields, Item, Items, Para, Sub, one_line, visible
from .layout import layout
from .summary import Summary

WIDTH = 78


def _wrap(text: str, first: str, rest: str) -> list[str]:
    """Wrap each line of text, the first behind `first`, the others behind `rest`."""
    out: list[str] = []
    for line in visible(text).split("\n"):
        if not line.strip():
            continue
        prefix = first if not out else rest
        out += textwrap.wrap(
            line.strip(),
            WIDTH,
            initial_indent=prefix,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
    return out or [first.rstrip()]


def _item(item: Item, marker: str) -> list[str]:
    pad = " " * len(marker)
    lines = _wrap(item.title, marker, pad)
    for detail in item.details:
        lines += _wrap(detail, pad, pad) if detail.strip() else []
    for text, done in item.checks:
        lines += _wrap(text, f"{pad}[{'x' if done else ' '}] ", pad + "    ")
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, Sub):
        heading = one_line(block.text)
        if block.level == 3:
            return [heading, "-" * min(len(heading), WIDTH)]
        return [heading + ":"]
    if isinstance(block, Para):
        return [*_wrap(f"({block.text})" if block.quiet else block.text, "", ""), ""]
    if isinstance(block, Fields):
        width = max(len(label) for label, _ in block.rows) + 2
        out: list[str] = []
        for label, value in block.rows:
            out += _wrap(value, f"{label}:".ljust(width), " " * width)
        return [*out, ""]
    assert isinstance(block, Items)
    out = []
    for number, item in enumerate(block.items, start=1):
        out += _item(item, f"{number}. " if block.numbered else "* ")
    return [*out, ""]


def render_text(summary: Summary) -> str:
    """The whole summary as plain text."""
    doc = layout(summary)
    title = one_line(doc.title)
    out = [title, "=" * min(len(title), WIDTH), doc.byline, *_wrap(doc.note, "", ""), ""]
    for part in doc.parts:
        heading = one_line(part.heading).upper()
        out += ["", heading, "=" * min(len(heading), WIDTH), ""]
        for block in part.blocks:
            out += _block(block)
    return "\n".join(out).rstrip() + "\n"
