"""An import's plan in words: what will be added, updated and skipped, and what came in."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from .plan import ORDER, Plan, Step, kind_words

SHOWN = 40  # per group; the rest are counted


def _when(value: Any) -> str:
    if isinstance(value, datetime):
        return f"{value:%a %d %b %Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d %b %Y}"
    return "(empty)" if value in (None, "") else " ".join(str(value).split())[:60]


def _detail(step: Step) -> str:
    v = step.item.values
    kind = step.item.kind
    if kind == "appointment":
        at = v["starts_at"]
        when = f"{at:%a %d %b %Y}" if "all day" in step.item.notes else _when(at)
        bits = [when, v.get("location", "")]
        if v.get("rrule"):
            bits.append("repeats")
        if v.get("status") == "cancelled":
            bits.append("cancelled")
    elif kind == "contact":
        bits = [v.get("role", ""), v.get("organisation", ""), v.get("phone", ""), v.get("sector")]
    elif kind == "medication":
        bits = [v.get("dose", "")]
    elif kind == "allergy":
        bits = [v.get("reaction", ""), v.get("severity", "")]
    elif kind == "person":
        bits = [f"born {_when(v['date_of_birth'])}" if v.get("date_of_birth") else ""]
    else:
        bits = [v.get("status", "")]
    label = v.get("purpose") or v.get("name") or v.get("substance") or kind
    text = " — ".join([str(label), ", ".join(str(b) for b in bits if b)]).rstrip(" —")
    notes = [n for n in step.item.notes if n != "all day"]
    if "all day" in step.item.notes:
        notes.insert(0, "all day")
    return text + (f" ({'; '.join(notes)})" if notes else "")


def _changes(step: Step) -> str:
    shown = [
        f"{name.replace('_', ' ')} {_when(old)} → {_when(new)}"
        for name, (old, new) in step.changes.items()
    ]
    return "; ".join(shown[:4]) + ("; …" if len(shown) > 4 else "")


def _updated(plan: Plan, step: Step) -> str:
    if step.item.kind == "person":
        return plan.person_name
    return _detail(step).split(" — ")[0] + " (imported before)"


def _group(title: str, steps: list[Step], line: Any, mark: str) -> list[str]:
    lines: list[str] = []
    for kind in ORDER:
        mine = [s for s in steps if s.item.kind == kind]
        if not mine:
            continue
        lines.append(f"{title} {kind_words(kind, len(mine))}:")
        lines += [f"  {mark} {line(s)}" for s in mine[:SHOWN]]
        if len(mine) > SHOWN:
            lines.append(f"    … and {len(mine) - SHOWN} more")
    return lines


def preview(plan: Plan) -> list[str]:
    """The preview, one line a record (long lists are cut short and counted)."""
    parsed = plan.parsed
    if plan.merge is not None:
        report = plan.merge
        head = f"A mycare records file: {parsed.source_name}"
        if not report.brought_anything:
            return [head, "Nothing new: every record in it is already in this store."]
        return [
            head,
            "Merging it brings: " + (report.what() or "the history of records already here") + ".",
        ]
    who = plan.person_name or "a new person"
    lines = [f"{parsed.kind.capitalize()}: {parsed.source_name}, for {who}"]
    lines += _group("Will add", plan.adds, _detail, "+")
    lines += _group(
        "Will update",
        plan.updates,
        lambda s: f"{_updated(plan, s)}: {_changes(s)}",
        "~",
    )
    if plan.skipped:
        lines.append(f"Will skip {len(plan.skipped)}:")
        lines += [f"  - {s.what} ({s.where}): {s.why}" for s in plan.skipped[:SHOWN]]
        if len(plan.skipped) > SHOWN:
            lines.append(f"    … and {len(plan.skipped) - SHOWN} more")
    if not plan.steps:
        lines.append("Nothing to add or update.")
    return lines


def outcome(plan: Plan, *, done: bool) -> str:
    """One line: how many of each kind came in (or would, for a dry run)."""
    if plan.merge is not None:
        report = plan.merge
        if not report.brought_anything:
            return "Nothing was imported: the store already holds every record in the file."
        verb = "Imported" if done else "Would import"
        return (
            f"{verb} from {plan.parsed.source_name}: "
            + (report.what() or "the history of records already here")
            + "."
        )
    counts = plan.counts()
    parts = []
    for action, verb in (("added", "added"), ("updated", "updated")):
        found = Counter(counts[action])
        if found:
            kinds = ", ".join(kind_words(k, found[k]) for k in ORDER if found[k])
            parts.append(f"{kinds} {verb}")
    if plan.skipped:
        parts.append(f"{len(plan.skipped)} skipped")
    summary = "; ".join(parts) or "nothing to bring in"
    if done:
        return f"Imported from {plan.parsed.source_name}: {summary}."
    return (
        f"Dry run, nothing was changed. Importing {plan.parsed.source_name} would bring: {summary}."
    )
