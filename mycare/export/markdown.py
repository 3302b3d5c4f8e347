"""The summary as Markdown, for email and for reading in a terminal.

The person's text is escaped where CommonMark would read it as markup, and only there, so it
reads as typed and can never turn into a link, raw HTML, emphasis, a heading or a list when
rendered; "2.5 mg" or "Tom & Jerry" stay as they are.
"""

from __future__ import annotations

import re

from .blocks import Block, Fields, Item, Items, Para, Sub, one_line, visible
from .layout import layout
from .summary import Summary

_INLINE = re.compile(r"([\\`*_\[\]<])")  # code, emphasis, links, autolinks and raw HTML
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")  # &amp; &#38; would be read as a character
# What would start a block at the beginning of a line: a heading, a quote, a list item, a
# thematic break or setext underline, or a fenced code block.
_LINE_START = (
    (re.compile(r"^(#{1,6})(?=\s|$)"), r"\\\1"),
    (re.compile(r"^>"), r"\\>"),
    (re.compile(r"^([-+])(?=\s|$)"), r"\\\1"),
    (re.compile(r"^(\d{1,9})([.)])(?=\s|$)"), r"\1\\\2"),
    (re.compile(r"^([-=])(?=[-=\s]*$)"), r"\\\1"),
    (re.compile(r"^~(?=~~)"), r"\\~"),
)
_CLOSING_HASHES = re.compile(r"(\s)(#+)$")  # "Room #" would lose its "#" in a heading


def _inline(text: str) -> str:
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))


def escape(text: str, indent: str = "") -> str:
    """Markdown-safe text; its own line breaks become hard breaks at the given indent."""
    lines = []
    for line in visible(text).split("\n"):
        line = _inline(line.strip())
        for pattern, replacement in _LINE_START:
            line = pattern.sub(replacement, line)
        lines.append(line)
    return ("  \n" + indent).join(line for line in lines if line) or ""


def _heading(text: str) -> str:
    return _CLOSING_HASHES.sub(lambda m: m[1] + "\\" + m[2], _inline(one_line(text)))


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
