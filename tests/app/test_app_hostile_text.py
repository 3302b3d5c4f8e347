"""Whatever a person types is stored exactly or refused with a message; the screen never breaks."""

from __future__ import annotations

from datetime import datetime

from mycare.care import appointments, diary, goals, people, team

MARKUP = "[bold]x[/]"
STORED_EXACTLY = {
    "markup": MARKUP,
    "closing tag": "Dr [/] Who",
    "click action and html": "[@click=app.quit]Click me[/] <script>alert('x')</script>",
    "emoji and right to left": "Nan 👵🏽 ❤️ 🫀 د. ليلى حداد שרה ‏!",
}


def screen_name(app) -> str:
    return type(app.screen).__name__


async def open_new_contact_form(ui, pilot) -> None:
    await pilot.press("3")
    await pilot.pause()
    await pilot.press("a")
    await ui.wait_until(pilot, lambda: screen_name(pilot.app) == "FormScreen")


async def test_names_are_stored_and_shown_exactly(small_store, ui, everything_on_screen_fits):
    store = small_store()
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await pilot.press("3")
        await pilot.pause()
        for name in STORED_EXACTLY.values():
            await pilot.press("a")
            await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
            if name == MARKUP:
                await ui.type(pilot, name)  # typed key by key, brackets and all
            else:
                await ui.fill(pilot, name=name)
            assert ui.note(app, "name") == ""
            await ui.fill(pilot, sector="health")  # never chosen for the person
            await pilot.press("ctrl+s")
            await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
            assert ui.highlighted(app)[0] == name
            everything_on_screen_fits(ui, app)
        shown = ui.text(app)
        for name in STORED_EXACTLY.values():
            if name.isascii():
                assert name[:20] in shown  # long names are cut at the column's width…
        assert "…" in shown  # …and end in an ellipsis there
        for name in (STORED_EXACTLY["click action and html"], STORED_EXACTLY["closing tag"]):
            await ui.highlight(pilot, name, column=0)
            await pilot.press("l")  # the message says who is now in charge
            await ui.settle(pilot)
            assert any(name in t for t in ui.toasts(app))
            everything_on_screen_fits(ui, app)
        await pilot.press("1")
        await pilot.pause()
        everything_on_screen_fits(ui, app)
        assert "Dr [/] Who" in ui.text(app)
        await ui.quit(pilot)
    record = ui.reopen(store)
    person = people.find_person(record)
    assert sorted(c.name for c in team.contacts(record, person)) == sorted(STORED_EXACTLY.values())
    assert team.lead(record, person).name == "Dr [/] Who"


async def test_the_web_of_care_draws_names_exactly_and_marks_the_lead(
    small_store, ui, everything_on_screen_fits
):
    def fill(record, person):
        lead = team.add_contact(record, person, "[b]Dr[/b] [/] Who", role="GP",
                                organisation="<Surgery>", sector="health")  # fmt: skip
        first = team.add_contact(record, person, "Lee Chan", role="Neighbour", sector="friends")
        team.set_lead(record, person, lead)
        team.set_first_contact(record, person, first)

    store = small_store(fill=fill)
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await pilot.press("3", "w")
        await ui.wait_until(pilot, lambda: screen_name(app) == "WebOfCareScreen")
        everything_on_screen_fits(ui, app)
        screen = ui.text(app)
        assert "[b]Dr[/b] [/] Who (GP)" in screen and "<Surgery>" in screen
        assert "in charge" in screen and "first contact" in screen
        await pilot.press("escape")
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")


async def test_too_long_names_and_control_characters_are_refused_with_a_message(small_store, ui):
    store = small_store()
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await open_new_contact_form(ui, pilot)
        await ui.fill(pilot, name="Jo" * 5_000)
        assert "too long (10,000 characters; at most 300)" in ui.note(app, "name")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "FormScreen"  # not closed: nothing typed is lost
        assert "too long" in ui.flat(app)
        for name in ("Bad\x1b[31mred", "Bell\x07", "Null\x00byte", "Tab\there"):
            await ui.fill(pilot, name=name)
            assert "control character" in ui.note(app, "name"), repr(name)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert screen_name(app) == "FormScreen"
        await pilot.press("escape")  # something was typed: it asks before throwing it away
        await ui.wait_until(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await pilot.press("y")
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        assert ui.rows(app) == []
        await ui.quit(pilot)
    record = ui.reopen(store)
    assert team.contacts(record, people.find_person(record)) == []


async def test_an_impossible_date_is_explained_and_hostile_lines_are_kept_exactly(
    small_store, ui, everything_on_screen_fits
):
    text = "[red]Low[/] day <b>bold</b>\nSecond line \u202ereversed\u202c 👵🏽\n" + "word " * 400
    store = small_store()
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await pilot.press("8", "a")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        await ui.fill(pilot, text=text, feeling="3")
        when = app.screen.query_one("#field-written_at")
        when.value = ""
        when.focus()
        await ui.type(pilot, "31/02")
        assert "February has no 31st" in ui.note(app, "written_at")
        assert "February has no 31st" in ui.flat(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "FormScreen"  # still open, nothing typed is lost
        assert app.screen.query_one("#field-text").text == text
        assert any("need another look" in t for t in ui.toasts(app))
        assert "need another look" in ui.flat(app)
        when.value = "yesterday 9pm"
        await pilot.pause()
        assert ui.note(app, "written_at") == "Sat 21 Nov 2026 21:00"
        await pilot.press("ctrl+s")
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        assert ui.highlighted(app)[2].startswith("[red]Low[/] day <b>bold</b> / Second line")
        everything_on_screen_fits(ui, app)
        assert "[red]Low[/] day <b>bold</b>" in ui.text(app)
        await ui.quit(pilot)
    record = ui.reopen(store)
    [entry] = diary.entries(record, people.find_person(record))
    assert (entry.text, entry.feeling) == (text, 3)
    assert entry.written_at == datetime(2026, 11, 21, 21, 0)


# -- the person's words in other places ----------------------------------------------------
async def test_markup_in_names_goals_and_appointments_in_every_form(
    small_store, ui, everything_on_screen_fits
):
    """Forms show the person's words in titles and choice lists: never as markup."""

    def fill(record, person):
        team.add_contact(record, person, "[b]Dr[/b] [/] Who", sector="health")
        goals.add_goal(record, person, "Walk [/] further", steps=["[b]first[/b]"])
        appointments.add_appointment(record, person, datetime(2026, 11, 24, 9, 0),
                                     purpose="[i]Eyes[/] [/]")  # fmt: skip

    async def open_form(keys: tuple[str, ...], expect: str) -> None:
        await pilot.press(*keys)
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        everything_on_screen_fits(ui, app)
        assert expect in ui.flat(app), keys
        await pilot.press("escape")
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")

    store = small_store(fill=fill)
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await pilot.press("4", "a")  # "Who does it": a drop-down of names
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        app.screen.query_one("#field-who").focus()
        await pilot.press("enter")
        await pilot.pause()
        everything_on_screen_fits(ui, app)
        assert "[b]Dr[/b] [/] Who" in ui.flat(app)
        await pilot.press("escape", "escape")
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        await open_form(("2", "a"), "[b]Dr[/b] [/] Who")  # "With": a list of names
        await open_form(("k",), "A question for [i]Eyes[/] [/]")
        await open_form(("o",), "[i]Eyes[/] [/]")
        await open_form(("6", "c"), "Walk [/] further")
        await open_form(("t",), "[b]first[/b]")


async def test_a_person_named_with_markup_from_the_first_run(store_path, ui):
    name = "[bold]Sam[/] <Taylor> [/]"
    app = ui.app(store_path)
    async with ui.run(app) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#first").value = "purple otter lamp"
        screen.query_one("#second").value = "purple otter lamp"
        screen.query_one("#name").value = name
        screen.query_one("#name").focus()
        await pilot.press("enter")
        await ui.wait_until(pilot, lambda: app.record is not None)
        assert name in ui.text(app).splitlines()[0]
        await pilot.press("9")
        await pilot.pause()
        assert name in ui.text(app)
        await ui.switch_to(pilot, name)  # "Now showing …'s record."
        assert any(name in t for t in ui.toasts(app))
        assert name in ui.text(app).splitlines()[0]
