"""Sharing a summary of a person's care, in the form and to the extent they choose.

Importing this package is cheap (the command line's help lists the formats): rendering and
the summary are loaded on first use, and each format's library only when it is rendered.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .formats import BY_NAME, SUMMARY_FORMATS, Format

if TYPE_CHECKING:
    from .sharing import FORMATS, SUFFIXES, render, render_apart, render_summary
    from .summary import SECTIONS, Summary, build_summary
    from .writing import write_export

__all__ = [
    "BY_NAME",
    "FORMATS",
    "SECTIONS",
    "SUFFIXES",
    "SUMMARY_FORMATS",
    "Format",
    "Summary",
    "build_summary",
    "render",
    "render_apart",
    "render_summary",
    "write_export",
]

_LAZY = {
    "FORMATS": "sharing",
    "SUFFIXES": "sharing",
    "render": "sharing",
    "render_apart": "sharing",
    "render_summary": "sharing",
    "write_export": "writing",
    "SECTIONS": "summary",
    "Summary": "summary",
    "build_summary": "summary",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
