"""A coordination check-in: one statement at a time, a key for each answer, a note if wished."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, Label, Static

from mycare.care import coordination
from mycare.care.coordination_themes import (
    ANSWERED_BY,
    SCALE,
    THEMES,
    WHO_ANSWERED,
    AnsweredBy,
    rating_words,
    statement,
)

from ..access import opened
from ..steady import SteadyScreen
from ..text import styled
from ..widgets.safe_input import SafeInput

CHOICES = "   ".join(f"{n} {words}" for n, words in SCALE.items()) + "   0 does not apply"
UNANSWERED = object()  # a statement not answered yet (left out of the check-in)


class CheckInScreen(SteadyScreen[bool]):
    """Answer the statements in turn; ctrl+s keeps the check-in (True), Escape leaves it."""

    AUTO_FOCUS = None  # the keys answer; the note box is reached with n
    BINDINGS = [
        *(Binding(str(n), f"answer({n})", SCALE[n], show=False) for n in SCALE),
        Binding("0,minus", "answer(0)", "Does not apply", show=False),
        Binding("n", "note", "Note", id="checkin-note", tooltip="Add a note to this statement"),
        Binding("left", "move(-1)", "Back", id="checkin-back"),
        Binding("right", "move(1)", "Next", id="checkin-next"),
        Binding("w", "who", "Who answers", id="checkin-who",
                tooltip="Me, a carer for them, or a carer's own experience"),
        Binding("ctrl+s", "save", "Save", id="checkin-save", priority=True),
        Binding("escape", "leave", "Cancel", id="checkin-cancel"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    CheckInScreen #checkin { padding: 0 1; }
    CheckInScreen #checkin > * { margin-bottom: 1; }
    CheckInScreen #checkin > Label { margin-bottom: 0; }
    CheckInScreen #statement { text-style: bold; }
    CheckInScreen #choices { color: $text-muted; }
    CheckInScreen #progress { color: $success; }
    """

    def __init__(self, answered_by: AnsweredBy = "me") -> None:
        super().__init__()
        self.answered_by: AnsweredBy = answered_by
        self.at = 0
        self.ratings: list[object] = [UNANSWERED] * len(THEMES)
        self.notes = [""] * len(THEMES)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="checkin"):
            yield Static("", id="who")
            yield Static("", id="statement")
            yield Static(CHOICES, id="choices")
            yield Static("", id="answer")
            yield Label("Note (n, then Enter):")
            yield SafeInput(id="note", compact=True, placeholder="optional")
            yield Static("", id="progress")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        theme = THEMES[self.at]
        who = WHO_ANSWERED[self.answered_by]
        self.query_one("#who", Static).update(
            styled(
                ("Check-in: how joined-up does my care feel?", "bold"),
                f"\nStatement {self.at + 1} of {len(THEMES)}, {who} (w changes this).",
            )
        )
        self.query_one("#statement", Static).update(Content(statement(theme, self.answered_by)))
        given = self.ratings[self.at]
        said = "not answered yet" if given is UNANSWERED else rating_words(given)  # type: ignore[arg-type]
        self.query_one("#answer", Static).update(styled("Your answer: ", (said, "bold")))
        note = self.query_one("#note", SafeInput)
        note.value = self.notes[self.at]
        marks = "".join("○" if r is UNANSWERED else "●" for r in self.ratings)
        done = sum(r is not UNANSWERED for r in self.ratings)
        end = " All answered: ctrl+s saves." if done == len(THEMES) else " ctrl+s saves."
        self.query_one("#progress", Static).update(Content(f"{marks}  {done} answered.{end}"))

    def _keep_note(self) -> None:
        self.notes[self.at] = self.query_one("#note", SafeInput).value

    def action_answer(self, rating: int) -> None:
        self._keep_note()
        self.ratings[self.at] = None if rating == 0 else rating
        if self.at < len(THEMES) - 1:
            self.at += 1
        self.show()

    def action_move(self, step: int) -> None:
        self._keep_note()
        self.at = max(0, min(len(THEMES) - 1, self.at + step))
        self.show()

    def action_note(self) -> None:
        self.query_one("#note", SafeInput).focus()

    @on(Input.Submitted, "#note")
    def _note_done(self) -> None:
        self._keep_note()
        self.set_focus(None)

    def action_who(self) -> None:
        self._keep_note()
        at = ANSWERED_BY.index(self.answered_by)
        self.answered_by = ANSWERED_BY[(at + 1) % len(ANSWERED_BY)]
        self.show()

    def action_save(self) -> None:
        from mycare.care.errors import CareError, VaultError

        self._keep_note()
        answers = [
            coordination.Answer(t.key, r, n)  # type: ignore[arg-type]
            for t, r, n in zip(THEMES, self.ratings, self.notes, strict=True)
            if r is not UNANSWERED
        ]
        if not answers:
            self.notify("Answer at least one statement first (1 to 5, or 0: does not apply).")
            return
        record, person = opened(self)
        try:
            coordination.add_check_in(record, person, answers, answered_by=self.answered_by)
        except (CareError, VaultError) as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.notify(f"Check-in saved: {len(answers)} answers.")
        self.dismiss(True)

    def action_leave(self) -> None:
        if self.focused is not None and self.focused.id == "note":
            self.query_one("#note", SafeInput).value = self.notes[self.at]
            self.set_focus(None)
            return
        if any(r is not UNANSWERED for r in self.ratings):
            self.notify("Check-in left without saving.")
        self.dismiss(False)
