"""A believable, entirely fictional care record to try the app with.

Everyone is made up; phone numbers are in Ofcom's drama ranges, emails at example.org/.com.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from mycare.store import Appointment, Contact, Person

from . import appointments, diary, goals, health, people, questions, steps, team
from .errors import CareError
from .record import CareRecord

SURGERY = "Elm Tree Surgery, 14 Elm Tree Road, Northmoor NM4 2QT"
HF_CLINIC = "Heart Failure Clinic, St Anne's Hospital (ground floor, Outpatients B)"
CARDIO = "Cardiology Outpatients, St Anne's Hospital (ground floor)"
DIABETES = "Diabetes Clinic, Northmoor Health Centre"
PHARMACY = "Cross Street Pharmacy, 3 Cross Street, Northmoor"
HOME = "At home, 22 Larch Close, Northmoor NM4 7BD"

# key: name, role, organisation, sector words, phone, email (@example.org unless given)
TEAM = {
    "gp": ("Dr Priya Raman", "GP", "Elm Tree Surgery", "health", "01632 960100", "elmtree"),
    "pn": ("Helen Marsh", "Practice nurse", "Elm Tree Surgery", "nhs", "01632 960101", "elmtree"),
    "dsn": ("Sarah Whitfield", "Diabetes specialist nurse", "Northmoor Community Diabetes Team",
            "health", "01632 960245", "diabetes.team"),
    "hfn": ("Tom Brennan", "Heart failure specialist nurse", "St Anne's Hospital", "health",
            "01632 960520", "hf.nurses"),
    "cardio": ("Dr Alistair Kerr", "Consultant cardiologist", "St Anne's Hospital", "health",
               "01632 960530", "cardiology"),
    "dn": ("Janet Pryce", "District nurse", "Northmoor District Nursing Team", "health",
           "01632 960610", "district.nurses"),
    "pharm": ("Amir Hussain", "Community pharmacist", "Cross Street Pharmacy", "health",
              "01632 960733", "crossstreet.pharmacy"),
    "sw": ("Claire Donnelly", "Social worker", "Northmoor Borough Council Adult Social Care",
           "council", "01632 960850", "adult.care"),
    "friend": ("Beryl Adams", "Befriender", "Silver Threads Befriending (a charity)", "charity",
               "01632 960912", "silverthreads"),
    "carer": ("Ngozi Okafor", "Daughter and carer", "", "family", "07700 900123",
              "ngozi.okafor@example.com"),
}  # fmt: skip
NOTES = {"gp": "Ring at 8am for a same-day appointment.", "hfn": "Out of hours ring 111.",
         "carer": "Lives 20 minutes away; drives me to the hospital."}  # fmt: skip

# Past: days from today, time, minutes, purpose, where, with whom, status, outcome.
PAST = [
    (-268, "09:30", 20, "Blood tests: kidneys and potassium", SURGERY, "pn", "attended",
     "Bloods taken. Helen will ring if anything needs changing."),
    (-262, "11:00", 20, "GP review after the hospital stay", SURGERY, "gp", "attended",
     "Dr Raman went through the discharge letter. Referred to the heart failure nurses."),
    (-245, "10:30", 45, "First heart failure nurse clinic", HF_CLINIC, "hfn carer", "attended",
     "Tom explained heart failure and gave me a weight diary. Bisoprolol to go up slowly."),
    (-228, "14:00", 30, "Cardiology clinic", CARDIO, "cardio", "attended",
     "Heart scan shows it pumps weakly. Adding dapagliflozin. Stay on apixaban for the AF."),
    (-200, "09:00", 15, "GP: cough and fever", SURGERY, "gp", "attended",
     "Chest infection. Doxycycline for a week (not penicillin, because of my allergy)."),
    (-182, "10:00", 30, "Diabetes review", DIABETES, "dsn", "attended",
     "HbA1c 58. Feet checked, no sores. Metformin stays the same."),
    (-165, "15:30", 20, "Medicine review at the pharmacy", PHARMACY, "pharm", "attended",
     "Amir went through every tablet and set up a weekly pill organiser."),
    (-150, "09:00", 15, "Blood tests", SURGERY, "pn", "missed",
     "The taxi did not come. Rebooked for next week."),
    (-143, "09:30", 15, "Blood tests (rebooked)", SURGERY, "pn", "attended",
     "Bloods taken. Potassium a little high; Helen will ask Dr Raman."),
    (-122, "10:30", 30, "Heart failure nurse clinic", HF_CLINIC, "hfn carer", "attended",
     "Tom takes over from Dr Raman as the one in charge of my care. Ramipril stops today; "
     "Entresto starts 36 hours later."),
    (-100, "14:00", 60, "Care and support needs assessment", HOME, "sw carer", "attended",
     "Claire looked round the house: grab rails, a pendant alarm, and an occupational "
     "therapist to see about a bath seat."),
    (-88, "11:30", 30, "Cardiology follow-up", CARDIO, "cardio", "cancelled",
     "Cancelled by the hospital; new date sent by letter."),
    (-60, "11:00", 30, "Cardiology follow-up (rebooked)", CARDIO, "cardio carer", "attended",
     "Dr Kerr pleased: less breathless, ankles better. Repeat heart scan in the new year."),
    (-44, "10:00", 20, "Diabetes check", SURGERY, "pn", "attended",
     "HbA1c 54, better than last time. Weight down 1 kg."),
    (-30, "10:30", 15, "GP: sore right knee", SURGERY, "gp", "attended",
     "Arthritis flaring. Regular paracetamol and an exercise sheet."),
    (-21, "15:00", 20, "Pharmacy check on the new tablet", PHARMACY, "pharm", "attended",
     "No dizziness. Blood pressure 118/70. Pill organiser changed for Entresto."),
    (-7, "09:00", 15, "Blood tests before the GP review", SURGERY, "pn", "attended",
     "Bloods taken; results go to Dr Raman for the review."),
]  # fmt: skip

# Coming: days from today, time, minutes, purpose, where, with whom, preparation.
COMING = [
    (1, "10:30", 45, "Heart failure nurse clinic", HF_CLINIC, "hfn carer",
     "Bring the weight diary and all tablets in their boxes. Ngozi is driving."),
    (5, "11:30", 20, "Six-monthly GP review", SURGERY, "gp",
     "Blood results should be back. Take the list of questions."),
    (10, "13:30", 30, "Diabetic eye screening", "Eye Screening Unit, St Anne's Hospital", "",
     "The drops blur my eyes for a few hours: no driving, bring sunglasses."),
    (31, "10:00", 30, "Diabetes review", DIABETES, "dsn", "Bring the sugar readings."),
    (46, "14:30", 45, "Repeat heart scan, then Dr Kerr", CARDIO, "cardio carer",
     "Wear a top that is easy to take off."),
    (62, "14:00", 60, "Review of my care and support plan", HOME, "sw carer",
     "Think about whether I need help with showering."),
    (80, "15:00", 20, "Medicine review at the pharmacy", PHARMACY, "pharm",
     "Bring the pill organiser."),
]  # fmt: skip

# Questions asked at past visits: visit number, text, answer ("?" = asked, no answer yet).
ASKED = [
    (1, "Will I be able to stay living on my own?",
     "Yes, with the right help. Dr Raman will ask social care to visit if it gets harder."),
    (2, "Who do I ring if my weight goes up suddenly?",
     "The heart failure nurses, weekdays 8 till 4. Out of hours, ring 111."),
    (4, "Is this cough from the ramipril?",
     "Probably the infection. If it lasts after the antibiotics, come back."),
    (6, "Can I take ibuprofen for my knee?",
     "No: it can make the heart and kidneys worse. Paracetamol is safe."),
    (9, "Why am I changing from ramipril to Entresto?",
     "It works better for a weak heart and may stop the dry cough."),
    (12, "Will I need a pacemaker?", "Not now; Dr Kerr will look again after the next scan."),
    (14, "Could I have an injection in my knee?", "?"),
]  # fmt: skip
# Open questions for coming visits (by number).
TO_ASK = [
    (0, "Can I take the water tablet later on choir days?"),
    (0, "My ankles swell by the evening: is that the tablets or my heart?"),
    (0, "How long do I need to keep weighing myself every day?"),
    (1, "What did the blood tests show about my kidneys?"),
    (1, "Can I have the flu and COVID jabs on the same day?"),
]

# Next steps: past visit number (or None), what, who (me / carer / team key), due, done (days).
STEPS = [
    (1, "Refer me to the heart failure nurses", "gp", -255, -258),
    (2, "Buy bathroom scales with a big display", "carer", -238, -240),
    (3, "Collect the dapagliflozin prescription", "carer", -224, -225),
    (4, "Finish the week of antibiotics", "me", -193, -193),
    (6, "Deliver the pill organiser every Monday", "pharm", -160, -161),
    (8, "Look at the potassium result", "gp", -140, -139),
    (9, "Stop ramipril tonight; start Entresto on Friday morning", "me", -120, -120),
    (10, "Fit grab rails in the bathroom and by the front step", "sw", -70, -75),
    (10, "Order the pendant alarm", "carer", -90, -92),
    (12, "Book the repeat heart scan", "cardio", -40, -45),
    (10, "Occupational therapist to visit about a bath seat", "sw", -10, None),
    (14, "Ring the surgery to book a hearing test for my left ear", "me", -4, None),
    (None, "Write down this week's weights for the clinic", "me", 1, None),
    (None, "Collect the repeat prescription", "carer", 4, None),
    (None, "Measure my legs for compression stockings", "dn", 9, None),
    (None, "Ask the choir leader about a chair at the end of the row", "me", None, None),
]  # fmt: skip

# Goals: why it matters, goal, days from today it began, target (days), steps (+ = done),
# first and latest check-in score.
GOALS = [
    ("Staying in my own home and getting out into my garden.",
     "Walk to the end of the road and back every day", -180, 60,
     ["+Walk to the front gate and back with my stick", "+Walk to the post box and back",
      "Walk to the end of the road and back", "Do it without stopping for a rest"], (2, 7)),
    ("Keeping well enough to stay out of hospital.",
     "Keep my weight steady by weighing every morning", -240, 90,
     ["+Get scales with a big display", "+Write my weight on the kitchen calendar each day",
      "+Ring the nurse if I put on 2 kg in 3 days", "Keep it up for three months"], (3, 8)),
    ("Singing with the St Barnabas church choir again.",
     "Get back to singing with the choir by Easter", -120, 140,
     ["+Go to Sunday service with Ngozi", "+Sit in on one Thursday rehearsal",
      "Sing one hymn standing up"], (1, 5)),
]  # fmt: skip
CHECK_IN_NOTES = {None: "Just starting.", -1: "Harder this month.", 0: "About the same.",
                  1: "A bit better."}  # fmt: skip

# name, dose, when and how, what for, prescriber (team key), started (days), stopped (days)
MEDICINES = [
    ("Bisoprolol", "2.5 mg", "One each morning", "Heart failure and heart rate", "cardio", -290),
    ("Furosemide", "40 mg", "One each morning (water tablet)", "Fluid on the legs", "gp", -290),
    ("Metformin", "500 mg", "One with breakfast, one with the evening meal", "Type 2 diabetes",
     "gp", -3650),
    ("Atorvastatin", "20 mg", "One at night", "Protecting the heart (cholesterol)", "gp", -2900),
    ("Apixaban", "5 mg", "One morning and night", "Preventing a stroke (AF)", "cardio", -2500),
    ("Dapagliflozin", "10 mg", "One each morning", "Heart failure and diabetes", "cardio", -226),
    ("Sacubitril/valsartan (Entresto)", "24 mg/26 mg", "One morning and night",
     "Heart failure", "hfn", -120),
    ("Paracetamol", "500 mg", "Two tablets up to four times a day", "Knee pain", "gp", -30),
    ("Ramipril", "2.5 mg", "One each morning", "Heart failure", "gp", -290, -122),
]  # fmt: skip

DIARY_LOW = ["Breathless on the stairs again today.", "Ankles swollen and I felt heavy all day.",
             "Slept badly, up three times in the night.", "Knee very sore, stayed in the chair.",
             "Felt low and tired and did not want to see anyone.", "Dizzy when I stood up.",
             "Could not face my dinner."]  # fmt: skip
DIARY_MID = ["An ordinary day.", "A bit tired but managed the shopping list with Ngozi.",
             "Knee stiff this morning, better after lunch.", "Quiet day in, did the crossword.",
             "Rested after lunch and felt better for it.", "Did a little ironing, then sat down.",
             "Des and I watched an old film."]  # fmt: skip
DIARY_HIGH = ["Felt bright this morning.", "Walked to the post box and back without stopping.",
              "The grandchildren came for tea and we played cards.", "Good sleep, woke up hungry.",
              "Sang along to the hymns on the radio and my breath held up.",
              "Walked round the church hall at coffee morning."]  # fmt: skip
DIARY_GARDEN = ["Sat out in the garden in the sun.", "Deadheaded the roses, a little at a time."]
DIARY_EXTRA = ["Took all my tablets on time.", "Ngozi rang in the evening.", "Early night.",
               "Chidi showed me a video of his football match.", "Ada drew me a picture.",
               "Des made soup.", "", ""]  # fmt: skip


@dataclass
class _Filler:
    """What every step of filling needs: the record, the day, the dice and the team."""

    record: CareRecord
    today: date
    rng: random.Random
    team: dict[str, Contact] = field(default_factory=dict)

    def day(self, offset: int, workday: bool = False) -> date:
        """The day offset days from today; a workday is moved off a weekend, away from today."""
        day = self.today + timedelta(days=offset)
        while workday and day.weekday() >= 5:
            day += timedelta(days=1 if offset > 0 else -1)
        return day

    def visit(
        self, person: Person, offset: int, hhmm: str, who: str, workday: bool = True, **fields: Any
    ) -> Appointment:
        """An appointment at hh:mm with the team members named in who."""
        hour, minute = (int(part) for part in hhmm.split(":"))
        starts = datetime.combine(self.day(offset, workday), time(hour, minute))
        contacts = [self.team[key] for key in who.split()]
        return appointments.add_appointment(self.record, person, starts, with_contacts=contacts,
                                            **fields)  # fmt: skip

    def contact(self, person: Person, key: str) -> Contact:
        """Add the TEAM member called key to the person's care team."""
        name, role, org, sector, phone, email = TEAM[key]
        email = email if "@" in email else f"{email}@example.org"
        self.team[key] = team.add_contact(self.record, person, name, role=role, organisation=org,
                                          sector=sector, phone=phone, email=email,
                                          notes=NOTES.get(key, ""))  # fmt: skip
        return self.team[key]


def fill_demo(record: CareRecord, today: date, seed: int = 7) -> Person:
    """Fill an empty store with Peggy Okafor's year of care (and her husband's); return her."""
    if people.people(record):
        raise CareError("The demo only goes into an empty store; this one already has people.")
    record.after_commit = lambda: None
    try:
        peggy = _fill_peggy(_Filler(record, today, random.Random(seed)))
        _fill_desmond(_Filler(record, today, random.Random(seed)))
    finally:
        record.after_commit = record.save
    record.save()
    return peggy


def _fill_peggy(f: _Filler) -> Person:
    """Peggy: her team, a year of appointments, questions, steps, goals, health and diary."""
    peggy = people.add_person(
        f.record, "Margaret (Peggy) Okafor", date_of_birth=date(1948, 3, 14),
        what_matters="Staying in my own home for as long as I can.\nMy garden, especially the "
        "roses.\nSeeing my grandchildren, Chidi and Ada, every week.\nSinging with the St "
        "Barnabas church choir again.",
        communication_needs="I am hard of hearing in my left ear: please face me when you "
        "speak.\nPlease send letters in large print.\nI need rooms on the ground floor or "
        "with a lift; I walk with a stick.",
        care_plan="Heart failure: weigh every morning; ring the heart failure nurses if my "
        "weight goes up 2 kg in 3 days or I am more breathless.\nDiabetes: checks every six "
        "months, eyes and feet once a year.\nAt home: district nurse weekly; grab rails and "
        "pendant alarm; Ngozi helps with shopping, prescriptions and lifts.",
        plan_reviewed_on=f.day(-300), plan_review_due=f.day(60),
    )  # fmt: skip
    for key in TEAM:
        f.contact(peggy, key)
    team.set_lead(f.record, peggy, f.team["gp"])
    team.set_lead(f.record, peggy, f.team["hfn"])
    team.set_first_contact(f.record, peggy, f.team["pn"])

    past: list[Appointment] = []
    coming: list[Appointment] = []
    for days, hhmm, minutes, purpose, where, who, status, outcome in PAST:
        visit = f.visit(peggy, days, hhmm, who, duration_minutes=minutes, purpose=purpose,
                        location=where)  # fmt: skip
        past.append(appointments.record_outcome(f.record, visit.id, outcome, status=status))
    for days, hhmm, minutes, purpose, where, who, prep in COMING:
        coming.append(f.visit(peggy, days, hhmm, who, duration_minutes=minutes,
                              purpose=purpose, location=where, preparation=prep))  # fmt: skip
    weekly = appointments.repeat_rule("weekly", times=20)
    f.visit(peggy, -54, "14:00", "dn", purpose="District nurse: legs, skin and weight check",
            location=HOME, preparation="Have the weight diary out.", rrule=weekly,
            workday=False)  # fmt: skip
    first_befriending = -250 - max(0, f.day(-250).day - 28)  # a day every month has
    monthly = appointments.repeat_rule("monthly", times=12)
    f.visit(peggy, first_befriending, "14:00", "friend", duration_minutes=60,
            purpose="Befriending visit from Beryl", location=HOME, rrule=monthly,
            workday=False)  # fmt: skip

    for visit_no, text, reply in ASKED:
        visit = past[visit_no]
        asked = questions.add_question(f.record, peggy, text, appointment_id=visit.id)
        if reply == "?":
            questions.mark_asked(f.record, asked.id, on=visit.starts_at.date())
        else:
            questions.answer(f.record, asked.id, reply, on=visit.starts_at.date())
    for visit_no, text in TO_ASK:
        questions.add_question(f.record, peggy, text, appointment_id=coming[visit_no].id)
    questions.add_question(
        f.record, peggy, "Can the council help with the cost of the grab rails?",
        contact_id=f.team["sw"].id,
    )  # fmt: skip

    for visit_no, what, who, due, done in STEPS:
        visit = past[visit_no] if visit_no is not None else None
        contact = None if who in ("me", "carer") else f.team[who]
        step = steps.add_step(
            f.record, peggy, what, who="me" if contact else who,
            contact_id=contact.id if contact else None,
            due_on=None if due is None else f.day(due),
            appointment_id=visit.id if visit else None,
        )  # fmt: skip
        if done is not None:
            done_at = datetime.combine(f.day(done), time(17, 0), tzinfo=UTC)
            steps.mark_done(f.record, step.id, done_at)

    _add_goals(f, peggy)
    _add_health(f, peggy)
    _add_diary(f, peggy)
    return peggy


def _add_goals(f: _Filler, person: Person) -> None:
    """Goals with some steps ticked and monthly check-ins that trend upward."""
    for matters, text, began, target, goal_steps, (low, high) in GOALS:
        texts = [s.lstrip("+") for s in goal_steps]
        goal = goals.add_goal(f.record, person, text, what_matters=matters,
                              target_on=f.day(target), steps=texts)  # fmt: skip
        stored = goals.goal_steps(f.record, goal.id)
        for step, wanted in zip(stored, goal_steps, strict=True):
            if wanted.startswith("+"):
                goals.tick_step(f.record, step.id)
        days = range(began + 14, 0, 30)
        last: int | None = None
        for i, offset in enumerate(days):
            trend = low + (high - low) * i / max(1, len(days) - 1)
            score = max(0, min(10, round(trend) + f.rng.choice((-1, 0, 0, 1))))
            change = None if last is None else (score > last) - (score < last)
            note = CHECK_IN_NOTES[change]
            goals.add_check_in(f.record, goal.id, score, note=note, on=f.day(offset))
            last = score


def _add_health(f: _Filler, person: Person) -> None:
    """Medicines (one stopped), conditions (one resolved) and a penicillin allergy."""
    for name, dose, how, reason, who, started, *stopped in MEDICINES:
        medicine = health.add_medication(
            f.record, person, name, dose=dose, how_taken=how, reason=reason,
            prescriber=f.team[who].name, started_on=f.day(started),
        )  # fmt: skip
        if stopped:
            health.stop_medication(f.record, medicine.id, on=f.day(stopped[0]))
    for name, since, status, notes in [
        ("Heart failure", f.day(-320), "active", "Heart pumps weakly; found in a hospital stay."),
        ("Type 2 diabetes", date(2014, 5, 1), "active", "Tablets only, no insulin."),
        ("Atrial fibrillation", date(2019, 9, 1), "active", "Irregular heartbeat; on apixaban."),
        ("Osteoarthritis of the right knee", date(2016, 1, 1), "active", ""),
        ("Chest infection", f.day(-200), "resolved", "Treated with doxycycline; cleared up."),
    ]:
        health.add_condition(f.record, person, name, since=since, status=status, notes=notes)
    health.add_allergy(f.record, person, "Penicillin", reaction="Itchy rash all over",
                       severity="moderate")  # fmt: skip


def _add_diary(f: _Filler, person: Person) -> None:
    """About 120 evening lines over the year; the words follow how the day felt."""
    for offset in sorted({1, 3} | set(f.rng.sample(range(4, 366), 118)), reverse=True):
        day = f.day(-offset)
        feeling = round(4 + 3 * (365 - offset) / 365) + f.rng.choice((-2, -1, 0, 0, 1, 2))
        if 185 <= offset <= 205:  # the chest infection
            feeling -= 3
        feeling = max(0, min(10, feeling))
        if feeling <= 3:
            pool = DIARY_LOW
        elif feeling <= 6:
            pool = DIARY_MID
        else:
            pool = DIARY_HIGH + (DIARY_GARDEN if 4 <= day.month <= 9 else [])
        words = [f.rng.choice(pool), f.rng.choice(DIARY_EXTRA)]
        if f.rng.random() < 0.3:
            words.append(f"Weight {f.rng.randint(700, 716) / 10:.1f} kg.")
        hhmm = f.rng.choice((19, 20, 21)), f.rng.choice((0, 30))
        diary.add_entry(f.record, person, " ".join(w for w in words if w), feeling=feeling,
                        written_at=datetime.combine(day, time(*hhmm)))  # fmt: skip


def _fill_desmond(f: _Filler) -> Person:
    """Peggy's husband: a small record so the store shows a carer looking after both."""
    des = people.add_person(
        f.record, "Desmond Okafor", date_of_birth=date(1945, 9, 30),
        what_matters="Looking after Peggy.\nMy allotment.\nThe Saturday football on the radio.",
        communication_needs="Wears hearing aids in both ears: check they are switched on.",
        care_plan="COPD: inhalers every day; rescue pack at home; review every year.",
        plan_reviewed_on=f.day(-75), plan_review_due=f.day(290),
    )  # fmt: skip
    team.set_lead(f.record, des, f.contact(des, "gp"))
    team.set_first_contact(f.record, des, f.contact(des, "carer"))
    review = f.visit(des, -75, "11:30", "gp", purpose="COPD annual review", location=SURGERY)
    appointments.record_outcome(f.record, review.id, "Breathing test steady; inhalers checked.")
    f.visit(des, 6, "09:30", "", duration_minutes=10, purpose="Flu jab", location=SURGERY)
    f.visit(des, 20, "14:00", "carer", purpose="Hearing aid check",
            location="Audiology, St Anne's Hospital",
            preparation="Bring both hearing aids and spare batteries.")  # fmt: skip
    for name, dose, how in [
        ("Tiotropium inhaler", "2.5 micrograms", "Two puffs once a day"),
        ("Salbutamol inhaler", "100 micrograms", "One or two puffs when breathless"),
    ]:
        health.add_medication(f.record, des, name, dose=dose, how_taken=how, reason="COPD",
                              prescriber="Dr Priya Raman", started_on=date(2017, 4, 1))  # fmt: skip
    health.add_condition(f.record, des, "COPD", since=date(2017, 3, 1), notes="Ex-smoker.")
    health.set_no_known_allergies(f.record, des)
    return des
