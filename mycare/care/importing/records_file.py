"""A mycare records file (``mycare export --format json``): loaded into an empty store, or
merged into one that holds records already, record by record as two carers' copies are."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from mycare.store import Database

from .. import transfer
from ..errors import CareError
from ..record import CareRecord
from .incoming import BadFile, Parsed

if TYPE_CHECKING:
    from .plan import Plan


_IDS = uuid.UUID("1f0c7a0e-3d5b-4f7e-9a51-6d2b8e4c9f30")  # namespace for imported history


def _stamp(moment: object) -> str:
    return str(moment.strftime("%Y-%m-%d %H:%M:%S.%f"))  # type: ignore[attr-defined]


def _image(record: CareRecord, parsed: Parsed) -> bytes:
    """The file's records as a store image, each dated by its last change, ready to merge."""
    try:
        built, _ = transfer.build_records(parsed.records)
    except CareError as exc:
        raise BadFile(f"{parsed.source_name}: {exc}") from None
    db = Database()
    try:
        db.author = record.me
        try:
            with db.session() as session:
                for obj in built:
                    session.add(obj)
                    session.flush()
                session.commit()
        except Exception as exc:  # broken links between the file's records
            raise BadFile(
                f"{parsed.source_name}: its records do not hang together "
                f"({type(exc).__name__}); nothing was imported."
            ) from None
        # Each record's history is one addition, dated by its last change and with an id
        # made from that, so importing the same file again brings nothing new.
        with db.lock, db.conn:
            db.conn.executemany(
                "UPDATE change SET id = ?, created_at = ?, updated_at = ? WHERE record_id = ?",
                [
                    (
                        uuid.uuid5(_IDS, f"{o.id.hex}:{_stamp(o.updated_at)}").hex,
                        _stamp(o.updated_at),
                        _stamp(o.updated_at),
                        o.id.hex,
                    )
                    for o in built
                ],
            )
        return db.image()
    finally:
        db.close()


def plan_records(record: CareRecord, parsed: Parsed) -> Plan:
    """What the records file would bring, found by merging it into a copy of the store."""
    return bring_in(record, parsed, dry_run=True)


def bring_in(record: CareRecord, parsed: Parsed, *, dry_run: bool) -> Plan:
    """Import a records file (or, for a dry run, only say what it would bring)."""
    from ..merge import merge_into
    from .plan import Plan

    plan = Plan(parsed, None)
    # An empty store is merged into too: the same file imported again then brings nothing.
    image = _image(record, parsed)
    if dry_run:
        copy = Database(record.db.image())
        try:
            plan.merge = merge_into(copy, image)
        finally:
            copy.close()
        return plan
    plan.merge = merge_into(record.db, image)
    if plan.merge.brought_anything or plan.merge.kept_ours:
        record.unsaved = True
        record.after_commit()
    return plan
