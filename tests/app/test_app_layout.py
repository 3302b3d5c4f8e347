"""What fits on the screen at 60×20, 80×24 and 200×50: nothing important is cut."""

from __future__ import annotations

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
