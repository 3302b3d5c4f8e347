"""The command palette offers mycare's own commands and nothing that writes the screen to disk."""

from __future__ import annotations

import os


async def test_no_palette_command_writes_the_screen_to_a_file(
    demo_store, tmp_path, ui, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert not any("screenshot" in t.casefold() for t in titles), titles
        assert {"Appointments", "Diary", "Share a summary", "Lock", "Help", "Quit"} <= set(titles)
        before = set(os.listdir(tmp_path))
        app.deliver_screenshot()  # even when asked directly, nothing is written
        await pilot.pause()
        assert set(os.listdir(tmp_path)) == before
        assert any("would not be encrypted" in t for t in ui.toasts(app))
        for command in app.get_system_commands(app.screen):
            if command.title == "Diary":
                command.callback()
        await pilot.pause()
        assert type(app.screen).__name__ == "SectionScreen"
        assert set(os.listdir(tmp_path)) == before
        await ui.quit(pilot)
