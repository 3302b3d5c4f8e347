"""The care team as vCards (version 3.0), for any address book.

Mobiles are marked CELL and a service's address WORK, so a phone offers to text the right
number. A contact who is also in another person's team (the GP both parents see) keeps one
card UID in every person's file, so an address book holds them once, and the card says
whose team they are in.
"""

from __future__ import annotations

import vobject

from mycare.store import Contact

from .blocks import one_line, split_name, visible
from .layout import SECTOR_HEADINGS
from .summary import Summary, Team

MOBILE_STARTS = ("07", "447", "3538")  # UK and Irish mobiles, as dialled or with +


def is_mobile(phone: str) -> bool:
    """Whether a phone number reads as a mobile (07…, +44 7…, +353 8…)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if phone.strip().startswith("00"):
        digits = digits[2:]
    return digits.startswith(MOBILE_STARTS) and 10 <= len(digits) <= 13


def _sector(contact: Contact) -> str:
    return SECTOR_HEADINGS.get(contact.sector, contact.sector.capitalize())


def _whose(names: list[str]) -> str:
    owned = [f"{n}'s" for n in names]
    if len(owned) == 1:
        return f"{owned[0]} care team"
    return f"{', '.join(owned[:-1])} and {owned[-1]} care teams"


def _note(contact: Contact, team: Team, person: str) -> str:
    names = [person] + [one_line(p.name) for p, _ in team.elsewhere.get(contact.id, [])]
    lines = [f"In {_whose(names)} ({_sector(contact).lower()})."]
    lines += [f"{role.capitalize()}." for role in team.roles_of(contact)]
    if contact.notes.strip():
        lines.append(contact.notes.strip())
    return visible("\n".join(lines))


def _card(contact: Contact, team: Team, person: str) -> str:
    card = vobject.vCard()
    same = [contact] + [c for _, c in team.elsewhere.get(contact.id, [])]
    first = min(same, key=lambda c: (c.created_at, c.id.hex))  # the same in every file
    card.add("uid").value = f"urn:uuid:{first.id}"
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
        tel.type_paramlist = [*work, "CELL" if is_mobile(contact.phone) else "VOICE"]
    if contact.email.strip():
        email = card.add("email")
        email.value = one_line(contact.email)
        email.type_paramlist = [*work, "INTERNET"]
    if contact.address.strip():
        where = work or ["HOME"]
        adr = card.add("adr")
        adr.value = vobject.vcard.Address(street=visible(contact.address).strip())
        adr.type_paramlist = where
        label = card.add("label")
        label.value = visible(contact.address).strip()
        label.type_paramlist = where
    card.add("categories").value = ["Care team", _sector(contact)]
    card.add("note").value = _note(contact, team, one_line(person))
    return card.serialize()


def render_vcf(summary: Summary) -> str:
    """Every member of the care team as a vCard; empty when the team is left out."""
    if summary.team is None:
        return ""
    return "".join(_card(c, summary.team, summary.name) for c in summary.team.everyone)
