"""The care team as vCards (version 3.0), for any address book."""

from __future__ import annotations

import vobject

from mycare.store import Contact

from .blocks import one_line, split_name, visible
from .layout import SECTOR_HEADINGS
from .summary import Summary, Team


def _note(contact: Contact, team: Team, person: str) -> str:
    sector = SECTOR_HEADINGS.get(contact.sector, contact.sector.capitalize())
    lines = [f"In {person}'s care team ({sector.lower()})."]
    lines += [f"{role.capitalize()}." for role in team.roles_of(contact)]
    if contact.notes.strip():
        lines.append(contact.notes.strip())
    return visible("\n".join(lines))


def _card(contact: Contact, team: Team, person: str) -> str:
    card = vobject.vCard()
    card.add("uid").value = f"urn:uuid:{contact.id}"
    card.add("fn").value = one_line(contact.name) or "Unnamed"
    prefix, given, family = split_name(contact.name)
    card.add("n").value = vobject.vcard.Name(family=family, given=given, prefix=prefix)
    if contact.organisation.strip():
        card.add("org").value = [one_line(contact.organisation)]
    if contact.role.strip():
        card.add("title").value = one_line(contact.role)
    roles = team.roles_of(contact)
    if roles:
        card.add("role").value = "; ".join(r.capitalize() for r in roles)
    work = [] if contact.sector == "family & friends" else ["WORK"]
    if contact.phone.strip():
        tel = card.add("tel")
        tel.value = one_line(contact.phone)
        tel.type_paramlist = [*work, "VOICE"]
    if contact.email.strip():
        email = card.add("email")
        email.value = one_line(contact.email)
        email.type_paramlist = [*work, "INTERNET"]
    if contact.address.strip():
        card.add("adr").value = vobject.vcard.Address(street=visible(contact.address).strip())
        card.add("label").value = visible(contact.address).strip()
    card.add("categories").value = ["Care team", contact.sector]
    card.add("note").value = _note(contact, team, one_line(person))
    return card.serialize()


def render_vcf(summary: Summary) -> str:
    """Every member of the care team as a vCard; empty when the team is left out."""
    if summary.team is None:
        return ""
    return "".join(_card(c, summary.team, summary.name) for c in summary.team.everyone)
