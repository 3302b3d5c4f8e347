"""The person's own page: about me under the PRSB About Me headings, and my care plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from mycare.care import people, records
from mycare.care.dates import format_date
from mycare.care.errors import CareError, InvalidField, VaultError
from mycare.store import Person

from ..access import Locked, app_of, opened
from ..fields import Field
from ..form import FormScreen
from ..kept import KeptScreen
from ..sections.base import as_values
from ..text import plain, styled
from ..widgets.footer import KeysFooter
from ..widgets.nav import NavBar


@dataclass(frozen=True)
class AboutAnswers:
    """The About me form, field for field."""

    name: str
    date_of_birth: date | None
    nhs_number: str
    gp_practice: str
    what_matters: str
    important_people: str
    communication_needs: str
    wellness: str
    please_do: str
    please_dont: str
    how_to_support: str
    also_worth_knowing: str
    written_with: str
    written_on: date | None
    time_zone: str
    care_plan: str
    plan_reviewed_on: date | None
    plan_review_due: date | None


FIELDS = [
    Field("name", "Name", required=True),
    Field("date_of_birth", "Date of birth", "date"),
    Field("nhs_number", "NHS number", placeholder="optional, e.g. 943 476 5919"),
    Field("gp_practice", "Registered GP practice"),
    Field("what_matters", "What matters to me", "long"),
    Field("important_people", "People who are important to me", "long"),
    Field("communication_needs", "How I communicate, and how to communicate with me", "long"),
    Field("wellness", "My wellness", "long"),
    Field("please_do", "Please do", "long"),
    Field("please_dont", "Please don't", "long"),
    Field("how_to_support", "How and when to support me", "long"),
    Field("also_worth_knowing", "Also worth knowing about me", "long"),
    Field("written_with", "Who supported me to write this"),
    Field("written_on", "When it was written", "date"),
    Field("time_zone", "My time zone (for calendars)", placeholder="Europe/London"),
    Field("care_plan", "My care plan", "long"),
    Field("plan_reviewed_on", "Care plan last reviewed", "date"),
    Field("plan_review_due", "Care plan review due", "date"),
]


class AboutScreen(KeptScreen):
    """Read and change the person's own page."""

    BINDINGS = [Binding("e", "edit", "Edit", id="about-edit", tooltip="Change this page")]
    DEFAULT_CSS = """
    AboutScreen VerticalScroll { padding: 0 2; }
    AboutScreen .heading { text-style: bold; color: $accent; margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar("9")
        with VerticalScroll():
            for field in FIELDS:
                yield Static(field.label, classes="heading", markup=False)
                yield Static("", id=f"show-{field.name}")
        yield KeysFooter()

    def resumed(self) -> None:
        self.show()

    def records_changed(self) -> None:
        self.show()

    def show(self) -> None:
        try:
            person = opened(self)[1]
        except Locked:
            return
        for field in FIELDS:
            value = getattr(person, field.name)
            if value in (None, ""):
                shown = styled(("Not written yet — press e to add it.", "dim"))
            elif field.kind == "date":
                shown = Content(format_date(value))
            else:
                shown = plain(value) if field.kind != "long" else Content(str(value))
            self.query_one(f"#show-{field.name}", Static).update(shown)

    @work
    async def action_edit(self) -> None:
        app = app_of(self)
        record, person = opened(self)
        shown: dict[str, Any] = {f.name: getattr(person, f.name) for f in FIELDS}
        while True:
            form = FormScreen("About me", FIELDS, AboutAnswers, shown, validate=people.check_person)
            answers = await app.push_screen_wait(form)
            if answers is None:
                return
            values = as_values(answers)
            try:
                people.update_person(record, person, **values)
                break
            except InvalidField as exc:  # e.g. an NHS number with a typing slip
                self.notify(str(exc), severity="error", timeout=10)
                shown = values  # the form again, as typed, so nothing typed is lost
            except (CareError, VaultError) as exc:
                self.notify(str(exc), severity="error", timeout=10)
                return
        app.person = records.get(record, Person, person.id)
        self.show()
        self.notify("Saved.")
