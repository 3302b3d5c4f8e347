"""`mycare search`: every record containing some words."""

from __future__ import annotations

from argparse import Namespace

from mycare.care.search import search

from . import opening
from .agenda import short_id
from .output import plain_wanted, safe


def run(args: Namespace) -> int:
    term = " ".join(args.words)
    with opening.open_record(args, reading=True) as record:
        person = opening.person(record, args)
        hits = search(record, person, term)
    if not hits:
        print(f"Nothing in {safe(person.name)}'s record contains {safe(term)!r}.")
        return 1
    plain = plain_wanted(args)
    for hit in hits:
        title = safe(hit.title)
        snippet = safe(hit.snippet)
        extra = (
            (f", {snippet}" if plain else f" — {snippet}") if snippet and snippet != title else ""
        )
        if plain:
            print(f"{hit.kind}: {title}{extra} (id {short_id(hit.id)})")
        else:
            print(f"{hit.kind:<18} {title}{extra}  [{short_id(hit.id)}]")
    return 0
