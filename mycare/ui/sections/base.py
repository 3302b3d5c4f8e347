"""The shape of a section: which records, which columns, which form, which extra keys."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from textual.content import Content

from mycare.care import clock, records, team
from mycare.care.record import CareRecord
from mycare.store import Contact, Person, Record

from ..fields import Field
from ..widgets.columns import Fit

__all__ = ["Action", "Context", "Fit", "Section"]

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

A = TypeVar("A", bound="DataclassInstance")


def as_values(answers: DataclassInstance) -> dict[str, Any]:
    """A form's typed answers as the care layer's keyword arguments (a shallow copy)."""
    return {f.name: getattr(answers, f.name) for f in dataclasses.fields(answers)}


@dataclass
class Context:
    """What a section needs to read and show records."""

    record: CareRecord
    person: Person
    today: date = field(default_factory=clock.today)
    _contacts: dict[uuid.UUID, Contact] | None = None

    @property
    def contacts(self) -> dict[uuid.UUID, Contact]:
        if self._contacts is None:
            self._contacts = {c.id: c for c in team.contacts(self.record, self.person)}
        return self._contacts

    def contact_choices(self) -> tuple[tuple[str, Any], ...]:
        return tuple((c.name, c.id) for c in self.contacts.values())


@dataclass(frozen=True)
class Action:
    """An extra key a section offers on the highlighted record."""

    key: str
    label: str
    method: str
    needs_row: bool = True


class Section(Generic[A]):
    """Subclasses list one kind of record and know how to add and change it.

    ``answers`` is the dataclass the section's form fills in, one field per form field.
    """

    answers: Callable[..., A]
    title: ClassVar[str] = ""
    noun: ClassVar[str] = "record"
    model: ClassVar[type[Record]]
    columns: ClassVar[tuple[str, ...]] = ()
    fits: ClassVar[dict[str, Fit]] = {}  # how columns give way on a narrow terminal
    hidden_label: ClassVar[str] = ""  # e.g. "past and cancelled"; empty: nothing hidden
    actions: ClassVar[tuple[Action, ...]] = ()
    empty_hint: ClassVar[str] = "Nothing here yet — press a to add the first one."
    newest_first: ClassVar[bool] = False  # sort the first column high to low at first
    page: ClassVar[int] = 0  # when set, load() fetches at most this many, filtered in the store

    def empty_text(self, ctx: Context) -> str:
        """What an empty list says."""
        return self.empty_hint

    def fields(self, ctx: Context) -> list[Field]:
        raise NotImplementedError

    def load(self, ctx: Context, show_all: bool) -> list[Any]:
        raise NotImplementedError

    def load_page(self, ctx: Context, wanted: str) -> tuple[list[Any], int]:
        """For paged sections: (the newest records containing `wanted`, how many exist)."""
        raise NotImplementedError

    def cells(self, ctx: Context, obj: Any) -> tuple[Content, ...]:
        raise NotImplementedError

    def sort_key(self, ctx: Context, obj: Any, column: int) -> Any:
        """What a column sorts by, or None to sort by the text shown."""
        return None

    def defaults(self, ctx: Context) -> dict[str, Any]:
        """What a new record's form starts with."""
        return {}

    def values(self, ctx: Context, obj: Any) -> dict[str, Any]:
        return {f.name: getattr(obj, f.name, None) for f in self.fields(ctx)}

    def add(self, ctx: Context, answers: A) -> Any:
        raise NotImplementedError

    def update(self, ctx: Context, obj: Any, answers: A) -> Any:
        return records.update(ctx.record, self.model, obj.id, **as_values(answers))

    def delete(self, ctx: Context, obj: Any) -> None:
        records.delete(ctx.record, self.model, obj.id)

    def restore(self, ctx: Context, record_id: uuid.UUID) -> None:
        records.restore(ctx.record, self.model, record_id)

    def describe(self, obj: Any) -> str:
        """A short name for the record in questions like 'Delete …?'."""
        return str(self.cells_text(obj))

    def cells_text(self, obj: Any) -> str:
        for name in ("purpose", "name", "what", "text", "goal", "substance"):
            value = getattr(obj, name, "")
            if value:
                return str(value)[:60]
        return self.noun
