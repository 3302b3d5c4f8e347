"""Fictional words for the heavy store: people, places, roles and everyday care phrases.

Everyone is made up; phone numbers are in Ofcom's drama ranges, emails at example.org.
The diary and goal phrases are borrowed from the app's own demo story.
"""

from __future__ import annotations

from mycare.care.demo_story import (
    CHECK_IN_NOTES,
    DIARY_EXTRA,
    DIARY_GARDEN,
    DIARY_HIGH,
    DIARY_LOW,
    DIARY_MID,
    MEDICINES,
)

__all__ = [
    "CHECK_IN_NOTES",
    "DIARY_EXTRA",
    "DIARY_GARDEN",
    "DIARY_HIGH",
    "DIARY_LOW",
    "DIARY_MID",
]

# fmt: off
PEOPLE = [
    ("Margaret (Peggy) Lewis", (1944, 3, 14), "My garden and my grandchildren.",
     "Hard of hearing on the left: please face me.", "Heart failure and diabetes."),
    ("Arthur Lewis", (1940, 9, 30), "Looking after Peggy. The allotment.",
     "Wears hearing aids in both ears.", "COPD: inhalers daily, rescue pack at home."),
    ("Susan Lewis", (1972, 6, 2), "Keeping my job and my evenings free.",
     "Large print letters, please.", "Multiple sclerosis: relapses treated at home."),
]  # fmt: skip

FIRST = ["Priya", "Helen", "Sarah", "Tom", "Alistair", "Janet", "Amir", "Claire", "Beryl",
         "Ngozi", "David", "Fatima", "Owen", "Grace", "Imran", "Lucy", "Marek", "Rosa",
         "Kwame", "Siobhan", "Hamish", "Aisha", "Gareth", "Mei", "Joseph", "Yusuf"]  # fmt: skip
LAST = ["Raman", "Marsh", "Whitfield", "Brennan", "Kerr", "Pryce", "Hussain", "Donnelly",
        "Adams", "Okafor", "Evans", "Nowak", "Chen", "Patel", "O'Neill", "Hughes", "Baker",
        "Mensah", "Kowalski", "Murphy", "Ali", "Singh", "Jones", "Taylor"]  # fmt: skip

# role, organisation, sector, where appointments with them happen
ROLES = [
    ("GP", "Elm Tree Surgery", "health", "Elm Tree Surgery, 14 Elm Tree Road"),
    ("Practice nurse", "Elm Tree Surgery", "health", "Elm Tree Surgery, 14 Elm Tree Road"),
    ("Consultant cardiologist", "St Anne's Hospital", "health", "Cardiology Outpatients"),
    ("Heart failure nurse", "St Anne's Hospital", "health", "Heart Failure Clinic"),
    ("Diabetes specialist nurse", "Community Diabetes Team", "health", "Diabetes Clinic"),
    ("Respiratory nurse", "Northmoor Health Centre", "health", "Chest Clinic"),
    ("Neurologist", "Royal Infirmary", "health", "Neurology Outpatients"),
    ("MS nurse", "Royal Infirmary", "health", "MS Day Unit"),
    ("District nurse", "District Nursing Team", "health", "At home"),
    ("Physiotherapist", "Community Therapy", "health", "Physio gym, Health Centre"),
    ("Community pharmacist", "Cross Street Pharmacy", "health", "Cross Street Pharmacy"),
    ("Social worker", "Adult Social Care", "social care", "At home"),
    ("Occupational therapist", "Adult Social Care", "social care", "At home"),
    ("Care worker", "Kindly Homecare", "social care", "At home"),
    ("Befriender", "Silver Threads (a charity)", "voluntary & community", "At home"),
    ("Support group lead", "Breathe Easy group", "voluntary & community", "Church hall"),
    ("Daughter and carer", "", "family & friends", "At home"),
    ("Neighbour", "", "family & friends", "At home"),
]  # fmt: skip

VISITS = [
    "Review",
    "Check-up",
    "Blood tests",
    "Clinic",
    "Follow-up",
    "Medicine review",
    "Annual review",
    "Home visit",
    "Assessment",
    "Dressing change",
    "Scan results",
]
OUTCOMES = [
    "All steady; carry on as before.",
    "Bloods taken; results in a week.",
    "Dose changed; see the medicines list.",
    "Referred on; a letter will follow.",
    "Feet and eyes checked, no problems.",
    "Weight up a little; watch the salt.",
    "Told to ring if the swelling comes back.",
    "Exercises to do twice a day.",
    "New equipment to be delivered.",
    "Plan reviewed and agreed.",
    "Cancelled by the clinic; new date by letter.",
    "Breathing test better than last year.",
]
PREPARE = [
    "Bring the weight diary.",
    "Bring all tablets in their boxes.",
    "Fast from midnight.",
    "Take the list of questions.",
    "Wear a top that is easy to take off.",
    "",
]
QUESTIONS = [
    "Can I take ibuprofen for my knee?",
    "Will I need a pacemaker?",
    "Why has my dose changed?",
    "Who do I ring out of hours?",
    "Can I have the flu and COVID jabs on the same day?",
    "Is this swelling normal?",
    "How long will I need this tablet?",
    "Could I have the results by phone?",
    "Is it safe to drive after the drops?",
    "Can the council help with the rails?",
    "Should I still weigh myself every morning?",
    "What did the scan show?",
]
ANSWERS = [
    "Yes, that is fine.",
    "Not for now; we will look again next time.",
    "Ring 111 out of hours.",
    "Only paracetamol, not ibuprofen.",
    "A letter will follow with the details.",
    "Keep going as you are.",
]
STEPS = [
    "Collect the repeat prescription",
    "Book the blood test",
    "Ring for the results",
    "Send the referral letter",
    "Order the pendant alarm",
    "Fit the grab rails",
    "Write down the weights for the clinic",
    "Ask about a bath seat",
    "Chase the hospital letter",
    "Buy a pill organiser",
    "Arrange transport",
    "Update the care plan",
    "Check the blood pressure at home",
]
GOALS = [
    ("Staying in my own home.", "Walk to the end of the road and back"),
    ("Staying out of hospital.", "Keep my weight steady"),
    ("Singing with the choir again.", "Sing one hymn standing up"),
    ("Getting out and about.", "Take the bus into town on my own"),
    ("Sleeping better.", "Sleep through the night most nights"),
    ("Keeping my job.", "Work three full days a week"),
    ("Growing my own vegetables.", "Dig one bed at the allotment"),
]
GOAL_STEPS = [
    "Start small",
    "Do it twice a week",
    "Do it most days",
    "Keep it up for a month",
    "Do it without a rest",
]
CONDITIONS = [
    "Heart failure",
    "Type 2 diabetes",
    "Atrial fibrillation",
    "COPD",
    "Osteoarthritis of the knee",
    "Multiple sclerosis",
    "High blood pressure",
    "Chest infection",
    "Depression",
    "Cataract",
]
ALLERGIES = [
    ("Penicillin", "Itchy rash all over", "moderate"),
    ("Elastoplast", "Red skin", "mild"),
    ("Codeine", "Vomiting", "moderate"),
]
MEDICINE_NAMES = [m[:4] for m in MEDICINES] + [
    ("Amlodipine", "5 mg", "One each morning", "High blood pressure"),
    ("Omeprazole", "20 mg", "One before breakfast", "Protecting the stomach"),
    ("Sertraline", "50 mg", "One each morning", "Low mood"),
    ("Tiotropium inhaler", "2.5 micrograms", "Two puffs once a day", "COPD"),
    ("Salbutamol inhaler", "100 micrograms", "One or two puffs when breathless", "COPD"),
    ("Baclofen", "10 mg", "Three times a day", "Muscle stiffness (MS)"),
    ("Doxycycline", "100 mg", "One a day for a week", "Chest infection"),
    ("Prednisolone", "5 mg", "Six each morning for five days", "Flare-up"),
]
# fmt: on
