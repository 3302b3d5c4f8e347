"""Build the heavy store: ten years of care for three people, deterministic from a seed.

At scale 1.0: 150 contacts, 3,000 appointments (some repeating), 5,000 questions, 5,000 next
steps, 200 goals with 4,000 check-ins, 300 medicines and 10,000 diary entries. The whole diary
is the first person's (two or three lines a day for ten years), so the diary list is measured
at its worst. Nothing reads the clock: every date counts back from BASE_DATE.

    python benchmarks/make_store.py --out heavy.mycare [--seed 1] [--quick]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from maker import BASE, BASE_DATE, DAYS, FULL, Maker  # noqa: E402

from mycare.care.record import CareRecord  # noqa: E402
from mycare.vault import DEFAULT_KDF, TEST_KDF, KdfParams  # noqa: E402

__all__ = ["BASE", "BASE_DATE", "DAYS", "FULL", "PASSPHRASE", "QUICK_SCALE", "build"]
PASSPHRASE = "benchmark passphrase"
QUICK_SCALE = 0.05


def build(
    path: Path,
    *,
    seed: int = 1,
    scale: float = 1.0,
    kdf: KdfParams = DEFAULT_KDF,
    passphrase: str = PASSPHRASE,
) -> dict[str, int]:
    """Create the store at path (which must not exist); the live records of each kind."""
    maker = Maker(seed, scale)
    record = CareRecord.create(Path(path), passphrase, kdf)
    try:
        record.after_commit = lambda: None  # one save at the end, not one per record
        with record.changing() as session:
            for batch in maker.batches():
                session.add_all(batch)
                session.flush()
        record.after_commit = record.save
        record.save()
        return record.counts()
    finally:
        record.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the new store file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help=f"scale {QUICK_SCALE} for CI")
    parser.add_argument("--test-kdf", action="store_true", help="cheap KDF (tests only)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = build(args.out, seed=args.seed, scale=QUICK_SCALE if args.quick else 1.0,
                   kdf=TEST_KDF if args.test_kdf else DEFAULT_KDF)  # fmt: skip
    for kind, count in counts.items():
        print(f"{kind:>20} {count:>7,}")
    print(f"built {args.out} in {time.perf_counter() - started:.1f} s; passphrase {PASSPHRASE!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
