"""Which records point at which: tasks of a document, documents waiting to be handled.

Pure functions over records (the Store hands them out), so the TUI, the CLI and
the report can ask the same questions without the Store growing a method each.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable

from db import rules
from db.models import Document, Task


def tasks_of_document(tasks: Iterable[Task], doc_id: int) -> list[Task]:
    """Tasks that carry out this document: open ones by due date first, then finished ones."""
    mine = [task for task in tasks if task.source_doc == doc_id]
    live = sorted((t for t in mine if rules.is_live(t)), key=lambda t: (t.due or "9999", t.id))
    finished = sorted((t for t in mine if not rules.is_live(t)), key=lambda t: (t.done_on or t.due or "", t.id),
                      reverse=True)
    return live + finished


def is_waiting(doc: Document) -> bool:
    """A document someone still has to handle (xử lý) by a deadline."""
    return doc.handling == "pending" and bool(doc.due)


def documents_waiting(docs: Iterable[Document]) -> list[Document]:
    """Documents waiting to be handled, the nearest deadline first."""
    return sorted((d for d in docs if is_waiting(d)), key=lambda d: (d.due or "", d.id))


def is_document_overdue(doc: Document, today: date) -> bool:
    return is_waiting(doc) and date.fromisoformat(doc.due) < today  # type: ignore[arg-type]


def is_document_due_soon(doc: Document, today: date, days: int = rules.DUE_SOON_DAYS) -> bool:
    if not is_waiting(doc):
        return False
    due = date.fromisoformat(doc.due)  # type: ignore[arg-type]
    return today <= due <= today + timedelta(days=days)
