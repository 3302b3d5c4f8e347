"""Tables and the in-memory database. Knows SQL, nothing about screens."""

from .base import Record, utcnow
from .database import Database, as_text, fold, image_problems
from .migrations import SCHEMA_VERSION, SchemaBroken, SchemaTooNew
from .tables import (
    ALL_TABLES,
    Allergy,
    Appointment,
    AppointmentContact,
    CareRole,
    Change,
    CheckIn,
    Condition,
    Contact,
    DiaryEntry,
    Goal,
    GoalStep,
    Medication,
    NextStep,
    Person,
    Question,
)

__all__ = [
    "ALL_TABLES",
    "SCHEMA_VERSION",
    "Allergy",
    "Appointment",
    "AppointmentContact",
    "CareRole",
    "Change",
    "CheckIn",
    "Condition",
    "Contact",
    "Database",
    "DiaryEntry",
    "Goal",
    "GoalStep",
    "Medication",
    "NextStep",
    "Person",
    "Question",
    "Record",
    "SchemaBroken",
    "SchemaTooNew",
    "as_text",
    "fold",
    "image_problems",
    "utcnow",
]
