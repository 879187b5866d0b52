"""Record -> JSON dict / table row, with dates day-first for people and ISO for machines."""
from __future__ import annotations

from datetime import date
from typing import Any

from db import rules
from db.dates import format_ui
from db.models import Document, DvkModel, Record, Task

STATUS_VI = {"todo": "cần làm", "doing": "đang làm", "done": "xong", "cancelled": "hủy"}
MODEL_STATUS_VI = {
    "registered": "đăng ký", "in_progress": "đang thực hiện", "achieved": "đạt",
    "not_achieved": "chưa đạt", "replicated": "nhân rộng",
}
DIRECTION_VI = {"in": "đến", "out": "đi"}


def ui_date(iso: str | None) -> str:
    return format_ui(date.fromisoformat(iso)) if iso else ""


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
            DIRECTION_VI.get(doc.direction, doc.direction), doc.summary]


DOCUMENT_COLUMNS = ["#", "Số, ký hiệu", "Ngày", "Loại", "Cơ quan ban hành", "Chiều", "Trích yếu"]


def task_row(task: Task, today: date) -> list[str]:
    flag = "QUÁ HẠN" if rules.is_overdue(task, today) else ("sắp đến hạn" if rules.is_due_soon(task, today) else "")
    return [str(task.id), ui_date(task.due), STATUS_VI.get(task.status, task.status), flag, task.title, task.assignee]


TASK_COLUMNS = ["#", "Hạn", "Trạng thái", "", "Nhiệm vụ", "Người thực hiện"]


def model_row(model: DvkModel) -> list[str]:
    return [str(model.id), str(model.year or ""), model.name, model.unit, model.field,
            "tập thể" if model.kind == "collective" else "cá nhân", MODEL_STATUS_VI.get(model.status, model.status)]


MODEL_COLUMNS = ["#", "Năm", "Mô hình", "Đơn vị", "Lĩnh vực", "Loại", "Trạng thái"]
