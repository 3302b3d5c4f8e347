"""Plain words and honest defaults: nothing chosen for the person, and a way out said."""

from __future__ import annotations

from datetime import datetime

from mycare.care import appointments, people, steps, team


def screen_name(app) -> str:
    return type(app.screen).__name__


async def open_form(ui, pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await ui.wait_until(pilot, lambda: screen_name(pilot.app) == "FormScreen")


def two_visits(record, person) -> None:
    appointments.add_appointment(record, person, datetime(2026, 11, 20, 9, 0), purpose="Eye test")
    appointments.add_appointment(record, person, datetime(2026, 12, 1, 9, 0), purpose="Foot clinic")


async def test_a_future_appointments_outcome_starts_with_no_status(small_store, ui):
    store = small_store(fill=two_visits)
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await pilot.press("2")
        await pilot.pause()
        await ui.highlight(pilot, "Foot clinic")
        await open_form(ui, pilot, "o")
        assert app.screen.raw_values()["status"] is None
        assert "Choose one" in ui.text(app)
        await ui.fill(pilot, outcome="Moved to January")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "FormScreen"  # not saved as "attended" behind my back
        assert ui.note(app, "status") == "Status is needed."
        await pilot.press("escape", "y")
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        await pilot.press(".")  # the past one is hidden until past ones are shown
        await ui.settle(pilot)
        await ui.highlight(pilot, "Eye test")
        await open_form(ui, pilot, "o")
        assert app.screen.raw_values()["status"] == "attended"  # it has happened
        await ui.quit(pilot)
    record = ui.reopen(store)
    person = people.find_person(record)
    assert {a.purpose: a.status for a in appointments.appointments(record, person)} == {
        "Eye test": "planned",
        "Foot clinic": "planned",
    }


async def test_sector_must_be_chosen_and_repeats_starts_on_does_not_repeat(small_store, ui):
    store = small_store()
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await pilot.press("3")
        await pilot.pause()
        await open_form(ui, pilot, "a")
        assert app.screen.raw_values()["sector"] is None
        await ui.fill(pilot, name="Lee Chan")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ui.note(app, "sector") == "Sector is needed."
        await ui.fill(pilot, sector="voluntary & community")
        await pilot.press("ctrl+s")
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        await ui.settle(pilot)
        await pilot.press("2")
        await pilot.pause()
        await open_form(ui, pilot, "a")
        text = ui.text(app)
        assert "Does not repeat" in text and "Select" not in text
        assert app.screen.raw_values()["repeat"] == ""
        await pilot.press("escape")
        await ui.quit(pilot)
    record = ui.reopen(store)
    person = people.find_person(record)
    assert [(c.name, c.sector) for c in team.contacts(record, person)] == [
        ("Lee Chan", "voluntary & community")
    ]


async def test_diary_forms_say_what_to_write_not_today_star(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await open_form(ui, pilot, "d")  # from home
        assert "What happened today *" in ui.text(app) and "Today *" not in ui.text(app)
        await pilot.press("escape")
        await ui.wait_until(pilot, lambda: screen_name(app) == "HomeScreen")
        await pilot.press("8")
        await pilot.pause()
        await open_form(ui, pilot, "a")
        assert "What happened *" in ui.text(app) and "Today *" not in ui.text(app)
        await pilot.press("escape")
        await ui.quit(pilot)


def one_done_step(record, person) -> None:
    step = steps.add_step(record, person, "Book the eye test")
    steps.mark_done(record, step.id)


async def test_a_steps_list_with_every_step_done_says_so(small_store, ui):
    app = ui.app(small_store(fill=one_done_step))
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await pilot.press("4")
        await ui.settle(pilot)
        flat = ui.flat(app)
        assert "All steps are done" in flat and "Nothing here yet" not in flat
        await pilot.press(".")
        await ui.settle(pilot)
        assert "Book the eye test" in ui.flat(app)
        await ui.quit(pilot)


async def test_a_steps_list_with_no_steps_at_all_says_nothing_yet(small_store, ui):
    app = ui.app(small_store())
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await pilot.press("4")
        await ui.settle(pilot)
        assert "Nothing here yet" in ui.flat(app)
        await ui.quit(pilot)


async def test_escape_leaves_the_share_screen_which_says_so(demo_store, tmp_path, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("ctrl+e")
        await ui.wait_until(pilot, lambda: screen_name(app) == "ShareScreen")
        await pilot.pause()
        text = ui.text(app)
        assert "Esc goes back without exporting." in text
        assert "esc" in text.splitlines()[-1] and "Back" in text.splitlines()[-1]
        await pilot.press("escape")
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        assert app.screen.key == "3"  # back where sharing started
        await ui.quit(pilot)
    assert not list(tmp_path.glob("mycare-*"))


async def test_a_new_step_due_31_march_is_not_overdue(small_store, ui):
    store = small_store()
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await pilot.press("4")
        await pilot.pause()
        await open_form(ui, pilot, "a")
        await ui.fill(pilot, what="Book the eye test", due_on="31 Mar")
        assert ui.note(app, "due_on") == "Wed 31 Mar 2027"  # the next 31 March, not the last
        await pilot.press("ctrl+s")
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        await ui.settle(pilot)
        assert "overdue" not in " ".join(ui.rows(app)[0])
        await ui.quit(pilot)
    record = ui.reopen(store)
    due = [s.due_on for s in steps.steps(record, people.find_person(record))]
    assert due == [datetime(2027, 3, 31).date()]


async def test_a_medicine_started_on_a_day_without_a_year_is_the_last_one(small_store, ui):
    app = ui.app(small_store())
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await pilot.press("7")
        await pilot.pause()
        await open_form(ui, pilot, "a")  # medicines, the first list
        await ui.fill(pilot, started_on="3 Dec")
        assert ui.note(app, "started_on") == "Wed 3 Dec 2025"  # it has already begun
        await pilot.press("escape", "y")
        await ui.quit(pilot)
