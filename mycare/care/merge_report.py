"""What a merge brought in from another computer, counted and said in words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class MergeReport:
    """What a merge brought in from the other version, in numbers and names."""

    added: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    authors: set[str] = field(default_factory=set)
    both: int = 0
    notes: list[str] = field(default_factory=list)
    kept_ours: int = 0  # fields and records only this side has: a save is needed
    history_in: int = 0

    @property
    def brought_anything(self) -> bool:
        return bool(self.added or self.changed or self.deleted or self.both or self.history_in)

    def summary(self) -> str:
        """One line: "Sam added 1 appointment and changed 2 next steps"."""
        names = {n for a in self.authors for n in a.split(" and ") if n}
        who = _and(sorted(names)) or "Someone on another computer"
        return f"{who} {self.what() or 'made changes'}."

    def what(self) -> str:
        """What it brought, without who: "added 1 appointment…" ("" for nothing to tell)."""
        parts = []
        for verb, counts in (
            ("added", self.added),
            ("changed", self.changed),
            ("deleted", self.deleted),
        ):
            if counts:
                parts.append(f"{verb} " + _and([_count(n, k) for k, n in counts.items()]))
        text = _and(parts)
        if self.both:
            text += f"; {self.both} changed by both — check " + ("it" if self.both == 1 else "them")
        return text


def _and(items: Sequence[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _count(n: int, kind: str) -> str:
    from .records import KIND_NAMES

    name = next((v for k, v in KIND_NAMES.items() if k.lower() == kind), kind)
    if n == 1:
        return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"
    plural = name[:-1] + "ies" if name.endswith("y") else name + "s"
    return f"{n} {plural}"
