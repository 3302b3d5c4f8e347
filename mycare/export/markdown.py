"""The summary as Markdown, for email and for reading in a terminal.

Every piece of the person's text is backslash-escaped, so it reads as typed and can never
turn into a link, raw HTML or a heading when the Markdown is rendered.
"""

from __future__ import annotations

import re

from .blocks import Block, Fields, Item, Items, Para, Sub, one_line, visible
from .layout import layout
from .summary import Summary

_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\s*)([-=+>#]|\d+[.)])")


def escape(text: str, indent: str = "") -> str:
    """Markdown-safe text; its own line breaks become hard breaks at the given indent."""
    lines = []
    for line in visible(text).split("\n"):
        line = _INLINE.sub(r"\\\1", line.strip())
        lines.append(_LINE_START.sub(lambda m: m[1] + "\\" + m[2], line))
    return ("  \n" + indent).join(line for line in lines if line) or ""


def _heading(text: str) -> str:
    return re.sub(r"([#\\`*_\[\]<>|~&])", r"\\\1", one_line(text))


def _item(item: Item, marker: str) -> list[str]:
    pad = " " * len(marker)
    title = escape(item.title, pad)
    first = marker + (f"**{title}**" if item.strong and title else title)
    lines = [first]
    for detail in item.details:
        text = escape(detail, pad)
        if text:
            lines[-1] += "  "
            lines.append(pad + text)
    for text, done in item.checks:
        lines.append(f"{pad}- [{'x' if done else ' '}] {escape(text, pad + '      ')}")
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, Sub):
        return ["#" * block.level + " " + _heading(block.text), ""]
    if isinstance(block, Para):
        text = escape(block.text)
        return [f"*{text}*" if block.quiet else text, ""]
    if isinstance(block, Fields):
        rows = [f"- **{_heading(label)}:** {escape(value, '  ')}" for label, value in block.rows]
        return [*rows, ""]
    assert isinstance(block, Items)
    out: list[str] = []
    for number, item in enumerate(block.items, start=1):
        out += _item(item, f"{number}. " if block.numbered else "- ")
    return [*out, ""]


def render_markdown(summary: Summary) -> str:
    """The whole summary as a Markdown document."""
    doc = layout(summary)
    out = [f"# {_heading(doc.title)}", "", escape(doc.byline) + "  ", f"*{escape(doc.note)}*", ""]
    for part in doc.parts:
        out += [f"## {_heading(part.heading)}", ""]
        for block in part.blocks:
            out += _block(block)
    return "\n".join(out).rstrip() + "\n"
