"""`mycare checkin`: how joined-up care feels, asked one statement at a time or from a script."""

from __future__ import annotations

import sys
from argparse import Namespace
from typing import TYPE_CHECKING

from mycare.care.coordination_themes import (
    DOES_NOT_APPLY,
    SCALE,
    THEMES,
    VIEW_OF,
    AnsweredBy,
    Theme,
    statement,
)

from . import opening
from .errors import CliError
from .output import safe

if TYPE_CHECKING:
    from mycare.care.coordination import Weakest

ANSWERED_BY: dict[str, AnsweredBy] = {
    "me": "me",
    "carer-for-them": "carer for them",
    "carer-themself": "carer themself",
}
SCALE_HELP = ", ".join(f"{n} {words}" for n, words in SCALE.items()) + f", - {DOES_NOT_APPLY}"


def statements_list(answered_by: AnsweredBy = "me") -> str:
    """The statements, numbered as --scores takes them."""
    lines = [f"{n}. {statement(t, answered_by)}" for n, t in enumerate(THEMES, 1)]
    lines.append("")
    lines.append(f"Answer each: {SCALE_HELP}.")
    return "\n".join(lines)


def _rating(word: str, where: str) -> int | None:
    word = word.strip()
    if word == "-":
        return None
    if not word.isdigit() or not 1 <= int(word) <= 5:
        raise CliError(
            f"{where}: {safe(word)[:20]!r} is not an answer; give 1 to 5, or - for does not apply."
        )
    return int(word)


def scores(given: str) -> list[int | None]:
    """--scores 4,3,5,… as ratings, one per statement, in order."""
    parts = given.split(",")
    if len(parts) != len(THEMES):
        raise CliError(
            f"--scores needs {len(THEMES)} answers, one per statement in order, separated by "
            f"commas; {len(parts)} given (see mycare checkin --list)."
        )
    return [_rating(part, f"Answer {n}") for n, part in enumerate(parts, 1)]


def notes(given: list[list[str]]) -> dict[str, str]:
    """--note NUMBER TEXT, by theme key."""
    out: dict[str, str] = {}
    for number, text in given:
        if not number.isdigit() or not 1 <= int(number) <= len(THEMES):
            raise CliError(
                f"--note takes a statement's number, 1 to {len(THEMES)}, then the note; "
                f"{safe(number)[:20]!r} is not one."
            )
        out[THEMES[int(number) - 1].key] = text
    return out


def _ask(theme: Theme, n: int, answered_by: AnsweredBy) -> tuple[int | None, str] | None:
    """One statement on the terminal: the answer and a note, or None when skipped."""
    print(f"\n{n} of {len(THEMES)}. {statement(theme, answered_by)}")
    while True:
        typed = input(f"  {SCALE_HELP}; Enter to skip: ").strip()
        if not typed:
            return None
        try:
            rating = _rating(typed, "That")
        except CliError as exc:
            print(f"  {exc}")
            continue
        break
    note = input("  A note, if you like (Enter for none): ")
    return rating, note


def remedy_line(weakest: Weakest) -> str:
    """The weakest theme and what to do about it, with the command that does it."""
    theme = weakest.theme
    how = theme.remedy.command or f"the app's {theme.remedy.section or 'share'} section"
    return f"You said {theme.said_low} — {theme.remedy.words}: {how}"


def run(args: Namespace) -> int:
    from mycare.care import coordination

    answered_by = ANSWERED_BY[args.answered_by]
    if args.list:
        print(statements_list(answered_by))
        return 0
    by_theme = notes(args.note)
    given = scores(args.scores) if args.scores is not None else None
    if given is None and not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise CliError(
            "mycare checkin asks its statements in a terminal; from a script, give --scores "
            "(see mycare checkin --list)."
        )
    with opening.open_record(args) as record:
        person = opening.person(record, args)
        on = opening.day(args.on) if args.on else None
        answers: list[coordination.Answer] = []
        if given is not None:
            answers = [
                coordination.Answer(t.key, r, by_theme.get(t.key, ""))
                for t, r in zip(THEMES, given, strict=True)
            ]
        else:
            name = safe(person.name)
            print(f"How joined-up does care feel for {name}? {len(THEMES)} statements.")
            for n, theme in enumerate(THEMES, 1):
                got = _ask(theme, n, answered_by)
                if got is not None:
                    answers.append(coordination.Answer(theme.key, got[0], got[1]))
            if not answers:
                print("Nothing answered, so nothing was saved.")
                return 0
        coordination.add_check_in(record, person, answers, answered_by=answered_by, on=on)
        weakest = coordination.picture(record, person, VIEW_OF[answered_by]).weakest
    print(f"Check-in saved: {len(answers)} answers for {safe(person.name)}.")
    if weakest is not None:
        print(remedy_line(weakest))
    print("See how it changes with: mycare show coordination")
    return 0
