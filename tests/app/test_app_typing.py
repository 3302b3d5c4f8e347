"""Nothing typed is lost: fast typing lands in the right field, Escape asks first."""

from __future__ import annotations

from textual.widgets import Input

from mycare.care import diary, people, team


def screen_name(app) -> str:
    return type(app.screen).__name__


async def test_typing_straight_after_tab_lands_in_the_next_field(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("a")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        await pilot.press("A", "n", "n", "tab", "G", "P", "tab", "x")  # no pause, as auto-type
        await pilot.pause()
        name = app.screen.query_one("#field-name", Input).value
        role = app.screen.query_one("#field-role", Input).value
        assert (name, role) == ("Ann", "GP")
        await pilot.press("escape")
        await ui.wait_until(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await pilot.press("y")
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        await ui.quit(pilot)


async def test_escape_on_a_changed_form_asks_before_discarding(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("8")
        await pilot.pause()
        await pilot.press("a")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        await pilot.press("escape")  # nothing typed yet: it just closes
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        await pilot.press("a")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        await ui.type(pilot, "A long morning at the clinic")
        await pilot.press("escape")
        await ui.wait_until(pilot, lambda: screen_name(app) == "ConfirmScreen")
        assert "Discard your changes?" in ui.shown(app.screen.query_one("Static"))
        await pilot.press("n")  # keep typing
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        assert "A long morning at the clinic" in ui.flat(app)
        await ui.type(pilot, ", then home")
        await pilot.press("ctrl+s")
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        await ui.settle(pilot)
        assert any("A long morning at the clinic, then home" in row[-1] for row in ui.rows(app))
        await ui.quit(pilot)


async def test_the_idle_lock_keeps_a_half_filled_form_and_brings_it_back(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("8")
        await pilot.pause()
        await pilot.press("a")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        await ui.type(pilot, "Felt dizzy after the new tablets")
        app.last_activity -= app.idle_seconds + 1  # nobody touched a key for too long
        app.lock_if_idle()
        await ui.wait_until(pilot, lambda: screen_name(app) == "UnlockScreen")
        assert app.record is None
        assert b"dizzy" not in (app.held_form or b"")  # kept encrypted, not as typed
        assert "dizzy" not in ui.flat(app)
        await ui.unlock(pilot)
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        assert "Felt dizzy after the new tablets" in ui.flat(app)
        assert any("back, as you left it" in t for t in ui.toasts(app))
        await ui.type(pilot, " in the morning")
        await pilot.press("ctrl+s")
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        await ui.settle(pilot)
        await ui.quit(pilot)
    record = ui.reopen(demo_store)
    peggy = people.find_person(record, "Margaret")
    newest = diary.entries(record, peggy, limit=1)[0]
    assert newest.text == "Felt dizzy after the new tablets in the morning"


async def test_the_lock_keeps_a_change_to_a_record_in_a_tab(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("7")
        await pilot.pause()
        await pilot.press("e")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        name = app.screen.query_one("#field-name", Input).value
        await ui.fill(pilot, dose="20 mg once a day")
        await pilot.press("ctrl+l")
        await ui.wait_until(pilot, lambda: screen_name(app) == "UnlockScreen")
        await ui.unlock(pilot)
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        form = app.screen
        assert form.query_one("#field-name", Input).value == name
        assert form.query_one("#field-dose", Input).value == "20 mg once a day"
        await pilot.press("escape")  # it was changed: asks first
        await ui.wait_until(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await pilot.press("y")
        await ui.quit(pilot)


async def test_a_paste_with_control_characters_keeps_its_text_in_order(demo_store, ui):
    from textual import events

    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("a")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        box = app.screen.query_one("#field-name", Input)
        await pilot.press("D", "r")
        box.post_message(events.Paste(" Ann\x1b[31m Obi\x07"))
        await pilot.press("x")  # typed straight after the paste lands after it
        await pilot.pause()
        assert box.value == "Dr Ann\x1b[31m Obi\x07x"
        shown = ui.text(app)
        assert "\x1b[31m" not in shown and "Dr Ann␛[31m Obi␇x" in shown
        await pilot.press("ctrl+s")  # refused with the reason; the typed text stays to mend
        await ui.wait_until(pilot, lambda: "control character" in ui.text(app))
        assert screen_name(app) == "FormScreen" and box.value == "Dr Ann\x1b[31m Obi\x07x"
        names = [c.name for c in team.contacts(app.record, app.person)]
        assert not any("Obi" in name for name in names)
        await ui.quit(pilot)


async def test_save_straight_after_typing_keeps_every_character(demo_store, ui):
    """Typed text and ctrl+s arriving in one burst (a fast typist, auto-type) save it all."""
    from textual import events

    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("8")
        await pilot.pause()
        await pilot.press("a")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        line = "Slept well, no dizziness"
        for char in line:  # as the terminal driver delivers them: all queued at once
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("ctrl+s", None))
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        await ui.settle(pilot)
        assert any(line in row[-1] for row in ui.rows(app))
        await ui.quit(pilot)


async def test_locking_straight_after_typing_keeps_every_character(demo_store, ui):
    """ctrl+l arriving right behind typed text holds all of it for after the unlock."""
    from textual import events

    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("8")
        await pilot.pause()
        await pilot.press("a")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        line = "Walked to the shop"
        for char in line:
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("ctrl+l", None))
        await ui.wait_until(pilot, lambda: screen_name(app) == "UnlockScreen")
        await ui.unlock(pilot)
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        assert line in ui.flat(app)
        await pilot.press("ctrl+s")
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        await ui.quit(pilot)


async def test_quitting_with_a_form_half_filled_asks_first(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("8")
        await pilot.pause()
        await pilot.press("a")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        await ui.type(pilot, "Nearly forgot this")
        await pilot.press("ctrl+q")
        await ui.wait_until(pilot, lambda: screen_name(app) == "ConfirmScreen")
        assert "not saved yet" in ui.flat(app)
        await pilot.press("n")  # back to the form, nothing lost
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        assert "Nearly forgot this" in ui.flat(app)
        await pilot.press("ctrl+q")
        await ui.wait_until(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await pilot.press("y")
        for _ in range(100):
            if not app.is_running:
                break
            await pilot.pause(0.05)
        assert not app.is_running
