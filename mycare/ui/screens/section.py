"""A screen holding one section's list (or several, as tabs)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Header, TabbedContent, TabPane

from ..kept import KeptScreen
from ..sections.base import Section
from ..widgets.footer import KeysFooter
from ..widgets.nav import NavBar
from ..widgets.section_view import SectionView


class SectionScreen(KeptScreen):
    """Header, the records, and a footer of the keys that work on them."""

    DEFAULT_CSS = """
    SectionScreen TabbedContent { height: 1fr; }
    SectionScreen TabPane { height: 1fr; padding: 0; }
    SectionScreen ContentSwitcher { height: 1fr; }
    """

    def __init__(self, *sections: Section[Any], key: str = "", focus: Any = None) -> None:
        super().__init__()
        self.key = key
        self.sections = sections
        self.focus_id = focus

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar(self.key)
        if len(self.sections) == 1:
            yield SectionView(self.sections[0], focus=self.focus_id)
        else:
            with TabbedContent():
                for n, section in enumerate(self.sections):
                    with TabPane(section.title, id=f"tab-{n}"):
                        yield SectionView(section, focus=self.focus_id)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query(SectionView).first().query_one(DataTable).focus()

    def visited_again(self) -> None:
        """Shown again after a visit elsewhere: what was done there may have changed the lists."""
        self.records_changed()

    def show_record(self, record_id: Any) -> None:
        """Highlight one record (found by search), whatever the filter hid."""
        for view in self.query(SectionView):
            view.show_record(record_id)

    def records_changed(self) -> None:
        """Another computer's changes arrived: read the lists again, cursors kept."""
        for view in self.query(SectionView):
            current = view.current()
            view.reload(keep=getattr(current, "id", None))

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        event.pane.query_one(DataTable).focus()
