"""Search across everything, from the command palette (ctrl+p)."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import Hit, Hits, Provider

from .access import app_of, locked_meanwhile
from .registry import KIND_TO_SECTION
from .text import plain, styled


class RecordSearch(Provider):
    """Every record of the current person whose words contain what is typed."""

    async def search(self, query: str) -> Hits:
        app = app_of(self.screen)
        record, person = app.record, app.person
        if record is None or person is None or len(query.strip()) < 2:
            return
        from mycare.care.search import search  # loaded after unlock, not at start-up

        try:  # off the UI loop: typing in the palette stays smooth on a large record
            hits = await asyncio.to_thread(search, record, person, query, limit=40)
        except Exception:
            if locked_meanwhile(self.screen, record):
                return
            raise
        for n, hit in enumerate(hits):
            shown = styled((f"{hit.kind}: ", "dim"), plain(hit.title))
            if hit.snippet:
                shown = styled(shown, ("  " + hit.snippet, "italic dim"))
            yield Hit(
                1.0 - n / 100,
                shown,
                partial(app.open_section, KIND_TO_SECTION.get(hit.kind, "1"), hit.id),
                text=f"{hit.kind}: {hit.title}",
                help="Open it in its section",
            )
