"""Fonts for every script in a PDF: the bundled DejaVu first, then the computer's own.

DejaVu Sans draws Latin, Greek, Cyrillic, Hebrew, Arabic and many symbols. For characters it
lacks (Chinese, Devanagari, Thai, …) fontconfig is asked which installed fonts cover them
(`fc-match -s`, best first), and each candidate's character map is read until every
character has a font. A character no font on the computer has is drawn as MARKER, and the
export names it in one line, so nothing drops out unseen.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MARKER = "\u25a1"  # □, in DejaVu Sans: drawn where no font has the character
KINDS = (".ttf", ".otf", ".ttc")  # what fpdf2 can embed
MOST_FONTS = 24  # candidates read before giving up on the characters left
SHOWN = 40  # characters named in the message


@dataclass(frozen=True)
class FontFile:
    """An installed font: its file and, in a collection (.ttc), which face."""

    path: str
    index: int = 0


def _fontconfig(chars: str) -> list[FontFile]:
    """Installed fonts, those covering most of the characters first; none without fc."""
    charset = " ".join(f"{ord(ch):x}" for ch in chars)
    try:
        done = subprocess.run(
            ["fc-match", "-s", "--format", "%{file}\t%{index}\n", f":charset={charset}"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in done.stdout.splitlines():
        path, _, index = line.partition("\t")
        if path.lower().endswith(KINDS) and Path(path).is_file():
            found.append(FontFile(path, int(index) if index.isdigit() else 0))
    return found


@lru_cache(maxsize=32)
def characters_of(font: FontFile) -> frozenset[int]:
    """The characters a font file has glyphs for (empty if it cannot be read)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    try:
        with TTFont(font.path, fontNumber=font.index, lazy=True) as opened:
            best = opened["cmap"].getBestCmap() or {}
    except Exception:  # noqa: BLE001 - a damaged or unusual font is simply not used
        return frozenset()
    return frozenset(best)


def fonts_for(missing: frozenset[str]) -> tuple[tuple[FontFile, frozenset[str]], ...]:
    """Installed fonts that draw the missing characters, each with those it draws."""
    return _fonts_for(missing, os.environ.get("FONTCONFIG_FILE", ""))


@lru_cache(maxsize=64)
def _fonts_for(missing: frozenset[str], config: str) -> tuple[tuple[FontFile, frozenset[str]], ...]:
    """fonts_for, remembered for each fontconfig configuration in use."""
    left = set(missing)
    chosen: list[tuple[FontFile, frozenset[str]]] = []
    for tried, font in enumerate(_fontconfig("".join(sorted(left)))):
        if not left or tried >= MOST_FONTS:
            break
        has = characters_of(font)
        drawn = frozenset(ch for ch in left if ord(ch) in has)
        if drawn:
            chosen.append((font, drawn))
            left -= drawn
    return tuple(chosen)


def unprintable_line(chars: set[str], named: bool = True) -> str:
    """The one line that says which characters could not be printed (by code alone where
    the characters themselves cannot be shown)."""
    shown = " ".join(
        f"{ch} (U+{ord(ch):04X})" if named else f"U+{ord(ch):04X}" for ch in sorted(chars)[:SHOWN]
    )
    more = f" and {len(chars) - SHOWN} more" if len(chars) > SHOWN else ""
    return (
        f"Some characters could not be printed (no font on this computer has them), "
        f"shown as {MARKER} in the PDF: {shown}{more}."
    )
