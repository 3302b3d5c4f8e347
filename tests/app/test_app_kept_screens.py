"""A section comes back as it was left, with what changed meanwhile; locking lets go of it."""

from __future__ import annotations

from mycare.care import questions

PEGGY = "Margaret (Peggy) Okafor"
DESMOND = "Desmond Okafor"


def screen_name(app) -> str:
    return type(app.screen).__name__


async def test_a_section_comes_back_as_left_with_what_changed_elsewhere(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("5")
        await ui.settle(pilot)
        questions_screen = app.screen
        before = ui.rows(app)
        await pilot.press("down")
        on = ui.highlighted(app)
        await pilot.press("1")
        await ui.settle(pilot)
        await pilot.press("k")  # a question from Home
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        await ui.fill(pilot, text="Can I drive after the procedure?")
        await pilot.press("enter")
        await ui.settle(pilot)
        await pilot.press("5")
        await ui.wait_until(pilot, lambda: len(ui.rows(app)) == len(before) + 1)
        assert app.screen is questions_screen  # the same screen, not built again
        assert any("Can I drive after the procedure?" in row[0] for row in ui.rows(app))
        assert ui.highlighted(app) == on  # the cursor stayed on the question it was on
        await ui.quit(pilot)
    record = ui.reopen(demo_store)
    texts = [q.text for q in questions.questions(record, record_person(record))]
    assert "Can I drive after the procedure?" in texts


def record_person(record):
    from mycare.care import people

    return next(p for p in people.people(record) if p.name == PEGGY)


async def test_locking_lets_go_of_every_kept_screen(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        for key in "2348":
            await pilot.press(key)
            await ui.settle(pilot)
        kept = list(app.kept.names.values())
        assert len(kept) >= 4
        await pilot.press("ctrl+l")
        await ui.wait_until(pilot, lambda: screen_name(app) == "UnlockScreen")
        await ui.settle(pilot)
        assert app.kept.names == {}
        assert not any(screen.is_attached for screen in kept)  # nothing of the record is left
        await ui.unlock(pilot)
        await pilot.press("2")
        await ui.settle(pilot)
        assert app.screen not in kept and ui.rows(app)  # built again, from the store
        await ui.quit(pilot)


async def test_another_persons_sections_are_their_own(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("2")
        await ui.settle(pilot)
        peggys = ui.rows(app)
        await ui.switch_to(pilot, DESMOND)
        await pilot.press("2")
        await ui.settle(pilot)
        assert [r[1] for r in ui.rows(app)] == ["Flu jab", "Hearing aid check"]
        assert all(str(app.person.id) in name for name in app.kept.names)  # none of hers
        await ui.switch_to(pilot, PEGGY)
        await pilot.press("2")
        await ui.settle(pilot)
        assert ui.rows(app) == peggys
        await ui.quit(pilot)


async def test_a_kept_screen_takes_a_theme_chosen_while_it_was_away(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("4")
        await ui.settle(pilot)
        kept = app.screen
        await pilot.press("1")
        await ui.settle(pilot)
        other = next(name for name in app.available_themes if name != app.theme)
        app.theme = other
        await ui.settle(pilot)
        await pilot.press("4")
        await ui.settle(pilot)
        assert app.screen is kept
        shown_kept = app.export_screenshot()
        await pilot.press("1")
        await ui.settle(pilot)
        app.kept.names.pop(next(n for n, s in app.kept.names.items() if s is kept))
        app.uninstall_screen(kept)
        await pilot.press("4")  # built anew, in the theme as it is now
        await ui.settle(pilot)
        assert app.screen is not kept
        assert app.export_screenshot() == shown_kept
        await ui.quit(pilot)
