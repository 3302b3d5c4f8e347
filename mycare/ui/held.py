"""An open form kept across the idle lock: encrypted under the store's key, then put back."""

from __future__ import annotations

import contextlib
import json
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import MycareApp

REOPEN_TRIES = 200  # every 50 ms until the screen is there: up to 10 s on a slow machine


@dataclass(frozen=True)
class HeldForm:
    """What was typed in a form, and where the form came from."""

    origin: tuple[Any, ...]
    title: str
    values: dict[str, Any]
    person_id: uuid.UUID | None


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return {"uuid": value.hex}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _back(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"uuid"}:
        return uuid.UUID(hex=value["uuid"])
    if isinstance(value, list):
        return [_back(v) for v in value]
    return value


def pack(form: HeldForm) -> bytes:
    return json.dumps(
        {
            "origin": _plain(list(form.origin)),
            "title": form.title,
            "values": {k: _plain(v) for k, v in form.values.items()},
            "person": form.person_id.hex if form.person_id else None,
        }
    ).encode()


def unpack(data: bytes) -> HeldForm | None:
    try:
        raw = json.loads(data)
        return HeldForm(
            origin=tuple(_back(raw["origin"])),
            title=str(raw["title"]),
            values={k: _back(v) for k, v in raw["values"].items()},
            person_id=uuid.UUID(hex=raw["person"]) if raw.get("person") else None,
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


class FormKeeper:
    """Keeps the open form through the idle lock, sealed under the store's key, and reopens it."""

    def __init__(self, app: MycareApp) -> None:
        self.app = app
        self.sealed: bytes | None = None
        self.restore: tuple[str, dict[str, Any]] | None = None

    def take(self, title: str) -> dict[str, Any] | None:
        """The typed values for a form being opened again, once."""
        if self.restore is not None and self.restore[0] == title:
            values = self.restore[1]
            self.restore = None
            return values
        return None

    def hold(self) -> None:
        """Keep what is typed in the open form, encrypted, to put back after unlocking."""
        from .form import FormScreen

        app = self.app
        forms = [s for s in app.screen_stack if isinstance(s, FormScreen)]
        form = forms[-1] if forms else None
        if app.record is None or form is None or form.origin is None or not form.changed:
            return
        held = HeldForm(
            form.origin,
            form.title_text,
            form.raw_values(),
            app.person.id if app.person else None,
        )
        self.sealed = app.record.hold(pack(held))

    def resume(self) -> None:
        """Open the kept form again, where it was, with what was typed."""
        from mycare.care import records
        from mycare.care.errors import NotFound
        from mycare.store import Person

        app = self.app
        sealed, self.sealed = self.sealed, None
        data = app.record.unhold(sealed) if app.record and sealed else None
        held = unpack(data) if data else None
        if held is None or app.record is None:
            return
        if held.person_id is not None:
            with contextlib.suppress(NotFound):
                app.person = records.get(app.record, Person, held.person_id)
        self.restore = (held.title, held.values)
        if held.origin[0] == "home":
            app.call_after_refresh(self._reopen_home, str(held.origin[1]))
        else:
            _, key, tab, action, record_id = held.origin
            app.show(app.kept.get(str(key), focus=record_id))
            app.call_after_refresh(self._reopen_section, str(tab), str(action))
        app.notify("The form you were filling in is back, as you left it.")

    def _reopen_home(self, action: str, tries: int = REOPEN_TRIES) -> None:
        app = self.app
        handler = getattr(app.screen, f"action_{action}", None)
        if handler is None:
            if tries:
                app.set_timer(0.05, lambda: self._reopen_home(action, tries - 1))
            return
        handler()

    def _reopen_section(self, tab: str, action: str, tries: int = REOPEN_TRIES) -> None:
        from textual.widgets import TabbedContent

        app = self.app
        from .widgets.section_view import SectionView

        views = [v for v in app.screen.query(SectionView) if v.section.title == tab]
        if not views or not views[0].is_mounted or not views[0].loaded:  # its rows come later
            if tries:
                app.set_timer(0.05, lambda: self._reopen_section(tab, action, tries - 1))
            return
        view = views[0]
        tabs = app.screen.query(TabbedContent)
        if tabs:
            pane = view.parent
            if pane is not None and pane.id:
                tabs.first().active = pane.id
        if action.startswith("extra:"):
            view.action_extra(action.removeprefix("extra:"))
        else:
            getattr(view, f"action_{action}")()
