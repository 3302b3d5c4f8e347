"""The fictional people, places and words of the demo record (all made up)."""

from __future__ import annotations

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
MEDICINES: list[tuple[str, str, str, str, str, int, *tuple[int, ...]]] = [
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

# A year of monthly coordination check-ins: theme -> (first answer, latest answer), 1 to 5;
# None: does not apply. Peggy knew less who was in charge until the heart failure nurse led.
COORDINATION = {
    "in_charge": (1, 4), "first_contact": (3, 4), "next_steps": (2, 4), "own_goals": (2, 4),
    "decisions": (3, 3), "story_once": (2, 2), "carer_involved": (4, 5), "one_team": (2, 3),
}  # fmt: skip
COORDINATION_WOBBLE = (0, 0, -1, 0, 1, 0, 0, -1, 0, 0, 1, 0)  # a year is never a straight line
# (check-in number, theme) -> the note written that month
COORDINATION_NOTES = {
    (0, "in_charge"): "The GP, the hospital and the nurses each think someone else leads.",
    (4, "in_charge"): "The heart failure nurse said she will coordinate now.",
    (6, "story_once"): "Told the whole story again at the eye clinic.",
    (11, "story_once"): "New physio asked for my medicines from the start.",
    (11, "next_steps"): "Letters come after the appointment, but I know what happens next.",
}
# A carer's own experience, every three months (Ngozi, for herself)
CARER_COORDINATION = {"in_charge": (2, 4), "decisions": (2, 3), "carer_involved": (2, 3)}
