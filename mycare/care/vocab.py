"""The fixed words records may hold: statuses, sectors, who does a step."""

from __future__ import annotations

from typing import Literal, TypeVar, get_args

W = TypeVar("W", bound=str)

# Each status is a type the care functions take, and its words are derived from it once.
AppointmentStatus = Literal["planned", "attended", "cancelled", "missed"]
QuestionStatus = Literal["open", "asked", "answered"]
StepStatus = Literal["open", "done"]
Who = Literal["me", "carer", "contact"]
GoalStatus = Literal["active", "achieved", "stopped"]
ConditionStatus = Literal["active", "resolved"]

APPOINTMENT_STATUSES: tuple[AppointmentStatus, ...] = get_args(AppointmentStatus)
QUESTION_STATUSES: tuple[QuestionStatus, ...] = get_args(QuestionStatus)
STEP_STATUSES: tuple[StepStatus, ...] = get_args(StepStatus)
WHO: tuple[Who, ...] = get_args(Who)
GOAL_STATUSES: tuple[GoalStatus, ...] = get_args(GoalStatus)
CONDITION_STATUSES: tuple[ConditionStatus, ...] = get_args(ConditionStatus)
SEVERITIES = ("", "mild", "moderate", "severe")
SECTORS = ("health", "social care", "voluntary & community", "family & friends", "other")
CARE_ROLES = ("lead", "first_contact")

# (table, field) -> the values allowed there
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("Appointment", "status"): APPOINTMENT_STATUSES,
    ("Question", "status"): QUESTION_STATUSES,
    ("NextStep", "status"): STEP_STATUSES,
    ("NextStep", "who"): WHO,
    ("Goal", "status"): GOAL_STATUSES,
    ("Condition", "status"): CONDITION_STATUSES,
    ("Allergy", "severity"): SEVERITIES,
    ("Contact", "sector"): SECTORS,
    ("CareRole", "role"): CARE_ROLES,
}

# (table, field) -> inclusive whole-number range
RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("Appointment", "duration_minutes"): (1, 24 * 60),
    ("GoalStep", "position"): (0, 100_000),
}


def one_of(words: tuple[W, ...], value: object, field: str = "status") -> W:
    """The word of `words` that value is (typed as such), else InvalidField naming them."""
    for word in words:
        if value == word:
            return word
    from .errors import InvalidField

    raise InvalidField(field, f"{field.capitalize()} must be one of: {', '.join(words)}.")
