"""The one door to the data: every screen and command reads and writes here.

Records live in memory, each held once, as the model dataclasses; on disk they
live in the data file (db/datafile.py: a TinyDB snapshot + a journal). Every change
runs inside a transaction: ONE journal line (the records' new and old states and the
audit entry, checksummed, fsync'd), and so one step `undo()` can take back.

Opening is cheap and proportional to what a command uses: every record is checked
against its model at open, but a table's dataclasses are built the first time the
table is read, the search index the first time something is searched, and the undo
log (db/audit.py) is read from its end only when undo, redo or history ask for it.

Threads (the TUI saves from a worker thread):

* changes — ``transaction``, ``add``, ``save``, ``delete``, ``set_profile``,
  ``set_task_status``, ``undo``, ``redo``, ``compact``, ``reload_if_changed``,
  ``try_become_writer``, ``close`` — take the store's lock: they may be called from
  any thread, one runs at a time;
* reads — ``all``, ``get``, ``documents``, ``tasks``, ``find``, ``overdue``… — take no
  store-wide lock and may run in any thread at any time; each returns a consistent
  list, but a transaction running in another thread may be visible in part until
  it commits (or rolls back on failure).
"""
from __future__ import annotations

import bisect
import copy
import gc
import threading
import unicodedata
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

from db import recordcheck, rules
from db.datafile import DataFile, LazyTables, bad_records, bad_records_reason, rows_of
from db.errors import DvkError, ReadOnlyError
from db.fileformat import Invalid
from db.locking import Holder
from db.messages import Message
from db.models import RECORD_TYPES, Campaign, Document, DvkModel, Profile, Record, Task
from db.search import Hit, SearchIndex
from db.text import fold

R = TypeVar("R", bound=Record)
SEARCHABLE = (Document.table, Task.table, DvkModel.table)

# Sorted views kept up to date edit by edit (the two tables that grow to 100 000).
_SORT_KEYS: dict[str, Callable[[Any], tuple]] = {
    Document.table: lambda d: (d.date or "", d.id),  # shown newest first
    Task.table: lambda t: (t.due or "9999", t.id),
}


class NotFound(DvkError):
    pass


class _Txn:
    __slots__ = ("label", "kind", "undo_of", "ops")

    def __init__(self, label: Message) -> None:
        self.label = label
        self.kind = "do"  # do | undo | redo
        self.undo_of: int | None = None
        self.ops: list[tuple[str, str, int, Record | None, Record | None]] = []  # (op, table, id, old, new)


class _Table:
    """One table's records, made only as far as they are needed:

    * untouched — nothing parsed; a brand-new record can still be added (``dvk task
      add`` at 100 000 tasks never parses them);
    * parsed and checked against the model — single records are built on demand
      (``dvk task done 5`` builds one task, not 100 000);
    * built — every record a dataclass, in id order (reading them all, sorting, indexing).
    """

    __slots__ = ("name", "_owner", "_raw", "_built", "_parsed", "_full", "_broken")

    def __init__(self, name: str, owner: "_Tables") -> None:
        self.name = name
        self._owner = owner
        self._raw: dict[str, dict] | None = None  # parsed, checked, not yet built
        self._built: dict[int, Record] = {}
        self._parsed = False
        self._full = False
        self._broken: Exception | None = None  # a bad record met while building: refused from then on

    # -- making
    def _parse(self) -> None:
        if self._parsed:
            return
        with self._owner.lock, _no_gc():
            if self._parsed:
                return
            if self._broken is not None:
                raise self._broken
            raw = self._owner.source.pop(self.name)
            found = bad_records({self.name: raw})
            if found:
                self._owner.source.put_back(self.name, raw)  # the next read refuses again
                raise self._owner.corrupt(bad_records_reason(found))
            for rec_id in self._built:  # added before the parse (and replayed from the journal): ours win
                raw.pop(str(rec_id), None)
            self._raw = raw
            self._parsed = True

    def _all(self) -> dict[int, Record]:
        if self._full:
            return self._built
        if not self._parsed:
            return self._stream()
        with self._owner.lock, _no_gc():
            if self._full:
                return self._built
            build = recordcheck.model(self.name).build
            raw = self._raw or {}
            built: dict[int, Record] = {}
            for key in list(raw):
                rec_id = int(key)
                built[rec_id] = build(rec_id, raw.pop(key))  # the parsed dict is consumed, not copied
            if self._built:
                built = dict(sorted({**built, **self._built}.items()))
            self._built, self._raw, self._full = built, None, True
            return built

    def _stream(self) -> dict[int, Record]:
        """Untouched -> built in one pass, a line of the file at a time: each parsed record
        becomes its dataclass at once, so 100 000 parsed dicts are never alive together."""
        with self._owner.lock, _no_gc():
            if self._full:
                return self._built
            if self._broken is not None:
                raise self._broken
            if self._parsed:  # another thread parsed it since `_all` looked: the source is taken, build from that
                return self._all()
            records, ops = self._owner.source.stream(self.name)
            model = recordcheck.model(self.name)
            check, build = model.problems, model.build
            built: dict[int, Record] = {}
            try:
                for rec_id, raw in records:
                    if check(raw):
                        self._refuse(rec_id, raw, check(raw))
                    built[rec_id] = build(rec_id, raw)
                for op in ops:  # the journal, after the snapshot
                    if op["op"] == "delete":
                        built.pop(op["id"], None)
                    else:
                        if check(op["new"]):
                            self._refuse(op["id"], op["new"], check(op["new"]))
                        built[op["id"]] = build(op["id"], op["new"])
            except Invalid as bad:
                self._broken = self._owner.corrupt(bad.reason)
                raise self._broken from None
            built.update(self._built)  # added before the table was read
            self._built, self._parsed, self._full = built, True, True
            return built

    def _refuse(self, rec_id: int, raw: dict, fields: list[str]) -> None:
        self._broken = self._owner.corrupt(bad_records_reason([(self.name, rec_id, fields[0], raw.get(fields[0]))]))
        raise self._broken

    @property
    def full(self) -> bool:
        return self._full

    @property
    def touched(self) -> bool:
        return self._parsed or bool(self._built)

    # -- dict-like
    def get(self, rec_id: int, default: Any = None) -> Any:
        found = self._built.get(rec_id)
        if found is not None or self._full:
            return default if found is None else found
        self._parse()
        with self._owner.lock:
            raw = self._raw.get(str(rec_id)) if self._raw is not None else None
            if raw is None:
                return self._built.get(rec_id, default)
            found = recordcheck.model(self.name).build(rec_id, self._raw.pop(str(rec_id)))
            self._built[rec_id] = found
            return found

    def __getitem__(self, rec_id: int) -> Record:
        found = self.get(rec_id)
        if found is None:
            raise KeyError(rec_id)
        return found

    def __contains__(self, rec_id: object) -> bool:
        return isinstance(rec_id, int) and self.get(rec_id) is not None

    def __setitem__(self, rec_id: int, rec: Record) -> None:
        if self._parsed and self._raw is not None:
            self._raw.pop(str(rec_id), None)
        self._built[rec_id] = rec  # untouched table: a new id (see Store._insert)

    def pop(self, rec_id: int, default: Any = None) -> Any:
        found = self.get(rec_id)
        if found is None:
            return default
        del self._built[rec_id]
        return found

    def __len__(self) -> int:
        self._parse()
        return len(self._built) + len(self._raw or ())

    def __bool__(self) -> bool:
        return len(self) > 0

    def values(self):
        return self._all().values()

    def items(self):
        return self._all().items()

    def keys(self):
        return self._all().keys()

    def __iter__(self):
        return iter(self._all())

    def max_id(self) -> int:
        """The highest id held (or handed out before the table was read)."""
        high = max(self._built, default=0)
        if not self._parsed:
            last = self._owner.source.last_id(self.name)
            if last is not None:
                return max(high, last)
            self._parse()
        if self._raw:
            high = max(high, max(map(int, self._raw)))
        return high

    def due_between(self, start: str, end: str, inclusive: bool, statuses: tuple[str, ...]) -> list[Record]:
        """Records with one of ``statuses`` whose ``due`` lies in [start, end) or [start, end],
        without building the others (the few overdue tasks among 100 000)."""
        def fits(due: Any, status: Any) -> bool:
            return bool(due) and status in statuses and start <= due and (due <= end if inclusive else due < end)

        if self._full:
            return [r for r in list(self._built.values()) if fits(r.due, r.status)]  # type: ignore[attr-defined]
        self._parse()
        with self._owner.lock:
            wanted = [int(k) for k, v in (self._raw or {}).items() if fits(v.get("due"), v.get("status", "todo"))]
            early = [r for r in self._built.values() if fits(r.due, r.status)]  # type: ignore[attr-defined]
        return early + [r for r in (self.get(i) for i in wanted) if r is not None]


class _Tables(dict):
    """table name -> its records (a :class:`_Table`)."""

    def __init__(self, source: LazyTables, corrupt: Callable[[Message], Exception]) -> None:
        super().__init__()
        self.source = source
        self.corrupt = corrupt
        self.lock = threading.RLock()

    def __missing__(self, table: str) -> _Table:
        with self.lock:
            if not dict.__contains__(self, table):
                self[table] = _Table(table, self)
            return dict.__getitem__(self, table)


class Store:
    def __init__(self, path: str | Path, *, readonly: bool = False, today: Callable[[], date] = date.today,
                 reset: bool = False) -> None:
        """``reset``: start from an empty file, under the lock (the old data is backed up first)."""
        self.path = Path(path)
        self.today = today
        self._lock = threading.RLock()
        self._views = threading.Lock()
        self._file = DataFile(self.path, readonly=readonly, reset=reset)
        try:
            self._load()
        except BaseException:
            self._file.close()
            raise

    # ------------------------------------------------------------------ life cycle
    @property
    def file_id(self) -> str | None:
        """A random id given to the data file when it was created, kept for its whole life."""
        return self._file.meta.get("file") or None

    @property
    def readonly(self) -> bool:
        return self._file.readonly

    def _load(self) -> None:
        with _no_gc():
            raw = self._file.load()
            if raw.whole:  # no checksum vouches for this file (edited by hand, schema 1): check it all now
                found = bad_records(raw.all())
                if found:
                    raise self._file.corrupt(bad_records_reason(found))
            self._extra = {name: raw.pop(name) for name in raw.names() if name not in RECORD_TYPES}
        self._records = _Tables(raw, self._file.corrupt)
        self._txn: _Txn | None = None
        self._index: SearchIndex | None = None
        self._sorted: dict[str, list[tuple]] = {}
        self._numbers: dict[str, set[int]] | None = None  # number key -> document ids
        self._stack_cache: tuple[int, Any, Any] | None = None
        self._high: dict[str, int] = {}  # highest id handed out per table this session
        self.version = 0  # grows at every change seen (ours or, for a viewer, a writer's)

    def close(self, compact: bool | None = None) -> None:
        """Lets go of the file, after a compaction when one is due (the journal has grown,
        or no backup is a day old): ``compact`` True forces it, False skips it."""
        with self._lock:
            if self._file.closed:
                return
            try:
                due = self._file.needs_compaction(soft=True) if compact is None else compact
                if not self.readonly and due and self._txn is None:
                    self.compact()
            except DvkError as err:  # the journal is complete and durable: compaction can wait
                self._file.notices.append(Message("storage.compact_failed", error=err))
            finally:
                self._file.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def notices(self) -> list[Message]:
        """Things a person should hear about: a dropped unfinished write, a failed
        automatic backup, an upgrade. The CLI prints them; the TUI can show them."""
        return self._file.notices

    @property
    def backup_error(self) -> DvkError | None:
        return self._file.backup_error

    def lock_holder(self) -> Holder | None:
        """(pid, host) of the session that holds the write lock (host None = this machine);
        None when we hold it or nobody does (then ``try_become_writer()`` will succeed)."""
        return self._file.holder()

    # ------------------------------------------------------------------ viewers and writers
    def reload_if_changed(self) -> bool:
        """For a read-only viewer: pick up what a writer committed. A stat of two files
        when nothing changed; only the new journal lines when a writer appended; a full
        reload after a compaction. Returns True if anything changed."""
        with self._lock:
            if not self.readonly or not self._file.changed_on_disk():
                return False
            entries = self._file.read_new_entries()
            if entries is None:
                self._load_again()
                return True
            for entry in entries:
                self._apply_entry(entry)
            if entries:
                self._changed()
            return bool(entries)

    def try_become_writer(self) -> bool:
        """A read-only session takes the write lock once it is free; True if it did
        (the store then holds the latest state and ``readonly`` is False)."""
        with self._lock:
            if not self.readonly:
                return True
            if not self._file.try_lock():
                return False
            try:
                self._load_again()
            except BaseException:
                self._file.readonly = True
                self._file._lock.release()
                raise
            return True

    def _load_again(self) -> None:
        version = getattr(self, "version", 0)
        self._load()
        self.version = version + 1

    def _changed(self) -> None:
        self.version += 1
        self._stack_cache = None

    def _apply_entry(self, entry: dict) -> None:
        """A writer's committed transaction, replayed onto our records."""
        for op in entry.get("ops") or ():
            table = op.get("table")
            if table not in RECORD_TYPES or not self._records[table].touched:
                continue  # not read yet: the journal is replayed onto it when it is
            current = self._records[table].get(op["id"])
            if op["op"] == "delete":
                if current is not None:
                    self._drop(current)
            else:
                self._put(current, recordcheck.build(table, op["id"], op["new"]))

    # ------------------------------------------------------------------ compaction
    @property
    def needs_compaction(self) -> bool:
        """The journal is worth folding into the snapshot (the TUI may call compact()
        from a worker when idle; close() does it anyway)."""
        return self._file.needs_compaction(soft=True)

    def compact(self) -> None:
        """New snapshot from memory, empty journal, backup if one is due (db/datafile.py)."""
        with self._lock:
            if self.readonly:
                raise ReadOnlyError(self.path)
            if self._txn is not None:
                raise RuntimeError("compact() inside a transaction")
            payload = self._file.write_snapshot(self._snapshot_rows())
            self._file.auto_backup(payload)

    def _snapshot_rows(self) -> Iterable[tuple[str, Iterable[tuple[int, dict]]]]:
        out: list[tuple[str, Iterable[tuple[int, dict]]]] = []
        for table in RECORD_TYPES:
            out.append((table, _raw_rows(self._records[table])))
        out += rows_of(self._extra)  # tables of a newer dvk, kept as they are
        return out

    # ------------------------------------------------------------------ reading
    def all(self, cls: type[R]) -> list[R]:
        """The live records, for reading: to change one, `get()` it (a copy) and `save()` it."""
        return list(self._records[cls.table].values())  # type: ignore[arg-type]

    def count(self, cls: type[Record]) -> int:
        """How many records of this kind."""
        return len(self._records[cls.table])

    def all_count(self) -> int:
        return sum(len(self._records[name]) for name in RECORD_TYPES)

    def get(self, cls: type[R], rec_id: int) -> R:
        try:
            return _clone(self._records[cls.table][rec_id])  # type: ignore[return-value]
        except KeyError:
            raise NotFound("store.not_found", noun=Message(f"noun.{cls.table}"), id=rec_id) from None

    def _sorted_keys(self, table: str) -> list[tuple]:
        keys = self._sorted.get(table)
        if keys is None:
            key = _SORT_KEYS[table]
            keys = sorted([key(r) for r in list(self._records[table].values())])
            self._sorted[table] = keys
        return keys

    def documents(self) -> list[Document]:
        """Newest first (by date, then id)."""
        return self.slice(Document, 0, None)

    def tasks(self) -> list[Task]:
        """By due date (none last), then id."""
        return self.slice(Task, 0, None)

    def slice(self, cls: type[R], start: int, stop: int | None) -> list[R]:
        """Records ``start:stop`` of the order `documents()` / `tasks()` show, without
        building the whole list (a virtual table's visible page)."""
        table = cls.table
        if table not in _SORT_KEYS:
            every = {DvkModel.table: self.models, Campaign.table: self.campaigns}.get(table)
            return (every() if every else self.all(cls))[start:stop]  # type: ignore[return-value]
        records = self._records[table]
        with self._views:
            keys = self._sorted_keys(table)
            if table == Document.table:  # newest first: read the ascending list from its end
                n = len(keys)
                hi = n - start
                lo = 0 if stop is None else max(n - stop, 0)
                chosen = keys[lo:hi][::-1]
            else:
                chosen = keys[start:stop]
            return [records[key[-1]] for key in chosen]  # type: ignore[misc]

    def models(self) -> list[DvkModel]:
        return sorted(self.all(DvkModel), key=lambda m: (-(m.year or 0), m.name, m.id))

    def campaigns(self) -> list[Campaign]:
        return sorted(self.all(Campaign), key=lambda c: (-c.year, c.name, c.id))

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

    def _number_ids(self) -> dict[str, set[int]]:
        with self._views:
            if self._numbers is None:
                numbers: dict[str, set[int]] = {}
                for doc in list(self._records[Document.table].values()):
                    key = doc.parts.get("key")
                    if key:
                        numbers.setdefault(key, set()).add(doc.id)
                self._numbers = numbers
            return self._numbers

    def document_by_number(self, number: str) -> list[Document]:
        """Documents whose canonical number is exactly this one (any year)."""
        key = rules.number_parts(number)["key"]
        docs = self._records[Document.table]
        found = [docs[i] for i in list(self._number_ids().get(key, ())) if i in docs]
        return sorted(found, key=lambda d: (d.date or "", d.id), reverse=True)

    @property
    def index(self) -> SearchIndex:
        """The search index, built the first time something is searched."""
        with self._views, _no_gc():
            if self._index is None:
                index = SearchIndex()
                for table in SEARCHABLE:
                    index.add_many(_index_item(rec) for rec in list(self._records[table].values()))
                self._index = index
            return self._index

    def find(self, query: str, tables: tuple[str, ...] | None = None, limit: int = 50) -> list[tuple[Hit, Record]]:
        index = self.index
        with self._views, _no_gc():  # a common word ranks tens of thousands of tuples, none cyclic
            hits = index.search(query, tables, limit)
        return [(hit, self._records[hit.table][hit.id]) for hit in hits if hit.id in self._records[hit.table]]

    def overdue(self) -> list[Task]:
        """Live tasks due before today, by due date."""
        today = self.today()
        return [t for t in self._due_between("", today.isoformat(), inclusive=False) if rules.is_overdue(t, today)]

    def due_within(self, days: int) -> list[Task]:
        """Live tasks due from today to ``days`` days ahead, by due date."""
        today = self.today()
        end = (today + timedelta(days=max(days, 0))).isoformat()
        return [t for t in self._due_between(today.isoformat(), end, inclusive=True)
                if rules.is_due_soon(t, today, days)]

    def _due_between(self, start: str, end: str, inclusive: bool) -> list[Task]:
        """Tasks whose due date (ISO text) lies in [start, end) or [start, end], by due date:
        a slice of the sorted view when there is one (the TUI), else one pass (a CLI call
        need not sort 100 000 tasks to print the few overdue ones)."""
        tasks = self._records[Task.table]
        with self._views:
            keys = self._sorted.get(Task.table)
            if keys is not None:
                lo = bisect.bisect_left(keys, (start,))
                hi = bisect.bisect_right(keys, (end, float("inf"))) if inclusive else bisect.bisect_left(keys, (end,))
                return [tasks[key[-1]] for key in keys[lo:hi]]
        found = tasks.due_between(start, end, inclusive, rules.LIVE_STATUSES)  # callers keep live tasks only
        found.sort(key=_SORT_KEYS[Task.table])
        return found

    def history(self, limit: int = 50) -> list[dict]:
        """The newest ``limit`` changes, one dict per record changed (newest first):
        txn, label (JSON form), kind, at, op, table, id, old, new, undo_of."""
        out: list[dict] = []
        for entry in self._transactions_back():
            head = {k: entry.get(k) for k in ("txn", "label", "kind", "at", "undo_of")}
            ops = entry.get("ops") or [{}]  # a restore changes no record but is part of the history
            for op in reversed(ops):
                out.append({**head, **{k: op.get(k) for k in ("op", "table", "id", "old", "new")}})
                if len(out) >= limit:
                    return out
        return out

    # ------------------------------------------------------------------ writing
    @contextmanager
    def transaction(self, label: Message | str) -> Iterator[None]:
        """Group changes into one durable write and one undo step.

        `label` says what the step does, as a person reads it in an undo toast
        ("thêm nhiệm vụ “Báo cáo tháng”"); a plain string is kept as typed.
        """
        if self.readonly:
            raise ReadOnlyError(self.path)
        with self._lock:
            if self._txn is not None:  # nested, in this thread (the lock is re-entrant)
                yield
                return
            if self.readonly:
                raise ReadOnlyError(self.path)
            if not isinstance(label, Message):
                label = Message("text.raw", text=label)
            txn = self._txn = _Txn(label)
            try:
                yield
                if txn.ops:
                    self._commit(txn)
            except BaseException:
                self._roll_back(txn)
                raise
            finally:
                self._txn = None

    def _commit(self, txn: _Txn) -> None:
        entry = {
            "txn": self._file.next_txn(),
            "at": datetime.now().isoformat(timespec="seconds"),
            "kind": txn.kind,
            "label": txn.label.to_json(),
            "undo_of": txn.undo_of,
            "ops": [{"op": op, "table": table, "id": rec_id,
                     "old": _raw(old) if old is not None else None,
                     "new": _raw(new) if new is not None else None}
                    for op, table, rec_id, old, new in txn.ops],
        }
        self._file.append(entry)
        self._changed()
        if self._file.needs_compaction(soft=False):  # a very long session: fold the journal now
            try:
                self.compact()
            except DvkError as err:  # committed already; compaction is retried at the next commit or at close
                self._file.notices.append(Message("storage.compact_failed", error=err))

    def _roll_back(self, txn: _Txn) -> None:
        # Nothing reached the disk: put memory back as it was, newest change first.
        for _op, table, rec_id, old, new in reversed(txn.ops):
            current = self._records[table].get(rec_id)
            if old is None:
                if current is not None:
                    self._drop(current)
            else:
                self._put(current, old)

    def add(self, rec: R, label: Message | str | None = None) -> R:
        _normalise(rec)
        self._validate(rec)
        with self.transaction(label or change_label("add", rec)):
            self._check_unique(rec)
            self._insert(rec)
        return rec

    def save(self, rec: R, label: Message | str | None = None) -> R:
        _normalise(rec)
        old = self.get(type(rec), rec.id)
        self._validate(rec)
        if isinstance(rec, DvkModel):
            rules.check_model_transition(old.status, rec.status)  # type: ignore[attr-defined]
        with self.transaction(label or change_label("edit", rec)):
            self._check_unique(rec)
            self._replace(rec)
        return rec

    def delete(self, cls: type[Record], rec_id: int, label: Message | str | None = None) -> None:
        rec = self.get(cls, rec_id)
        with self.transaction(label or change_label("delete", rec)):
            if isinstance(rec, Document):
                self._unlink_document(rec.id)
            self._remove(rec.table, rec.id)

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

    # ------------------------------------------------------------------ undo / redo
    def undo(self) -> Message | None:
        """Take back the newest change not yet undone; returns what it was (its label)."""
        return self._step_back("undo")

    def redo(self) -> Message | None:
        """Put back the newest undone change, if nothing new was done since; returns its label."""
        return self._step_back("redo")

    def can_undo(self) -> bool:
        return self._tops()[0] is not None

    def can_redo(self) -> bool:
        return self._tops()[1] is not None

    def _transactions_back(self) -> Iterator[dict]:
        """Every committed transaction, newest first: the journal's (in memory), then
        the audit log's, read from its end (a schema-1 file opened read-only keeps its
        old log in memory)."""
        recent = list(self._file.journal_entries)
        oldest = recent[0]["txn"] if recent else None
        yield from reversed(recent)
        older: Iterable[dict] = (reversed(self._file.legacy_audit) if self._file.legacy_audit is not None
                                 else self._file.audit.iter_back())
        try:
            for entry in older:
                if oldest is None or entry.get("txn", 0) < oldest:
                    yield entry
        except Invalid as bad:
            raise self._file.corrupt(bad.reason) from None

    def _tops(self) -> tuple[dict | None, dict | None]:
        """(transaction to revert for undo, for redo), found by reading the log backwards.

        Undoing T records a new transaction U (kind "undo") that reverts T; redo
        reverts U. Forward, the log is a pair of stacks: "do" pushes on the undo
        stack and clears redo; "undo" pops undo and pushes itself on redo; "redo"
        pops redo and pushes itself on undo. Backwards, the top of a stack is the
        newest push not cancelled by a later pop, so only the last few entries are
        read. A restore ("barrier") ends both stacks.
        """
        cached = self._stack_cache
        if cached is not None and cached[0] == self._file.last_txn:
            return cached[1], cached[2]
        undo_top = redo_top = None
        undo_pops = redo_pops = 0
        redo_open = True
        for entry in self._transactions_back():
            kind = entry.get("kind") or ("undo" if entry.get("undo_of") else "do")
            if kind == "barrier":
                break
            if redo_open and redo_top is None:
                if kind == "do":
                    redo_open = False
                elif kind == "redo":
                    redo_pops += 1
                elif kind == "undo":
                    if redo_pops:
                        redo_pops -= 1
                    else:
                        redo_top = entry
            if undo_top is None:
                if kind == "undo":
                    undo_pops += 1
                elif undo_pops:
                    undo_pops -= 1
                else:
                    undo_top = entry
            if undo_top is not None and (redo_top is not None or not redo_open):
                break
        self._stack_cache = (self._file.last_txn, undo_top, redo_top)
        return undo_top, redo_top

    def _step_back(self, kind: str) -> Message | None:
        with self._lock:
            if self.readonly:
                raise ReadOnlyError(self.path)
            undo_top, redo_top = self._tops()
            target = undo_top if kind == "undo" else redo_top
            if target is None:
                return None
            label = Message.from_json(target.get("label", ""))
            if label.key in ("label.undo", "label.redo"):
                label = label.params.get("label", label)  # show what was done, not "undo of undo"
            with self.transaction(Message(f"label.{kind}", label=label)):
                assert self._txn is not None
                self._txn.kind, self._txn.undo_of = kind, target["txn"]
                for op in reversed(target.get("ops") or []):
                    self._revert(op)
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
        docs = self._records[Document.table]
        for other_id in sorted(self._number_ids().get(rec.parts["key"], ())):
            other = docs.get(other_id)
            if other is not None and other.id != rec.id and (other.date or "")[:4] == year:
                raise rules.ValidationError("number", "store.duplicate_number", number=rec.canonical,
                                            year=year or "?", id=other.id)

    def _next_id(self, table: str) -> int:
        # Like TinyDB: one more than the highest id, never handing out an id again in a session.
        high = self._high.get(table)
        if high is None:
            high = self._records[table].max_id()  # once per session; then it only grows
        self._high[table] = high + 1
        return high + 1

    def _insert(self, rec: Record) -> None:
        assert self._txn is not None, "changes must run inside a transaction"
        records = self._records[rec.table]
        if not rec.id or rec.id in records:
            rec.id = self._next_id(rec.table)
        stored = _clone(rec)  # the caller keeps its object; later edits to it must not leak in unsaved
        self._put(None, stored)
        self._txn.ops.append(("insert", rec.table, rec.id, None, stored))

    def _replace(self, new: Record) -> None:
        assert self._txn is not None, "changes must run inside a transaction"
        current = self._records[new.table].get(new.id)
        stored = _clone(new)
        self._put(current, stored)
        self._txn.ops.append(("update" if current is not None else "insert", new.table, new.id, current, stored))

    def _remove(self, table: str, rec_id: int) -> None:
        assert self._txn is not None, "changes must run inside a transaction"
        current = self._records[table].get(rec_id)
        if current is None:
            return
        self._drop(current)
        self._txn.ops.append(("delete", table, rec_id, current, None))

    def _put(self, old: Record | None, new: Record) -> None:
        """Memory and every derived view follow one record change."""
        table = new.table
        with self._views:
            self._records[table][new.id] = new
            keys = self._sorted.get(table)
            if keys is not None:
                key = _SORT_KEYS[table]
                if old is not None:
                    _discard(keys, key(old))
                bisect.insort(keys, key(new))
            if table == Document.table and self._numbers is not None:
                if old is not None and old.parts.get("key"):
                    self._numbers.get(old.parts["key"], set()).discard(old.id)
                if new.parts.get("key"):
                    self._numbers.setdefault(new.parts["key"], set()).add(new.id)
            if self._index is not None and table in SEARCHABLE:
                ref, number, text, sort_key = _index_item(new)
                if old is None:
                    self._index.add(ref, number, text, sort_key)
                else:
                    self._index.replace(ref, _index_item(old)[1:3], number, text, sort_key)

    def _drop(self, old: Record) -> None:
        table = old.table
        with self._views:
            self._records[table].pop(old.id, None)
            keys = self._sorted.get(table)
            if keys is not None:
                _discard(keys, _SORT_KEYS[table](old))
            if table == Document.table and self._numbers is not None and old.parts.get("key"):
                self._numbers.get(old.parts["key"], set()).discard(old.id)
            if self._index is not None and table in SEARCHABLE:
                self._index.remove((table, old.id), _index_item(old)[1:3])

    def _revert(self, op: dict) -> None:
        cls = RECORD_TYPES[op["table"]]
        current = self._records[cls.table].get(op["id"])
        if op["op"] == "insert":
            if current is not None:
                self._remove(cls.table, op["id"])
        elif op["op"] in ("update", "delete"):
            restored = recordcheck.build(cls.table, op["id"], copy.deepcopy(op["old"]))
            if current is None:
                self._insert(restored)
            else:
                self._replace(restored)

    def _unlink_document(self, doc_id: int) -> None:
        # Nothing may keep pointing at a deleted document; undo restores these too.
        for other in list(self._records[Document.table].values()):
            kept = [link for link in other.links if link.get("doc") != doc_id]
            if kept != other.links:
                self._replace(replace(other, links=kept))
        for task in list(self._records[Task.table].values()):
            if task.source_doc == doc_id:
                self._replace(replace(task, source_doc=None))
        for camp in list(self._records[Campaign.table].values()):
            if doc_id in camp.bases:
                self._replace(replace(camp, bases=[b for b in camp.bases if b != doc_id]))

    def _open_next_instance(self, done: Task) -> None:
        series = done.series or done.id
        if done.series is None:
            self._replace(replace(self.get(Task, done.id), series=series))
        live = [t for t in self._records[Task.table].values() if (t.series or t.id) == series and rules.is_live(t)]
        if live or not done.due:
            return  # exactly one live instance per series
        nxt = replace(done, id=0, status="todo", done_on=None, result="", series=series,
                      due=rules.next_due(date.fromisoformat(done.due), done.recur).isoformat())
        self._insert(nxt)


# ---------------------------------------------------------------------- helpers


@contextmanager
def _no_gc() -> Iterator[None]:
    # Parsing and building 200 000 records allocates millions of containers; the cyclic
    # collector would walk them again and again (a third of the parse time) to find
    # nothing: records hold no cycles.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _index_item(rec: Record) -> tuple[tuple[str, int], str, str, str]:
    """(ref, number text, other text, tie-break key) of a searchable record."""
    ref = (rec.table, rec.id)
    if isinstance(rec, Document):
        text = " ".join((rec.type_name, rec.issuer_name, rec.summary, " ".join(rec.tags)))
        return ref, rec.canonical + " " + rec.number, text, rec.date or ""
    if isinstance(rec, Task):
        return ref, "", " ".join((rec.title, rec.assignee, rec.result)), rec.due or ""
    return ref, "", " ".join((rec.name, rec.unit, rec.field, rec.result)), str(rec.year or "")  # type: ignore[attr-defined]



def _discard(keys: list[tuple], key: tuple) -> None:
    at = bisect.bisect_left(keys, key)
    if at < len(keys) and keys[at] == key:
        del keys[at]


def _raw_rows(records: _Table) -> Iterator[tuple[int, dict]]:
    """(id, stored dict) in id order; each dict is made, serialised and dropped in turn."""
    built = records._all()
    for rec_id in sorted(built):
        yield rec_id, _raw(built[rec_id])


def _raw(rec: Record) -> dict:
    """The record as stored: its fields without the id (shallow; serialised at once)."""
    data = dict(rec.__dict__)
    data.pop("id", None)
    return data


def _clone(rec: R) -> R:
    """A copy whose lists and dicts are its own (records hold only JSON values)."""
    new = copy.copy(rec)
    for name, value in rec.__dict__.items():
        if type(value) in (list, dict):
            setattr(new, name, _copy_json(value))
    return new


def _copy_json(value: Any) -> Any:
    if type(value) is list:
        return [_copy_json(v) for v in value]
    if type(value) is dict:
        return {k: _copy_json(v) for k, v in value.items()}
    return value


def _nfc(value: Any) -> Any:
    if type(value) is str:
        return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
    if type(value) is list:
        return [_nfc(v) for v in value]
    if type(value) is dict:
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    return value


def _normalise(rec: Record) -> None:
    """Every text of a record in NFC: "Thủ Thừa" typed decomposed is the same agency."""
    for name, value in list(rec.__dict__.items()):
        if type(value) in (str, list, dict):
            setattr(rec, name, _nfc(value))


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
