"""Record -> JSON dict / table row, with dates day-first for people and ISO for machines.

Table headings and coded values (status, direction, kind) are shown in the current
language through the catalogue; JSON keeps the codes themselves.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from db import rules
from db.dates import format_ui
from db.messages import MESSAGES, render
from db.models import MODEL_FIELD_KEYS, Document, DvkModel, Record, Task


def ui_date(iso: str | None) -> str:
    return format_ui(date.fromisoformat(iso)) if iso else ""


def coded(prefix: str, code: str | None) -> str:
    """A stored code (`todo`, `in`, `achieved`) as the person reads it; an unknown code as it is."""
    key = f"{prefix}.{code}"
    return render(key) if key in MESSAGES else (code or "")


def status_text(status: str) -> str:
    return coded("task_status", status)


def model_status_text(status: str) -> str:
    return coded("value.model_status", status)


def model_field_text(value: str) -> str:
    """A model's field is stored as its Vietnamese name; shown in the current language."""
    key = MODEL_FIELD_KEYS.get(value)
    return render(key) if key else value


def headings(*keys: str) -> list[str]:
    return [render(key) for key in keys]


def record_json(rec: Record, today: date | None = None) -> dict[str, Any]:
    # The fields as they are (no dataclasses.asdict deep copy): serialised at once.
    data = {"id": rec.id, "kind": rec.table, **{k: v for k, v in rec.__dict__.items() if k != "id"}}
    if isinstance(rec, Document):
        data["canonical"] = rec.canonical
    if isinstance(rec, Task) and today:
        data["overdue"] = rules.is_overdue(rec, today)
        data["due_soon"] = rules.is_due_soon(rec, today)
    return data


def document_row(doc: Document) -> list[str]:
    return [str(doc.id), doc.canonical, ui_date(doc.date), doc.type_name, doc.issuer_name,
            coded("value.direction", doc.direction), doc.summary]


def document_columns() -> list[str]:
    return headings("col.ordinal", "col.number", "cli.col.date", "cli.col.kind", "col.issuer_name", "col.direction",
                    "col.summary")


def task_row(task: Task, today: date) -> list[str]:
    flag = ("cli.flag.overdue" if rules.is_overdue(task, today)
            else "cli.flag.due_soon" if rules.is_due_soon(task, today) else None)
    return [str(task.id), ui_date(task.due), status_text(task.status), render(flag) if flag else "", task.title,
            task.assignee]


def task_columns() -> list[str]:
    return [*headings("col.ordinal", "col.task.due", "col.task.status"), "",
            *headings("col.task.title", "col.task.assignee")]


def model_row(model: DvkModel) -> list[str]:
    return [str(model.id), str(model.year or ""), model.name, model.unit, model_field_text(model.field),
            coded("value.model_kind", model.kind), model_status_text(model.status)]


def model_columns() -> list[str]:
    return headings("col.ordinal", "col.model.year", "col.model.name", "cli.col.unit", "col.model.field",
                    "col.model.kind", "col.model.status")
