"""The statements of a coordination check-in, the scale they are answered on, and what
mycare can do when one of them feels weak.

Each theme is said twice: from the person's side (answered by the person, or by a carer
on their behalf) and from a carer's own side, which is kept as a separate view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

AnsweredBy = Literal["me", "carer for them", "carer themself"]
ANSWERED_BY: tuple[AnsweredBy, ...] = get_args(AnsweredBy)
View = Literal["person", "carer"]
VIEW_OF: dict[AnsweredBy, View] = {
    "me": "person",
    "carer for them": "person",
    "carer themself": "carer",
}
VIEW_NAMES: dict[View, str] = {"person": "my care", "carer": "me as a carer"}
WHO_ANSWERED: dict[AnsweredBy, str] = {
    "me": "answered by me",
    "carer for them": "answered by a carer on my behalf",
    "carer themself": "a carer's own experience",
}

LOWEST, HIGHEST = 1, 5
SCALE: dict[int, str] = {
    1: "not at all",
    2: "a little",
    3: "partly",
    4: "mostly",
    5: "completely",
}
DOES_NOT_APPLY = "does not apply"
WEAK_AT_MOST = 3  # a latest answer at or below this is worth doing something about


@dataclass(frozen=True)
class Remedy:
    """What mycare can do about a theme: where to go in the app and which key to press.

    ``section`` is the id of an app section (``None``: the key works anywhere);
    ``command`` is the same on the command line, when there is one.
    """

    words: str
    section: str | None
    key: str
    command: str = ""


@dataclass(frozen=True)
class Theme:
    """One statement of the check-in."""

    key: str
    short: str  # a few words, for charts and lists
    statement: str  # from the person's side
    carer_statement: str  # from a carer's own side
    said_low: str  # "You said …" when the answer was low
    remedy: Remedy


THEMES: tuple[Theme, ...] = (
    Theme(
        "in_charge",
        "Who is in charge",
        "I know who is in charge of my care.",
        "I know who is in charge of their care.",
        "you don't feel you know who is in charge",
        Remedy("choose a lead in the care team", "team", "l", "mycare add contact NAME --lead"),
    ),
    Theme(
        "first_contact",
        "One first contact",
        "I have one first point of contact, who I can go to with questions.",
        "I have one first point of contact for their care.",
        "you don't feel you have one first point of contact",
        Remedy(
            "choose a first point of contact in the care team",
            "team",
            "f",
            "mycare add contact NAME --first-contact",
        ),
    ),
    Theme(
        "next_steps",
        "Told the next steps",
        "I am told what happens next, and who does it.",
        "I am told what happens next in their care.",
        "you don't feel told what happens next",
        Remedy(
            "write down each next step you were told, and who does it",
            "steps",
            "a",
            'mycare add step "WHAT" --who NAME',
        ),
    ),
    Theme(
        "own_goals",
        "Help with my goals",
        "I get help to set and reach goals that matter to me.",
        "I get help with what matters to me as a carer.",
        "you don't feel helped with your own goals",
        Remedy("set a goal that matters to you, with its steps", "goals", "a"),
    ),
    Theme(
        "decisions",
        "Involved in decisions",
        "I am as involved in decisions about my care as I want to be.",
        "I am as involved in decisions about their care as I want to be.",
        "you don't feel as involved in decisions as you want",
        Remedy(
            "write down questions to ask at the next appointment",
            "questions",
            "a",
            'mycare add question "TEXT" --for-appointment next',
        ),
    ),
    Theme(
        "story_once",
        "Tell my story once",
        "I don't have to tell my story again and again.",
        "I don't have to explain their story again and again.",
        "you find yourself telling your story again and again",
        Remedy(
            "share a summary that tells your story for you",
            None,
            "ctrl+e",
            "mycare export --format pdf --out summary.pdf",
        ),
    ),
    Theme(
        "carer_involved",
        "Carer involved",
        "My carer or family is involved as much as I want.",
        "I am listened to and involved as their carer.",
        "you don't feel your carer is involved as much as you want",
        Remedy(
            "add your carer to the care team",
            "team",
            "a",
            'mycare add contact NAME --role carer --sector "family & friends"',
        ),
    ),
    Theme(
        "one_team",
        "Working as one team",
        "The people who care for me talk to each other and work as one team.",
        "The people who care for them talk to each other and work as one team.",
        "you don't feel the people caring for you work as one team",
        Remedy(
            "share a summary with everyone in the team, so all see the same picture",
            None,
            "ctrl+e",
            "mycare export --format pdf --out summary.pdf",
        ),
    ),
)

BY_KEY: dict[str, Theme] = {t.key: t for t in THEMES}


def statement(theme: Theme, answered_by: AnsweredBy) -> str:
    """The statement as the one answering reads it."""
    return theme.carer_statement if VIEW_OF[answered_by] == "carer" else theme.statement


def rating_words(rating: int | None) -> str:
    """A rating in words: "mostly", or "does not apply"."""
    return DOES_NOT_APPLY if rating is None else SCALE.get(rating, str(rating))
