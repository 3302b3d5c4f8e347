"""`mycare done STEP` and `mycare answer QUESTION TEXT`: keeping the record without the app."""

from __future__ import annotations

from argparse import Namespace

from mycare.care import questions, records, steps
from mycare.store import NextStep, Question

from . import opening
from .add import typed_text
from .agenda import short_id
from .errors import CliError
from .output import safe


def run(args: Namespace) -> int:
    if args.command == "answer":
        args.text = typed_text(args.text)
        if not args.text.strip():
            raise CliError("The answer is empty; give the words of the answer.")
    with opening.open_record(args) as record:
        person = opening.person(record, args)
        if args.command == "done":
            step = records.find(record, NextStep, args.step, person.id)
            if step.status == "done":
                print(f"Already done: {safe(step.what)} [{short_id(step.id)}].")
                return 0
            steps.mark_done(record, step.id)
            print(f"Done: {safe(step.what)} [{short_id(step.id)}].")
            return 0
        question = records.find(record, Question, args.question, person.id)
        questions.answer(record, question.id, args.text)
    print(f"Answered: {safe(question.text)} [{short_id(question.id)}].")
    return 0
