"""`dvk check`: what is wrong in the data, one line per problem, nothing changed."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from db import rules
from db.models import Campaign, Document, DvkModel, Task
from db.registers.attachments import missing_attachments
from db.store import Store


def check(store: Store) -> list[str]:
    docs = {d.id: d for d in store.all(Document)}
    problems: list[str] = []
    problems += _documents(docs)
    problems += _tasks(store.all(Task), docs, {c.id for c in store.all(Campaign)})
    problems += _campaigns(store.all(Campaign), docs)
    problems += [f"Mô hình #{m.id}: {err}" for m in store.all(DvkModel) for err in _errors(rules.validate_model, m)]
    problems += [str(m) for m in missing_attachments(docs.values())]  # a stat per path; files are never read
    return problems


def _errors(validator, rec) -> list[str]:
    try:
        validator(rec)
    except rules.ValidationError as err:
        return [str(err)]
    return []


def _documents(docs: dict[int, Document]) -> list[str]:
    problems = []
    seen: Counter = Counter()
    for doc in docs.values():
        stored_key = doc.parts.get("key")
        problems += [f"Văn bản #{doc.id}: {err}" for err in _errors(rules.validate_document, doc)]
        if stored_key and stored_key != doc.parts.get("key"):
            problems.append(f"Văn bản #{doc.id}: phần phân tích số đã cũ ({stored_key} ≠ {doc.parts.get('key')}).")
        for field in ("date", "due"):
            if getattr(doc, field) and not _iso_ok(getattr(doc, field)):
                problems.append(f"Văn bản #{doc.id}: ngày không hợp lệ ({getattr(doc, field)}).")
        for link in doc.links:
            if link.get("doc") not in docs:
                problems.append(f"Văn bản #{doc.id}: liên kết tới văn bản #{link.get('doc')} không tồn tại.")
        if doc.parts.get("seq"):
            seen[(doc.parts.get("key"), (doc.date or "")[:4])] += 1
    problems += [f"Số văn bản {key} năm {year or '?'} bị trùng ({n} bản ghi)." for (key, year), n in seen.items() if n > 1]
    return problems


def _tasks(tasks: list[Task], docs: dict[int, Document], campaigns: set[int]) -> list[str]:
    problems = []
    live_per_series: dict[int, int] = defaultdict(int)
    for task in tasks:
        problems += [f"Nhiệm vụ #{task.id}: {err}" for err in _errors(rules.validate_task, task)]
        if task.source_doc is not None and task.source_doc not in docs:
            problems.append(f"Nhiệm vụ #{task.id}: văn bản nguồn #{task.source_doc} không tồn tại.")
        if task.campaign is not None and task.campaign not in campaigns:
            problems.append(f"Nhiệm vụ #{task.id}: phong trào #{task.campaign} không tồn tại.")
        if task.due and not _iso_ok(task.due):
            problems.append(f"Nhiệm vụ #{task.id}: hạn không hợp lệ ({task.due}).")
        if task.recur and rules.is_live(task):
            live_per_series[task.series or task.id] += 1
    problems += [f"Chuỗi nhiệm vụ lặp #{s} có {n} kỳ đang mở (chỉ được một)." for s, n in live_per_series.items() if n > 1]
    return problems


def _campaigns(campaigns: list[Campaign], docs: dict[int, Document]) -> list[str]:
    return [f"Phong trào #{c.id}: căn cứ #{b} không tồn tại." for c in campaigns for b in c.bases if b not in docs]


def _iso_ok(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True
