"""The command line's words and flags (argparse only, so `mycare --help` is instant)."""

from __future__ import annotations

import argparse

from mycare.export.formats import FORMATS
from mycare.export.formats import cli_help as formats_help

DESCRIPTION = (
    "mycare keeps your own care record — appointments, your care team, next steps, "
    "goals, questions, medicines and a diary — in one encrypted file."
)
EPILOG = (
    "Dates can be written as you would say them: 2026-12-03 14:30, '3 Dec 2pm', "
    "'tomorrow 9:00', 'in 2 weeks'. The store is chosen by --store, else MYCARE_STORE, "
    "else the default file in your data folder."
)


SHOW_SECTIONS = (
    "home", "appointments", "team", "steps", "questions", "goals", "health", "diary", "about",
    "coordination",
)  # fmt: skip
STDIN_HELP = "the text, or - to read it from standard input (kept out of ps and shell history)"


class Parser(argparse.ArgumentParser):
    """An argument parser whose complaints are one line, like every other mycare message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"mycare: {message} (see `{self.prog} --help`).\n")


def _common() -> Parser:
    common = Parser(add_help=False)
    common.add_argument(
        "--store", metavar="PATH", default=argparse.SUPPRESS, help="the store file to use"
    )
    common.add_argument(
        "--person",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="whose record, when the store holds several people",
    )
    common.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="read the passphrase from the first line of FILE (for scripts)",
    )
    common.add_argument(
        "--me",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="who you are, as the other carers see it in the history (else MYCARE_ME, "
        "else the name saved on this computer)",
    )
    common.add_argument(
        "--plain",
        action="store_true",
        default=argparse.SUPPRESS,
        help="no colour and no symbols, words only (also when NO_COLOR is set or TERM=dumb)",
    )
    return common


def build() -> argparse.ArgumentParser:
    """The whole command line."""
    common = _common()
    parser = Parser(prog="mycare", description=DESCRIPTION, epilog=EPILOG, parents=[common])
    parser.add_argument("--version", action="store_true", help="show the version and stop")
    parser.add_argument(
        "--lock-after",
        metavar="MINUTES",
        type=float,
        default=10,
        help="the app locks itself after this many idle minutes (default 10)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common])

    p = command("init", "create a new, empty store (asks for the passphrase twice)")
    p.add_argument("--name", help="whose care record this is (you can add more people later)")

    p = command("demo", "create a store filled with a fictional person's care, to try mycare")
    p.add_argument("path", nargs="?", help="where to create it (default: a temporary folder)")

    p = command("agenda", "what is coming up: appointments, steps due, questions to ask")
    p.add_argument("--days", type=int, default=14, help="how many days ahead (default 14)")

    p = command("people", "list the people in the store")

    p = command(
        "show",
        "one section of the record as plain text, one item to a paragraph "
        "(for screen readers and braille displays)",
    )
    p.add_argument("section", choices=SHOW_SECTIONS, help=", ".join(SHOW_SECTIONS))
    p.add_argument(
        "--all", action="store_true", help="past, done and answered items too, and every diary line"
    )

    p = command("done", "mark a next step as done")
    p.add_argument("step", help="the step's id (its first characters are enough)")

    p = command("answer", "write down the answer to a question (it counts as asked)")
    p.add_argument("question", help="the question's id (its first characters are enough)")
    p.add_argument("text", help=STDIN_HELP)

    _checkin_command(command("checkin", "how joined-up does my care feel? a short check-in"))

    p = command("search", "find records containing some words (any case or accents)")
    p.add_argument("words", nargs="+")

    _add_commands(command("add", "quickly add a record"), common)

    summaries = ", ".join(f.name for f in FORMATS if f.summary)
    p = command("export", f"share a summary ({summaries}) or every record")
    p.add_argument("--format", choices=[f.name for f in FORMATS], default="md", help=formats_help())
    p.add_argument("--out", metavar="FILE", help="file to write, or - for the screen")
    p.add_argument(
        "--sections",
        metavar="NAME",
        nargs="+",
        help="only these parts: about team health recent goals appointment coordination "
        "(how joined-up my care feels); default all but coordination",
    )
    p.add_argument("--since", metavar="DATE", help="what has happened since (default: last visit)")
    p.add_argument(
        "--for-appointment", metavar="ID", help="questions for this appointment: an id, or next"
    )
    p.add_argument("--prepared-by", metavar="NAME", default="", help="who prepared it")
    p.add_argument(
        "--reminders",
        action="store_true",
        help="calendar (ics) only: remind the day before and an hour before each appointment",
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")

    p = command(
        "import",
        "bring in appointments, contacts and health records from a calendar (.ics), an "
        "address book (.vcf), a FHIR health record (.json) or a mycare records file",
    )
    p.add_argument("file", help="the file; what it holds is told from its content")
    p.add_argument(
        "--dry-run", action="store_true", help="only show what would be added, updated, skipped"
    )

    command("check", "test the store and its backups and say what was found")

    p = command("history", "who changed what and when: the latest changes, or one record's")
    p.add_argument("id", nargs="?", help="a record's id (its first characters are enough)")
    p.add_argument(
        "--check",
        action="store_true",
        help="only what two carers both changed at once, still to be checked",
    )
    p.add_argument("--limit", type=int, default=30, help="how many changes (default 30)")

    p = command("merge", "merge another copy of this store (say, a sync service's) into it")
    p.add_argument("file", help="the copy, e.g. 'care (conflicted copy).mycare'")
    p.add_argument(
        "--copy-passphrase-file",
        metavar="FILE",
        help="a copy locked with another passphrase (before a change): read it from FILE",
    )

    p = command("forget", "forget for good what deleted records said, in the store and its backups")
    p.add_argument("--yes", action="store_true", help="do not ask first (for scripts)")

    p = command("passwd", "change the passphrase")
    p.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help="read the new passphrase from FILE (for scripts)",
    )
    return parser


def _checkin_command(p: argparse.ArgumentParser) -> None:
    p.add_argument("--list", action="store_true", help="the statements with their numbers")
    p.add_argument(
        "--scores",
        metavar="N,N,…",
        help="answer every statement in order, 1 (not at all) to 5 (completely), - for "
        "does not apply, e.g. 4,3,5,-,2,4,4,3",
    )
    p.add_argument(
        "--note",
        nargs=2,
        action="append",
        metavar=("NUMBER", "TEXT"),
        default=[],
        help="a note for statement NUMBER (may be given more than once)",
    )
    p.add_argument(
        "--answered-by",
        choices=["me", "carer-for-them", "carer-themself"],
        default="me",
        help="me (default); carer-for-them: a carer answering for the person; "
        "carer-themself: a carer's own experience, kept apart",
    )
    p.add_argument("--on", metavar="DATE", help="the day it is about (default today)")


def _add_commands(add: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    kinds = add.add_subparsers(dest="kind", metavar="KIND", required=True)

    def kind(name: str, help_text: str) -> argparse.ArgumentParser:
        return kinds.add_parser(name, help=help_text, description=help_text, parents=[common])

    p = kind("person", "someone whose care this store keeps")
    p.add_argument("name")
    p.add_argument("--born", metavar="DATE", help="date of birth")

    p = kind("appointment", "an appointment")
    p.add_argument("when", help="date and time, e.g. '3 Dec 2pm'")
    p.add_argument("purpose", nargs="?", default="", help="what it is for")
    p.add_argument("--where", default="", help="where it is")
    p.add_argument(
        "--with",
        dest="with_",
        action="append",
        default=[],
        metavar="NAME",
        help="who it is with (someone in the care team; repeatable)",
    )
    p.add_argument("--minutes", type=int, default=30, help="how long (default 30)")
    p.add_argument("--repeat", choices=["daily", "weekly", "fortnightly", "monthly", "yearly"])
    p.add_argument("--times", type=int, help="how many times in all, with --repeat")
    p.add_argument("--until", metavar="DATE", help="last date, with --repeat")
    p.add_argument("--prepare", default="", help="notes to prepare")

    p = kind("question", "a question to ask")
    p.add_argument("text", help=STDIN_HELP)
    p.add_argument("--for-appointment", metavar="ID", help="an appointment id, or 'next'")
    p.add_argument("--ask", metavar="NAME", help="someone in the care team to ask")

    p = kind("step", "a next step: what happens next and who does it")
    p.add_argument("what", help=STDIN_HELP)
    p.add_argument("--who", default="me", help="me, carer, or the name of someone in the team")
    p.add_argument("--due", metavar="DATE", help="when it should be done by")
    p.add_argument("--from-appointment", metavar="ID", help="the appointment it came from")

    p = kind("contact", "someone in the care team")
    p.add_argument("name")
    p.add_argument("--role", default="", help="e.g. GP, district nurse, daughter")
    p.add_argument("--org", default="", help="organisation, e.g. the surgery's name")
    p.add_argument(
        "--sector",
        default="health",
        help="health, social care, voluntary & community, family & friends, other",
    )
    p.add_argument("--phone", default="")
    p.add_argument("--email", default="")
    p.add_argument("--address", default="")
    p.add_argument("--lead", action="store_true", help="this person is in charge of my care")
    p.add_argument("--first-contact", action="store_true", help="my first point of contact")

    p = kind("diary", "a line in the diary")
    p.add_argument("text", help=STDIN_HELP)
    p.add_argument(
        "--feeling", type=int, metavar="0-10", help="how I feel, 0 (awful) to 10 (great)"
    )
    p.add_argument("--when", metavar="DATE", help="default: now")
