"""Tick lists show [x] and [ ] (shape, not only colour) and every form's Save can be reached."""

from __future__ import annotations

from textual.widgets import SelectionList


def screen_name(app) -> str:
    return type(app.screen).__name__


def tick_lines(text: str, names: list[str]) -> dict[str, str]:
    """For each name, the mark drawn before it on screen ("x" or " ")."""
    found = {}
    for line in text.splitlines():
        for name in names:
            at = line.find(name)
            if at >= 4 and line[at - 4] == "[" and line[at - 2] == "]":
                found[name] = line[at - 3]
    return found


async def test_the_attendees_list_ticks_with_an_x_in_brackets(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app, size=(100, 40)) as pilot:
        await ui.peggy(pilot)
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("a")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        who = app.screen.query_one("#field-with_contacts", SelectionList)
        names = [str(who.get_option_at_index(i).prompt) for i in range(2)]
        assert tick_lines(ui.text(app), names) == {names[0]: " ", names[1]: " "}
        who.focus()
        await pilot.press("space")  # ticks the highlighted first name
        await pilot.pause()
        assert tick_lines(ui.text(app), names) == {names[0]: "x", names[1]: " "}
        await ui.quit(pilot)


async def test_share_sections_untick_to_an_empty_box(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app, size=(120, 40)) as pilot:
        await ui.peggy(pilot)
        await pilot.press("ctrl+e")
        await ui.wait_until(pilot, lambda: screen_name(app) == "ShareScreen")
        parts = app.screen.query_one("#parts", SelectionList)
        first, second = "Who I am", "My care team"
        assert tick_lines(ui.text(app), [first, second]) == {first: "x", second: "x"}
        parts.deselect("team")
        await pilot.pause()
        assert tick_lines(ui.text(app), [first, second]) == {first: "x", second: " "}
        await ui.quit(pilot)


async def test_a_long_form_keeps_save_and_cancel_in_sight_at_80x24(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app, size=(80, 24)) as pilot:
        await ui.peggy(pilot)
        await pilot.press("2")
        await pilot.pause()
        before = len(ui.rows(app))
        await pilot.press("a")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        text = ui.text(app)
        assert "Save (ctrl+s)" in text and "Cancel (esc)" in text
        assert "* needed" in text  # says what the asterisk on a label means
        assert "What came of it" not in text  # the fields scroll; the buttons do not
        await ui.fill(pilot, starts_at="3 Dec 2pm", purpose="Podiatry check")
        await pilot.click(app.screen.query_one("#save"))  # lands only on a button in sight
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        await ui.settle(pilot)
        assert len(ui.rows(app)) == before + 1
        await pilot.press("a")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        app.clear_notifications()  # "Saved" would take the click
        await pilot.pause()
        await pilot.click(app.screen.query_one("#cancel"))
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        await ui.quit(pilot)


async def test_a_form_with_nothing_required_has_no_asterisk_note(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app, size=(80, 24)) as pilot:
        await ui.peggy(pilot)
        await pilot.press("9")
        await pilot.pause()
        await pilot.press("e")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        labels = [f.label for f in app.screen.fields]
        assert any(f.required for f in app.screen.fields) == ("* needed" in ui.text(app)), labels
        await ui.quit(pilot)
