"""Every section of the app, declared once: the nav bar, keys, help, palette and search use it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionEntry:
    """One section: its key, its names, what the help says, and which records live there."""

    key: str
    id: str  # the key binding's id
    title: str  # in the palette and the bindings
    short: str  # on the nav bar
    help: str  # in the help screen
    kinds: tuple[str, ...] = ()  # kinds of record that search opens here
    tiny: str = ""  # on the nav bar of a narrow terminal (the short name when empty)

    def __post_init__(self) -> None:
        if not self.tiny:
            object.__setattr__(self, "tiny", self.short)


SECTIONS: tuple[SectionEntry, ...] = (
    SectionEntry("1", "home", "Home", "Home", "My care at a glance"),
    SectionEntry("2", "appointments", "Appointments", "Appointments", "Appointments",
                 ("appointment",), "Appts"),
    SectionEntry("3", "team", "Care team", "Team", "Care team", ("care team member",)),
    SectionEntry("4", "steps", "Next steps", "Steps", "Next steps", ("next step",)),
    SectionEntry("5", "questions", "Questions", "Questions", "Questions to ask", ("question",),
                 "Ask"),
    SectionEntry("6", "goals", "Goals", "Goals", "My goals", ("goal",)),
    SectionEntry("7", "health", "Health", "Health", "Medicines, conditions, allergies",
                 ("medicine", "condition", "allergy")),
    SectionEntry("8", "diary", "Diary", "Diary", "Diary", ("diary entry",)),
    SectionEntry("9", "about", "About me", "Me", "About me and my care plan", ("about me",)),
)  # fmt: skip

BY_KEY = {s.key: s for s in SECTIONS}
KIND_TO_SECTION = {kind: s.key for s in SECTIONS for kind in s.kinds}

# Keys the home screen adds (its own bindings list them too; the help shows these words).
HOME_KEYS: tuple[tuple[str, str], ...] = (
    ("d", "Today's diary line"),
    ("k", "A question for the next appointment"),
    ("h", "What other carers changed, and what you both changed"),
)
