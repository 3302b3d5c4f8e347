"""What each home panel says, fitted to the room the panel has.

Every line is built to fit its panel's width: the words that matter most (a phone number,
how many questions are waiting) are kept whole, and the longer words give way with an
ellipsis. A wider or taller terminal gets more: roles and organisations, who an
appointment is with, how many goal steps are done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual.content import Content

from mycare.care.dates import format_relative_day
from mycare.care.steps import who_does_it

from ..text import bar, fit, plain, styled

if TYPE_CHECKING:
    from mycare.care.agenda import Agenda
    from mycare.care.goals import GoalView
    from mycare.store import Contact


@dataclass(frozen=True)
class Room:
    """The inside of a panel, in cells."""

    width: int
    height: int


def hint(width: int, first: str, then: str, indent: str = "") -> list[Content]:
    """`first — then` on one line when it fits, or on two (neither is ever cut)."""
    line = f"{first} — {then}."
    if len(line) <= width:
        return [styled((line, "dim"))]
    return [
        styled((first + ".", "dim")),
        styled((indent + then[0].upper() + then[1:] + ".", "dim")),
    ]


def charge(agenda: Agenda, today: date, room: Room) -> list[Content]:
    """Who is in charge and the first point of contact: name, phone, role (and email)."""
    pairs = (
        ("In charge of my care", agenda.lead, "l"),
        ("First point of contact", agenda.first_contact, "f"),
    )
    extra = 1 if agenda.review_due else 0
    roomy = 2 * 4 + extra <= room.height
    lines: list[Content] = []
    for label, who, key in pairs:
        lines.append(styled((label, "bold")))
        if who is None:
            key = key if agenda.contacts else "a"  # nobody to choose yet: add them first
            said = hint(room.width, "  Not chosen", f"press 3, then {key}", "  ")
            lines.extend(styled((line.plain, "$warning")) for line in said)
            continue
        lines.extend(_contact(who, room.width, roomy))
    if agenda.review_due:
        when = format_relative_day(agenda.review_due, today)
        lines.append(
            fit(room.width, styled(("Care plan review due ", "$warning"), (when, "bold $warning")))
        )
    return lines


def _contact(who: Contact, width: int, roomy: bool) -> list[Content]:
    """A contact in two lines (name and phone; role) or, with room, three (and email).

    The phone number is never cut: when it does not fit beside the name, the name and
    role share a line and the phone has the next one to itself.
    """
    name = styled("  ", plain(who.name))
    phone = styled("  ", (plain(who.phone).plain, "bold")) if who.phone else Content("")
    about = ", ".join(part for part in (who.role, who.organisation) if part)
    side_by_side = styled(name, phone)
    if side_by_side.cell_length <= width:
        lines = [side_by_side]
        if about:
            lines.append(fit(width, styled("  ", (plain(about).plain, "dim"))))
    else:
        role = (", " + plain(who.role).plain, "dim") if who.role else ""
        lines = [fit(width, styled(name, role))]
        if who.phone:
            lines.append(fit(width, phone))
    if roomy and who.email:
        lines.append(fit(width, styled("  ", plain(who.email))))
    return lines


def coming(agenda: Agenda, today: date, room: Room, any_at_all: bool = True) -> list[Content]:
    """The next fortnight's appointments, each with how many questions wait for it."""
    if not agenda.coming_up and not any_at_all:
        return hint(room.width, "No appointments yet", "press 2, then a")
    if not agenda.coming_up:
        return [styled(("Nothing in the next 14 days.", "dim"))]
    count = len(agenda.coming_up)
    detailed = 2 * count <= room.height  # room for who and where under each one
    shown = count if count <= room.height else max(room.height - 1, 1)
    wide = room.width >= 60
    lines = []
    for occ in agenda.coming_up[:shown]:
        when = f"{format_relative_day(occ.starts_at.date(), today)} {occ.starts_at:%H:%M} "
        waiting = len(agenda.questions_for(occ.appointment.id))
        ask = ""
        if waiting:
            ask = f"{waiting} question{'s' if waiting != 1 else ''}" if wide else f"{waiting}?"
        tail = styled(("  " + ask, "bold $accent")) if ask else Content("")
        purpose = plain(occ.appointment.purpose or "Appointment")
        lines.append(fit(room.width, styled((when, "bold"), purpose), tail))
        if detailed:
            where = plain(occ.appointment.location).plain
            who = ", ".join(c.name for c in occ.with_contacts)
            said = " · ".join(part for part in (who and f"with {who}", where) if part)
            if said:
                lines.append(fit(room.width, styled(("  " + plain(said).plain, "dim"))))
    more = count - shown
    if more > 0:
        lines.append(styled((f"…and {more} more (press 2)", "dim")))
    return lines


def steps(agenda: Agenda, today: date, room: Room) -> list[Content]:
    """Overdue steps first, then those due soon, each with who does it when there is room."""
    rows = [(s, True) for s in agenda.overdue] + [(s, False) for s in agenda.due]
    if not rows:
        return [styled(("Nothing due. Well done.", "dim"))]
    shown = len(rows) if len(rows) <= room.height else max(room.height - 1, 1)
    lines = []
    for step, late in rows[:shown]:
        due = format_relative_day(step.due_on, today) if step.due_on else ""
        tone = "bold $error" if late else "bold"
        who = who_does_it(step, agenda.contacts)
        head = styled(("! " if late else "  ", tone), (due + " ", tone), plain(step.what))
        whole = styled(head, (f" ({who})", "dim"))
        lines.append(whole if whole.cell_length <= room.width else fit(room.width, head))
    more = len(rows) - shown
    if more > 0:
        lines.append(styled((f"…and {more} more (press 4)", "dim")))
    return lines


def my_goals(views: list[GoalView], room: Room) -> list[Content]:
    """Each goal and its progress bar; with room, how many of its steps are done."""
    if not views:
        return hint(room.width, "No goals yet", "press 6, then a")
    shown = views if 2 * len(views) <= room.height else views[: max(room.height // 2 - 1, 1)]
    lines = []
    for view in shown:
        lines.append(fit(room.width, plain(view.goal.goal)))
        progress = styled("  ", bar(view.progress))
        if view.steps:
            done = styled((f"  · {view.steps_done} of {len(view.steps)} steps done", "dim"))
            if progress.cell_length + done.cell_length <= room.width:
                progress = styled(progress, done)
        lines.append(progress)
    more = len(views) - len(shown)
    if more > 0:
        lines.append(styled((f"…and {more} more (press 6)", "dim")))
    return lines


@dataclass(frozen=True)
class Started:
    """How far a new record has got: what the getting-started list ticks off."""

    contacts: bool
    lead: bool
    appointment: bool
    question: bool
    about_me: bool
    goal: bool

    @property
    def finished(self) -> bool:
        return self.lead and self.appointment


def getting_started(started: Started) -> list[Content]:
    """What to do first in a new record, with the keys to press; done items are ticked."""
    team = "3, then a" if not started.contacts else "3"
    items = (
        (started.lead, team, "add who is in charge of your care (then l)"),
        (started.appointment, "2, then a", "add your next appointment"),
        (started.question, "k", "a question to ask at it"),
        (started.about_me, "9, then e", "what matters to you"),
        (started.goal, "6, then a", "a goal of your own"),
    )
    lines = []
    for done, keys, words in items:
        if done:
            lines.append(styled(("✓ ", "$success"), (words[0].upper() + words[1:], "dim")))
        else:
            lines.append(styled("• Press ", (keys, "bold $accent"), ": ", words + "."))
    lines.append(styled(("Press ? to see every key.", "dim")))
    return lines
