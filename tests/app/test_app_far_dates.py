"""An appointment on the calendar's last day (9999-12-31), as an older mycare could store it.

Dates entering mycare now stay within 1900–2200, but a store saved before that rule may
hold one; unlocking, Home, the appointments list and the calendar export must all cope.
"""

from __future__ import annotations

from datetime import datetime

from mycare.care import appointments
from mycare.store import Appointment

LAST_DAY = datetime(9999, 12, 31, 23, 30)


def _far_appointment(record, person) -> None:
    appointments.add_appointment(record, person, datetime(2026, 11, 23, 9, 0), purpose="Near")
    with record.changing() as session:  # straight into the table, as an older mycare did
        for rule in ("", "FREQ=YEARLY"):
            session.add(
                Appointment(person_id=person.id, starts_at=LAST_DAY, duration_minutes=60,
                            purpose="Far away", rrule=rule)
            )  # fmt: skip


async def test_the_last_day_of_the_calendar_opens_and_lists(small_store, ui):
    store = small_store(fill=_far_appointment)
    app = ui.app(store)
    async with ui.run(app) as pilot:
        await ui.unlock(pilot)
        await ui.wait_until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        assert "Near" in ui.flat(app)
        await pilot.press("2")
        await ui.wait_until(pilot, lambda: "Far away" in ui.flat(app))
        await ui.quit(pilot)
    assert app.return_code == 0
