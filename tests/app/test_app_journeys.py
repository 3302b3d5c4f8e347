"""The everyday journeys, key by key, checked on screen and in the store after quitting."""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import TabbedContent

from mycare.care import appointments, diary, goals, people, questions, steps, team
from mycare.care.dates import format_relative_day

PEGGY = "Margaret (Peggy) Okafor"
DESMOND = "Desmond Okafor"
TODAY = date(2026, 11, 22)


def screen_name(app) -> str:
    return type(app.screen).__name__


def line_after(text: str, heading: str) -> str:
    """The screen line below the one holding heading (inside the same panel)."""
    lines = text.splitlines()
    for n, line in enumerate(lines):
        if heading in line:
            return lines[n + 1]
    raise AssertionError(f"{heading!r} is not on screen:\n{text}")


async def wait_for_list(ui, pilot) -> None:
    """Wait for a form or question to close and the list to be back."""
    await ui.wait_until(pilot, lambda: screen_name(pilot.app) == "SectionScreen")
    await ui.settle(pilot)


# -- the care team: who is in charge ------------------------------------------------------
async def test_home_prompts_to_choose_a_lead_until_one_is_set(small_store, ui):
    def fill(record, person):
        team.add_contact(record, person, "Dr Ada Obi", role="GP", sector="health",
                         phone="01632 960999")  # fmt: skip
        team.add_contact(record, person, "Lee Chan", role="Neighbour", sector="friends")

    store = small_store(fill=fill)
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        assert "Not chosen — press 3" in line_after(ui.text(app), "In charge of my care")
        await pilot.press("3")
        await pilot.pause()
        await ui.highlight(pilot, "Dr Ada Obi")
        await pilot.press("l")
        await ui.highlight(pilot, "Lee Chan")
        await pilot.press("f")
        await ui.settle(pilot)
        await pilot.press("1")
        await pilot.pause()
        screen = ui.text(app)
        assert "Dr Ada Obi" in line_after(screen, "In charge of my care")
        assert "01632 960999" in line_after(screen, "In charge of my care")
        assert "Lee Chan" in line_after(screen, "First point of contact")
        await ui.quit(pilot)
    record = ui.reopen(store)
    person = people.find_person(record)
    assert team.lead(record, person).name == "Dr Ada Obi"
    assert team.first_contact(record, person).name == "Lee Chan"


# -- appointments, questions, outcomes, next steps --------------------------------------
async def test_add_an_appointment_with_two_questions(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("2")
        await pilot.pause()
        before = len(ui.rows(app))
        await pilot.press("a")
        await pilot.pause()
        assert screen_name(app) == "FormScreen"
        await ui.type(pilot, "3 Dec 2pm")
        assert ui.note(app, "starts_at") == "Thu 3 Dec 2026 14:00"
        await ui.fill(pilot, purpose="Podiatry check", location="Foot clinic, St Anne's")
        await pilot.press("ctrl+s")
        await wait_for_list(ui, pilot)
        assert len(ui.rows(app)) == before + 1
        assert "Podiatry check" in ui.highlighted(app)
        await pilot.press("k")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        await ui.fill(pilot, text="Should I keep using the cream on my heels?")
        await pilot.press("enter")
        await wait_for_list(ui, pilot)
        await pilot.press("k")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        await ui.fill(pilot, text="Can the nurse cut my toenails at home?")
        await pilot.press("ctrl+s")
        await wait_for_list(ui, pilot)
        row = ui.highlighted(app)
        assert "Podiatry check" in row and "2 to ask" in row
        await ui.quit(pilot)
    record = ui.reopen(demo_store)
    peggy = people.find_person(record, "Margaret")
    visit = next(a for a in appointments.appointments(record, peggy)
                 if a.purpose == "Podiatry check")  # fmt: skip
    assert visit.starts_at == datetime(2026, 12, 3, 14, 0)
    assert visit.location == "Foot clinic, St Anne's"
    asked = [q.text for q in questions.questions(record, peggy, appointment_id=visit.id)]
    assert asked == [
        "Should I keep using the cream on my heels?",
        "Can the nurse cut my toenails at home?",
    ]


async def test_record_an_outcome_and_a_next_step(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("2")
        await pilot.pause()
        await ui.highlight(pilot, "Heart failure nurse clinic", column=1)
        await pilot.press("o")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        await ui.fill(
            pilot,
            status="attended",  # a visit still to come starts with no status
            outcome="Water tablet doubled for a week.\nWeigh every morning.",
            next_step="Blood test at the surgery",
            due_on="in 2 weeks",
        )
        assert ui.note(app, "due_on") == "Sun 6 Dec 2026"
        await pilot.press("ctrl+s")
        await wait_for_list(ui, pilot)
        assert "attended" in ui.highlighted(app)
        await pilot.press("4")
        await pilot.pause()
        assert any("Blood test at the surgery" in row[1] for row in ui.rows(app))
        await ui.quit(pilot)
    record = ui.reopen(demo_store)
    peggy = people.find_person(record, "Margaret")
    visit = next(
        a
        for a in appointments.appointments(record, peggy)
        if a.purpose == "Heart failure nurse clinic" and a.starts_at.date() > TODAY
    )
    assert visit.status == "attended"
    assert visit.outcome == "Water tablet doubled for a week.\nWeigh every morning."
    step = next(s for s in steps.steps(record, peggy) if s.what == "Blood test at the surgery")
    assert step.appointment_id == visit.id
    assert step.due_on == date(2026, 12, 6)
    assert step.who == "me"


async def test_mark_a_step_done_and_full_stop_shows_done_and_past_items(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("4")
        await pilot.pause()
        await ui.highlight(pilot, "Collect the repeat prescription")
        await pilot.press("space")
        await ui.settle(pilot)
        assert not any("Collect the repeat prescription" in r[1] for r in ui.rows(app))
        assert any(t.startswith("Done.") for t in ui.toasts(app))
        await pilot.press("full_stop")
        await pilot.pause()
        done = [r for r in ui.rows(app) if "Collect the repeat prescription" in r[1]]
        assert done and done[0][-1] == "done"
        assert "showing done" in ui.text(app)
        # past and cancelled appointments, the same way
        await pilot.press("2")
        await pilot.pause()
        coming = len(ui.rows(app))
        assert not any("Cardiology follow-up (rebooked)" in r[1] for r in ui.rows(app))
        await pilot.press("full_stop")
        await pilot.pause()
        assert len(ui.rows(app)) > coming
        assert any("Cardiology follow-up (rebooked)" in r[1] for r in ui.rows(app))
        assert any("cancelled" in r for r in ui.rows(app))
        await pilot.press("full_stop")
        await pilot.pause()
        assert len(ui.rows(app)) == coming
        await ui.quit(pilot)
    record = ui.reopen(demo_store)
    peggy = people.find_person(record, "Margaret")
    step = next(s for s in steps.steps(record, peggy, include_done=True)
                if s.what == "Collect the repeat prescription")  # fmt: skip
    assert step.status == "done"


# -- goals and the diary ----------------------------------------------------------------------
async def test_add_a_goal_and_a_check_in(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await ui.fill(
            pilot,
            goal="Walk to the post box and back",
            what_matters="So I can post my own birthday cards",
            target_on="1 Mar 2027",
            steps="Buy shoes with a good grip\nWalk there with Ngozi",
        )
        await pilot.press("ctrl+s")
        await wait_for_list(ui, pilot)
        row = ui.highlighted(app)
        assert row[0] == "Walk to the post box and back"
        assert row[1] == "no check-in yet" and row[2] == "0 of 2"
        await pilot.press("c")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        await ui.fill(pilot, score="6", note="Made it halfway with Ngozi.")
        await pilot.press("ctrl+s")
        await wait_for_list(ui, pilot)
        assert "6/10" in ui.highlighted(app)[1]
        await pilot.press("1")
        await pilot.pause()
        assert "Walk to the post box and back" in ui.text(app)
        await ui.quit(pilot)
    record = ui.reopen(demo_store)
    peggy = people.find_person(record, "Margaret")
    view = next(v for v in goals.goals(record, peggy)
                if v.goal.goal == "Walk to the post box and back")  # fmt: skip
    assert view.goal.target_on == date(2027, 3, 1)
    assert [s.text for s in view.steps] == ["Buy shoes with a good grip", "Walk there with Ngozi"]
    assert [(c.score, c.note, c.checked_on) for c in view.check_ins] == [
        (6, "Made it halfway with Ngozi.", TODAY)
    ]


async def test_add_a_diary_line(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("8")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await ui.type(pilot, "Sat in the garden")
        await ui.fill(pilot, feeling="7")
        await pilot.press("ctrl+s")
        await wait_for_list(ui, pilot)
        assert "Saved 10:45" in ui.text(app).splitlines()[0]
        row = ui.highlighted(app)
        assert row[0].startswith(format_relative_day(TODAY, TODAY))
        assert row[1:] == ["7/10", "Sat in the garden"]
        await ui.wait_until(pilot, lambda: row[0] in ui.text(app), tries=20)  # scrolled to it
        await ui.quit(pilot)
    record = ui.reopen(demo_store)
    peggy = people.find_person(record, "Margaret")
    newest = diary.entries(record, peggy, limit=1)[0]
    assert (newest.text, newest.feeling, newest.written_at) == (
        "Sat in the garden",
        7,
        datetime(2026, 11, 22, 10, 45),
    )


# -- more than one person -------------------------------------------------------------------
async def test_switch_person(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        assert PEGGY in ui.text(app).splitlines()[0]
        await ui.switch_to(pilot, DESMOND)
        screen = ui.text(app)
        assert DESMOND in screen.splitlines()[0]
        assert "Dr Priya Raman" in line_after(screen, "In charge of my care")
        assert "Ngozi Okafor" in line_after(screen, "First point of contact")
        await pilot.press("2")
        await pilot.pause()
        assert [r[1] for r in ui.rows(app)] == ["Flu jab", "Hearing aid check"]
        await ui.switch_to(pilot, PEGGY)
        assert "Tom Brennan" in line_after(ui.text(app), "In charge of my care")
        # and someone new, from the same picker
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("end", "enter")  # "+ Add someone" is last
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        await ui.fill(pilot, name="Ngozi Okafor")
        await pilot.press("enter")
        await ui.wait_until(pilot, lambda: app.person is not None and
                            app.person.name == "Ngozi Okafor")  # fmt: skip
        await ui.settle(pilot)
        assert "Ngozi Okafor" in ui.text(app).splitlines()[0]
        await ui.quit(pilot)
    record = ui.reopen(demo_store)
    assert "Ngozi Okafor" in [p.name for p in people.people(record)]


# -- search --------------------------------------------------------------------------------------
async def search_for(ui, pilot, words: str, expect: str) -> None:
    """ctrl+p, type, arrow down to the hit that shows expect, Enter."""
    from textual.command import CommandPalette
    from textual.widgets import OptionList

    app = pilot.app
    await pilot.press("ctrl+p")
    await ui.wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
    await ui.type(pilot, words)
    options = app.screen.query_one(OptionList)

    def prompts() -> list[str]:
        return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]

    await ui.wait_until(pilot, lambda: any(expect in p for p in prompts()))
    wanted = next(i for i, p in enumerate(prompts()) if expect in p)
    for _ in range(wanted - (options.highlighted or 0)):
        await pilot.press("down")
    await pilot.press("enter")
    await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
    await pilot.pause()


async def test_search_lands_on_the_record_in_its_section(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await search_for(ui, pilot, "compress", "compression")
        assert "What happens next" in ui.text(app)  # the next steps list
        assert "Measure my legs for compression" in ui.highlighted(app)[1]
        await search_for(ui, pilot, "Apixaban", "medicine: Apixaban")
        assert app.screen.query_one(TabbedContent).active == "tab-0"
        assert ui.highlighted(app)[0] == "Apixaban"


async def test_search_brings_old_records_into_view(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await search_for(ui, pilot, "weekly pill", "Medicine review")
        row = ui.highlighted(app)
        assert row[1] == "Medicine review at the pharmacy"
        assert "Jun 2026" in row[0]  # the past one, shown although past items are hidden
        assert "Medicine review at the pharm" in ui.text(app)  # (… at 80 columns, past ones too)
        await search_for(ui, pilot, "Weight 71.1", "diary entry")
        row = ui.highlighted(app)
        assert "Weight 71.1" in row[2]
        await ui.wait_until(pilot, lambda: row[0] in ui.text(app), tries=20)  # scrolled to it


async def test_lists_open_on_what_a_carer_needs_at_80x24(demo_store, ui):
    problems = []
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        home = ui.text(app)
        # one line per item, cut with an ellipsis where the panel is narrow
        if "Diabetic eye" not in home:
            problems.append("home: the 5th of 5 'Coming up' lines needs scrolling at 80x24")
        if "Measure my legs" not in home:
            problems.append("home: the 5th of 5 'Next steps' needs scrolling at 80x24")
        await pilot.press("7")
        await pilot.pause()
        active = app.screen.query_one(TabbedContent).active
        if active != "tab-0" or "Bisoprolol" not in ui.text(app):
            problems.append(f"7 opens on {active}, not on Medicines")
        await pilot.press("3")
        await pilot.pause()
        if "01632 960520" not in ui.text(app):
            problems.append("the care team's phone numbers are off the screen (3)")
        await pilot.press("8")
        await pilot.pause()
        first = ui.rows(app)[0][0]
        if "2025" in first:
            problems.append(f"the diary opens on its oldest line, {first}, not today's end (8)")
    assert not problems, problems


# -- delete and undo, filter, sort --------------------------------------------------------------
async def test_delete_asks_first_and_u_brings_it_back(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("3")
        await pilot.pause()
        await ui.highlight(pilot, "Beryl Adams")
        await pilot.press("x")
        await ui.wait_until(pilot, lambda: screen_name(app) == "ConfirmScreen")
        words = ui.flat(app)
        assert "Delete this care team member?" in words and "Beryl Adams" in words
        await pilot.press("n")
        await wait_for_list(ui, pilot)
        assert any(r[0] == "Beryl Adams" for r in ui.rows(app))
        await pilot.press("delete")
        await ui.wait_until(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await pilot.press("y")
        await wait_for_list(ui, pilot)
        assert not any(r[0] == "Beryl Adams" for r in ui.rows(app))
        assert any("Press u to bring it back" in t for t in ui.toasts(app))
        await pilot.press("u")
        await ui.settle(pilot)
        assert any(r[0] == "Beryl Adams" for r in ui.rows(app))
        assert ui.highlighted(app)[0] == "Beryl Adams"
        # and one that stays deleted
        await ui.highlight(pilot, "Amir Hussain")
        await pilot.press("x")
        await ui.wait_until(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await pilot.press("y")
        await wait_for_list(ui, pilot)
        await ui.quit(pilot)
    record = ui.reopen(demo_store)
    names = [c.name for c in team.contacts(record, people.find_person(record, "Margaret"))]
    assert "Beryl Adams" in names and "Amir Hussain" not in names


async def test_filter_as_you_type_narrows_the_rows(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("3")
        await pilot.pause()
        everyone = len(ui.rows(app))
        await pilot.press("slash")
        await ui.type(pilot, "nurse")
        rows = ui.rows(app)
        assert 0 < len(rows) < everyone
        assert all("nurse" in " ".join(r).casefold() for r in rows)
        assert f"{len(rows)} of {everyone}" in ui.text(app)
        await ui.type(pilot, "s")  # "nurses": nobody
        assert ui.rows(app) == []
        await pilot.press(*["backspace"] * 6)
        assert len(ui.rows(app)) == everyone
        await pilot.press("enter")  # back to the list
        assert ui.view(app).query_one("DataTable").has_focus
        await pilot.press("s")  # sort by the next column: role
        await pilot.pause()
        roles = [r[1].casefold() for r in ui.rows(app)]
        assert roles == sorted(roles)


# -- help and quitting ----------------------------------------------------------------------------
async def test_help_opens_with_f1_closes_with_escape_and_ctrl_q_still_quits(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert screen_name(app) == "HelpScreen"
        assert "Moving about" in ui.text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "SectionScreen"
        await pilot.press("question_mark")
        await pilot.pause()
        assert screen_name(app) == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "SectionScreen"
        await pilot.press("f1")
        await pilot.pause()
        await ui.quit(pilot)  # the help says ctrl+q quits; it must work from here too


async def test_quit_right_after_a_change_keeps_it(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("8", "a")
        await pilot.pause()
        await ui.fill(pilot, text="Written just before quitting")
        await pilot.press("ctrl+s")
        await ui.quit(pilot)  # no waiting for the save
    record = ui.reopen(demo_store)
    peggy = people.find_person(record, "Margaret")
    assert diary.entries(record, peggy, limit=1)[0].text == "Written just before quitting"
