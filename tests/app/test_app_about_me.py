"""The About me section: the PRSB About Me headings, an NHS number checked as it is saved."""

from __future__ import annotations

from textual.widgets import Input

from mycare.care import people


async def _open_about_form(ui, pilot) -> None:
    await ui.peggy(pilot)
    await pilot.press("9")
    await pilot.pause()
    await pilot.press("e")
    await ui.wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "FormScreen")


async def test_about_me_shows_and_edits_the_prsb_headings(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app, size=(100, 60)) as pilot:
        await _open_about_form(ui, pilot)
        await ui.fill(
            pilot,
            wellness="Singing keeps my breathing going.",
            how_to_support="Mornings are best; I tire after lunch.",
            gp_practice="Elm Tree Surgery, Northmoor",
        )
        await pilot.press("ctrl+s")
        await ui.wait_until(pilot, lambda: type(app.screen).__name__ == "AboutScreen")
        await ui.settle(pilot)
        shown = ui.text(app)
        for words in ("My wellness", "Please do", "How and when to support me"):
            assert words in shown
        await ui.quit(pilot)
    record = ui.reopen(demo_store)
    peggy = people.find_person(record, "Margaret")
    assert peggy.wellness == "Singing keeps my breathing going."
    assert peggy.how_to_support == "Mornings are best; I tire after lunch."
    assert peggy.gp_practice == "Elm Tree Surgery, Northmoor"


async def test_an_nhs_number_with_a_typing_slip_is_refused_and_kept_to_correct(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app, size=(100, 60)) as pilot:
        await _open_about_form(ui, pilot)
        await ui.fill(pilot, nhs_number="943 476 5918", wellness="Keeping busy")
        await pilot.press("ctrl+s")
        await ui.wait_until(pilot, lambda: "not a valid NHS number" in ui.text(app))
        # the form is open again with what was typed
        await ui.wait_until(pilot, lambda: type(app.screen).__name__ == "FormScreen")
        assert app.screen.query_one("#field-nhs_number", Input).value == "943 476 5918"
        await ui.fill(pilot, nhs_number="9434765919")
        await pilot.press("ctrl+s")
        await ui.wait_until(pilot, lambda: type(app.screen).__name__ == "AboutScreen")
        await ui.settle(pilot)
        assert "943 476 5919" in ui.text(app)
        await ui.quit(pilot)
    peggy = people.find_person(ui.reopen(demo_store), "Margaret")
    assert (peggy.nhs_number, peggy.wellness) == ("943 476 5919", "Keeping busy")
