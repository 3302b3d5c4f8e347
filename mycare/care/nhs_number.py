"""The NHS number: ten digits whose last is a check digit (modulus 11)."""

from __future__ import annotations

from .errors import InvalidField

LENGTH = 10


def check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when no tenth digit can make them valid."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    digit = 11 - total % 11
    if digit == 11:
        return 0
    return None if digit == 10 else digit


def spaced(digits: str) -> str:
    """Ten digits written the NHS way, 3-3-4: 943 476 5919."""
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def check_nhs_number(value: str) -> str:
    """An NHS number as typed (spaces or dashes allowed) made 3-3-4, or InvalidField why not.

    Empty means not recorded.
    """
    typed = value.strip()
    if not typed:
        return ""
    digits = "".join(ch for ch in typed if ch not in " -")
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidField("nhs_number", "An NHS number is 10 digits, like 943 476 5919.")
    if len(digits) != LENGTH:
        raise InvalidField(
            "nhs_number",
            f"An NHS number is 10 digits; {len(digits)} were given. Please check it.",
        )
    expected = check_digit(digits[:9])
    if expected is None or expected != int(digits[9]):
        raise InvalidField(
            "nhs_number",
            f"{spaced(digits)} is not a valid NHS number (its check digit does not match); "
            "please check it against a letter from the NHS.",
        )
    return spaced(digits)
