"""Guessing a care team member's sector from the organisation's name, where it is plain."""

from __future__ import annotations

import re

from ..vocab import SECTORS

# Checked in order: the first whole word or phrase found decides.
_WORDS: tuple[tuple[str, str], ...] = (
    ("nhs", "health"),
    ("hospital", "health"),
    ("surgery", "health"),
    ("medical", "health"),
    ("health centre", "health"),
    ("health center", "health"),
    ("clinic", "health"),
    ("infirmary", "health"),
    ("pharmacy", "health"),
    ("chemist", "health"),
    ("dental", "health"),
    ("dentist", "health"),
    ("optician", "health"),
    ("hospice", "health"),
    ("ambulance", "health"),
    ("physiotherapy", "health"),
    ("council", "social care"),
    ("social services", "social care"),
    ("social care", "social care"),
    ("social work", "social care"),
    ("adult services", "social care"),
    ("home care", "social care"),
    ("care agency", "social care"),
    ("charity", "voluntary & community"),
    ("foundation", "voluntary & community"),
    ("society", "voluntary & community"),
    ("association", "voluntary & community"),
    ("church", "voluntary & community"),
    ("support group", "voluntary & community"),
    ("carers", "voluntary & community"),
    ("age uk", "voluntary & community"),
)


def guess_sector(*texts: str) -> str | None:
    """The sector an organisation's name makes plain ('Elm Tree Surgery' → health), or None."""
    for text in texts:
        words = " ".join(re.findall(r"[a-z0-9]+", text.casefold()))
        for word, sector in _WORDS:
            if re.search(rf"\b{re.escape(word)}\b", words):
                return sector
    return None


# the plain words mycare's own address-book export writes for each sector
SECTOR_WORDS = {
    "voluntary and community groups": "voluntary & community",
    "family and friends": "family & friends",
    "others": "other",
}


def named_sector(categories: list[str]) -> str | None:
    """A sector written out as a category (as mycare's own address-book export does)."""
    for category in categories:
        said = " ".join(category.casefold().split())
        if said in SECTORS:
            return said
        if said in SECTOR_WORDS:
            return SECTOR_WORDS[said]
    return None
