"""Stores to export from, and independent readers to read the exports back.

There is no ``__init__.py`` in the tests folders, so helpers are handed out as fixtures.
Stores are made once per session (exporting never changes them); every render passes the
fixed ``NOW`` and the clock is pinned to it as well.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from mycare import export
from mycare.care import appointments, clock, diary, goals, health, people, questions, steps, team
from mycare.care.demo import fill_demo
from mycare.care.record import CareRecord
from mycare.store import Appointment, Person
from mycare.vault import TEST_KDF

PASSPHRASE = "pw-pw-pw-pw"
NOW = datetime(2026, 11, 22, 10, 45)
TODAY = NOW.date()

SCRIPT = "<script>alert(1)</script>"
MARKUP = "[bold]not bold[/bold]"
SQL = '"; DROP TABLE person; --'
EMOJI = "Feeling 😀 today 👍"
ARABIC = "مرحبا بالعالم"
HEBREW = "שלום עולם"
NAME = "Zoë Łukasiewicz"
GREEK_CYRILLIC = "Ελληνικά Кириллица"
IMG = "<img src=x onerror=alert(2)>"


@dataclass
class Store:
    """A store to export from, with everything the tests need to know about it."""

    record: CareRecord
    person: Person
    appointment: Appointment | None = None
    out: dict[str, bytes] = field(default_factory=dict)

    def render(self, fmt: str, **options: Any) -> bytes:
        options.setdefault("now", NOW)
        if self.appointment is not None:
            options.setdefault("for_appointment", self.appointment.id)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(clock, "now", lambda: NOW)
            return export.render(self.record, self.person, fmt, **options)

    def output(self, fmt: str) -> bytes:
        """This store's full summary in a format, made once."""
        if fmt not in self.out:
            self.out[fmt] = self.render(fmt, prepared_by="Ngozi Okafor")
        return self.out[fmt]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


def _force(record: CareRecord, row: Any, **fields: Any) -> None:
    """Change a row past the care layer's checks, as a damaged or imported record might be."""
    with record.changing() as session:
        stored = session.get(type(row), row.id)
        for name, value in fields.items():
            setattr(stored, name, value)
        session.add(stored)


def _new_record(folder: Path) -> CareRecord:
    return CareRecord.create(folder / "s.mycare", PASSPHRASE, kdf=TEST_KDF)


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Peggy's demo record, exported for her six-monthly GP review."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clock, "now", lambda: NOW)
        record = _new_record(tmp_path_factory.mktemp("demo"))
        peggy = fill_demo(record, TODAY)
    review = next(
        a
        for a in appointments.appointments(record, peggy)
        if "GP review" in a.purpose and a.starts_at > NOW
    )
    yield Store(record, peggy, review)
    record.close()


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A record whose every field holds text that tries to break out of its format."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clock, "now", lambda: NOW)
        record = _new_record(tmp_path_factory.mktemp("hostile"))
        record.after_commit = lambda: None
        person = people.add_person(
            record,
            NAME,
            date_of_birth=date(1980, 2, 29),
            what_matters=f"{SCRIPT}\n{MARKUP}\n{SQL}\n{EMOJI}\n{ARABIC}\n{HEBREW}",
            communication_needs=GREEK_CYRILLIC,
        )
        doc = team.add_contact(
            record,
            person,
            SCRIPT,
            role=MARKUP,
            organisation=SQL,
            phone="01632 960999",
            email="a&b@example.org",
            address=f"1 {ARABIC} Street\nLine two",
            notes=EMOJI,
        )
        team.set_lead(record, person, doc)
        team.set_first_contact(record, person, doc)
        starts = datetime.combine(TODAY + timedelta(days=3), time(9, 30))
        visit = appointments.add_appointment(
            record,
            person,
            starts,
            with_contacts=[doc],
            purpose=f"Clinic {SCRIPT}",
            location=MARKUP,
            preparation=f"{SQL}\n{HEBREW}",
            rrule="FREQ=WEEKLY;COUNT=3",
        )
        past = appointments.add_appointment(
            record,
            person,
            starts - timedelta(days=10),
            purpose=IMG,
            status="attended",
            outcome=SCRIPT,
        )
        questions.add_question(
            record, person, f"Is {SCRIPT} safe? {EMOJI}", appointment_id=visit.id
        )
        steps.add_step(
            record,
            person,
            f"{MARKUP} {ARABIC}",
            contact_id=doc.id,
            due_on=TODAY,
            appointment_id=past.id,
        )
        goal = goals.add_goal(record, person, ARABIC, what_matters=SQL, steps=[SCRIPT])
        goals.add_check_in(record, goal.id, 4, note=EMOJI, on=TODAY)
        health.add_medication(record, person, IMG, dose="5 mg", reason=SCRIPT)
        health.add_condition(record, person, GREEK_CYRILLIC, notes=SQL)
        health.add_allergy(record, person, MARKUP, reaction=SCRIPT, severity="severe")
        diary.add_entry(
            record, person, f"{EMOJI}\n{ARABIC}", feeling=7, written_at=NOW - timedelta(days=1)
        )
        # The care layer keeps titles on one line; an imported record might not.
        _force(record, visit, purpose=f"Clinic\n{SCRIPT}")
        _force(record, goal, goal=f"{ARABIC}\n{IMG}")
        record.after_commit = record.save
        record.save()
    yield Store(record, person, visit)
    record.close()


@pytest.fixture(scope="session")
def lonely(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store with one person in it and nothing else."""
    record = _new_record(tmp_path_factory.mktemp("lonely"))
    yield Store(record, people.add_person(record, NAME))
    record.close()


class _TextOf(HTMLParser):
    """The visible text of an HTML page, and every tag and attribute in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._skip += tag in ("style", "title", "head")
        if tag == "br":
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "title", "head")
        if tag in ("p", "li", "dd", "dt", "h1", "h2", "h3", "h4", "br", "span"):
            self.text.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self.text.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def parse_html(page: str) -> _TextOf:
    parser = _TextOf()
    parser.feed(page)
    parser.close()
    return parser


def pdf_text(data: bytes) -> str:
    """Text of a PDF as pdftotext (poppler) reads it, else as pypdf does."""
    if shutil.which("pdftotext"):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "summary.pdf"
            path.write_bytes(data)
            done = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
            )
            return done.stdout.decode("utf-8")
    pypdf = pytest.importorskip("pypdf")
    import io

    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def as_text(fmt: str, data: bytes) -> str:
    """What an independent reader of each format finds in the file, as text."""
    if fmt == "md":
        from markdown_it import MarkdownIt

        return "".join(parse_html(MarkdownIt("commonmark").render(data.decode())).text)
    if fmt == "html":
        return "".join(parse_html(data.decode()).text)
    if fmt == "pdf":
        return pdf_text(data)
    if fmt == "ics":
        import icalendar

        cal = icalendar.Calendar.from_ical(data)
        return "\n".join(str(value) for component in cal.walk() for value in component.values())
    if fmt == "vcf":
        import vobject

        return "\n".join(
            str(line.value)
            for card in vobject.readComponents(data.decode())
            for line in card.getChildren()
        )
    if fmt == "fhir":
        return "\n".join(_strings(json.loads(data)))
    return data.decode()


@pytest.fixture
def read_back() -> Callable[[str, bytes], str]:
    return as_text


@pytest.fixture
def html_of() -> Callable[[str], _TextOf]:
    return parse_html


@pytest.fixture(scope="session")
def nasty() -> dict[str, str]:
    """The hostile texts the `hostile` store is filled with."""
    return {
        "script": SCRIPT,
        "markup": MARKUP,
        "sql": SQL,
        "emoji": EMOJI,
        "arabic": ARABIC,
        "hebrew": HEBREW,
        "name": NAME,
        "greek": GREEK_CYRILLIC,
        "img": IMG,
    }
