"""How strong a new passphrase looks, in plain words."""

from __future__ import annotations

import math

MIN_LENGTH = 8
COMMON = {"password", "passphrase", "123456", "qwerty", "letmein", "iloveyou", "welcome"}


def strength(passphrase: str) -> tuple[int, str]:
    """A rough 0–4 score and a one-line verdict; length counts for most."""
    if len(passphrase) < MIN_LENGTH:
        return 0, f"Too short: use at least {MIN_LENGTH} characters."
    lowered = passphrase.casefold()
    if any(word in lowered for word in COMMON) or len(set(passphrase)) < 4:
        return 1, "Easy to guess: avoid common words and repeats."
    pool = 0
    pool += 26 if any(c.islower() for c in passphrase) else 0
    pool += 26 if any(c.isupper() for c in passphrase) else 0
    pool += 10 if any(c.isdigit() for c in passphrase) else 0
    pool += 33 if any(not c.isalnum() for c in passphrase) else 0
    bits = len(passphrase) * math.log2(max(pool, 26))
    if bits < 50:
        return 2, "Fair: a few more words would make it much stronger."
    if bits < 80:
        return 3, "Good."
    return 4, "Strong."
