"""Drive the real app with Pilot on a store and time what a person waits for.

    python benchmarks/ui_probe.py STORE PASSPHRASE EDITS   (prints one JSON line)

Run as a fresh subprocess for every run. A frame counts as painted when the app hands it
to its driver (``App._display``, wrapped here): the compositor has already rendered it by
then; under Pilot the headless driver then discards it instead of writing to a terminal.
"""

from __future__ import annotations

import asyncio
import gc
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from bare_app import peak_mib
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select

from mycare.care import clock, diary, records
from mycare.care.record import CareRecord
from mycare.store import DiaryEntry
from mycare.ui.app import MycareApp
from mycare.ui.screens.home import HomeScreen, HomeView

NOW = datetime(2026, 11, 22, 10, 45)  # the heavy store's base date
TICK = 0.002
marks: dict[str, float] = {}


def _instrument(app: MycareApp, watch: dict[str, Callable[[Screen[Any]], bool]]) -> None:
    """Note the first painted frame that satisfies each watched condition."""
    shown = app._display

    def display(screen: Screen[Any], renderable: Any) -> None:
        shown(screen, renderable)
        if renderable is None or app._batch_count:
            return
        now = time.perf_counter()
        for key, painted in list(watch.items()):
            if painted(screen):
                marks[key] = now
                del watch[key]

    app._display = display  # type: ignore[method-assign]

    opening = CareRecord.open.__func__  # type: ignore[attr-defined]

    def timed_open(cls: type[CareRecord], path: Path, passphrase: str) -> CareRecord:
        started = time.perf_counter()
        try:
            return opening(cls, path, passphrase)
        finally:
            marks["open"] = time.perf_counter() - started

    CareRecord.open = classmethod(timed_open)  # type: ignore[method-assign,assignment]
    drawing = HomeScreen.show_panels

    def show_panels(self: HomeScreen, view: HomeView) -> None:
        drawing(self, view)
        marks.setdefault("panels", time.perf_counter())

    HomeScreen.show_panels = show_panels  # type: ignore[method-assign]
    unlocked = app.unlocked

    def timed_unlocked(record: CareRecord) -> None:
        marks["unlocked"] = time.perf_counter()
        unlocked(record)

    app.unlocked = timed_unlocked  # type: ignore[method-assign]


def _section_with_rows(key: str) -> Callable[[Screen[Any]], bool]:
    def painted(screen: Screen[Any]) -> bool:
        if getattr(screen, "key", None) != key:
            return False
        tables = screen.query(DataTable)
        return bool(tables) and tables.first().row_count > 0

    return painted


async def _until(key: str, timeout: float = 120.0) -> float:
    deadline = time.perf_counter() + timeout
    while key not in marks:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"never painted: {key}")
        await asyncio.sleep(0.001)
    return marks[key]


async def _ticker(gaps: list[tuple[float, float]], stop: asyncio.Event) -> None:
    """Tick every 2 ms on the app's event loop; each gap is how long the loop was away."""
    last = time.perf_counter()
    while not stop.is_set():
        await asyncio.sleep(TICK)
        now = time.perf_counter()
        gaps.append((now, now - last))
        last = now


async def probe(store: Path, passphrase: str, edits: int) -> dict[str, float]:
    app = MycareApp(store)
    watch: dict[str, Callable[[Screen[Any]], bool]] = {
        "home": lambda s: isinstance(s, HomeScreen) and "panels" in marks,
    }
    _instrument(app, watch)
    out: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the warm-up imports, done while one types
        app.screen.query_one("#passphrase", Input).value = passphrase
        entered = time.perf_counter()
        await pilot.press("enter")
        out["unlock_to_home"] = await _until("home") - entered
        out["open"] = marks["open"]
        out["unlocked_to_home"] = marks["home"] - marks["unlocked"]
        await pilot.pause(0.2)
        for key, name in (("3", "team"), ("8", "diary")):
            watch[name] = _section_with_rows(key)
            pressed = time.perf_counter()
            await pilot.press(key)
            out[name] = await _until(name) - pressed
            await pilot.pause(0.2)

        record, person = app.record, app.person
        assert record is not None and person is not None
        newest = diary.entries(record, person, limit=1)[0]
        saved: list[float] = []
        on_saved = app.on_saved

        def counted() -> None:
            saved.append(time.perf_counter())
            on_saved()

        app.on_saved = counted  # type: ignore[method-assign]
        gaps: list[tuple[float, float]] = []
        stop = asyncio.Event()
        ticking = asyncio.create_task(_ticker(gaps, stop))
        await asyncio.sleep(1.0)  # the idle reference
        idle_end = time.perf_counter()
        latencies = []
        for n in range(edits):
            asked = time.perf_counter()
            # as a form handler would: the change on the loop, the save in a worker thread
            app.call_later(records.update, record, DiaryEntry, newest.id, text=f"Edited {n}.")
            deadline = asked + 60
            while len(saved) <= n and time.perf_counter() < deadline:
                await asyncio.sleep(TICK)
            latencies.append(saved[n] - asked)
        stop.set()
        await ticking
        out["stall_idle"] = max(g for t, g in gaps if t <= idle_end)
        out["stall_saving"] = max(g for t, g in gaps if t > idle_end)
        out["edit_to_saved"] = sorted(latencies)[len(latencies) // 2]
        out.update(await _moving_about(app, pilot))
        await pilot.press("ctrl+q")
    out["peak_rss_mb"] = peak_mib()
    return out


async def _moving_about(app: MycareApp, pilot: Any) -> dict[str, float]:
    """The longest loop stall while a person goes through every section, searches, and
    exports a PDF from the share screen and keeps moving while it is written."""
    gaps: list[tuple[float, float]] = []
    stop = asyncio.Event()
    ticking = asyncio.create_task(_ticker(gaps, stop))
    phases: list[tuple[float, str]] = []
    collections: list[float] = []  # the garbage collector's full passes, which hold the loop
    began: list[float] = [0.0]

    def collected(step: str, info: dict[str, int]) -> None:
        if step == "start":
            began[0] = time.perf_counter()
        elif info["generation"] == 2:
            collections.append(time.perf_counter() - began[0])

    gc.callbacks.append(collected)

    def phase(name: str) -> None:
        phases.append((time.perf_counter(), name))

    for key in "234567891":
        phase(f"section {key}")
        await pilot.press(key)
        await _settled(app)
    phase("search")
    await pilot.press("ctrl+p")
    await pilot.press(*"garden")
    await asyncio.sleep(1.0)  # the search runs as one types; results arrive
    await pilot.press("escape")
    await _settled(app)
    phase("share screen")
    await pilot.press("ctrl+e")
    await _settled(app)
    out = Path(tempfile.mkdtemp()) / "summary.pdf"
    app.screen.query_one("#format", Select).value = "pdf"
    await _settled(app)  # choosing a format suggests a file name; ours replaces it
    app.screen.query_one("#path", Input).value = str(out)
    phase("pdf export")
    await pilot.press("ctrl+e")
    for key in "ddddd":  # tick through the options while the PDF is written
        await pilot.press(key if key != "d" else "down")
    deadline = time.perf_counter() + 120
    while not out.exists() and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    await _settled(app)
    if not out.exists():
        where = app.screen.query_one("#where")
        raise RuntimeError(f"the PDF was not written: {type(app.screen).__name__} {where.render()}")
    await pilot.press("escape")
    await _settled(app)
    stop.set()
    await ticking
    gc.callbacks.remove(collected)
    worst = max(gaps, key=lambda tg: tg[1])

    def step_of(at: float, gap: float) -> str:
        """The step under way when a stall began."""
        return ([name for began, name in phases if began <= at - gap] or ["start"])[-1]

    by_phase: dict[str, float] = {}
    for at, gap in gaps:
        step = step_of(at, gap)
        by_phase[step] = max(by_phase.get(step, 0.0), gap)
    print(
        "longest stall in each step: "
        + ", ".join(f"{name} {gap * 1000:.0f}" for name, gap in by_phase.items()),
        file=sys.stderr,
    )
    print(f"longest stall moving about: {worst[1] * 1000:.0f} ms, in {step_of(*worst)}; "
          f"longest full garbage collection {max(collections, default=0) * 1000:.0f} ms",
          file=sys.stderr)  # fmt: skip
    return {
        "stall_moving": worst[1],
        "stall_moving_gc": max(collections, default=0.0),
        "moving_pdf_kb": out.stat().st_size / 1024,
    }


async def _settled(app: MycareApp) -> None:
    """Until every worker (section loads, home panels, previews) has finished."""
    await asyncio.sleep(0.05)
    await app.workers.wait_for_complete()
    await asyncio.sleep(0.05)


def main() -> int:
    store, passphrase, edits = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    clock.now = lambda: NOW  # the store's fixed "today", as the tests pin it
    print(json.dumps(asyncio.run(probe(store, passphrase, edits))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
