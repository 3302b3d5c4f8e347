"""The web of care: the care team drawn as a tree, by sector and organisation."""

from __future__ import annotations

from collections import defaultdict

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Tree

from mycare.care import team

from ..text import plain, styled
from ..widgets.nav import NavBar


class WebOfCareScreen(Screen[None]):
    """Everyone in the care team, grouped as people draw it on paper."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="web-back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar("3")
        yield Tree("", id="web")
        yield Footer()

    def on_mount(self) -> None:
        app = self.app
        record, person = app.record, app.person  # type: ignore[attr-defined]
        tree = self.query_one(Tree)
        tree.root.set_label(plain(person.name))
        lead = team.lead(record, person)
        first = team.first_contact(record, person)
        grouped: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for contact in team.contacts(record, person):
            grouped[contact.sector][contact.organisation or "—"].append(contact)
        for sector in team.SECTORS + ("",):
            if sector not in grouped:
                continue
            branch = tree.root.add(styled((sector.capitalize(), "bold")), expand=True)
            for organisation, members in sorted(grouped[sector].items()):
                org = branch.add(plain(organisation), expand=True)
                for contact in members:
                    marks = []
                    if lead and contact.id == lead.id:
                        marks.append(("  ★ in charge", "bold $accent"))
                    if first and contact.id == first.id:
                        marks.append(("  ☎ first contact", "bold $accent"))
                    role = f" ({contact.role})" if contact.role else ""
                    org.add_leaf(styled(plain(contact.name + role), *marks))
        tree.root.expand()
        tree.focus()
