"""What the keys do, in plain words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HELP = """\
Moving about (from any list)
  1  My care at a glance        6  My goals
  2  Appointments               7  Medicines, conditions, allergies
  3  Care team                  8  Diary
  4  Next steps                 9  About me and my care plan
  5  Questions to ask
  p  Whose record (a carer can keep several people)
  ctrl+p  Search everything: type a few letters, Enter opens the record
  ctrl+e  Share a summary: tick what goes in, preview it, write it as a web page,
          PDF, text, calendar, address book or health-record file

In a list
  a  Add            e or Enter  Change the highlighted one
  x or Delete  Delete (asks first)      u  Bring back what was deleted
  /  Filter as you type                 .  Show or hide past / done items
  s  Sort by the next column (or click a column heading)
  h  Who changed the highlighted one, and when (on Home: what other carers changed)
  Appointments:  o  what came of it, with a next step   k  a question for it
  Care team:     l  in charge of my care   f  first point of contact   w  web of care
  Next steps:    space  done / not done
  Questions:     space  asked   r  write the answer
  Goals:         c  check in (0–10)   t  tick steps
  Medicines:     t  stopped taking it     Allergies:  n  no known allergies

In a form
  Tab moves between fields; each says at once if something is wrong.
  ctrl+s or Enter saves, Escape cancels.

Keeping it safe
  ctrl+l  Lock now (the screen is cleared until the passphrase is typed again)
  mycare also locks itself after 10 idle minutes.
  Every change is saved at once; the top line says when.
  ctrl+q  Quit.   ? or F1  This help.   Escape closes it.
"""


class HelpScreen(ModalScreen[None]):
    """The keys, explained."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="close-help")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen VerticalScroll { width: 76; height: auto; max-height: 90%;
        border: round $primary; padding: 0 1; background: $surface; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(HELP, markup=False)
