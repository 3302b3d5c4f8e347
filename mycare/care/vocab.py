"""The fixed words records may hold: statuses, sectors, who does a step."""

from __future__ import annotations

APPOINTMENT_STATUSES = ("planned", "attended", "cancelled", "missed")
QUESTION_STATUSES = ("open", "asked", "answered")
STEP_STATUSES = ("open", "done")
WHO = ("me", "carer", "contact")
GOAL_STATUSES = ("active", "achieved", "stopped")
CONDITION_STATUSES = ("active", "resolved")
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
