"""`mycare show coordination`: how joined-up care feels, theme by theme, as plain text."""

from __future__ import annotations

from datetime import date

from mycare.care import coordination
from mycare.care.coordination_themes import VIEW_NAMES, WHO_ANSWERED, View, rating_words
from mycare.care.record import CareRecord
from mycare.store import Person

from .checkin import remedy_line
from .spoken import Section, day, text


def _view(out: Section, view: coordination.Picture, today: date) -> None:
    last = view.check_ins[-1].check
    out.add(
        f"Latest check-in about {VIEW_NAMES[view.view]}: {day(last.checked_on, today)}, "
        f"{WHO_ANSWERED.get(last.answered_by, last.answered_by)}",  # type: ignore[call-overload]
        f"{len(view.check_ins)} check-ins in all",
        ref=last.id,
    )
    trends = {t.theme.key: t for t in view.trends}
    for key, latest in view.latest.items():
        out.add(
            f"{latest.theme.short}: {rating_words(latest.rating)}, {day(latest.on, today)}",
            f"Note: {text(latest.note)}" if latest.note.strip() else "",
            trends[key].words(),
        )
    if view.weakest is not None:
        out.add(remedy_line(view.weakest))
    for said in view.contradictions:
        out.add(said)


def coordination_text(record: CareRecord, person: Person, today: date, everything: bool) -> Section:
    """The latest answer to each statement, the year's trend, and what could help."""
    out = Section(f"How joined-up care feels for {text(person.name)}")
    views: tuple[View, ...] = ("person", "carer")
    for which in views:
        view = coordination.picture(record, person, which, today)
        if view.check_ins:
            _view(out, view, today)
    if out.paragraphs:
        out.add("A new check-in: mycare checkin")
    return out
