"""What fits on the screen at 60×20, 80×24 and 200×50: nothing important is cut."""

from __future__ import annotations

import re

import pytest

SMALL, USUAL, WIDE = (60, 20), (80, 24), (200, 50)


def lines_of(ui, app) -> list[str]:
    return ui.text(app).splitlines()


def panel_lines(ui, app, title: str) -> list[str]:
    """The text inside one home panel (left or right column), line by line."""
    lines = lines_of(ui, app)
    top = next(n for n, line in enumerate(lines) if title in line)
    half = app.size.width // 2
    right = lines[top].index(title) > half
    inside = []
    for line in lines[top + 1 :]:
        part = line[half:] if right else line[:half]
        if part.strip().startswith("╰"):
            break
        inside.append(part.strip("│ ").rstrip())
    return inside


# -- home ----------------------------------------------------------------------------
@pytest.mark.parametrize("size", [SMALL, USUAL, WIDE], ids=["60x20", "80x24", "200x50"])
async def test_home_keeps_phones_and_question_counts_whole(demo_store, ui, size):
    app = ui.app(demo_store)
    async with ui.run(app, size=size) as pilot:
        await ui.peggy(pilot)
        await ui.settle(pilot)
        charge = panel_lines(ui, app, "Who is in charge")
        assert any("01632 960520" in line for line in charge), charge  # the lead's phone
        assert any("01632 960101" in line for line in charge), charge  # first contact's
        assert any("Heart fail" in line for line in charge), charge  # the lead's role
        coming = panel_lines(ui, app, "Coming up")
        clinic = next(line for line in coming if line.startswith("tomorrow 10:30"))
        assert clinic.endswith("3 questions" if size == WIDE else "3?"), coming
        assert all(len(line) <= app.size.width for line in lines_of(ui, app))


async def test_a_wide_home_shows_roles_email_and_who_each_appointment_is_with(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app, size=WIDE) as pilot:
        await ui.peggy(pilot)
        await ui.settle(pilot)
        charge = panel_lines(ui, app, "Who is in charge")
        assert "Heart failure specialist nurse, St Anne's Hospital" in charge
        assert "hf.nurses@example.org" in charge
        coming = panel_lines(ui, app, "Coming up")
        assert any(line.startswith("with Tom Brennan") for line in coming), coming
        steps = panel_lines(ui, app, "Next steps")
        assert any(line.endswith("(Claire Donnelly)") for line in steps), steps
        goals = panel_lines(ui, app, "My goals")
        assert any("2 of 4 steps done" in line for line in goals), goals


async def test_long_words_on_home_end_in_an_ellipsis(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app, size=USUAL) as pilot:
        await ui.peggy(pilot)
        await ui.settle(pilot)
        coming = panel_lines(ui, app, "Coming up")
        assert any("District nurse: leg…" in line for line in coming), coming


# -- the section bar ------------------------------------------------------------------
@pytest.mark.parametrize("size", [SMALL, USUAL, WIDE], ids=["60x20", "80x24", "200x50"])
async def test_the_section_bar_names_all_nine_sections(demo_store, ui, size):
    app = ui.app(demo_store)
    async with ui.run(app, size=size) as pilot:
        await ui.peggy(pilot)
        await pilot.press("8")
        await ui.settle(pilot)
        bar = lines_of(ui, app)[1]
        for name in ("Home", "Team", "Steps", "Goals", "Health", "Diary", "Me"):
            assert name in bar, bar
        assert ("Appointments" if size != SMALL else "Appts") in bar, bar
        assert len(bar.rstrip()) <= size[0]


def test_the_section_bar_keeps_every_key_even_when_very_narrow():
    from mycare.ui.widgets.nav import nav_line

    for width in (30, 45, 60, 79, 120):
        line = nav_line("9", width).plain
        assert [c for c in line if c.isdigit()] == list("123456789"), line
        assert "Me" in line
        assert len(line) <= max(width, 21)


# -- section lists --------------------------------------------------------------------
def header_and_rows(ui, app) -> tuple[str, list[str]]:
    lines = lines_of(ui, app)
    top = next(n for n, line in enumerate(lines) if "▲" in line or "▼" in line)
    return lines[top], lines[top + 1 :]


async def test_appointments_at_80_columns_keep_status_questions_and_a_useful_purpose(
    demo_store, ui
):
    app = ui.app(demo_store)
    async with ui.run(app, size=USUAL) as pilot:
        await ui.peggy(pilot)
        await pilot.press("2")
        await ui.settle(pilot)
        header, rows = header_and_rows(ui, app)
        assert header.split() == ["When", "▲", "What", "Status", "Questions"], header
        clinic = next(row for row in rows if "Heart failure nurse clinic" in row)
        assert "planned" in clinic and "3 to ask" in clinic
        district = next(row for row in rows if "District nurse" in row)
        purpose = next(c for c in re.split(r"\s{2,}", district) if c.startswith("District"))
        assert purpose.endswith("…") and len(purpose) >= 20, district
        assert ui.rows(app)[1][1] == "District nurse: legs, skin and weight check"
        assert all(len(line) <= 80 for line in lines_of(ui, app))


async def test_the_team_at_80_columns_shows_sector_and_role(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app, size=USUAL) as pilot:
        await ui.peggy(pilot)
        await pilot.press("3")
        await ui.settle(pilot)
        header, rows = header_and_rows(ui, app)
        for name in ("Name", "Phone", "Role", "In my care", "Sector"):
            assert name in header, header
        beryl = next(row for row in rows if "Beryl Adams" in row)
        assert "voluntary & com…" in beryl, beryl
        tom = next(row for row in rows if "Tom Brennan" in row)
        assert "01632 960520" in tom and "in charge" in tom and "health" in tom


async def test_columns_grow_with_the_terminal_and_titles_are_whole_at_200(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app, size=USUAL) as pilot:
        await ui.peggy(pilot)
        await pilot.press("2")
        await ui.settle(pilot)
        assert "District nurse: legs, skin and weight check" not in ui.text(app)
        await pilot.resize_terminal(*WIDE)
        await ui.settle(pilot)
        await pilot.pause(0.2)
        header, rows = header_and_rows(ui, app)
        for name in ("With", "Where", "Status", "Questions"):
            assert name in header, header
        screen = ui.text(app)
        assert "District nurse: legs, skin and weight check" in screen
        assert "Heart Failure Clinic, St Anne's Hospital (ground floor, Outpatients B)" in screen
        assert "…" not in "".join(rows)


def test_column_widths_leave_out_what_matters_least_and_share_the_rest():
    from mycare.ui.widgets.columns import Fit, column_widths

    fits = [Fit(), Fit(1, 20), Fit(2), Fit(3, 14)]
    naturals, headers = [16, 60, 9, 40], [4, 4, 6, 5]
    assert column_widths(naturals, headers, fits, 200) == [16, 60, 9, 40]
    narrow = column_widths(naturals, headers, fits, 60)
    assert narrow[3] is None  # the least important column gives way first
    assert sum(w + 2 for w in narrow if w is not None) == 60
    assert narrow[1] is not None and narrow[1] >= 20
    tiny = column_widths(naturals, headers, fits, 30)
    assert tiny[0] is not None and tiny[1] is not None  # kept columns always stay


# -- footers --------------------------------------------------------------------------
@pytest.mark.parametrize("size", [SMALL, USUAL], ids=["60x20", "80x24"])
@pytest.mark.parametrize(
    ("key", "own"),
    [("1", ["d Diary line", "k Ask"]), ("2", ["o Outcome", "k Ask"]),
     ("3", ["l Lead"]), ("5", ["space Asked", "r Answer"])],
    ids=["home", "appointments", "team", "questions"],
)  # fmt: skip
async def test_footers_show_the_screen_s_own_keys_and_help_with_their_names(
    demo_store, ui, size, key, own
):
    app = ui.app(demo_store)
    async with ui.run(app, size=size) as pilot:
        await ui.peggy(pilot)
        await pilot.press(key)
        await ui.settle(pilot)
        await pilot.pause(0.2)
        footer = lines_of(ui, app)[-1]
        for words in own:
            assert words in footer, footer
        assert "? Help" in footer and "^p Search" in footer, footer
        assert not footer.rstrip().endswith(("f1", "^q", "^e", "^l")), footer
        if size == USUAL and key != "1":
            assert "a Add" in footer and "e Edit" in footer, footer


async def test_a_click_on_a_footer_key_presses_it(demo_store, ui):
    app = ui.app(demo_store)
    async with ui.run(app, size=USUAL) as pilot:
        await ui.peggy(pilot)
        await pilot.press("3")
        await ui.settle(pilot)
        footer = lines_of(ui, app)[-1]
        await pilot.click("KeysFooter", offset=(footer.index("Help") + 1, 0))
        await ui.wait_until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        await pilot.press("escape")
        await ui.settle(pilot)
        await pilot.click("KeysFooter", offset=(footer.index("Add") + 1, 0))
        await ui.wait_until(pilot, lambda: type(app.screen).__name__ == "FormScreen")


# -- the first run ----------------------------------------------------------------------
@pytest.mark.parametrize("size", [SMALL, USUAL], ids=["60x20", "80x24"])
async def test_a_new_record_s_home_says_what_to_do_first(small_store, ui, size):
    app = ui.app(small_store())
    async with ui.run(app, size=size) as pilot:
        await ui.unlock(pilot)
        await ui.settle(pilot)
        words = ui.flat(app)
        assert "Getting started" in words and "Well done" not in words
        assert "Press 3, then a: add who is in charge of your care (then l)." in words
        assert "Press 2, then a: add your next appointment." in words
        assert "No appointments yet" in words and "Press 2, then a" in words
        assert "…" not in words


async def test_the_guide_ticks_off_what_is_done_and_gives_way_to_next_steps(small_store, ui):
    from datetime import datetime

    from mycare.care import appointments, team

    def lead_only(record, person):
        gp = team.add_contact(record, person, "Dr Ada Obi", role="GP", sector="health")
        team.set_lead(record, person, gp)

    store = small_store(fill=lead_only)
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await ui.settle(pilot)
        words = ui.flat(app)
        assert "✓ Add who is in charge of your care (then l)" in words
        assert "Press 2, then a: add your next appointment." in words
        record, person = app.record, app.person
        appointments.add_appointment(record, person, datetime(2026, 11, 25, 10, 0),
                                     purpose="Diabetes review")  # fmt: skip
        app.screen.refresh_panels()
        await ui.settle(pilot)
        words = ui.flat(app)
        assert "Getting started" not in words
        assert "Next steps" in words and "Nothing due. Well done." in words
        assert "Diabetes review" in words


async def test_before_unlocking_the_footer_offers_only_what_works(small_store, ui):
    app = ui.app(small_store())
    async with ui.run(app) as pilot:
        await pilot.pause(0.3)
        footer = lines_of(ui, app)[-1]
        assert "f1 Help" in footer and "Quit" in footer, footer  # ? would type into the box
        assert "Lock" not in footer and "Share" not in footer, footer
        await ui.unlock(pilot)
        await ui.settle(pilot)
        footer = lines_of(ui, app)[-1]
        assert "? Help" in footer and "Lock" in footer and "Share" in footer, footer


# -- the doors -------------------------------------------------------------------------
@pytest.mark.parametrize("size", [SMALL, USUAL], ids=["60x20", "80x24"])
async def test_the_unlock_and_welcome_boxes_fit_a_small_window(demo_store, tmp_path, ui, size):
    for store, words in ((demo_store, "Unlock your care record"),
                         (tmp_path / "new.mycare", "unusual words work well")):  # fmt: skip
        app = ui.app(store)
        async with ui.run(app, size=size) as pilot:
            await pilot.pause()
            lines = lines_of(ui, app)
            assert words in ui.flat(app), lines  # said whole (wrapped if need be), not cut
            top = next(line for line in lines if "mycare" in line and "─" in line)
            assert top.rstrip().endswith("╮"), lines  # the box's right edge is on the screen
            await ui.quit(pilot)
