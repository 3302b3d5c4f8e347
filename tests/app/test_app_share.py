"""Sharing a summary from the app: the preview and the export are built off the UI loop."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import Input, Select, SelectionList

from mycare.ui.screens import share


def screen_name(app) -> str:
    return type(app.screen).__name__


async def test_preview_and_pdf_export_run_off_the_ui_loop(demo_store, tmp_path, ui, monkeypatch):
    threads: list[str] = []
    real = share.render_apart

    def watched(summary, fmt):
        threads.append(threading.current_thread().name)
        return real(summary, fmt)

    monkeypatch.setattr(share, "render_apart", watched)
    app = ui.app(demo_store)
    async with ui.run(app, size=(120, 40)) as pilot:
        await ui.peggy(pilot)
        await pilot.press("ctrl+e")
        await ui.wait_until(pilot, lambda: screen_name(app) == "ShareScreen")
        screen = app.screen
        await ui.wait_until(pilot, lambda: "Okafor" in ui.text(app))
        await pilot.pause(0.6)  # any rebuild still due from opening the screen is done
        await ui.settle(pilot)
        # a burst of ticking is one rebuild, not one per tick
        before = len(threads)
        parts = screen.query_one("#parts", SelectionList)
        for _ in range(3):
            parts.deselect_all()
            parts.select_all()
        await pilot.pause(0.6)
        await ui.settle(pilot)
        assert len(threads) - before == 1, threads
        out = tmp_path / "for-the-gp.pdf"
        screen.query_one("#format", Select).value = "pdf"
        await pilot.pause()
        screen.query_one("#path", Input).value = str(out)
        await pilot.press("ctrl+e")
        await pilot.press("down", "down")  # moving about while it writes
        await ui.wait_until(pilot, lambda: out.exists(), tries=200)
        await ui.settle(pilot)
        assert out.read_bytes().startswith(b"%PDF")
        assert any("not encrypted" in t.casefold() for t in ui.toasts(app))
        main = threading.main_thread().name
        assert threads and all(name != main for name in threads), threads
        await ui.quit(pilot)


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (140, 40)])
async def test_the_share_screen_says_what_could_not_be_printed(
    demo_store, tmp_path, ui, monkeypatch, size
):
    from mycare.care import diary, people
    from mycare.care.record import CareRecord

    config = tmp_path / "fonts.conf"  # fontconfig that knows no fonts: DejaVu alone is left
    config.write_text('<?xml version="1.0"?><fontconfig></fontconfig>\n')
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    with CareRecord.open(demo_store, "test passphrase") as record:
        peggy = people.find_person(record, "Peggy")
        diary.add_entry(record, peggy, "我的药 and a cup of tea")
    app = ui.app(demo_store)
    async with ui.run(app, size=size) as pilot:
        await ui.peggy(pilot)
        await pilot.press("ctrl+e")
        await ui.wait_until(pilot, lambda: screen_name(app) == "ShareScreen")
        screen = app.screen
        out = tmp_path / "summary.pdf"
        screen.query_one("#format", Select).value = "pdf"
        await pilot.pause()
        screen.query_one("#path", Input).value = str(out)
        await pilot.press("ctrl+e")
        where = screen.query_one("#where")
        await ui.wait_until(pilot, lambda: "could not be printed" in str(where.content), tries=300)
        assert out.read_bytes().startswith(b"%PDF")
        said = str(where.content)
        assert said.startswith(f"Saved {out}") and "U+6211" in said
        screen.query_one("#where").scroll_visible(animate=False)
        await pilot.pause()
        app.save_screenshot(str(tmp_path / f"share-note-{size[0]}x{size[1]}.svg"))
        await ui.quit(pilot)


@pytest.mark.parametrize(("size", "preview"), [((60, 20), False), ((80, 24), True)])
async def test_a_narrow_window_gives_the_choices_the_whole_width(demo_store, ui, size, preview):
    app = ui.app(demo_store)
    async with ui.run(app, size=size) as pilot:
        await ui.peggy(pilot)
        await pilot.press("ctrl+e")
        await ui.wait_until(pilot, lambda: screen_name(app) == "ShareScreen")
        screen = app.screen
        if preview:
            await ui.wait_until(pilot, lambda: "Care summary" in ui.text(app))
        await ui.settle(pilot)
        assert screen.query_one("#preview").display is preview
        assert screen.query_one("#narrow").display is not preview  # why there is none
        assert "Conditions, medicines, allergies" in ui.text(app)  # whole, not wrapped or cut
        await ui.quit(pilot)
