"""Printing stored text to a terminal safely and plainly."""

from __future__ import annotations

import sys
import unicodedata


def safe(text: object, one_line: bool = True) -> str:
    """Text with control characters made visible, so stored words cannot drive the terminal."""
    out = []
    for ch in str(text):
        if ch == "\n" and not one_line:
            out.append(ch)
        elif ch in "\n\r\u2028\u2029":
            out.append(" / ")
        elif ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) == "Cc":
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return "".join(out)


def say(*parts: object) -> None:
    print(*parts)


def warn(message: str) -> None:
    print(message, file=sys.stderr)
