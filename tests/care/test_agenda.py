"""What is coming up: the one screen that answers "what happens next?".

The clock is fixed at Sunday 22 November 2026, 10:45; the agenda looks 14 days
ahead, so its window closes at midnight at the start of Monday 7 December.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mycare.care import agenda, appointments, people, questions, records, steps, team
from mycare.care.errors import InvalidField
from mycare.store import Appointment


def starts(found):
    return [o.starts_at for o in found.coming_up]


def purposes(found):
    return [o.appointment.purpose for o in found.coming_up]


# -- appointments -------------------------------------------------------------------


def test_a_weekly_appointment_from_months_ago_shows_its_next_sittings(record, person):
    appointments.add_appointment(
        record,
        person,
        datetime(2026, 8, 3, 9, 30),  # a Monday in August
        rrule=appointments.repeat_rule("weekly"),
        purpose="Physio",
    )
    found = agenda.build_agenda(record, person)
    assert starts(found) == [datetime(2026, 11, 23, 9, 30), datetime(2026, 11, 30, 9, 30)]
    assert found.end == datetime(2026, 12, 7)


def test_a_rule_with_several_days_a_week(record, person):
    appointments.add_appointment(
        record,
        person,
        datetime(2026, 11, 2, 14, 0),
        rrule="RRULE:FREQ=WEEKLY;BYDAY=MO,TH",
        purpose="Dialysis",
    )
    assert starts(agenda.build_agenda(record, person)) == [
        datetime(2026, 11, 23, 14, 0),
        datetime(2026, 11, 26, 14, 0),
        datetime(2026, 11, 30, 14, 0),
        datetime(2026, 12, 3, 14, 0),
    ]


def test_a_repeat_that_has_run_out_shows_nothing(record, person):
    appointments.add_appointment(
        record, person, datetime(2026, 8, 3, 9, 30), rrule=appointments.repeat_rule("weekly", 4)
    )
    until = appointments.repeat_rule("fortnightly", until=date(2026, 11, 30))
    appointments.add_appointment(record, person, datetime(2026, 11, 9, 11, 0), rrule=until)
    assert starts(agenda.build_agenda(record, person)) == [datetime(2026, 11, 23, 11, 0)]


def test_the_window_is_fourteen_days(record, person):
    for when, purpose in [
        (datetime(2026, 12, 6, 23, 0), "last evening in"),
        (datetime(2026, 12, 7, 9, 0), "first morning out"),
        (datetime(2027, 3, 1, 9, 0), "far off"),
        (datetime(2026, 11, 24, 9, 0), "Tuesday"),
    ]:
        appointments.add_appointment(record, person, when, purpose=purpose)
    assert purposes(agenda.build_agenda(record, person)) == ["Tuesday", "last evening in"]
    assert purposes(agenda.build_agenda(record, person, days=200)) == [
        "Tuesday",
        "last evening in",
        "first morning out",
        "far off",
    ]


def test_cancelled_appointments_are_left_out(record, person):
    appointments.add_appointment(
        record, person, datetime(2026, 11, 24, 9, 0), purpose="Eye clinic", status="cancelled"
    )
    appointments.add_appointment(
        record, person, datetime(2026, 8, 3, 9, 30), rrule="FREQ=WEEKLY", status="cancelled"
    )
    kept = appointments.add_appointment(record, person, datetime(2026, 11, 25, 9, 0), purpose="GP")
    found = agenda.build_agenda(record, person)
    assert purposes(found) == ["GP"]

    appointments.update_appointment(record, kept.id, status="cancelled")
    assert agenda.build_agenda(record, person).coming_up == []


def test_deleted_appointments_are_left_out(record, person):
    gone = appointments.add_appointment(record, person, datetime(2026, 11, 24, 9, 0))
    records.delete(record, Appointment, gone.id)
    assert agenda.build_agenda(record, person).coming_up == []


def test_earlier_today_ended_is_gone_but_in_progress_is_still_coming_up(record, person):
    appointments.add_appointment(
        record, person, datetime(2026, 11, 22, 9, 0), duration_minutes=30, purpose="ended"
    )
    appointments.add_appointment(
        record, person, datetime(2026, 11, 22, 10, 30), duration_minutes=30, purpose="now"
    )
    appointments.add_appointment(
        record, person, datetime(2026, 11, 22, 10, 15), duration_minutes=30, purpose="just ended"
    )
    appointments.add_appointment(record, person, datetime(2026, 11, 22, 15, 0), purpose="later")
    assert purposes(agenda.build_agenda(record, person)) == ["now", "later"]


def test_coming_up_shows_who_it_is_with(record, person):
    gp = team.add_contact(record, person, "Dr Shah")
    nurse = team.add_contact(record, person, "Tom Reilly")
    appt = appointments.add_appointment(
        record, person, datetime(2026, 11, 24, 9, 0), with_contacts=[gp, nurse]
    )
    (sitting,) = agenda.build_agenda(record, person).coming_up
    assert sorted(c.name for c in sitting.with_contacts) == ["Dr Shah", "Tom Reilly"]
    assert sitting.ends_at == datetime(2026, 11, 24, 9, 30)

    appointments.set_attendees(record, appt.id, [nurse])
    (sitting,) = agenda.build_agenda(record, person).coming_up
    assert [c.name for c in sitting.with_contacts] == ["Tom Reilly"]


def test_a_rule_that_is_not_understood_is_refused(record, person):
    for rule in ["FREQ=SOMETIMES", "nonsense", "FREQ=WEEKLY;COUNT=x", "BYDAY=ZZ"]:
        with pytest.raises(InvalidField) as caught:
            appointments.add_appointment(record, person, datetime(2026, 11, 24, 9, 0), rrule=rule)
        assert caught.value.field == "rrule"
        assert "FREQ=WEEKLY" in str(caught.value), rule  # it suggests one that works
    assert appointments.appointments(record, person) == []


def test_changing_to_a_bad_rule_is_refused(record, person):
    appt = appointments.add_appointment(record, person, datetime(2026, 11, 24, 9, 0))
    with pytest.raises(InvalidField):
        appointments.update_appointment(record, appt.id, rrule="FREQ=NEVER")
    assert records.get(record, Appointment, appt.id).rrule == ""


@pytest.mark.parametrize(("every", "times"), [("hourly", None), ("weekly", 0), ("weekly", 1001)])
def test_repeat_words_are_checked(every, times):
    with pytest.raises(InvalidField):
        appointments.repeat_rule(every, times)


def test_appointment_length_is_checked(record, person):
    when = datetime(2026, 11, 24, 9, 0)
    for minutes in (0, 1441, -30, True):
        with pytest.raises(InvalidField):
            appointments.add_appointment(record, person, when, duration_minutes=minutes)
    for minutes in (1, 1440):
        appointments.add_appointment(record, person, when, duration_minutes=minutes)
    assert len(appointments.appointments(record, person)) == 2


def test_an_unknown_status_is_refused(record, person):
    with pytest.raises(InvalidField):
        appointments.add_appointment(record, person, datetime(2026, 11, 24), status="maybe")


# -- next steps ---------------------------------------------------------------------


def test_steps_are_sorted_into_overdue_due_and_undated(record, person):
    steps.add_step(record, person, "Book blood test", due_on=date(2026, 11, 20))
    steps.add_step(record, person, "Collect prescription", due_on=date(2026, 11, 22))
    steps.add_step(record, person, "Send form back", due_on=date(2026, 12, 6))
    steps.add_step(record, person, "Renew blue badge", due_on=date(2027, 1, 10))
    steps.add_step(record, person, "Ask about respite")
    done = steps.add_step(record, person, "Phone the pharmacy", due_on=date(2026, 11, 19))
    steps.mark_done(record, done.id)

    found = agenda.build_agenda(record, person)
    assert [s.what for s in found.overdue] == ["Book blood test"]
    assert [s.what for s in found.due] == ["Collect prescription", "Send form back"]
    assert [s.what for s in found.undated] == ["Ask about respite"]
    shown = found.overdue + found.due + found.undated
    assert "Renew blue badge" not in [s.what for s in shown]
    assert "Phone the pharmacy" not in [s.what for s in shown]


# -- questions ----------------------------------------------------------------------


def test_open_questions_for_an_upcoming_appointment(record, person):
    appt = appointments.add_appointment(
        record, person, datetime(2026, 11, 24, 9, 0), purpose="Diabetes clinic"
    )
    q1 = questions.add_question(
        record, person, "Can I change my insulin time?", appointment_id=appt.id
    )
    q2 = questions.add_question(record, person, "Is the numbness normal?", appointment_id=appt.id)
    asked = questions.add_question(record, person, "Already asked", appointment_id=appt.id)
    questions.mark_asked(record, asked.id)
    loose = questions.add_question(record, person, "Who do I call at night?")

    found = agenda.build_agenda(record, person)
    assert {q.id for q in found.questions_for(appt.id)} == {q1.id, q2.id}
    assert [q.id for q in found.unattached_questions] == [loose.id]


def test_questions_for_a_past_appointment_are_not_lost(record, person):
    past = appointments.add_appointment(record, person, datetime(2026, 11, 1, 9, 0))
    q = questions.add_question(record, person, "Still want to know", appointment_id=past.id)
    found = agenda.build_agenda(record, person)
    assert [x.id for x in found.unattached_questions] == [q.id]


# -- what came of it ----------------------------------------------------------------


def test_a_past_appointment_with_no_outcome_asks_what_came_of_it(record, person):
    waiting = appointments.add_appointment(
        record, person, datetime(2026, 11, 18, 14, 0), purpose="Eye clinic"
    )
    written = appointments.add_appointment(
        record, person, datetime(2026, 11, 19, 10, 0), purpose="GP"
    )
    appointments.record_outcome(record, written.id, "New drops, review in 3 months")
    appointments.add_appointment(
        record, person, datetime(2026, 11, 20, 10, 0), purpose="Called off", status="cancelled"
    )
    appointments.add_appointment(record, person, datetime(2026, 9, 1, 10, 0), purpose="Long ago")
    appointments.add_appointment(
        record, person, datetime(2026, 11, 2, 10, 0), purpose="Weekly", rrule="FREQ=WEEKLY"
    )
    appointments.add_appointment(record, person, datetime(2026, 11, 25, 10, 0), purpose="Future")

    found = agenda.build_agenda(record, person)
    assert [a.id for a in found.needs_outcome] == [waiting.id]
    assert records.get(record, Appointment, written.id).status == "attended"


def test_an_appointment_in_progress_is_not_yet_asking_for_its_outcome(record, person):
    appointments.add_appointment(
        record, person, datetime(2026, 11, 22, 10, 30), duration_minutes=60, purpose="Now"
    )
    found = agenda.build_agenda(record, person)
    assert purposes(found) == ["Now"]
    assert [a.purpose for a in found.needs_outcome] == [], (
        "the appointment is shown both as coming up and as needing an outcome"
    )


# -- who is in charge, and the plan review ------------------------------------------


def test_the_agenda_says_who_is_in_charge_and_who_to_call(record, person):
    gp = team.add_contact(record, person, "Dr Shah")
    nurse = team.add_contact(record, person, "Tom Reilly")
    assert agenda.build_agenda(record, person).lead is None
    team.set_lead(record, person, gp)
    team.set_first_contact(record, person, nurse)
    found = agenda.build_agenda(record, person)
    assert found.lead.name == "Dr Shah"
    assert found.first_contact.name == "Tom Reilly"
    assert set(found.contacts) == {gp.id, nurse.id}


def test_the_plan_review_shows_when_it_is_near_or_past(record, person):
    for due, shown in [
        (None, False),
        (date(2027, 3, 1), False),
        (date(2026, 12, 24), False),
        (date(2026, 12, 20), True),
        (date(2026, 11, 22), True),
        (date(2026, 10, 1), True),
    ]:
        updated = people.update_person(record, person, plan_review_due=due)
        found = agenda.build_agenda(record, updated)
        assert found.review_due == (due if shown else None), due


def test_one_persons_agenda_holds_nothing_of_anothers(record, person):
    dad = people.add_person(record, "Samuel Okafor")
    appointments.add_appointment(record, dad, datetime(2026, 11, 24, 9, 0))
    steps.add_step(record, dad, "Dad's step", due_on=date(2026, 11, 20))
    questions.add_question(record, dad, "Dad's question")
    found = agenda.build_agenda(record, person)
    assert found.coming_up == [] and found.overdue == [] and found.open_questions == []
