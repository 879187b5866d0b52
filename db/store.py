"""The one door to the data: every screen and command reads and writes here.

Records live in memory (loaded once at open) and in TinyDB on disk. Every change
runs inside a transaction: one atomic file write, one audit entry per record
changed, and so one step `undo()` can take back.
"""
from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from tinydb.table import Document as TinyDocument

from db import rules
from db.errors import DvkError, ReadOnlyError
from db.messages import Message
from db.models import RECORD_TYPES, Campaign, Document, DvkModel, Profile, Record, Task
from db.search import Hit, SearchIndex
from db.storage import open_tinydb
from db.text import fold

R = TypeVar("R", bound=Record)
AUDIT = "audit"
SEARCHABLE = (Document.table, Task.table, DvkModel.table)


class NotFound(DvkError):
    pass


class Store:
    def __init__(self, path: str | Path, *, readonly: bool = False, today: Callable[[], date] = date.today) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.today = today
        self._db = open_tinydb(self.path, readonly=readonly)
        self._storage = self._db.storage
        self._txn: int | None = None
        self._txn_label = ""
        self._undoing: int | None = None  # txn being reverted by undo/redo
        self._kind = "do"  # kind of the running transaction: do | undo | redo
        self._load()

    # ------------------------------------------------------------------ life cycle
    def _load(self) -> None:
        self._records: dict[str, dict[int, Record]] = {}
        for name, cls in RECORD_TYPES.items():
            # deep copies: TinyDB hands out shallow copies whose lists are its own cache
            self._records[name] = {doc.doc_id: cls.from_dict(doc.doc_id, copy.deepcopy(dict(doc))) for doc in self._db.table(name)}
        audit = self._db.table(AUDIT)
        self._last_txn = max((entry.get("txn", 0) for entry in audit), default=0)
        self.index = SearchIndex()
        for name in SEARCHABLE:
            for rec in self._records[name].values():
                self._index(rec)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ reading
    def all(self, cls: type[R]) -> list[R]:
        """The live records, for reading: to change one, `get()` it (a copy) and `save()` it."""
        return list(self._records[cls.table].values())  # type: ignore[arg-type]

    def all_count(self) -> int:
        return sum(len(records) for records in self._records.values())

    def get(self, cls: type[R], rec_id: int) -> R:
        try:
            return copy.deepcopy(self._records[cls.table][rec_id])  # type: ignore[return-value]
        except KeyError:
            raise NotFound("store.not_found", noun=Message(f"noun.{cls.table}"), id=rec_id) from None

    def documents(self) -> list[Document]:
        return sorted(self.all(Document), key=lambda d: (d.date or "", d.id), reverse=True)

    def tasks(self) -> list[Task]:
        return sorted(self.all(Task), key=lambda t: (t.due or "9999", t.id))

    def models(self) -> list[DvkModel]:
        return sorted(self.all(DvkModel), key=lambda m: (-(m.year or 0), m.name))

    def campaigns(self) -> list[Campaign]:
        return sorted(self.all(Campaign), key=lambda c: (-c.year, c.name))

    def profile(self) -> Profile:
        found = self.all(Profile)
        return found[0] if found else Profile()

    def campaign_for(self, year: int, name: str | None = None) -> Campaign:
        wanted = [c for c in self.campaigns() if c.year == year and (not name or fold(name) in fold(c.name))]
        if not wanted:
            if name:
                raise NotFound("store.no_campaign_named", year=year, name=name)
            raise NotFound("store.no_campaign_year", year=year)
        return wanted[0]

    def document_by_number(self, number: str) -> list[Document]:
        """Documents whose canonical number is exactly this one (any year)."""
        key = rules.number_parts(number)["key"]
        found = [d for d in self._records[Document.table].values() if d.parts.get("key") == key]
        return sorted(found, key=lambda d: (d.date or "", d.id), reverse=True)  # sort the few matches, not every document

    def find(self, query: str, tables: tuple[str, ...] | None = None, limit: int = 50) -> list[tuple[Hit, Record]]:
        return [(hit, self._records[hit.table][hit.id]) for hit in self.index.search(query, tables, limit)]

    def overdue(self) -> list[Task]:
        today = self.today()
        return [t for t in self.tasks() if rules.is_overdue(t, today)]

    def due_within(self, days: int) -> list[Task]:
        today = self.today()
        return [t for t in self.tasks() if rules.is_due_soon(t, today, days)]

    def history(self, limit: int = 50) -> list[dict]:
        entries = sorted(self._db.table(AUDIT), key=lambda e: e.doc_id, reverse=True)
        return [dict(e) for e in entries[:limit]]

    # ------------------------------------------------------------------ writing
    @contextmanager
    def transaction(self, label: Message | str) -> Iterator[None]:
        """Group changes into one durable write and one undo step.

        `label` says what the step does, as a person reads it in an undo toast
        ("thêm nhiệm vụ “Báo cáo tháng”"); a plain string is kept as typed.
        """
        if self.readonly:
            raise ReadOnlyError(self.path)
        if self._txn is not None:
            yield
            return
        if not isinstance(label, Message):
            label = Message("text.raw", text=label)
        self._txn, self._txn_label = self._last_txn + 1, label
        try:
            with self._storage.batch():
                yield
            self._last_txn = self._txn
        except BaseException:
            self._load()  # the storage rolled back; drop half-applied memory state too
            raise
        finally:
            self._txn = None

    def add(self, rec: R, label: Message | str | None = None) -> R:
        self._validate(rec)
        with self.transaction(label or change_label("add", rec)):
            self._check_unique(rec)
            self._insert(rec)
        return rec

    def save(self, rec: R, label: Message | str | None = None) -> R:
        old = self.get(type(rec), rec.id)
        self._validate(rec)
        if isinstance(rec, DvkModel):
            rules.check_model_transition(old.status, rec.status)  # type: ignore[attr-defined]
        with self.transaction(label or change_label("edit", rec)):
            self._check_unique(rec)
            self._replace(old, rec)
        return rec

    def delete(self, cls: type[Record], rec_id: int, label: Message | str | None = None) -> None:
        rec = self.get(cls, rec_id)
        with self.transaction(label or change_label("delete", rec)):
            if isinstance(rec, Document):
                self._unlink_document(rec.id)
            self._remove(rec)

    def set_profile(self, profile: Profile) -> Profile:
        current = self.all(Profile)
        if current:
            profile.id = current[0].id
            return self.save(profile, Message("label.profile"))
        return self.add(profile, Message("label.profile"))

    def set_task_status(self, task_id: int, status: str, result: str | None = None) -> Task:
        """Change a task's status; finishing a recurring task opens its next instance."""
        task = replace(self.get(Task, task_id))
        task.status = status
        task.done_on = self.today().isoformat() if status == "done" else None
        if result is not None:
            task.result = result
        label = Message("label.task_status", status=Message(f"task_status.{status}"), what=_short(task.title))
        with self.transaction(label):
            self.save(task)
            if status == "done" and task.recur:
                self._open_next_instance(task)
        return task

    def undo(self) -> Message | None:
        """Take back the newest change not yet undone; returns what it was (its label)."""
        return self._step_back("undo")

    def redo(self) -> Message | None:
        """Put back the newest undone change, if nothing new was done since; returns its label."""
        return self._step_back("redo")

    def can_undo(self) -> bool:
        return bool(self._stacks()[0])

    def can_redo(self) -> bool:
        return bool(self._stacks()[1])

    def _stacks(self) -> tuple[list[int], list[int]]:
        """(undo stack, redo stack) of transaction ids, rebuilt from the audit log.

        Undoing T records a new transaction U (kind "undo") that reverts T; redo
        reverts U. So both stacks hold "the transaction whose entries to revert",
        and the log alone says where we are, across restarts.
        """
        heads: dict[int, dict] = {}
        for entry in self._db.table(AUDIT):
            heads.setdefault(entry["txn"], entry)
        undo: list[int] = []
        redo: list[int] = []
        for txn in sorted(heads):
            kind = heads[txn].get("kind") or ("undo" if heads[txn].get("undo_of") else "do")
            if kind == "undo":
                if undo:
                    undo.pop()
                redo.append(txn)
            elif kind == "redo":
                if redo:
                    redo.pop()
                undo.append(txn)
            else:
                undo.append(txn)
                redo.clear()
        return undo, redo

    def _step_back(self, kind: str) -> Message | None:
        undo, redo = self._stacks()
        stack = undo if kind == "undo" else redo
        if not stack:
            return None
        target = stack[-1]
        entries = sorted((e for e in self._db.table(AUDIT) if e["txn"] == target), key=lambda e: e.doc_id, reverse=True)
        label = Message.from_json(entries[0].get("label", ""))
        if label.key in ("label.undo", "label.redo"):
            label = label.params.get("label", label)  # show what was done, not "undo of undo"
        with self.transaction(Message(f"label.{kind}", label=label)):
            self._undoing, self._kind = target, kind
            try:
                for entry in entries:
                    self._revert(entry)
            finally:
                self._undoing, self._kind = None, "do"
        return label

    # ------------------------------------------------------------------ internals
    def _validate(self, rec: Record) -> None:
        validator = {
            Document.table: rules.validate_document,
            Task.table: rules.validate_task,
            DvkModel.table: rules.validate_model,
            Campaign.table: rules.validate_campaign,
            Profile.table: rules.validate_profile,
        }.get(rec.table)
        if validator:
            validator(rec)

    def _check_unique(self, rec: Record) -> None:
        # NĐ 30 Điều 15: a number-and-symbol is unique within a year.
        if not isinstance(rec, Document) or not rec.parts.get("seq"):
            return
        year = (rec.date or "")[:4]
        for other in self._records[Document.table].values():
            if other.id != rec.id and other.parts.get("key") == rec.parts["key"] and (other.date or "")[:4] == year:
                raise rules.ValidationError("number", "store.duplicate_number", number=rec.canonical, year=year or "?", id=other.id)

    def _insert(self, rec: Record) -> None:
        table = self._db.table(rec.table)
        if rec.id and rec.id not in self._records[rec.table]:
            table.insert(TinyDocument(rec.to_dict(), doc_id=rec.id))
        else:
            rec.id = table.insert(rec.to_dict())
        self._remember(rec)
        self._log("insert", rec.table, rec.id, None, rec.to_dict())

    def _replace(self, old: Record, new: Record) -> None:
        self._db.table(new.table).upsert(TinyDocument(new.to_dict(), doc_id=new.id))
        self._remember(new)
        self._log("update", new.table, new.id, old.to_dict(), new.to_dict())

    def _remove(self, rec: Record) -> None:
        self._db.table(rec.table).remove(doc_ids=[rec.id])
        self._records[rec.table].pop(rec.id, None)
        self.index.remove((rec.table, rec.id))
        self._log("delete", rec.table, rec.id, rec.to_dict(), None)

    def _remember(self, rec: Record) -> None:
        rec = copy.deepcopy(rec)  # the caller keeps its object; later edits to it must not leak in unsaved
        self._records[rec.table][rec.id] = rec
        if rec.table in SEARCHABLE:
            self._index(rec)

    def _index(self, rec: Record) -> None:
        ref = (rec.table, rec.id)
        if isinstance(rec, Document):
            text = " ".join((rec.type_name, rec.issuer_name, rec.summary, " ".join(rec.tags)))
            self.index.add(ref, rec.canonical + " " + rec.number, text, rec.date or "")
        elif isinstance(rec, Task):
            self.index.add(ref, "", " ".join((rec.title, rec.assignee, rec.result)), rec.due or "")
        elif isinstance(rec, DvkModel):
            self.index.add(ref, "", " ".join((rec.name, rec.unit, rec.field, rec.result)), str(rec.year or ""))

    def _log(self, op: str, table: str, rec_id: int, old: dict | None, new: dict | None) -> None:
        assert self._txn is not None, "changes must run inside a transaction"
        self._db.table(AUDIT).insert({
            "txn": self._txn,
            "label": self._txn_label.to_json(),
            "kind": self._kind,
            "at": datetime.now().isoformat(timespec="seconds"),
            "op": op,
            "table": table,
            "id": rec_id,
            "old": old,
            "new": new,
            "undo_of": self._undoing,
        })

    def _revert(self, entry: dict) -> None:
        cls = RECORD_TYPES[entry["table"]]
        current = self._records[cls.table].get(entry["id"])
        if entry["op"] == "insert":
            if current is not None:
                self._remove(current)
        elif entry["op"] == "update":
            restored = cls.from_dict(entry["id"], entry["old"])
            if current is None:
                self._insert(restored)
            else:
                self._replace(current, restored)
        elif entry["op"] == "delete":
            self._insert(cls.from_dict(entry["id"], entry["old"]))

    def _unlink_document(self, doc_id: int) -> None:
        # Nothing may keep pointing at a deleted document; undo restores these too.
        for other in list(self._records[Document.table].values()):
            kept = [link for link in other.links if link.get("doc") != doc_id]
            if kept != other.links:
                self._replace(other, replace(other, links=kept))
        for task in list(self._records[Task.table].values()):
            if task.source_doc == doc_id:
                self._replace(task, replace(task, source_doc=None))
        for camp in list(self._records[Campaign.table].values()):
            if doc_id in camp.bases:
                self._replace(camp, replace(camp, bases=[b for b in camp.bases if b != doc_id]))

    def _open_next_instance(self, done: Task) -> None:
        series = done.series or done.id
        if done.series is None:
            self._replace(self.get(Task, done.id), replace(done, series=series))
        live = [t for t in self._records[Task.table].values() if (t.series or t.id) == series and rules.is_live(t)]
        if live or not done.due:
            return  # exactly one live instance per series
        nxt = replace(done, id=0, status="todo", done_on=None, result="", series=series,
                      due=rules.next_due(date.fromisoformat(done.due), done.recur).isoformat())
        self._insert(nxt)


def _short(text: str, width: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def describe(rec: Record) -> str:
    """How a person names this record in one short phrase (for undo labels)."""
    if isinstance(rec, Document):
        return rec.canonical
    if isinstance(rec, Task):
        return _short(rec.title)
    if isinstance(rec, DvkModel):
        return _short(rec.name)
    if isinstance(rec, Campaign):
        return _short(f"{rec.name} {rec.year}")
    return ""


def change_label(op: str, rec: Record) -> Message:
    """The undo label of adding / editing / deleting one record."""
    if isinstance(rec, Profile):
        return Message("label.profile")
    return Message(f"label.{op}", noun=Message(f"noun.{rec.table}"), what=describe(rec))

