"""Opening and locking: first run, unlock right and wrong, damaged and busy stores, locks."""

from __future__ import annotations

import time

from mycare.care import diary, people
from mycare.care.record import CareRecord

PASSPHRASE = "test passphrase"
NEW_PASSPHRASE = "purple otter lamp"


def welcome_fields(app):
    screen = app.screen
    return (screen.query_one("#first"), screen.query_one("#second"), screen.query_one("#name"))


# -- first run ------------------------------------------------------------------------
async def test_first_run_creates_the_store_with_the_name(store_path, ui):
    app = ui.app(store_path)
    async with ui.run(app) as pilot:
        await pilot.pause()
        words = ui.flat(app)
        assert "cannot be recovered" in words
        assert "Welcome to mycare" in words
        await ui.type(pilot, NEW_PASSPHRASE)
        assert "Strength:" in ui.flat(app)
        await pilot.press("enter")  # Enter moves on to the second box
        first, second, name = welcome_fields(app)
        assert second.has_focus
        second.value = NEW_PASSPHRASE
        await pilot.press("enter")  # and on to the name
        assert name.has_focus
        name.value = "Ruth Evans"
        await pilot.press("enter")
        await ui.wait_until(pilot, lambda: app.record is not None)
        assert type(app.screen).__name__ == "HomeScreen"
        assert "Ruth Evans" in ui.text(app)
        assert "In charge of my care" in ui.text(app)
        await ui.quit(pilot)
    record = CareRecord.open(store_path, NEW_PASSPHRASE)
    ui.records.append(record)
    assert [p.name for p in people.people(record)] == ["Ruth Evans"]


async def test_first_run_asks_who_you_are_before_the_first_person_is_added(
    store_path, ui, monkeypatch
):
    monkeypatch.delenv("MYCARE_ME")  # a computer where nobody has said their name yet
    app = ui.app(store_path)
    async with ui.run(app) as pilot:
        await pilot.pause()
        first, second, name = welcome_fields(app)
        first.value = second.value = NEW_PASSPHRASE
        name.value = "Ruth Evans"
        name.focus()
        await pilot.press("enter")
        await ui.wait_until(pilot, lambda: type(app.screen).__name__ == "WhoScreen")
        assert not store_path.exists()  # nothing made until we know who is making it
        await ui.type(pilot, "Owen")
        await pilot.press("enter")
        await ui.wait_until(pilot, lambda: app.record is not None)
        await ui.wait_until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await ui.quit(pilot)
    record = CareRecord.open(store_path, NEW_PASSPHRASE)
    ui.records.append(record)
    from mycare.care import history

    assert {line.author for line in history.recent(record, 10)} == {"Owen"}


async def test_first_run_refuses_a_short_passphrase_a_mismatch_and_no_name(store_path, ui):
    app = ui.app(store_path)
    async with ui.run(app) as pilot:
        await pilot.pause()
        first, second, name = welcome_fields(app)
        await ui.type(pilot, "short")
        assert "Too short" in ui.flat(app)
        second.value, name.value = "short", "Ruth Evans"
        await pilot.click("#create")
        await ui.settle(pilot)
        assert "needs at least 8 characters" in ui.flat(app)
        assert not store_path.exists()

        first.value, second.value = NEW_PASSPHRASE, NEW_PASSPHRASE + "s"
        name.focus()
        await pilot.press("enter")
        await ui.settle(pilot)
        assert "The two passphrases are different" in ui.flat(app)
        assert not store_path.exists()

        second.value, name.value = NEW_PASSPHRASE, "   "
        name.focus()
        await pilot.press("enter")
        await ui.settle(pilot)
        assert "Give the name of the person" in ui.flat(app)
        assert type(app.screen).__name__ == "WelcomeScreen"
        assert app.record is None
    assert not store_path.exists()


# -- unlocking ------------------------------------------------------------------------
async def test_wrong_passphrase_says_so_lets_you_try_again_and_leaves_the_file(demo_store, ui):
    before = demo_store.read_bytes()
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await pilot.pause()
        assert "Unlock your care record" in ui.text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Type your passphrase, then press Enter." in ui.flat(app)
        app.screen.query_one("#passphrase").value = "not my passphrase"
        await pilot.press("enter")
        problem = app.screen.query_one("#problem")
        await ui.wait_until(pilot, lambda: "does not open" in ui.shown(problem))
        assert "Check it and try again" in ui.flat(app)
        assert app.record is None
        field = app.screen.query_one("#passphrase")
        assert not field.disabled and field.value == "" and field.has_focus
        assert demo_store.read_bytes() == before
        assert not list(demo_store.parent.glob("*.backup-*"))
        await ui.unlock(pilot)
        screen = ui.text(app)
        assert type(app.screen).__name__ == "HomeScreen"
        assert "In charge of my care" in screen
        assert "Okafor" in screen.splitlines()[0]  # whose record it is, in the header


async def test_damaged_store_says_so_and_names_the_backups(demo_store, ui):
    backup = demo_store.with_name(demo_store.name + ".backup-1")
    backup.write_bytes(demo_store.read_bytes())
    blob = bytearray(demo_store.read_bytes())
    blob[200] ^= 0x40
    demo_store.write_bytes(bytes(blob))
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await pilot.pause()
        app.screen.query_one("#passphrase").value = PASSPHRASE
        await pilot.press("enter")
        problem = app.screen.query_one("#problem")
        await ui.wait_until(pilot, lambda: "damaged" in ui.shown(problem))
        message = ui.shown(problem)
        assert "care.mycare.backup-1" in message
        assert str(demo_store.parent) in message
        assert "damaged or has been altered" in ui.flat(app)
        assert app.record is None
    assert demo_store.read_bytes() == bytes(blob)


async def test_store_in_use_says_so(demo_store, ui):
    other = CareRecord.open(demo_store, PASSPHRASE)
    ui.records.append(other)
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await pilot.pause()
        app.screen.query_one("#passphrase").value = PASSPHRASE
        await pilot.press("enter")
        problem = app.screen.query_one("#problem")
        await ui.wait_until(pilot, lambda: "already open" in ui.shown(problem))
        assert app.record is None


# -- locking --------------------------------------------------------------------------
async def test_lock_key_clears_the_screen_keeps_the_change_and_unlock_brings_it_back(
    demo_store, ui
):
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("8", "a")
        await pilot.pause()
        await ui.fill(pilot, text="Before the lock")
        await pilot.press("ctrl+s")
        await pilot.press("3")
        await pilot.pause()
        assert "Tom Brennan" in ui.text(app)
        await pilot.press("ctrl+l")
        await ui.wait_until(pilot, lambda: app.record is None)
        screen = ui.text(app)
        assert "Unlock your care record" in screen
        for secret in ("Okafor", "Peggy", "Tom Brennan", "Heart failure"):
            assert secret not in screen
        assert len(app.screen_stack) == 2  # nothing left behind the unlock screen
        # a screenshot of the lock screen (ctrl+p offers one) must not name the person
        assert "Okafor" not in app.export_screenshot()
        await ui.unlock(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert "In charge of my care" in ui.text(app)
        await ui.quit(pilot)
    record = ui.reopen(demo_store)
    peggy = people.find_person(record, "Margaret")
    assert any(e.text == "Before the lock" for e in diary.entries(record, peggy))


async def test_idle_lock_even_with_a_form_open(demo_store, ui):
    app = ui.app(demo_store, idle_minutes=0.02)  # 1.2 seconds
    async with ui.run(app) as pilot:
        await ui.peggy(pilot)
        await pilot.press("8", "a")
        await pilot.pause()
        await ui.fill(pilot, text="Felt dizzy at the shops")
        await pilot.press("end")  # a key in the form: the person is there
        app.lock_if_idle()
        await pilot.pause()
        assert app.record is not None
        time.sleep(1.3)
        app.lock_if_idle()
        await ui.wait_until(pilot, lambda: app.record is None)
        screen = ui.text(app)
        assert "Unlock your care record" in screen
        assert "dizzy" not in screen
        assert "Okafor" not in screen and "Heart failure" not in screen
        await ui.unlock(pilot)
        await ui.wait_until(pilot, lambda: type(app.screen).__name__ == "FormScreen")
        assert "Felt dizzy at the shops" in ui.flat(app)  # the form is back as it was left


async def test_lock_key_works_from_a_form_and_clears_messages(demo_store, ui):
    """Someone walks in while the carer is typing: ctrl+l must lock and leave nothing up."""
    problems = []
    app = ui.app(demo_store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await ui.switch_to(pilot, "Desmond Okafor")
        assert "Okafor's record" in ui.text(app)  # the "Now showing …" message is up
        await pilot.press("8", "a")
        await pilot.pause()
        await ui.fill(pilot, text="Felt dizzy at the shops")
        await pilot.press("ctrl+l")
        await pilot.pause(0.2)
        if app.record is not None:
            problems.append("ctrl+l does nothing while a form is open")
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("ctrl+l")
            await ui.wait_until(pilot, lambda: app.record is None)
        screen = ui.text(app)
        if "dizzy" in screen:
            problems.append("the form's text is still on the lock screen")
        if "Okafor" in screen:
            problems.append("a message naming the person is still on the lock screen")
    assert not problems, problems
