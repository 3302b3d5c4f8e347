"""What the keys do, in plain words: a column of keys and a column of what they do."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.widgets import Static

from ..registry import HOME_KEYS, SECTIONS
from ..steady import SteadyModal

Group = tuple[str, tuple[tuple[str, str], ...]]
WIDE = 120  # from this width on, the groups sit in two columns

GROUPS: tuple[Group, ...] = (
    (
        "Moving about (from any list)",
        (
            *((s.key, s.help) for s in SECTIONS),
            ("p", "Whose record (a carer can keep several people)"),
            ("j", "How joined-up my care feels: check in (c), see it change over the year, "
                  "and g goes where mycare can help with the weakest"),
            ("ctrl+p", "Search everything: type a few letters, Enter opens the record"),
            ("ctrl+e", "Share a summary: tick what goes in, preview it, write it as a web "
                       "page, PDF, text, calendar, address book or health record"),
            ("Import", '(ctrl+p, then "Import") bring in a calendar, address book or '
                       "health record from another program; it shows what first"),
        ),
    ),
    ("On Home", HOME_KEYS),
    (
        "In a list",
        (
            ("a", "Add"),
            ("e, Enter", "Change the highlighted one"),
            ("x, Delete", "Delete (asks first)"),
            ("u", "Bring back what was deleted"),
            ("/", "Filter as you type"),
            (".", "Show past or done items too"),
            ("s", "Sort by the next column (or click a column heading)"),
            ("h", "Who changed the highlighted one, and when"),
        ),
    ),
    (
        "In one section",
        (
            ("o", "Appointments: what came of it, with a next step"),
            ("k", "Appointments: a question for it"),
            ("l", "Care team: in charge of my care"),
            ("f", "Care team: first point of contact"),
            ("w", "Care team: the web of care"),
            ("space", "Next steps: done or not done"),
            ("space", "Questions: asked"),
            ("r", "Questions: write the answer"),
            ("c", "Goals: check in (0–10)"),
            ("t", "Goals: tick steps"),
            ("t", "Medicines: stopped taking it"),
            ("n", "Allergies: no known allergies"),
        ),
    ),
    (
        "In a form",
        (
            ("Tab", "Moves between fields; each says at once if something is wrong"),
            ("ctrl+s, Enter", "Saves"),
            ("Escape", "Cancels (and asks first if you typed)"),
        ),
    ),
    (
        "Keeping it safe",
        (
            ("ctrl+l", "Lock now (the screen is cleared until the passphrase is typed)"),
            ("", "mycare also locks itself after 10 idle minutes; a form you were filling "
                 "in comes back, as you left it, once you unlock."),
            ("", "Every change is saved at once; the top line says when."),
            ("ctrl+q", "Quit"),
            ("?, F1", "This help; Escape closes it"),
        ),
    ),
)  # fmt: skip


def group_table(group: Group) -> Table:
    """One group as two columns; long descriptions wrap within their own column."""
    title, keys = group
    table = Table.grid(padding=(0, 2, 0, 0))
    table.title = Text(title, style="bold")
    table.title_justify = "left"
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1, overflow="fold")
    for key, words in keys:
        table.add_row(Text(key), Text(words))
    return table


class HelpScreen(SteadyModal[None]):
    """The keys, explained."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="close-help")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen VerticalScroll { width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; padding: 0 1; background: $surface; }
    HelpScreen.-wide VerticalScroll { width: 100%; max-width: 170; }
    HelpScreen #groups { layout: grid; grid-size: 1; grid-rows: auto; grid-gutter: 1 4;
        height: auto; }
    HelpScreen.-wide #groups { grid-size: 2; }
    HelpScreen #groups Static { height: auto; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(), Container(id="groups"):
            for group in GROUPS:
                yield Static(group_table(group), classes="help-group")

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width >= WIDE, "-wide")
