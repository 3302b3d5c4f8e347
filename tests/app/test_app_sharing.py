"""Two carers, one record: the app merges another computer's save while it is open."""

from __future__ import annotations

import shutil
from datetime import datetime

from textual.widgets import Input

from mycare.care import diary, history, people, settings
from mycare.care.record import CareRecord
from mycare.ui import live

PASSPHRASE = "test passphrase"  # as in conftest.py
PEGGY = "Margaret (Peggy) Okafor"


def other_computer(store, tmp_path, name="Sam"):
    """The same store as synced to another carer's computer."""
    folder = tmp_path / "other"
    folder.mkdir()
    copy = folder / store.name
    shutil.copy(store, copy)
    return CareRecord.open(copy, PASSPHRASE, me=name)


def arrives(other: CareRecord, store) -> None:
    """What a sync service does: the other computer's file replaces this one."""
    shutil.copy(other.path, store.with_name(".incoming"))
    (store.with_name(".incoming")).replace(store)


async def test_a_half_typed_form_survives_another_carers_change(
    demo_store, tmp_path, ui, monkeypatch
):
    monkeypatch.setattr(live, "POLL_SECONDS", 0.1)
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        sam = other_computer(demo_store, tmp_path)
        await pilot.press("8")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await ui.type(pilot, "Mum slept well")
        peggy = people.find_person(sam, "Margaret")
        diary.add_entry(
            sam, peggy, "Sam visited and fixed the gate", written_at=datetime(2026, 11, 22, 9)
        )
        sam.close()
        arrives(sam, demo_store)
        await ui.wait_until(pilot, lambda: any("Sam added" in t for t in ui.toasts(app)), tries=100)
        assert any("Sam added a diary entry" in t for t in ui.toasts(app))
        # the form is still open with every character typed
        form = app.screen
        assert type(form).__name__ == "FormScreen"
        assert "Mum slept well" in ui.flat(app)
        await pilot.press("ctrl+s")
        await ui.settle(pilot)
        texts = [row[-1] for row in ui.rows(app)]
        assert "Mum slept well" in texts and "Sam visited and fixed the gate" in texts
        await ui.quit(pilot)
    record = ui.reopen(demo_store)
    peggy = people.find_person(record, PEGGY)
    kept = {e.text for e in diary.entries(record, peggy, limit=10)}
    assert {"Mum slept well", "Sam visited and fixed the gate"} <= kept
    authors = {line.author for line in history.recent(record, 10)}
    assert {"Sam", "Test carer"} <= authors


async def test_changing_a_record_keeps_the_other_carers_edit_to_another_field(
    small_store, tmp_path, ui, monkeypatch
):
    from mycare.care import team

    def fill(record, person):
        team.add_contact(record, person, "Dr Ruth Bell", role="GP", phone="01632 960001")

    store = small_store(fill=fill)
    monkeypatch.setattr(live, "POLL_SECONDS", 0.1)
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        sam = other_computer(store, tmp_path)
        await pilot.press("3")
        await pilot.pause()
        await ui.highlight(pilot, "Dr Ruth Bell")
        await pilot.press("e")
        await pilot.pause()
        await ui.fill(pilot, role="Family doctor")
        person = people.find_person(sam)
        ruth = team.find_contact(sam, person, "Ruth")
        team.update_contact(sam, ruth.id, phone="01632 960999")
        sam.close()
        arrives(sam, store)
        await ui.wait_until(pilot, lambda: any("Sam changed" in t for t in ui.toasts(app)))
        await pilot.press("ctrl+s")
        await ui.settle(pilot)
        await ui.quit(pilot)
    record = ui.reopen(store)
    ruth = team.find_contact(record, people.find_person(record), "Ruth")
    assert (ruth.role, ruth.phone) == ("Family doctor", "01632 960999")


async def test_who_are_you_is_asked_once_on_a_computer(small_store, ui, monkeypatch):
    monkeypatch.delenv("MYCARE_ME")
    store = small_store()
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await ui.wait_until(pilot, lambda: type(app.screen).__name__ == "WhoScreen")
        await pilot.press("enter")  # nothing typed: it says what is needed
        await pilot.pause()
        assert "Your name is needed" in ui.shown(app.screen.query_one("#problem"))
        await ui.type(pilot, "Ann")
        await pilot.press("enter")
        await ui.wait_until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await pilot.press("d")
        await pilot.pause()
        await ui.type(pilot, "A quiet day")
        await pilot.press("ctrl+s")
        await ui.settle(pilot)
        await ui.quit(pilot)
    assert settings.my_name() == "Ann"
    with CareRecord.open(store, PASSPHRASE) as record:
        assert history.recent(record, 1)[0].author == "Ann"
    second = ui.app(store)
    async with ui.run(second) as pilot:
        await ui.unlock(pilot)
        await ui.wait_until(pilot, lambda: type(second.screen).__name__ == "HomeScreen")
        await pilot.pause(0.2)
        assert type(second.screen).__name__ == "HomeScreen"
        assert not second.screen.query(Input).filter("#me")
        await ui.quit(pilot)


async def test_a_value_both_carers_changed_is_shown_until_looked_at(
    small_store, tmp_path, ui, monkeypatch
):
    from mycare.care import team

    def fill(record, person):
        ruth = team.add_contact(record, person, "Dr Ruth Bell", role="GP", phone="01632 960001")
        team.set_lead(record, person, ruth)

    store = small_store(fill=fill)
    monkeypatch.setattr(live, "POLL_SECONDS", 0.1)
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        sam = other_computer(store, tmp_path)
        await pilot.press("3")
        await pilot.pause()
        await ui.highlight(pilot, "Dr Ruth Bell")
        await pilot.press("e")
        await pilot.pause()
        await ui.fill(pilot, phone="01632 960002")
        await pilot.press("ctrl+s")
        await ui.settle(pilot)
        person = people.find_person(sam)
        ruth = team.find_contact(sam, person, "Ruth")
        team.update_contact(sam, ruth.id, phone="01632 960003")
        sam.close()
        arrives(sam, store)
        await ui.wait_until(pilot, lambda: any("changed by both" in t for t in ui.toasts(app)))
        await pilot.press("3")  # the list marks it, and h shows and settles it
        await ui.wait_until(pilot, lambda: any(r[0].startswith("⚑ ") for r in ui.rows(app)))
        assert "changed by both: h shows it" in ui.flat(app)
        await pilot.press("1")
        await ui.wait_until(pilot, lambda: "1 changed by both — check it (h)" in ui.flat(app))
        assert "01632 960003" in ui.flat(app)  # the later change is the one kept
        assert "New from Sam: 1 change (h)" in ui.flat(app)
        await pilot.press("h")
        await ui.wait_until(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        shown = " ".join(ui.shown(s) for s in app.screen.query("Static"))
        assert "01632 960002" in shown and "01632 960003" in shown and "check it" in shown
        await pilot.press("escape")
        app.clear_notifications()
        await ui.wait_until(pilot, lambda: "changed by both" not in ui.flat(app))
        assert "New from Sam" not in ui.flat(app)  # looked at now
        await ui.settle(pilot)
        await ui.quit(pilot)
    with CareRecord.open(store, PASSPHRASE) as record:
        assert history.to_check(record) == []
        ruth = team.find_contact(record, people.find_person(record), "Ruth")
        assert ruth.phone == "01632 960003"
        lines = [line.text for line in history.of_record(record, ruth.id)]
        assert any("01632 960002" in text for text in lines)
