"""The care team: who they are, how to reach them, who is in charge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.content import Content

from mycare.care import team as care
from mycare.store import Contact

from ..fields import Field, options
from ..text import plain, styled
from .base import Action, Context, Fit, Section, as_values

if TYPE_CHECKING:
    from ..widgets.section_view import SectionView

SECTOR_CHOICES = options(care.SECTORS)


@dataclass(frozen=True)
class ContactAnswers:
    name: str
    role: str
    organisation: str
    sector: str | None
    phone: str
    email: str
    address: str
    notes: str


class TeamSection(Section[ContactAnswers]):
    answers = ContactAnswers
    title = "Care team"
    noun = "care team member"
    model = Contact
    columns = ("Name", "Phone", "Role", "In my care", "Organisation", "Sector")
    fits = {
        "Name": Fit(1, 14),
        "In my care": Fit(2),
        "Sector": Fit(2, 16),
        "Role": Fit(2, 12),
        "Organisation": Fit(4, 14),
    }
    actions = (
        Action("l", "Lead", "make_lead"),
        Action("f", "First contact", "make_first"),
        Action("w", "Web", "web", needs_row=False),
    )

    def fields(self, ctx: Context) -> list[Field]:
        return [
            Field("name", "Name", required=True),
            Field("role", "Role", placeholder="e.g. GP, district nurse, my daughter"),
            Field("organisation", "Organisation"),
            Field("sector", "Sector", "choice", True, SECTOR_CHOICES),
            Field("phone", "Phone"),
            Field("email", "Email"),
            Field("address", "Address", "long"),
            Field("notes", "Notes", "long"),
        ]

    def load(self, ctx: Context, show_all: bool) -> list[Any]:
        lead = care.lead(ctx.record, ctx.person)
        first = care.first_contact(ctx.record, ctx.person)
        self._lead = lead.id if lead else None
        self._first = first.id if first else None
        return care.contacts(ctx.record, ctx.person)

    def cells(self, ctx: Context, obj: Contact) -> tuple[Content, ...]:
        roles = []
        if obj.id == self._lead:
            roles.append("in charge")
        if obj.id == self._first:
            roles.append("first contact")
        return (
            plain(obj.name),
            plain(obj.phone),
            plain(obj.role),
            styled((", ".join(roles), "bold $accent")),
            plain(obj.organisation),
            Content(obj.sector),
        )

    def add(self, ctx: Context, answers: ContactAnswers) -> Any:
        values = as_values(answers)
        return care.add_contact(ctx.record, ctx.person, values.pop("name"), **values)

    def update(self, ctx: Context, obj: Any, answers: ContactAnswers) -> Any:
        return care.update_contact(ctx.record, obj.id, **as_values(answers))

    def delete(self, ctx: Context, obj: Any) -> None:
        care.delete_contact(ctx.record, obj.id)

    def make_lead(self, view: SectionView, obj: Contact) -> None:
        ctx = view.ctx
        done, _ = view.attempt(care.set_lead, ctx.record, ctx.person, obj)
        if done:
            view.notify(f"{obj.name} is now in charge of the care.")
            view.reload(keep=obj.id)

    def make_first(self, view: SectionView, obj: Contact) -> None:
        ctx = view.ctx
        done, _ = view.attempt(care.set_first_contact, ctx.record, ctx.person, obj)
        if done:
            view.notify(f"{obj.name} is now the first point of contact.")
            view.reload(keep=obj.id)

    def web(self, view: SectionView, obj: Contact | None) -> None:
        from ..screens.web import WebOfCareScreen

        view.app.push_screen(WebOfCareScreen())
