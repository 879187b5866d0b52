"""Deadlines as an iCalendar file a phone or Outlook can import.

Every open task with a due date and every document still to handle by a date
becomes an all-day event on that date. Importing the file again must update
those events, not add copies, so each UID is derived from the data file's
identity and the record — never random — and SEQUENCE grows whenever the record
changed (it counts seconds from 2020 to the record's last change, read from the
journal), which is what calendar programs compare to accept an update.
"""
from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any, Iterable

from db import rules
from db.messages import Message, render
from db.models import Document, Task
from exports.files import clean_text

PRODID = "-//dvk//Nam dan van kheo//VI"
_SEQUENCE_EPOCH = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)


def data_identity(store) -> str:
    """A short stable name for the data file, so two files (the demo and the real one) never share UIDs.

    The first entry of the journal (when, and what record with what content, was
    first written) is the file's birth certificate: it survives moving or renaming
    the file. A file with no journal falls back to its resolved path. (A random id
    written in the file's header at creation would be better still; the storage
    layer can offer it as `store.file_id`, which is used first when present.)
    """
    explicit = getattr(store, "file_id", None)
    if explicit:
        seed = str(explicit)
    else:
        history = _history(store)
        if history:
            first = min(history, key=lambda e: (e.get("txn", 0), e.get("at", "")))
            content = json.dumps(first.get("new"), sort_keys=True, ensure_ascii=False, default=str)
            seed = f"{first.get('at')}|{first.get('table')}|{first.get('id')}|{content}"
        else:
            seed = str(store.path.resolve())
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]


def _history(store) -> list[dict[str, Any]]:
    try:
        return list(store.history(limit=10**9))
    except (AttributeError, TypeError, KeyError):  # no journal: still exports, without LAST-MODIFIED
        return []


def _last_changes(history: Iterable[dict[str, Any]]) -> dict[tuple[str, int], datetime.datetime]:
    changed: dict[tuple[str, int], datetime.datetime] = {}
    for entry in history:
        try:
            at = datetime.datetime.fromisoformat(entry["at"])
        except (KeyError, TypeError, ValueError):
            continue
        at = at.astimezone(datetime.timezone.utc)  # journal times are local, without a zone
        key = (entry.get("table"), entry.get("id"))
        if key not in changed or at > changed[key]:
            changed[key] = at
    return changed


def _sequence(changed: datetime.datetime | None) -> int:
    if changed is None:
        return 0
    return max(0, int((changed - _SEQUENCE_EPOCH).total_seconds()))  # fits 32 bits until 2088


def deadlines(store) -> list[tuple[str, Task | Document, datetime.date]]:
    """(kind, record, due date) of every open task and every document to handle, by date."""
    found: list[tuple[str, Task | Document, datetime.date]] = []
    for task in store.all(Task):
        if rules.is_live(task) and task.due:
            found.append(("task", task, datetime.date.fromisoformat(task.due)))
    for doc in store.all(Document):
        if doc.due and doc.handling != "done":
            found.append(("document", doc, datetime.date.fromisoformat(doc.due)))
    return sorted(found, key=lambda item: (item[2], item[0], item[1].id))


def deadlines_calendar(store, *, lang: str | None = None, now: datetime.datetime | None = None) -> tuple[bytes, int]:
    """(the .ics bytes, number of events)."""
    from icalendar import Calendar, Event  # deferred: only this export needs it

    now = (now or datetime.datetime.now(datetime.timezone.utc)).astimezone(datetime.timezone.utc)
    ident = data_identity(store)
    changes = _last_changes(_history(store))
    documents = {d.id: d for d in store.all(Document)}
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", render("ics.calendar_name", lang))
    items = deadlines(store)
    for kind, rec, due in items:
        event = Event()
        table = Task.table if kind == "task" else Document.table
        event.add("uid", f"{kind}-{rec.id}-{ident}@dvk")
        event.add("dtstamp", now)
        event.add("dtstart", due)
        event.add("dtend", due + datetime.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy all day
        event.add("categories", ["dvk"])
        changed = changes.get((table, rec.id))
        if changed is not None:
            event.add("last-modified", changed)
        event.add("sequence", _sequence(changed))
        summary, details = _texts(kind, rec, documents, lang)
        event.add("summary", clean_text(summary))
        if details:
            event.add("description", clean_text("\n".join(details)))
        cal.add_component(event)
    return cal.to_ical(), len(items)


def _texts(kind: str, rec, documents: dict[int, Document], lang: str | None) -> tuple[str, list[str]]:
    if kind == "task":
        details = []
        if rec.assignee:
            details.append(render("ics.assignee", lang, name=rec.assignee))
        source = documents.get(rec.source_doc) if rec.source_doc is not None else None
        if source:
            details.append(render("ics.source", lang, number=source.canonical))
        return render("ics.task", lang, title=rec.title), details
    details = []
    if rec.handler:
        details.append(render("ics.handler", lang, name=rec.handler))
    if rec.issuer_name:
        details.append(render("ics.issuer", lang, name=rec.issuer_name))
    summary = Message("ics.document", number=rec.canonical, summary=rec.summary or rec.type_name).render(lang)
    return summary.rstrip(": "), details
