"""The README's pictures: the main screens of the demo record, as SVG and PNG.

    python assets/make.py [--size 100x30]

Fills a demo store in a temporary folder (a fictional person; nothing of yours is read), opens
it in the real app under Textual's Pilot and saves each screen here. PNGs need rsvg-convert
(Debian/Ubuntu: librsvg2-bin); without it only the SVGs are written.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
PASSPHRASE = "demo pictures only"
NOW = datetime(2026, 11, 22, 10, 45)  # the demo's story is told around this morning

# (file name, keys pressed from Home, what it shows)
SHOTS = (
    ("home", "", "Home: who is in charge, what is next, what is coming up, my goals"),
    ("appointments", "2", "Appointments, with the questions waiting for each"),
    ("team", "3", "The care team, and who is in charge"),
    ("share", "ctrl+e", "Sharing a summary before an appointment"),
    ("help", "question_mark", "Every key, explained"),
)


# The home of a record just made: what to do first, with the keys to press.
FIRST_RUN = ("first-run", "", "A new record's home: what to do first")


async def shoot(
    store: Path, size: tuple[int, int], shots: tuple[tuple[str, str, str], ...] = SHOTS
) -> list[Path]:
    from textual.widgets import Input

    from mycare.care import people
    from mycare.ui.app import MycareApp

    app = MycareApp(store, me="Demo")
    written = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.screen.query_one("#passphrase", Input).value = PASSPHRASE
        await pilot.press("enter")
        while app.record is None:
            await pilot.pause(0.05)
        assert app.record is not None
        everyone = people.people(app.record)
        app.person = next((p for p in everyone if "Peggy" in p.name), everyone[0])
        for name, keys, _ in shots:
            await pilot.press("escape", "1")
            if keys:
                await pilot.press(keys)
            await _settled(app, pilot)
            app.clear_notifications()
            await pilot.pause(0.3)
            svg = HERE / f"{name}.svg"
            app.save_screenshot(filename=svg.name, path=str(HERE))
            written.append(svg)
        await pilot.press("ctrl+q")
    return written


async def _settled(app: object, pilot: object) -> None:
    await pilot.pause(0.2)  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.pause(0.2)  # type: ignore[attr-defined]


def main() -> int:
    ask = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ask.add_argument("--size", default="100x30", help="columns x rows (default 100x30)")
    args = ask.parse_args()
    cols, rows = (int(n) for n in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("MYCARE_SETTINGS_DIR", folder)
        os.environ["HOME"] = "/home/you"  # the share screen suggests a file in your home
        from mycare.care import clock, people
        from mycare.care.demo import fill_demo
        from mycare.care.files import KdfParams
        from mycare.care.record import CareRecord

        clock.now = lambda: NOW
        store = Path(folder) / "demo.mycare"
        quick = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)  # pictures, not secrets
        record = CareRecord.create(store, PASSPHRASE, kdf=quick)
        try:
            fill_demo(record, date(2026, 11, 22))
        finally:
            record.close()
        written = asyncio.run(shoot(store, (cols, rows)))
        fresh = Path(folder) / "first-run.mycare"
        record = CareRecord.create(fresh, PASSPHRASE, kdf=quick)
        try:
            people.add_person(record, "Sam Taylor")
        finally:
            record.close()
        written += asyncio.run(shoot(fresh, (cols, rows), (FIRST_RUN,)))
    convert = shutil.which("rsvg-convert")
    for svg in written:
        if convert:
            subprocess.run([convert, "-o", str(svg.with_suffix(".png")), str(svg)], check=True)
        print(f"wrote {svg.relative_to(HERE.parent)}" + (" and .png" if convert else ""))
    if not convert:
        print("rsvg-convert was not found, so no PNGs (install librsvg2-bin).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
