"""Turning a passphrase into a key: Argon2id with bounded, recorded parameters."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

ARGON2ID = 1

# Bounds checked before the KDF runs, so a hostile header cannot make us allocate
# gigabytes or spin for minutes: at most 1 GiB, and at most 1 GiB-pass of work in all
# (memory times passes; the default, 64 MiB times 3, is under a fifth of it), so a
# header at the limits unlocks in seconds.
MIN_MEMORY_KIB = 8
MAX_MEMORY_KIB = 1024 * 1024
MAX_ITERATIONS = 16
MAX_LANES = 16
MAX_WORK_KIB = 1024 * 1024  # memory_kib * iterations


@dataclass(frozen=True)
class KdfParams:
    """Argon2id settings stored in the file header."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4
    kdf_id: int = ARGON2ID

    def is_sane(self) -> bool:
        """True when the settings are within the bounds mycare will run."""
        return (
            self.kdf_id == ARGON2ID
            and 1 <= self.lanes <= MAX_LANES
            and 1 <= self.iterations <= MAX_ITERATIONS
            and max(MIN_MEMORY_KIB, 8 * self.lanes) <= self.memory_kib <= MAX_MEMORY_KIB
            and self.memory_kib * self.iterations <= MAX_WORK_KIB
        )


DEFAULT_KDF = KdfParams()
# Cheap settings for tests only; never the default anywhere.
TEST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)


def normalise(passphrase: str) -> bytes:
    """NFC-normalise so the same passphrase typed on any keyboard gives the same key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """Derive the 256-bit key-encryption key; params must already be checked."""
    if not params.is_sane():
        raise ValueError("KDF parameters out of bounds")
    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(normalise(passphrase))
