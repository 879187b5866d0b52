"""`dvk check`: what is wrong in the data, one line per problem, nothing changed.

Works on a damaged file too (that is when it is needed): it verifies the snapshot
(checksum, JSON, shape), every journal line (checksum, order, which snapshot it
extends), every line of the undo log, and every record against its model, naming
table, id and field. When the file loads, the rules follow (dangling links,
duplicate numbers, more than one live instance of a repeating task…).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from db import fileformat, rules
from db.datafile import DataFile, apply_all, bad_records
from db.errors import DvkError
from db.fileformat import Invalid
from db.messages import Message
from db.models import Campaign, Document, DvkModel, Task
from db.recordcheck import describe_value
from db.registers.attachments import missing_attachments
from db.store import Store


def check_file(path: str | Path, today=date.today) -> list[Message]:
    """Every problem of the data file at ``path``, as messages (empty: all is well)."""
    source = DataFile(path, readonly=True)
    path = source.path
    problems: list[Message] = []
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [Message("storage.missing", path=path)]
    except OSError as exc:
        return [Message("check.unreadable", path=path, detail=str(exc))]
    tables: dict | None = None
    meta: dict | None = None
    try:
        tables, meta = fileformat.parse_snapshot(raw)
    except Invalid as bad:
        problems.append(Message("check.snapshot", path=path.name, reason=bad.reason))
        if bad.reason.key == "corrupt.checksum":  # the content may still be readable: look further
            try:
                tables, meta = _parse_unchecked(raw)
            except Invalid:
                tables = None
    del raw
    if tables is not None:
        tables.pop("audit", None)  # a schema-1 undo log, moved out at the first write
        problems += _journal(source, tables, meta)
    problems += _audit(source)
    if tables is not None:
        for table, rec_id, field, value in bad_records(tables):
            problems.append(Message("check.bad_field", table=table, id=rec_id, field=field, value=describe_value(value)))
    if problems:
        return problems
    try:
        with Store(path, readonly=True, today=today) as store:
            problems += [Message("check.note", text=n) for n in store.notices]
            problems += check(store)
    except DvkError as err:
        problems.append(err.message)
    return problems


def _parse_unchecked(raw: bytes) -> tuple[dict, dict | None]:
    import orjson

    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise Invalid(Message("corrupt.json", line=0)) from None
    if not isinstance(obj, dict):
        raise Invalid(Message("corrupt.not_object"))
    meta = fileformat.check_meta(obj.pop(fileformat.META_TABLE, None))
    fileformat.check_tables(obj)
    return obj, meta


def _journal(source: DataFile, tables: dict, meta: dict | None) -> list[Message]:
    name = source.journal_path.name
    try:
        raw = source.journal_path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        return [Message("check.unreadable", path=source.journal_path, detail=str(exc))]
    problems: list[Message] = []
    lines, rest = fileformat.split_lines(raw)
    if not lines:
        return [Message("check.journal", reason=Message("corrupt.journal_header", name=name))] if rest else []
    header = None
    if fileformat.line_ok(lines[0]):
        try:
            header = fileformat.decode_line(lines[0])
        except Invalid:
            header = None
    if not header or header.get("journal") != fileformat.JOURNAL_VERSION:
        problems.append(Message("check.journal", reason=Message("corrupt.journal_header", name=name)))
    snapshot_txn = int((meta or {}).get("txn", 0))
    same_base = header is not None and header.get("base") == (meta or {}).get("id")
    previous = 0
    last = len(lines)
    for number, line in enumerate(lines[1:], start=2):
        if not fileformat.line_ok(line):
            key = "check.journal_tail" if number == last and not rest else "corrupt.journal_line"
            if key == "check.journal_tail":
                problems.append(Message(key, name=name))
            else:
                problems.append(Message("check.journal", reason=Message(key, name=name, line=number)))
            continue
        try:
            entry = fileformat.decode_line(line)
            txn = entry.get("txn")
            if not isinstance(txn, int) or txn <= previous:
                raise Invalid(Message("corrupt.journal_order", name=name, line=number))
            previous = txn
            if txn > snapshot_txn:
                if not same_base:
                    problems.append(Message("check.journal", reason=Message("corrupt.journal_base", name=name)))
                    break
                apply_all(tables, entry)
        except Invalid as bad:
            reason = bad.reason if bad.reason.key.startswith("corrupt.journal") else \
                Message("corrupt.journal_line", name=name, line=number)
            problems.append(Message("check.journal", reason=reason))
    if rest:
        problems.append(Message("check.journal_tail", name=name))
    return problems


def _audit(source: DataFile) -> list[Message]:
    try:
        raw = source.audit.path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        return [Message("check.unreadable", path=source.audit.path, detail=str(exc))]
    lines, rest = fileformat.split_lines(raw)
    bad = [number for number, line in enumerate(lines, start=1) if not fileformat.line_ok(line)]
    problems = [Message("check.audit_line", name=source.audit.path.name, line=n) for n in bad]
    if rest:
        problems.append(Message("check.audit_tail", name=source.audit.path.name))
    return problems


# --------------------------------------------------------------------------- the rules


def check(store: Store) -> list[Message]:
    """Rule problems among records that all load (one message each)."""
    docs = {d.id: d for d in store.all(Document)}
    problems: list[Message] = []
    problems += _documents(docs)
    problems += _tasks(store.all(Task), docs, {c.id for c in store.all(Campaign)})
    problems += _campaigns(store.all(Campaign), docs)
    problems += [Message("check.model", id=m.id, error=err) for m in store.all(DvkModel)
                 for err in _errors(rules.validate_model, m)]
    problems += [Message("check.campaign_settings", id=c.id, error=err) for c in store.all(Campaign)
                 for err in _errors(rules.validate_campaign, c)]
    problems += list(missing_attachments(docs.values()))  # a stat per path; files are never read
    return problems


def _errors(validator, rec) -> list[Message]:
    try:
        validator(rec)
    except rules.ValidationError as err:
        return [err.message]
    return []


def _documents(docs: dict[int, Document]) -> list[Message]:
    problems = []
    seen: Counter = Counter()
    for doc in docs.values():
        stored_key = doc.parts.get("key")
        problems += [Message("check.document", id=doc.id, error=err) for err in _errors(rules.validate_document, doc)]
        if stored_key and stored_key != doc.parts.get("key"):
            problems.append(Message("check.document_stale_key", id=doc.id, old=stored_key, new=doc.parts.get("key")))
        for link in doc.links:
            if link.get("doc") not in docs:
                problems.append(Message("check.document_link", id=doc.id, other=link.get("doc")))
        if doc.parts.get("seq"):
            seen[(doc.parts.get("key"), (doc.date or "")[:4])] += 1
    problems += [Message("check.duplicate_number", key=key, year=year or "?", count=n)
                 for (key, year), n in seen.items() if n > 1]
    return problems


def _tasks(tasks: list[Task], docs: dict[int, Document], campaigns: set[int]) -> list[Message]:
    problems = []
    live_per_series: dict[int, int] = defaultdict(int)
    for task in tasks:
        problems += [Message("check.task", id=task.id, error=err) for err in _errors(rules.validate_task, task)]
        if task.source_doc is not None and task.source_doc not in docs:
            problems.append(Message("check.task_source", id=task.id, doc=task.source_doc))
        if task.campaign is not None and task.campaign not in campaigns:
            problems.append(Message("check.task_campaign", id=task.id, campaign=task.campaign))
        if task.recur and rules.is_live(task):
            live_per_series[task.series or task.id] += 1
    problems += [Message("check.series", series=s, count=n) for s, n in live_per_series.items() if n > 1]
    return problems


def _campaigns(campaigns: list[Campaign], docs: dict[int, Document]) -> list[Message]:
    return [Message("check.campaign_basis", id=c.id, doc=b) for c in campaigns for b in c.bases if b not in docs]
