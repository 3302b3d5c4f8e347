"""Laying out the PDF's lines: measured from the fonts' own widths, shaped only where needed.

Most lines are letters that need no shaping, and fpdf2's text-shaping path costs about two
milliseconds a line; so a paragraph is shaped (uharfbuzz) only when its script needs it:
right-to-left text, Indic and South-East Asian scripts, joining or combining marks. Other
paragraphs are wrapped here from the glyph widths of the font that draws each character
(the bundled font, or a fallback found on the computer).
"""

from __future__ import annotations

import unicodedata

from fpdf.fonts import TTFFont as Font

# Scripts whose letters change shape or order with their neighbours.
_SHAPED = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, N'Ko and the like
    (0x0900, 0x0DFF),  # the Indic scripts
    (0x0E00, 0x0FFF),  # Thai, Lao, Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x1800, 0x18AF),  # Mongolian
    (0x200C, 0x200F),  # joiners and direction marks
    (0xA8E0, 0xA8FF),  # Devanagari extended
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFF),
    (0x1F1E6, 0x1F1FF),  # flags are pairs of letters
)


def needs_shaping(text: str) -> bool:
    """Whether any character of the text needs a shaping engine to be drawn right."""
    for ch in text:
        code = ord(ch)
        if code < 0x0300:
            continue
        if any(low <= code <= high for low, high in _SHAPED) or unicodedata.combining(ch):
            return True
    return False


def right_to_left(text: str) -> bool:
    """Whether the paragraph's first strongly directional letter is written right to left."""
    for ch in text:
        direction = unicodedata.bidirectional(ch)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


class Measure:
    """Widths of text in mm, from the font that draws each character."""

    def __init__(self, fallbacks: list[Font], k: float) -> None:
        self.fallbacks = fallbacks
        self.k = k  # points per mm
        self._cache: dict[tuple[int, str], float] = {}
        self._widths: dict[int, dict[str, float]] = {}
        self._charsets: dict[int, set[str]] = {}

    def char(self, font: Font, ch: str) -> float:
        """One character's width in thousandths of the font size."""
        key = (id(font), ch)
        found = self._cache.get(key)
        if found is None:
            code = ord(ch)
            found = 0.0
            for candidate in (font, *self.fallbacks):
                if code in candidate.cmap:
                    found = float(candidate.cw[code])
                    break
            self._cache[key] = found
        return found

    def runs(self, font: Font, text: str) -> list[tuple[int, str]]:
        """The text cut where the font drawing it changes: -1 for `font`, else the index
        of the fallback font."""
        if set(text) <= self._chars(font):
            return [(-1, text)]
        found: list[tuple[int, str]] = []
        for ch in text:
            code = ord(ch)
            which = -1
            if code not in font.cmap:
                which = next((n for n, f in enumerate(self.fallbacks) if code in f.cmap), -1)
            if found and found[-1][0] == which:
                found[-1] = (which, found[-1][1] + ch)
            else:
                found.append((which, ch))
        return found

    def _chars(self, font: Font) -> set[str]:
        found = self._charsets.get(id(font))
        if found is None:
            found = self._charsets[id(font)] = {chr(code) for code in font.cmap}
        return found

    def width(self, font: Font, size: float, text: str) -> float:
        widths = self._widths.setdefault(id(font), {})
        try:
            total = sum([widths[ch] for ch in text])
        except KeyError:
            for ch in text:
                widths[ch] = self.char(font, ch)
            total = sum([widths[ch] for ch in text])
        return total * size * 0.001 / self.k

    def wrap(self, font: Font, size: float, width: float, text: str) -> list[str]:
        """The text's lines at a width: broken at spaces, a word too long broken where it
        must be, line ends kept."""
        lines: list[str] = []
        space = self.width(font, size, " ")
        for paragraph in text.split("\n"):
            line: str | None = None
            used = 0.0
            for word in paragraph.split(" "):
                wide = self.width(font, size, word)
                if line is not None and used + space + wide <= width:
                    line, used = f"{line} {word}", used + space + wide
                    continue
                if line is not None:
                    lines.append(line)
                while wide > width and len(word) > 1:
                    cut = self._fits(font, size, width, word)
                    lines.append(word[:cut])
                    word = word[cut:]
                    wide = self.width(font, size, word)
                line, used = word, wide
            lines.append(line or "")
        return lines

    def _fits(self, font: Font, size: float, width: float, word: str) -> int:
        used = 0.0
        for n, ch in enumerate(word):
            used += self.char(font, ch) * size * 0.001 / self.k
            if used > width:
                return max(1, n)
        return len(word)
