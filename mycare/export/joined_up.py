"""The "How joined-up my care feels" part of a summary: latest answers, the trend, notes."""

from __future__ import annotations

from mycare.care.coordination import Picture
from mycare.care.coordination_themes import WHO_ANSWERED, rating_words

from .blocks import Block, Item, Items, Para, Part, Sub
from .words import short_date

HEADING = "How joined-up my care feels"


def joined_up_part(picture: Picture) -> Part:
    """Each statement's latest answer with the year's trend and any note, then what may help."""
    if not picture.check_ins:
        return Part("coordination", HEADING, [Para("No check-ins yet.", quiet=True)])
    last = picture.check_ins[-1].check
    who = WHO_ANSWERED.get(last.answered_by, last.answered_by)  # type: ignore[call-overload]
    blocks: list[Block] = [
        Para(
            f"From {len(picture.check_ins)} check-ins; the latest on "
            f"{short_date(last.checked_on)}, {who}. Each statement is answered from "
            "“not at all” to “completely”.",
            quiet=True,
        )
    ]
    trends = {t.theme.key: t for t in picture.trends}
    items = []
    for key, latest in picture.latest.items():
        details = [trends[key].words()] if trends[key].points else []
        if latest.note.strip():
            details.append(f"My note: {latest.note}")
        title = f"{latest.theme.statement[:-1]} — {rating_words(latest.rating)}"
        items.append(Item(f"{title} ({short_date(latest.on)})", details))
    blocks.append(Items(items))
    if picture.weakest is not None:
        weakest = picture.weakest
        blocks.append(Sub("Where it feels least joined-up"))
        blocks.append(Para(f"{weakest.theme.statement} I said: {rating_words(weakest.rating)}."))
    return Part("coordination", HEADING, blocks)
