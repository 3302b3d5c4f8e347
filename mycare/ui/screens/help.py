"""What the keys do, in plain words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..registry import home_keys, moving_about

HELP = """\
Moving about (from any list)
{sections}
  p  Whose record (a carer can keep several people)
  j  How joined-up my care feels: check in (c), see it change over
     the year, and g goes where mycare can help with the weakest
  ctrl+p  Search everything: type a few letters, Enter opens the record
  ctrl+e  Share a summary: tick what goes in, preview it, write it as a
          web page, PDF, text, calendar, address book or health record
  Import  (ctrl+p, then "Import") bring in a calendar, address book
          or health record from another program; it shows what first

On Home
{home}

In a list
  a  Add            e or Enter  Change the highlighted one
  x or Delete  Delete (asks first)      u  Bring back what was deleted
  /  Filter as you type                 .  Show past / done items too
  s  Sort by the next column (or click a column heading)
  h  Who changed the highlighted one, and when
  Appointments:  o  what came of it, with a next step
                 k  a question for it
  Care team:     l  in charge of my care   f  first point of contact
                 w  web of care
  Next steps:    space  done / not done
  Questions:     space  asked   r  write the answer
  Goals:         c  check in (0–10)   t  tick steps
  Medicines:     t  stopped taking it
  Allergies:     n  no known allergies

In a form
  Tab moves between fields; each says at once if something is wrong.
  ctrl+s or Enter saves; Escape cancels (and asks first if you typed).

Keeping it safe
  ctrl+l  Lock now (the screen is cleared until the passphrase is typed)
  mycare also locks itself after 10 idle minutes; a form you were
  filling in comes back, as you left it, once you unlock.
  Every change is saved at once; the top line says when.
  ctrl+q  Quit.   ? or F1  This help.   Escape closes it.
"""


class HelpScreen(ModalScreen[None]):
    """The keys, explained."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="close-help")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen VerticalScroll { width: 78; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; padding: 0 1; background: $surface; }
    HelpScreen Static { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            text = HELP.format(sections=moving_about(), home=home_keys())
            yield Static(Content(text))
