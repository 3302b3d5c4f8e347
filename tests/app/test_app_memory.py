"""The garbage collector's full passes wait until the person pauses (they hold the screen)."""

from __future__ import annotations

import gc

from mycare.care import collector
from mycare.ui import memory


async def test_no_full_collection_while_typing_then_one_in_a_pause(demo_store, ui, garbage):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        before = garbage.full_passes()
        for _ in range(30):  # far more than automatic collection would allow
            garbage.make_cycles(20_000)
            await pilot.press("2")  # moving about, so never a pause
            app.collector.tick()
        assert garbage.full_passes() == before
        assert app.collector.due()
        await ui.settle(pilot)  # the lists have loaded
        app.collector.tick()
        assert garbage.full_passes() == before  # the last list only just arrived: not a pause yet
        app.last_activity -= memory.QUIET_SECONDS + 1  # nobody touched a key for a moment
        app.collector.last_busy -= memory.QUIET_SECONDS + 1  # and nothing came in since
        passes = app.collector.passes
        app.collector.tick()
        assert app.collector.passes == passes + 1
        assert not app.collector.due()  # nothing waits now: no second pass in the same pause
        app.collector.tick()
        assert app.collector.passes == passes + 1
        await ui.quit(pilot)
    assert gc.get_threshold()[2] < collector.NEVER  # as before once the app has gone


class Tracked:
    """An object the test can watch being freed."""


def _in_oldest_generation(n: int) -> list[object]:
    """n tracked objects, moved by two middle passes into the oldest generation."""
    objects: list[object] = [[] for _ in range(n)]
    gc.collect(1)
    gc.collect(1)
    return objects


def test_a_pause_walks_a_small_pile_and_sets_a_large_one_aside(monkeypatch, garbage):
    import weakref

    clock = [1000.0]
    monkeypatch.setattr(memory.time, "monotonic", lambda: clock[0])
    quiet = memory.QuietCollector(lambda: 1000.0, lambda: False)
    quiet.start()
    try:
        gc.freeze()  # what the test process held before
        kept: list[object] = [Tracked()]
        kept.append(kept)
        kept.extend(_in_oldest_generation(10))
        watch = weakref.ref(kept[0])
        del kept  # garbage now, in the oldest generation: only a full pass finds it
        while not quiet.due():
            garbage.make_cycles(5_000)
        clock[0] += memory.QUIET_SECONDS + 0.1
        full = garbage.full_passes()
        quiet.tick()
        assert quiet.passes == 1 and quiet.set_aside_unwalked == 0
        assert garbage.full_passes() == full + 1 and watch() is None  # walked, and freed
        screens = _in_oldest_generation(memory.WALK_AT_MOST * 3)  # as many as screens just built
        while not quiet.due():
            garbage.make_cycles(5_000)
        full = garbage.full_passes()
        frozen = gc.get_freeze_count()
        quiet.tick()
        assert quiet.passes == 2 and quiet.set_aside_unwalked == 1
        assert garbage.full_passes() == full  # nothing walked them
        assert gc.get_freeze_count() >= frozen + len(screens)  # set aside, still alive
        assert not quiet.due()
    finally:
        quiet.stop()
        gc.unfreeze()


def test_a_pause_sets_survivors_aside_and_time_away_frees_them_once_dropped(monkeypatch, garbage):
    import weakref

    clock = [1000.0]
    monkeypatch.setattr(memory.time, "monotonic", lambda: clock[0])
    quiet = memory.QuietCollector(lambda: 1000.0, lambda: False)
    quiet.start()
    try:
        kept: list[object] = [Tracked()]
        kept.append(kept)  # a cycle, alive while `kept` is held
        watch = weakref.ref(kept[0])
        while not quiet.due():  # enough middle passes for a full one to be due
            garbage.make_cycles(5_000)
        clock[0] += memory.QUIET_SECONDS + 0.1
        frozen = gc.get_freeze_count()
        quiet.tick()
        assert quiet.passes == 1 and gc.get_freeze_count() > frozen  # survivors set aside
        del kept
        garbage.make_cycles(100)
        gc.collect()  # an ordinary pass does not walk what was set aside
        assert watch() is not None
        clock[0] += memory.AWAY_SECONDS
        quiet.tick()
        assert quiet.deep_passes == 1
        assert watch() is None  # freed once the person had stepped away
        quiet.tick()
        assert quiet.deep_passes == 1  # once per time away
    finally:
        quiet.stop()
        gc.unfreeze()
