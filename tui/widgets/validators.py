"""Input validators for the forms: every failure carries the reason the user reads.

The rules themselves are db's: these only adapt `parse_number` / `parse_date`
to Textual's Validator protocol.
"""
from __future__ import annotations

from typing import Callable

from textual.validation import ValidationResult, Validator

from db.dates import DateError, parse_date
from db.numbers import NumberError, parse_number


class Required(Validator):
    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def validate(self, value: str) -> ValidationResult:
        return self.success() if value.strip() else self.failure(self.message)


class DocNumberValidator(Validator):
    def validate(self, value: str) -> ValidationResult:
        try:
            parse_number(value)
        except NumberError as err:
            return self.failure(err.reason)
        return self.success()


class DateValidator(Validator):
    """Day-first date; empty is fine unless `required`."""

    def __init__(self, required: bool = False, required_message: str = "") -> None:
        super().__init__()
        self.required = required
        self.required_message = required_message

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.failure(self.required_message) if self.required else self.success()
        try:
            parse_date(value)
        except DateError as err:
            return self.failure(err.reason)
        return self.success()


class Check(Validator):
    """Any predicate with its message: `Check(lambda v: ..., "…")`."""

    def __init__(self, ok: Callable[[str], bool], message: str) -> None:
        super().__init__()
        self.ok = ok
        self.message = message

    def validate(self, value: str) -> ValidationResult:
        return self.success() if self.ok(value) else self.failure(self.message)
