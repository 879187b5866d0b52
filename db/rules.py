"""Domain rules in one place: validation, derived task state, status changes.

The TUI, the CLI and the report call these, so "overdue" or "a valid document"
means the same everywhere. Messages are one Vietnamese line each.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from db.dates import DateError, parse_date
from db.errors import DvkError
from db.models import (
    DIRECTIONS,
    HANDLING,
    MODEL_FIELDS,
    MODEL_KINDS,
    MODEL_STATUSES,
    RECURRENCES,
    TASK_STATUSES,
    Document,
    DvkModel,
    Task,
)
from db.numbers import NumberError, parse_number

DUE_SOON_DAYS = 7
LIVE_STATUSES = ("todo", "doing")

# A model moves forward through the campaign cycle; "achieved" may be reverted
# by the jury, and only an achieved model is replicated.
MODEL_TRANSITIONS = {
    "registered": {"in_progress", "achieved", "not_achieved"},
    "in_progress": {"registered", "achieved", "not_achieved"},
    "achieved": {"in_progress", "not_achieved", "replicated"},
    "not_achieved": {"in_progress", "achieved"},
    "replicated": {"achieved"},
}


class ValidationError(DvkError):
    """A field the user typed is not acceptable; `field` names it for the form."""

    def __init__(self, field: str, key: str, /, **params: object) -> None:
        super().__init__(key, **params)
        self.field = field

    @classmethod
    def wrap(cls, field: str, err: DvkError) -> "ValidationError":
        """The same reason (key and parameters), attached to a form field."""
        return cls(field, err.key, **err.params)


def iso_or_none(text: str | None, field: str) -> str | None:
    """User date text (day-first) -> ISO string; empty stays None."""
    if text is None or not str(text).strip():
        return None
    try:
        return parse_date(str(text)).isoformat()
    except DateError as err:
        raise ValidationError.wrap(field, err) from None


def number_parts(number: str) -> dict:
    try:
        parsed = parse_number(number)
    except NumberError as err:
        raise ValidationError.wrap("number", err) from None
    return {
        "seq": parsed.seq,
        "year": parsed.year,
        "type_code": parsed.type_code,
        "issuer": parsed.issuer,
        "extra": list(parsed.extra),
        "style": parsed.style,
        "canonical": parsed.canonical,
        "key": parsed.key,
        "type_name": parsed.type_name,
    }


def _require(cond: bool, field: str, key: str, **params: object) -> None:
    if not cond:
        raise ValidationError(field, key, **params)


def validate_document(doc: Document) -> None:
    _require(bool(doc.number.strip()), "number", "rules.number_required")
    doc.parts = number_parts(doc.number)
    if not doc.type_name:
        doc.type_name = doc.parts.get("type_name", "")
    _require(doc.direction in DIRECTIONS, "direction", "rules.direction", value=doc.direction)
    _require(doc.handling in HANDLING, "handling", "rules.handling", value=doc.handling)
    for name in ("date", "due"):
        value = getattr(doc, name)
        if value:
            date.fromisoformat(value)  # stored values are ISO already; a bad one is a programming error


def validate_task(task: Task) -> None:
    _require(bool(task.title.strip()), "title", "rules.title_required")
    _require(task.status in TASK_STATUSES, "status", "rules.task_status", value=task.status)
    _require(task.recur in RECURRENCES, "recur", "rules.recur", value=task.recur)
    _require(not task.recur or bool(task.due), "due", "rules.recur_needs_due")


def validate_model(model: DvkModel) -> None:
    _require(bool(model.name.strip()), "name", "rules.model_name_required")
    _require(model.field in MODEL_FIELDS, "field", "rules.model_field", choices="; ".join(MODEL_FIELDS))
    _require(model.kind in MODEL_KINDS, "kind", "rules.model_kind")
    _require(model.status in MODEL_STATUSES, "status", "rules.model_status", value=model.status)


def check_model_transition(old: str, new: str) -> None:
    if old != new and new not in MODEL_TRANSITIONS.get(old, set()):
        raise ValidationError("status", "rules.model_transition", old=old, new=new)


def is_live(task: Task) -> bool:
    return task.status in LIVE_STATUSES


def is_overdue(task: Task, today: date) -> bool:
    return is_live(task) and bool(task.due) and date.fromisoformat(task.due) < today


def is_due_soon(task: Task, today: date, days: int = DUE_SOON_DAYS) -> bool:
    if not is_live(task) or not task.due:
        return False
    due = date.fromisoformat(task.due)
    return today <= due <= today + timedelta(days=days)


def next_due(due: date, recur: str) -> date:
    if recur == "weekly":
        return due + timedelta(days=7)
    if recur == "monthly":
        year, month = (due.year + 1, 1) if due.month == 12 else (due.year, due.month + 1)
        return date(year, month, min(due.day, calendar.monthrange(year, month)[1]))
    if recur == "yearly":
        day = min(due.day, calendar.monthrange(due.year + 1, due.month)[1])
        return date(due.year + 1, due.month, day)
    raise ValueError(recur)
