"""Printing stored text to a terminal safely and plainly."""

from __future__ import annotations

import os
import unicodedata
from argparse import Namespace

BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


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
        elif unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def plain_wanted(args: Namespace | None = None) -> bool:
    """Words only, no colour or symbols: --plain, NO_COLOR (any value) or TERM=dumb."""
    if args is not None and getattr(args, "plain", False):
        return True
    return "NO_COLOR" in os.environ or os.environ.get("TERM", "") == "dumb"
