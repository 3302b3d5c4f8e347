"""Two carers, one store, kept in step by a real sync engine: Unison.

Ann's computer is folder A and Sam's is folder B; Unison keeps the whole folder in step,
store, backups and all, as a person would set it up.  In rounds, each carer runs a few
real `mycare` commands on their side and then Unison runs; in some rounds both changed the
store between syncs, so Unison finds a conflict.

What Unison does with a conflict decides what mycare must do:

* ``-batch`` alone skips the file ("contents changed on both sides"), and so does
  ``-batch -copyonconflict``: a copy is only made when a conflict is *overridden*.  Each
  side would then keep its own version for ever; nothing reaches mycare to merge.
* ``-batch -copyonconflict -prefer newer`` (the combination Unison's manual gives for
  unattended syncing) leaves the newer save under the store's name on both sides and keeps
  the other one beside it as ``care (conflict_on_<date>).mycare`` (the mark goes before
  the extension; a second one the same day is ``care (conflict #1_on_<date>).mycare``, and
  the backups get theirs too: ``care.mycare (conflict_on_<date>).backup-1``).  Nothing is
  thrown away, and the merging is mycare's: the next `mycare` command on that side finds
  the copies by the store identity in their header, whatever their names, merges them
  record by record and moves them aside as ``care.mycare.merged-…``.  (``-prefer newer``
  only picks which version keeps the store's name.)

Both Unison roots are local folders (no ``ssh://`` or ``socket://`` root; see the Unison
helper in conftest.py), so nothing in this test sends traffic anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # the helpers come as fixtures (no __init__.py in the tests folders)
    from conftest import Computer, Unison

# Unison keeps the version that lost a conflict as a copy, and mycare merges it.
RESOLVE = ("-copyonconflict", "-prefer", "newer")

KINDS = {  # what `mycare add KIND` makes: its table and the field holding the text
    "diary": ("diaryentry", "text"),
    "step": ("nextstep", "what"),
    "question": ("question", "text"),
    "contact": ("contact", "name"),
    "appointment": ("appointment", "purpose"),
}


@dataclass(frozen=True)
class Add:
    kind: str
    text: str
    flags: tuple[str, ...] = ()
    when: str = ""  # appointments only

    @property
    def args(self) -> tuple[str, ...]:
        first = (self.when, self.text) if self.kind == "appointment" else (self.text,)
        return ("add", self.kind, *first, *self.flags)

    @property
    def table(self) -> str:
        return KINDS[self.kind][0]

    @property
    def field(self) -> str:
        return KINDS[self.kind][1]


def add(kind: str, text: str, *flags: str, when: str = "") -> Add:
    return Add(kind, text, flags, when)


# Each round: who works, in order (the last to save has the newer file), then one sync.
ROUNDS: list[list[tuple[str, list[Add]]]] = [
    [("ann", [add("diary", "Ann 1: a good night, no pain"),
              add("contact", "Dr Ruth Bell", "--role", "GP", "--lead")])],
    [("sam", [add("step", "Sam 2: collect the prescription", "--due", "in 3 days"),
              add("question", "Sam 2: can the dose go down?")])],
    # both change the store between syncs: a conflict; Sam saves last
    [("ann", [add("diary", "Ann 3: dizzy after lunch", "--feeling", "4"),
              add("appointment", "Ann 3: diabetes review", "--with", "ruth",
                  when="in 5 days 10:00")]),
     ("sam", [add("diary", "Sam 3: walked to the shop and back"),
              add("step", "Sam 3: book the eye test", "--who", "carer")])],
    # a conflict again, Ann saves last; both choose a first point of contact at once
    [("sam", [add("contact", "Ben Okafor", "--role", "son", "--sector", "family & friends",
                  "--first-contact"),
              add("question", "Sam 4: ask about the new diet")]),
     ("ann", [add("contact", "Nurse Joy Patel", "--role", "district nurse",
                  "--first-contact")])],
    [("ann", [add("question", "Ann 5: is the new dose working?", "--for-appointment", "next"),
              add("step", "Ann 5: ring the surgery about the results", "--due", "tomorrow")])],
    # a third conflict: Sam works first, Ann saves last and changes who is in charge
    [("sam", [add("diary", "Sam 6: a quiet day", "--feeling", "6")]),
     ("ann", [add("diary", "Ann 6: blood sugar 6.1 before breakfast"),
              add("contact", "Dr Amir Shah", "--role", "consultant", "--lead")])],
]  # fmt: skip


def sync(unison: Unison, seen: set[str], *computers: Computer) -> None:
    unison.sync(*RESOLVE)
    for computer in computers:
        seen.update(computer.conflict_copies())


def skipped_by_default(unison: Unison, ann: Computer, sam: Computer) -> None:
    """Unison's own conflict handling, with and without -copyonconflict: the store is
    skipped and no copy is made, so neither carer would ever see the other's changes."""
    for flags in ((), ("-copyonconflict",)):
        result = unison.sync(*flags)
        said = result.out + result.err
        assert result.code == 1, said  # 1: something was skipped
        assert f"skipped: {ann.store.name} (contents changed on both sides)" in said, said
        assert ann.conflict_copies() == [] and sam.conflict_copies() == [], flags
    assert ann.store.read_bytes() != sam.store.read_bytes()


@dataclass
class Run:
    ann: Computer
    sam: Computer
    expected: list[tuple[Add, str]]  # what was added, and by whom
    copies_made: set[str]  # every conflict copy Unison left, on either side
    report: list[str]


@pytest.fixture(scope="module")
def two_carers(unison: Unison, ann: Computer, sam: Computer, shared_store: Path) -> Run:
    """Six rounds of work on both computers with a sync after each, then a settle."""
    people = {"ann": ann, "sam": sam}
    seen: set[str] = set()
    expected: list[tuple[Add, str]] = []
    for number, round_ in enumerate(ROUNDS, start=1):
        for who, adds in round_:
            for item in adds:
                people[who].mycare(*item.args).ok()
                expected.append((item, people[who].me))
        if number == 3:  # the first round where both changed it: Unison's own handling
            skipped_by_default(unison, ann, sam)
        sync(unison, seen, ann, sam)

    # Settle: each side opens the store once (merging any copy waiting), with a sync after.
    ann.mycare("agenda").ok()
    sync(unison, seen, ann, sam)
    sam.mycare("agenda").ok()
    sync(unison, seen, ann, sam)

    report = [
        unison.version_text,
        f"unison ROOT_A ROOT_B -batch -ui text -contactquietly {' '.join(RESOLVE)}",
        "conflict copies made: " + ", ".join(sorted(seen)),
        *ann.notices,
        *sam.notices,
    ]
    print("\n".join(report))
    return Run(ann, sam, expected, seen, report)


def sides(run: Run) -> list[tuple[str, Computer]]:
    return [("Ann", run.ann), ("Sam", run.sam)]


@pytest.mark.slow
def test_every_conflict_copy_is_merged_and_moved_aside(two_carers: Run) -> None:
    run = two_carers
    store = run.ann.store
    # Unison puts its mark before the extension: "care (conflict_on_<date>).mycare" for the
    # store itself, "care.mycare (conflict_on_<date>).backup-1" for a backup.
    own = rf"{re.escape(store.stem)} \(conflict[^)]*\){re.escape(store.suffix)}"
    assert any(re.fullmatch(own, name) for name in run.copies_made), run.report
    for side, computer in sides(run):
        assert computer.conflict_copies() == [], f"{side}: {computer.conflict_copies()}"
        assert computer.history().waiting == [], side
    assert run.ann.merged_aside() and run.sam.merged_aside(), run.report
    assert run.ann.store.read_bytes() == run.sam.store.read_bytes(), "the sides did not settle"


@pytest.mark.slow
def test_both_sides_hold_every_record_with_who_added_it(two_carers: Run) -> None:
    run = two_carers
    records = {side: computer.live_records() for side, computer in sides(run)}
    assert records["Ann"] == records["Sam"]
    for side, computer in sides(run):
        told = computer.history()
        assert {"Ann", "Sam"} <= told.authors, f"{side}'s history names only {told.authors}"
        for item, author in run.expected:
            rows = [
                row
                for (table, _id), row in records[side].items()
                if table == item.table and row[item.field] == item.text
            ]
            assert len(rows) == 1, f"{side} holds {len(rows)} of {item.kind} {item.text!r}"
            assert told.added_by.get(rows[0]["id"]) == author, (
                f"{side}: {item.text!r} was added by {author}, the history says "
                f"{told.added_by.get(rows[0]['id'])!r}"
            )
        # One person in charge and one first point of contact, whoever chose last.
        current = [
            (row["person_id"], row["role"])
            for (table, _id), row in records[side].items()
            if table == "carerole" and row["ended_at"] is None
        ]
        assert sorted(current) == sorted(set(current)), f"{side}: {current}"
        assert {role for _, role in current} == {"lead", "first_contact"}


@pytest.mark.slow
def test_check_is_ok_on_both_sides(two_carers: Run) -> None:
    for side, computer in sides(two_carers):
        checked = computer.mycare("check")
        assert checked.code == 0, f"{side}: {checked.out}{checked.err}"
        assert "Store: OK" in checked.out, side
        assert "Copy waiting" not in checked.out, f"{side}: {checked.out}"


@pytest.mark.slow
def test_the_one_clash_is_left_to_check_once(two_carers: Run) -> None:
    # Only one value was changed by both at once: Ann and Sam each chose a first point of
    # contact in round 4.  Merging the same versions again (the copy reaches both sides,
    # and backups are copies too) must not add more.
    for side, computer in sides(two_carers):
        clashes = computer.history().clashes
        assert len(clashes) == 1, f"{side}: {clashes}"
        assert clashes[0].startswith("carerole.contact_id"), f"{side}: {clashes}"
