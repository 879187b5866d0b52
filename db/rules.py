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

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def iso_or_none(text: str | None, field: str) -> str | None:
    """User date text (day-first) -> ISO string; empty stays None."""
    if text is None or not str(text).strip():
        return None
    try:
        return parse_date(str(text)).isoformat()
    except DateError as err:
        raise ValidationError(field, err.reason) from None


def number_parts(number: str) -> dict:
    try:
        parsed = parse_number(number)
    except NumberError as err:
        raise ValidationError("number", err.reason) from None
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


def _require(cond: bool, field: str, message: str) -> None:
    if not cond:
        raise ValidationError(field, message)


def validate_document(doc: Document) -> None:
    _require(bool(doc.number.strip()), "number", "Chưa nhập số, ký hiệu văn bản.")
    doc.parts = number_parts(doc.number)
    if not doc.type_name:
        doc.type_name = doc.parts.get("type_name", "")
    _require(doc.direction in DIRECTIONS, "direction", f"Chiều văn bản không hợp lệ: {doc.direction}")
    _require(doc.handling in HANDLING, "handling", f"Trạng thái xử lý không hợp lệ: {doc.handling}")
    for name in ("date", "due"):
        value = getattr(doc, name)
        if value:
            date.fromisoformat(value)  # stored values are ISO already; a bad one is a programming error


def validate_task(task: Task) -> None:
    _require(bool(task.title.strip()), "title", "Chưa nhập tên nhiệm vụ.")
    _require(task.status in TASK_STATUSES, "status", f"Trạng thái không hợp lệ: {task.status}")
    _require(task.recur in RECURRENCES, "recur", f"Chu kỳ lặp không hợp lệ: {task.recur}")
    _require(not task.recur or bool(task.due), "due", "Nhiệm vụ lặp lại cần có hạn xử lý.")


def validate_model(model: DvkModel) -> None:
    _require(bool(model.name.strip()), "name", "Chưa nhập tên mô hình.")
    _require(model.field in MODEL_FIELDS, "field", "Lĩnh vực phải là: " + "; ".join(MODEL_FIELDS) + ".")
    _require(model.kind in MODEL_KINDS, "kind", "Loại mô hình phải là tập thể hoặc cá nhân.")
    _require(model.status in MODEL_STATUSES, "status", f"Trạng thái mô hình không hợp lệ: {model.status}")


def check_model_transition(old: str, new: str) -> None:
    if old != new and new not in MODEL_TRANSITIONS.get(old, set()):
        raise ValidationError("status", f"Không thể chuyển mô hình từ “{old}” sang “{new}”.")


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
