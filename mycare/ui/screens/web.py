"""The web of care: the care team drawn as a tree, by sector and organisation."""

from __future__ import annotations

from collections import defaultdict

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Tree

from mycare.care import team
from mycare.store import Contact

from ..access import opened
from ..steady import SteadyScreen
from ..widgets.footer import KeysFooter
from ..widgets.nav import NavBar


class WebOfCareScreen(SteadyScreen[None]):
    """Everyone in the care team, grouped as people draw it on paper."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="web-back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar("3")
        yield Tree("", id="web")
        yield KeysFooter()

    def on_mount(self) -> None:
        record, person = opened(self)
        tree = self.query_one(Tree)
        tree.root.set_label(Text(person.name))
        lead = team.lead(record, person)
        first = team.first_contact(record, person)
        grouped: dict[str, dict[str, list[Contact]]] = defaultdict(lambda: defaultdict(list))
        for contact in team.contacts(record, person):
            grouped[contact.sector][contact.organisation or "—"].append(contact)
        for sector in team.SECTORS + ("",):
            if sector not in grouped:
                continue
            branch = tree.root.add(Text(sector.capitalize(), style="bold"), expand=True)
            for organisation, members in sorted(grouped[sector].items()):
                org = branch.add(Text(organisation), expand=True)
                for contact in members:
                    label = Text(contact.name + (f" ({contact.role})" if contact.role else ""))
                    if lead and contact.id == lead.id:
                        label.append("  ★ in charge", style="bold")
                    if first and contact.id == first.id:
                        label.append("  ☎ first contact", style="bold")
                    org.add_leaf(label)
        tree.root.expand()
        tree.focus()
