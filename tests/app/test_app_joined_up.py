"""How joined-up my care feels, in the app: checking in, seeing it change, doing something
about the weakest statement, and Home's gentle monthly line."""

from __future__ import annotations

from datetime import date, timedelta

from mycare.care import coordination, team
from mycare.care.coordination import Answer
from mycare.care.people import people

TODAY = date(2026, 11, 22)
NOTE = "[bold]Dr Shah[/] <script>x</script> 😊"


def _screen(app) -> str:
    return type(app.screen).__name__


async def test_checking_in_keeps_every_answer_and_shows_the_picture(small_store, ui):
    store = small_store()
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await pilot.press("j")
        await ui.wait_until(pilot, lambda: _screen(app) == "JoinedUpScreen")
        assert "No check-ins about my care yet" in ui.flat(app)
        await pilot.press("c")
        await ui.wait_until(pilot, lambda: _screen(app) == "CheckInScreen")
        assert "I know who is in charge of my care." in ui.flat(app)
        await pilot.press("n")  # a note first, then the answer
        await ui.type(pilot, NOTE[:-1])
        app.screen.query_one("#note").value += NOTE[-1]  # an emoji is pasted, not a key
        await pilot.press("enter")
        await pilot.press("2")  # who is in charge: a little
        await pilot.press("5", "0", "3")  # first contact, next steps n/a, own goals
        assert "Statement 5 of 8" in ui.flat(app)
        await pilot.press("left", "left", "left", "left")
        assert "Your answer: a little" in ui.flat(app)
        assert "●●●●○○○○ 4 answered." in ui.flat(app)
        await pilot.press("ctrl+s")
        await ui.wait_until(pilot, lambda: _screen(app) == "JoinedUpScreen")
        await ui.settle(pilot)
        shown = ui.flat(app)
        assert "Who is in charge a little" in shown
        assert "Told the next steps does not apply" in shown
        assert "Help with my goals partly" in shown
        assert "choose a lead in the care team (3, then l)" in shown
        assert "Check-in saved: 4 answers." in ui.toasts(app)
        await ui.quit(pilot)
    record = ui.reopen(store)
    (sam,) = people(record)
    (check,) = coordination.check_ins(record, sam)
    assert {k: a.rating for k, a in check.answers.items()} == {
        "in_charge": 2,
        "first_contact": 5,
        "next_steps": None,
        "own_goals": 3,
    }
    assert check.answers["in_charge"].note == NOTE
    assert check.check.answered_by == "me"


async def test_who_answers_can_be_a_carer_and_escape_keeps_nothing(small_store, ui):
    store = small_store()
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await pilot.press("j", "c")
        await ui.wait_until(pilot, lambda: _screen(app) == "CheckInScreen")
        await pilot.press("w")
        assert "answered by a carer on my behalf" in ui.flat(app)
        await pilot.press("ctrl+s")  # nothing answered yet
        assert any("Answer at least one statement" in t for t in ui.toasts(app))
        await pilot.press("4", "escape")
        await ui.wait_until(pilot, lambda: _screen(app) == "JoinedUpScreen")
        await pilot.press("c", "w", "w", "4", "ctrl+s")  # a carer's own experience
        await ui.wait_until(pilot, lambda: _screen(app) == "JoinedUpScreen")
        await ui.settle(pilot)
        assert "No check-ins about my care yet" in ui.flat(app), "kept apart from the person's"
        await pilot.press("v")
        assert "a carer's own experience; 1 in all" in ui.flat(app)
        await ui.quit(pilot)
    record = ui.reopen(store)
    (sam,) = people(record)
    (check,) = coordination.check_ins(record, sam)
    assert check.check.answered_by == "carer themself"


async def test_the_trend_screen_on_a_year_of_check_ins(demo_store, ui, everything_on_screen_fits):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        for command in app.get_system_commands(app.screen):
            if command.title == "How joined-up my care feels":
                command.callback()
        await ui.wait_until(pilot, lambda: _screen(app) == "JoinedUpScreen")
        shown = ui.flat(app)
        assert "12 in all" in shown
        assert "Who is in charge mostly" in shown and "better" in shown
        assert "telling your story again and again" in shown and "(ctrl+e)" in shown
        assert "2 next steps are past their dates" in shown
        everything_on_screen_fits(ui, app)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        everything_on_screen_fits(ui, app)
        await pilot.press("g")
        await ui.wait_until(pilot, lambda: _screen(app) == "ShareScreen")
        await ui.quit(pilot)


async def test_do_something_about_it_goes_to_the_care_team_to_choose_a_lead(small_store, ui):
    def fill(record, person):
        team.add_contact(record, person, "Dr Ruth Bell", role="GP")
        coordination.add_check_in(record, person, [Answer("in_charge", 1), Answer("one_team", 4)])

    store = small_store(fill=fill)
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await pilot.press("j")
        await ui.wait_until(pilot, lambda: _screen(app) == "JoinedUpScreen")
        assert "(3, then l). Press g to go there." in ui.flat(app)
        await pilot.press("g")
        await ui.wait_until(pilot, lambda: _screen(app) == "SectionScreen")
        assert any("press l to choose a lead" in t for t in ui.toasts(app))
        await ui.highlight(pilot, "Dr Ruth Bell")
        await pilot.press("l")
        await ui.settle(pilot)
        await pilot.press("j")
        await ui.wait_until(pilot, lambda: _screen(app) == "JoinedUpScreen")
        assert "nobody is chosen as lead" not in ui.flat(app)
        await ui.quit(pilot)
    record = ui.reopen(store)
    (sam,) = people(record)
    assert team.lead(record, sam).name == "Dr Ruth Bell"


async def test_home_offers_a_check_in_about_once_a_month_and_not_now_holds(small_store, ui):
    def fill(record, person):
        on = TODAY - timedelta(days=40)
        coordination.add_check_in(record, person, [Answer("in_charge", 3)], on=on)

    store = small_store(fill=fill)
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await ui.wait_until(pilot, lambda: "How joined-up does your care feel?" in ui.flat(app))
        await pilot.press("x")
        await pilot.pause()
        assert "How joined-up does your care feel?" not in ui.flat(app)
        await pilot.press("2", "1")  # away and back: still not asked again
        await ui.wait_until(pilot, lambda: _screen(app) == "HomeScreen")
        await pilot.pause()
        assert "How joined-up does your care feel?" not in ui.flat(app)
        await ui.quit(pilot)
    record = ui.reopen(store)
    (sam,) = people(record)
    assert not coordination.offer_on_home(record, sam, TODAY)
    assert coordination.offer_on_home(record, sam, TODAY + timedelta(days=30))


async def test_enter_on_homes_line_opens_the_check_in(small_store, ui):
    def fill(record, person):
        on = TODAY - timedelta(days=31)
        coordination.add_check_in(record, person, [Answer("in_charge", 3)], on=on)

    app = ui.app(small_store(fill=fill))
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await ui.wait_until(pilot, lambda: "How joined-up does your care feel?" in ui.flat(app))
        await pilot.press("enter")
        await ui.wait_until(pilot, lambda: _screen(app) == "CheckInScreen")
        await ui.quit(pilot)


async def test_no_home_line_for_a_new_record_or_after_a_recent_check_in(small_store, ui):
    app = ui.app(small_store())
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await ui.settle(pilot)
        assert "How joined-up does your care feel?" not in ui.flat(app)
        await pilot.press("d")  # Home's own keys still work
        await ui.wait_until(pilot, lambda: _screen(app) == "FormScreen")
        await ui.quit(pilot)


async def test_the_share_screen_offers_the_section_unticked(demo_store, ui):
    from textual.widgets import SelectionList

    app = ui.app(demo_store)
    async with ui.run(app, size=(120, 40)) as pilot:
        await ui.peggy(pilot)
        await pilot.press("ctrl+e")
        await ui.wait_until(pilot, lambda: _screen(app) == "ShareScreen")
        parts = app.screen.query_one("#parts", SelectionList)
        assert "coordination" not in parts.selected
        await ui.wait_until(pilot, lambda: "Okafor" in ui.text(app))
        assert "HOW JOINED-UP" not in ui.text(app)
        parts.deselect_all()
        parts.select("coordination")
        await ui.wait_until(pilot, lambda: "HOW JOINED-UP MY CARE FEELS" in ui.text(app), 200)
        assert "I know who is in charge of my care — mostly" in ui.flat(app)
        await ui.quit(pilot)
