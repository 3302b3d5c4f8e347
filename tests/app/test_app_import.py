"""The Import screen: from the palette, a path typed with completion, a preview, a confirmation."""

from __future__ import annotations

from pathlib import Path

from mycare.care import appointments, team
from mycare.care.people import people

ICS = (
    "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Hospital//EN\nBEGIN:VEVENT\nUID:eye-1@h\n"
    "DTSTART:20261203T100000\nDTEND:20261203T103000\nSUMMARY:Eye clinic\n"
    "ATTENDEE;CN=Dr Iris Shah:mailto:iris@h.example\nEND:VEVENT\nEND:VCALENDAR\n"
)


async def test_import_a_calendar_from_the_palette(small_store, ui, tmp_path: Path) -> None:
    store = small_store()
    (tmp_path / "eye-clinic.ics").write_text(ICS)
    app = ui.app(store)
    async with ui.run(app, size=(100, 30)) as pilot:
        await ui.unlock(pilot)
        (command,) = [c for c in app.get_system_commands(app.screen) if c.title == "Import"]
        command.callback()
        await ui.wait_until(pilot, lambda: type(app.screen).__name__ == "ImportScreen")
        await ui.type(pilot, str(tmp_path / "eye"))
        await pilot.press("right")  # take the completion
        assert app.screen.query_one("#path").value == str(tmp_path / "eye-clinic.ics")
        await pilot.press("enter")
        await ui.wait_until(pilot, lambda: "Press ctrl+s to import" in ui.flat(app))
        screen = ui.flat(app)
        assert "+ Eye clinic — Thu 03 Dec 2026 10:00" in screen
        assert "+ Dr Iris Shah" in screen
        assert appointments.appointments(app.record, app.person) == []  # only a preview
        await pilot.press("ctrl+s")
        await ui.wait_until(pilot, lambda: "Import from eye-clinic.ics" in ui.flat(app))
        await pilot.press("y")
        await ui.wait_until(pilot, lambda: "1 appointment added" in ui.flat(app))
        await ui.settle(pilot)
        await ui.quit(pilot)
    record = ui.reopen(store)
    (person,) = people(record)
    (visit,) = appointments.appointments(record, person)
    assert (visit.purpose, visit.source_file) == ("Eye clinic", "eye-clinic.ics")
    assert [c.name for c in team.contacts(record, person)] == ["Dr Iris Shah"]


async def test_a_bad_file_is_one_line_on_the_screen(small_store, ui, tmp_path: Path) -> None:
    store = small_store()
    bad = tmp_path / "cut.ics"
    bad.write_text(ICS[:80])
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        app.action_import()
        await ui.wait_until(pilot, lambda: type(app.screen).__name__ == "ImportScreen")
        app.screen.query_one("#path").value = str(bad)
        await pilot.press("enter")
        await ui.wait_until(pilot, lambda: "truncated" in ui.flat(app))
        await pilot.press("ctrl+s")
        await ui.wait_until(pilot, lambda: "press Enter first" in ui.flat(app))
        await ui.quit(pilot)
