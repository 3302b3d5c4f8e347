"""Full garbage-collection passes wait while an export runs, and come back after it."""

from __future__ import annotations

import gc
import threading

from mycare.care import collector, transfer


def test_no_full_pass_during_a_job_and_the_threshold_comes_back(garbage) -> None:
    before_threshold = gc.get_threshold()
    before = garbage.full_passes()
    with collector.full_passes_held():
        for _ in range(40):  # far more than automatic collection allows between full passes
            garbage.make_cycles(20_000)
        assert garbage.full_passes() == before
        assert collector.full_pass_every() == before_threshold[2]
    assert gc.get_threshold() == before_threshold


def test_overlapping_holds_from_threads_restore_once_all_end() -> None:
    before = gc.get_threshold()
    entered, leave = threading.Barrier(3), threading.Event()

    def job() -> None:
        with collector.full_passes_held():
            entered.wait()
            leave.wait()

    threads = [threading.Thread(target=job) for _ in range(2)]
    for t in threads:
        t.start()
    entered.wait()
    assert gc.get_threshold()[2] == collector.NEVER
    leave.set()
    for t in threads:
        t.join()
    assert gc.get_threshold() == before


def test_the_records_file_is_written_with_full_passes_held(record, person, monkeypatch) -> None:
    seen: list[int] = []
    real = transfer._table_lines

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold()[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(transfer, "_table_lines", watched)
    transfer.export_json(record)
    assert seen and set(seen) == {collector.NEVER}
    assert gc.get_threshold()[2] < collector.NEVER
