"""How screens reach the open record: one typed way, instead of reaching into ``self.app``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from mycare.care.record import CareRecord
    from mycare.store import Person

    from .app import MycareApp


class Unlocked(Message):
    """A worker opened (or created) the store: the app shows it."""

    def __init__(self, record: CareRecord) -> None:
        super().__init__()
        self.record = record


class OpenFailed(Message):
    """A worker could not open or create the store; the text says why."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class Locked(Exception):
    """The record was locked (or not yet opened) when a screen needed it."""


def app_of(node: MessagePump) -> MycareApp:
    """The mycare app a screen or widget belongs to."""
    from .app import MycareApp

    app = node.app
    if not isinstance(app, MycareApp):
        raise TypeError("this screen belongs to the mycare app")
    return app


def locked_meanwhile(node: MessagePump, record: CareRecord) -> bool:
    """Whether the record a worker was reading has since been locked (or swapped)."""
    return app_of(node).record is not record


def opened(node: MessagePump) -> tuple[CareRecord, Person]:
    """The open record and whose record is shown; Locked when there is none."""
    app = app_of(node)
    if app.record is None or app.person is None:
        raise Locked
    return app.record, app.person
