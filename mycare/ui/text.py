"""Turning the person's words into screen text that can never be read as markup."""

from __future__ import annotations

from textual.content import Content


def plain(text: object) -> Content:
    """The text exactly as typed, on one line (line breaks shown as ' / ')."""
    return Content(" / ".join(str(text).splitlines()) if text is not None else "")


def styled(*parts: str | tuple[str, str] | Content) -> Content:
    """Join plain pieces and (text, style) pairs; plain strings are never parsed as markup."""
    return Content.assemble(*parts)


def bar(score: int | None, width: int = 10) -> Content:
    """A 0–10 progress bar drawn in blocks."""
    if score is None:
        return styled(("no check-in yet", "dim"))
    filled = round(width * score / 10)
    return styled(("█" * filled, "$success"), ("░" * (width - filled), "dim"), f" {score}/10")


def fit(width: int, main: Content, keep: Content | None = None) -> Content:
    """`main` then `keep` in at most `width` cells: `main` gives way with an ellipsis."""
    keep = keep or Content("")
    room = width - keep.cell_length
    if main.cell_length <= room:
        return Content.assemble(main, keep)
    if room < 2:
        return Content.assemble(main, keep).truncate(max(width, 1), ellipsis=True)
    return Content.assemble(main.truncate(room, ellipsis=True), keep)
