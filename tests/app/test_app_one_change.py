"""One action is one change: when any part of it fails, none of it is kept or saved."""

from __future__ import annotations

from mycare.care import appointments, people, steps
from mycare.care.errors import CareError


def screen_name(app) -> str:
    return type(app.screen).__name__


async def test_an_outcome_whose_next_step_fails_saves_nothing(demo_store, ui, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise CareError("The next step could not be added (a test made it fail).")

    monkeypatch.setattr(steps, "add_step", refuse)
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        saved_before = demo_store.read_bytes()
        await pilot.press("2")
        await pilot.pause()
        await ui.highlight(pilot, "Heart failure nurse clinic", column=1)
        await pilot.press("o")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        await ui.fill(
            pilot, status="attended", outcome="Water tablet doubled.", next_step="Blood test"
        )
        await pilot.press("ctrl+s")
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        await ui.settle(pilot)
        assert any("could not be added" in t for t in ui.toasts(app))
        assert not any(t == "Outcome saved." for t in ui.toasts(app))
        assert "attended" not in ui.highlighted(app)
        assert demo_store.read_bytes() == saved_before  # no save happened at all
        await ui.quit(pilot)
    record = ui.reopen(demo_store)
    peggy = people.find_person(record, "Margaret")
    outcomes = {a.outcome for a in appointments.appointments(record, peggy)}
    assert "Water tablet doubled." not in outcomes
    assert not any(s.what == "Blood test" for s in steps.steps(record, peggy))


async def test_a_question_added_with_its_answer_whose_answer_fails_saves_nothing(
    demo_store, ui, monkeypatch
):
    from mycare.care import questions

    def refuse(*_args, **_kwargs):
        raise CareError("The answer could not be written (a test made it fail).")

    monkeypatch.setattr(questions, "answer", refuse)
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        saved_before = demo_store.read_bytes()
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("a")
        await ui.wait_until(pilot, lambda: screen_name(app) == "FormScreen")
        await ui.fill(pilot, text="Is the rash an allergy?", answer="Probably not.")
        await pilot.press("ctrl+s")
        await ui.wait_until(pilot, lambda: screen_name(app) == "SectionScreen")
        await ui.settle(pilot)
        assert any("could not be written" in t for t in ui.toasts(app))
        assert demo_store.read_bytes() == saved_before
        await ui.quit(pilot)
    record = ui.reopen(demo_store)
    peggy = people.find_person(record, "Margaret")
    texts = {q.text for q in questions.questions(record, peggy, status=None)}
    assert "Is the rash an allergy?" not in texts
