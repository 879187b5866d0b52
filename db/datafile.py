"""One data file on disk: snapshot + journal + audit log, one writer, any number of readers.

Files beside each other (``dvk.json`` is the one a person names)::

    dvk.json          the snapshot: a TinyDB file, readable in any editor (db/fileformat.py)
    dvk.json.journal  transactions committed since the snapshot, one line each, fsync'd
    dvk.json.audit    every transaction ever (undo, history); never read at open
    dvk.json.lock     held by the one writer (db/locking.py)
    backups/          complete snapshots, rotated (db/backups.py)

A commit appends ONE line to the journal and fsyncs it: the cost of an edit does not
grow with the data. Opening reads the snapshot and replays the journal. Compaction
writes a new snapshot and empties the journal, in an order that survives a kill at
any instant:

1. the audit log gets every journal line it lacks (fsync);
2. a new snapshot, recording the last transaction it holds, replaces the old one
   (temp file, fsync, rename, fsync of the folder);
3. the journal is replaced by an empty one naming the new snapshot.

Killed between 2 and 3, the old journal's lines all have txn <= the snapshot's, so
they are skipped: nothing is lost and nothing is applied twice.

Damage: a torn or checksum-failing LAST journal line is a write that was never
acknowledged; it is dropped with a notice (the writer keeps its bytes beside the
journal). Anything else damaged is refused, untouched, pointing to ``dvk check``.

Readers take no lock. A reader that races a compaction notices it (the snapshot's
signature changed while it read the journal, or the journal names another
snapshot) and reads again.

Plain Python only: the data layer must not import textual or rich.
"""
from __future__ import annotations

import os
import shutil
import time
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from db import backups, fileformat
from db.audit import AuditLog, fsync_dir, keep_aside
from db.backups import DEFAULT_BACKUP_INTERVAL, DEFAULT_BACKUPS, atomic_write, signature
from db.errors import (
    CorruptDataFile,
    DataFileLocked,
    DataFileMissing,
    DvkError,
    ReadOnlyError,
    ReadOnlyMedium,
    SchemaTooNew,
    StorageClosed,
    StorageIOError,
    WriteConflict,
)
from db.fileformat import APP_NAME, SCHEMA_VERSION, Invalid
from db.locking import Holder, WriterLock, holder
from db.messages import Message

Tables = dict[str, dict[str, dict]]  # TinyDB's shape: table -> "id" -> record
LEGACY_AUDIT = "audit"  # schema 1 kept the audit log as a table inside the data file
_RACE_RETRIES = 6
DAILY = 24 * 3600

# Errors that mean "this disk or folder cannot be written": open read-only instead.
_READONLY_ERRNOS = {30, 13, 1}  # EROFS, EACCES, EPERM


class _Race(Exception):
    """A reader caught the writer between two steps of a compaction: read again."""


class DataFile:
    def __init__(
        self,
        path: str | os.PathLike,
        *,
        readonly: bool = False,
        create: bool = True,
        backups: int = DEFAULT_BACKUPS,
        backup_interval: float = DEFAULT_BACKUP_INTERVAL,
        reset: bool = False,
    ) -> None:
        self.path = Path(path).expanduser().absolute()
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self.audit = AuditLog(self.path.with_name(self.path.name + ".audit"))
        self.readonly = readonly
        self.create = create
        self.keep = backups
        self.interval = backup_interval
        self.notices: list[Message] = []  # things a person should hear about (CLI prints, TUI shows)
        self.backup_error: DvkError | None = None  # the last automatic backup that failed
        self.meta: dict = {"app": APP_NAME, "schema": SCHEMA_VERSION, "txn": 0, "id": ""}
        self.schema = SCHEMA_VERSION
        self.snapshot_txn = 0  # last transaction inside the snapshot
        self.last_txn = 0  # last transaction applied (snapshot or journal)
        self.snapshot_bytes = 0
        self.journal_bytes = 0  # size of the journal file we have read / written up to
        self.journal_entries: list[dict] = []  # journal transactions after the snapshot, oldest first
        self.legacy_audit: list[dict] | None = None  # a schema-1 file opened read-only
        self._snap_sig: tuple | None = None
        self._journal_ino: int | None = None
        self._jfd: int | None = None
        self._closed = False
        self._lock = WriterLock(self.path)
        self.pending_upgrade: tuple[int, bytes] | None = None
        self._legacy: dict = {}
        if not readonly:
            self._acquire()
            if reset:
                try:
                    self._discard_files()
                except BaseException:
                    self._lock.release()
                    raise

    # ------------------------------------------------------------------ lock
    def _acquire(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            got = self._lock.acquire()
        except OSError as exc:
            if exc.errno in _READONLY_ERRNOS:
                raise ReadOnlyMedium(self.path, exc) from None
            raise StorageIOError(self.path, "lock", exc) from exc
        if not got:
            found = holder(self.path) or Holder(None, None)
            raise DataFileLocked(self.path, found.pid, found.host)
        if not os.access(self.path.parent, os.W_OK) or (self.path.exists() and not os.access(self.path, os.W_OK)):
            self._lock.release()
            raise ReadOnlyMedium(self.path, PermissionError(13, "Permission denied"))
        backups.remove_stale_temps(self.path.parent, f".{self.path.name}.")

    def _discard_files(self) -> None:
        """Start over (``dvk demo --reset``), under the lock: the old data goes to
        backups/ first (verified), or beside the file when it does not verify."""
        if not self.path.exists():
            return
        try:
            backup_now(self.path, keep=max(self.keep, 1))
        except (CorruptDataFile, SchemaTooNew, StorageIOError):
            copy_aside(self.path, f"{self.path.stem}.replaced-{_stamp()}.json")
        try:
            for old in (self.path, self.journal_path, self.audit.path):
                old.unlink(missing_ok=True)
        except OSError as exc:
            raise StorageIOError(self.path, "write", exc) from exc
        self.audit.forget()

    def try_lock(self) -> bool:
        """Become the writer if nobody else is (a read-only session when the lock frees)."""
        if not self.readonly:
            return True
        try:
            self._acquire()
        except (DataFileLocked, ReadOnlyMedium, StorageIOError):
            return False
        self.readonly = False
        return True

    def file_mode(self) -> int:
        """Journal and audit log are readable by whoever may read the data file."""
        try:
            return os.stat(self.path).st_mode & 0o777
        except OSError:
            return 0o600

    def holder(self) -> Holder | None:
        """Who holds the write lock (None: we do, or nobody)."""
        return None if self._lock.held else holder(self.path)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._close_journal()
        self._lock.release()

    @property
    def closed(self) -> bool:
        return self._closed

    def check_open(self) -> None:
        if self._closed:
            raise StorageClosed(self.path)

    # ------------------------------------------------------------------ open
    def load(self) -> "LazyTables":
        """Snapshot + journal -> the current tables (TinyDB's shape, ids as strings),
        each parsed when first taken (``.all()`` for every one at once)."""
        self.check_open()
        for attempt in range(_RACE_RETRIES):
            try:
                return self._load_once(last_try=attempt == _RACE_RETRIES - 1)
            except _Race:
                time.sleep(0.01 * (attempt + 1))
        raise AssertionError("unreachable")  # _load_once raises on the last try

    def _load_once(self, last_try: bool) -> "LazyTables":
        self._close_journal()
        self.notices = [n for n in self.notices if n.key != "storage.journal_tail_dropped"]
        raw, sig = self._read(self.path)
        if raw is None:
            return self._start_fresh()
        try:
            snapshot = fileformat.Snapshot(raw)
        except Invalid as bad:
            raise self.corrupt(bad.reason) from None
        meta = snapshot.meta
        schema = meta["schema"] if meta else 0
        if schema > SCHEMA_VERSION and not self.readonly:
            raise SchemaTooNew(self.path, schema, SCHEMA_VERSION)
        self.schema = schema
        self.snapshot_bytes = len(raw)
        if schema < 2:
            legacy = snapshot.table(LEGACY_AUDIT)
            txn = max((e.get("txn", 0) for e in legacy.values() if isinstance(e, dict)
                       and isinstance(e.get("txn"), int)), default=0)
            meta = {"app": APP_NAME, "schema": schema, "txn": txn, "id": ""}
            if self.readonly:
                self.legacy_audit = _group_legacy(legacy)
            else:
                self.pending_upgrade = (schema, raw)
                self._legacy = legacy
        del raw
        self.meta = meta
        self.snapshot_txn = self.last_txn = int(meta.get("txn", 0))
        self.journal_entries = []
        self._snap_sig = sig
        self._read_journal(last_try)
        if self.readonly and self._sig_now(self.path) != sig:
            raise _Race  # a compaction replaced the snapshot while we read the journal
        tables = LazyTables(snapshot, self.journal_entries, self.corrupt)
        if self.pending_upgrade and not self.readonly:
            every = tables.all()
            found = bad_records(every)
            if found:  # nothing is rewritten until the file is sound
                raise self.corrupt(bad_records_reason(found))
            self._upgrade(every)
        return tables

    def _read(self, path: Path) -> tuple[bytes | None, Any]:
        """Bytes and signature from the same open file, so they always agree."""
        try:
            with open(path, "rb") as f:
                sig = signature(os.fstat(f.fileno()))
                return f.read(), sig
        except FileNotFoundError:
            return None, None
        except OSError as exc:
            raise StorageIOError(path, "read", exc) from exc

    @staticmethod
    def _sig_now(path: Path):
        try:
            return signature(os.stat(path))
        except FileNotFoundError:
            return None

    def corrupt(self, reason: Message) -> CorruptDataFile:
        return CorruptDataFile(self.path, reason, newest_backup=backups.newest_backup(self.path))

    def _start_fresh(self) -> "LazyTables":
        if self.readonly or not self.create:
            raise DataFileMissing(self.path)
        # Created now, so the file carries _meta, its checksum and a journal from the start.
        # A journal or audit log without its snapshot belongs to a file that was deleted
        # or moved: kept aside, never replayed onto the new one.
        for orphan in (self.journal_path, self.audit.path):
            if orphan.exists():
                try:
                    os.replace(orphan, orphan.with_name(f"{orphan.name}.orphan-{_stamp()}"))
                except OSError as exc:
                    raise StorageIOError(orphan, "write", exc) from exc
        self.audit.forget()
        self.meta = {"app": APP_NAME, "schema": SCHEMA_VERSION, "txn": 0, "id": ""}
        self.snapshot_txn = self.last_txn = 0
        self.journal_bytes, self._journal_ino, self._snap_sig = 0, None, None
        self.write_snapshot([], check=False)
        return LazyTables(None, [], self.corrupt)

    # ------------------------------------------------------------------ journal
    def _read_journal(self, last_try: bool) -> None:
        raw, _ = self._read(self.journal_path)
        if raw is None:
            self.journal_bytes, self._journal_ino = 0, None
            return
        lines, rest = fileformat.split_lines(raw)
        torn = rest
        if lines and not torn and not fileformat.line_ok(lines[-1]) and len(lines) > 1:
            torn = lines.pop() + b"\n"  # the last complete line fails its checksum: never acknowledged
        if torn and self.readonly and not last_try:
            raise _Race  # maybe the writer is appending right now: look again
        good_size = len(raw) - len(torn)
        if not lines:
            if torn:
                raise self.corrupt(Message("corrupt.journal_header", name=self.journal_path.name))
            self.journal_bytes, self._journal_ino = 0, None
            return
        header = self._header(lines[0])
        base_ok = header.get("base") == self.meta.get("id") or self.schema < 2
        applied, stale = [], 0
        previous = 0
        for number, line in enumerate(lines[1:], start=2):
            if not fileformat.line_ok(line):
                raise self.corrupt(Message("corrupt.journal_line", name=self.journal_path.name, line=number))
            try:
                entry = fileformat.decode_line(line)
            except Invalid:
                raise self.corrupt(Message("corrupt.journal_line", name=self.journal_path.name, line=number)) from None
            txn = entry.get("txn")
            if not isinstance(txn, int) or isinstance(txn, bool) or txn <= previous:
                raise self.corrupt(Message("corrupt.journal_order", name=self.journal_path.name, line=number))
            previous = txn
            if txn <= self.snapshot_txn:
                stale += 1  # already in the snapshot (a compaction was cut short before the reset)
                continue
            if not base_ok:
                if self.readonly and not last_try:
                    raise _Race
                raise self.corrupt(Message("corrupt.journal_base", name=self.journal_path.name))
            try:
                check_ops(entry)
            except Invalid:
                raise self.corrupt(Message("corrupt.journal_line", name=self.journal_path.name, line=number)) from None
            applied.append(entry)
        self.journal_entries = applied
        if applied:
            self.last_txn = applied[-1]["txn"]
        self.journal_bytes = good_size
        self._journal_ino = self._ino(self.journal_path)
        if torn:
            self._torn_tail(torn)
        if stale and not self.readonly and not self.pending_upgrade:
            self._finish_compaction()

    def _header(self, line: bytes) -> dict:
        try:
            header = fileformat.decode_line(line) if fileformat.line_ok(line) else None
        except Invalid:
            header = None
        if not header or header.get("journal") != fileformat.JOURNAL_VERSION or header.get("app") != APP_NAME:
            raise self.corrupt(Message("corrupt.journal_header", name=self.journal_path.name))
        return header

    @staticmethod
    def _ino(path: Path) -> int | None:
        try:
            return os.stat(path).st_ino
        except FileNotFoundError:
            return None

    def _torn_tail(self, torn: bytes) -> None:
        saved = None
        if not self.readonly:
            saved = keep_aside(self.journal_path, f"{self.journal_path.name}.dropped-{_stamp()}", torn)
            try:
                with open(self.journal_path, "r+b") as f:
                    f.truncate(self.journal_bytes)
                    f.flush()
                    os.fsync(f.fileno())
            except OSError as exc:
                raise StorageIOError(self.journal_path, "write", exc) from exc
        self.notices.append(Message("storage.journal_tail_dropped", path=self.journal_path,
                                    saved=Message("storage.saved_as", path=saved) if saved else ""))

    def _journal_fd(self) -> int:
        if self._jfd is None:
            if not self.journal_path.exists() or self.journal_bytes == 0:
                self._reset_journal()
            self._jfd = os.open(self.journal_path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0))
            st = os.fstat(self._jfd)
            self._journal_ino, self.journal_bytes = st.st_ino, st.st_size
        return self._jfd

    def _close_journal(self) -> None:
        fd, self._jfd = self._jfd, None
        if fd is not None:
            with suppress(OSError):
                os.close(fd)

    def _reset_journal(self) -> None:
        self._close_journal()
        header = fileformat.journal_header(self.meta.get("id", ""))
        atomic_write(self.journal_path, header, mode=self.file_mode())
        self.journal_bytes = len(header)
        self._journal_ino = self._ino(self.journal_path)
        self.journal_entries = []

    # ------------------------------------------------------------------ commit
    def append(self, entry: dict) -> None:
        """Commit one transaction: one line appended to the journal, fsync'd."""
        self._check_writable()
        line = fileformat.encode_line(entry)  # TypeError here: nothing touched yet
        self._check_unchanged()
        try:
            fd = self._journal_fd()
        except OSError as exc:
            raise StorageIOError(self.journal_path, "write", exc) from exc
        start = self.journal_bytes
        try:
            view = memoryview(line)
            while view:
                view = view[os.write(fd, view):]
            (os.fdatasync if hasattr(os, "fdatasync") else os.fsync)(fd)
        except OSError as exc:
            with suppress(OSError):
                os.ftruncate(fd, start)  # no half line left behind to be mistaken for a torn one
            raise StorageIOError(self.journal_path, "write", exc) from exc
        self.journal_bytes = start + len(line)
        self.journal_entries.append(entry)
        self.last_txn = entry["txn"]

    def _check_writable(self) -> None:
        self.check_open()
        if self.readonly:
            raise ReadOnlyError(self.path)

    def _check_unchanged(self) -> None:
        """Nobody else changed the files since we read/wrote them (a hand edit, a copy)."""
        if self._sig_now(self.path) != self._snap_sig:
            raise WriteConflict(self.path)
        try:
            st = os.stat(self.journal_path)
        except FileNotFoundError:
            if self.journal_bytes:
                raise WriteConflict(self.path) from None
            return
        if st.st_ino != self._journal_ino or st.st_size != self.journal_bytes:
            raise WriteConflict(self.path)

    def next_txn(self) -> int:
        return max(self.last_txn, self.audit.last_txn()) + 1

    # ------------------------------------------------------------------ compaction
    def write_snapshot(self, tables: Iterable[tuple[str, Iterable[tuple[int | str, dict]]]], *,
                       check: bool = True) -> bytes:
        """Compaction: steps 1-3 of the module docstring. Returns the snapshot bytes."""
        self._check_writable()
        # "id" names this snapshot (the journal refers to it); "file" names the data file for its whole
        # life, across compactions, moves and renames (calendar event ids are built on it).
        meta = {"app": APP_NAME, "schema": SCHEMA_VERSION, "txn": self.last_txn, "id": fileformat.new_snapshot_id(),
                "file": self.meta.get("file") or fileformat.new_snapshot_id()}
        payload = fileformat.serialise_snapshot(tables, meta)  # TypeError/ValueError: nothing touched yet
        if check:
            self._check_unchanged()
        try:
            self._flush_journal_to_audit()
            self._snap_sig = atomic_write(self.path, payload, mode=self.file_mode())
            self.meta, self.schema = meta, SCHEMA_VERSION
            self.snapshot_txn, self.snapshot_bytes = self.last_txn, len(payload)
            self._reset_journal()
        except OSError as exc:
            raise StorageIOError(self.path, "write", exc) from exc
        return payload

    def _flush_journal_to_audit(self) -> None:
        raw, _ = self._read(self.journal_path)
        if not raw:
            return
        if self.audit.repair_tail(f"{self.audit.path.name}.dropped-{_stamp()}"):
            self.notices.append(Message("storage.audit_tail_dropped", path=self.audit.path))
        last = self.audit.last_txn()
        lines, _ = fileformat.split_lines(raw)
        missing = []
        for line in lines[1:]:
            if not fileformat.line_ok(line):
                continue  # a torn tail was dropped at open; nothing else can be bad here
            if fileformat.decode_line(line).get("txn", 0) > last:
                missing.append(line + b"\n")
        self.audit.append(missing, mode=self.file_mode())

    def _finish_compaction(self) -> None:
        # Killed between the snapshot replace and the journal reset: the journal only
        # holds transactions the snapshot has. Move them to the audit log, then reset.
        try:
            self._flush_journal_to_audit()
            self._reset_journal()
        except OSError as exc:
            raise StorageIOError(self.journal_path, "write", exc) from exc

    def auto_backup(self, payload: bytes, force: bool = False) -> None:
        """After a compaction: a backup if the newest is older than the interval.
        A failure never blocks saving; it is kept in backup_error and told as a notice."""
        if self.keep <= 0:
            return
        if not force:
            age = backups.newest_age(self.path)
            if age is not None and age < self.interval:
                return
        try:
            backups.write_backup(self.path, payload, self.keep)
            self.backup_error = None
        except OSError as exc:
            self.backup_error = StorageIOError(backups.backup_dir(self.path), "backup", exc)
            self.notices.append(Message("storage.backup_failed", error=self.backup_error))

    # ------------------------------------------------------------------ upgrade
    def _upgrade(self, tables: Tables) -> None:
        """Schema 0/1 -> 2: the old file kept byte for byte as a backup first, its audit
        table moved to the audit log, then the new snapshot and an empty journal."""
        schema, raw = self.pending_upgrade  # type: ignore[misc]
        self.pending_upgrade = None
        legacy, self._legacy = self._legacy, {}
        try:
            self._keep_old_file(raw)
            lines = [fileformat.encode_line(e) for e in _group_legacy(legacy)]
            if self.audit.path.exists() and self.audit.path.stat().st_size:
                os.replace(self.audit.path, self.audit.path.with_name(f"{self.audit.path.name}.replaced-{_stamp()}"))
            atomic_write(self.audit.path, b"".join(lines), mode=self.file_mode())
            self.audit.forget()
        except OSError as exc:
            raise StorageIOError(self.path, "write", exc) from exc
        self._check_journal_empty()
        self.write_snapshot(rows_of(tables), check=False)
        self.notices.append(Message("storage.upgraded", old=schema, new=SCHEMA_VERSION))

    def _keep_old_file(self, raw: bytes) -> None:
        try:
            backups.write_backup(self.path, raw, max(self.keep, 1))
            return
        except OSError as exc:
            self.backup_error = StorageIOError(backups.backup_dir(self.path), "backup", exc)
        # No backups folder: keep the old file beside the data file instead, or refuse.
        aside = self.path.with_name(f"{self.path.stem}.schema{self.schema}-{_stamp()}.json")
        atomic_write(aside, raw, mode=0o600)

    def _check_journal_empty(self) -> None:
        if self.journal_entries:
            raise self.corrupt(Message("corrupt.journal_base", name=self.journal_path.name))

    # ------------------------------------------------------------------ readers
    def changed_on_disk(self) -> bool:
        """Cheap (two stats): did a writer commit or compact since we read?"""
        if self._sig_now(self.path) != self._snap_sig:
            return True
        try:
            st = os.stat(self.journal_path)
        except FileNotFoundError:
            return self.journal_bytes != 0
        return st.st_ino != self._journal_ino or st.st_size != self.journal_bytes

    def read_new_entries(self) -> list[dict] | None:
        """Journal lines appended since we read it, when only appends happened
        (None: the snapshot or the journal was replaced; load() again)."""
        if self._sig_now(self.path) != self._snap_sig:
            return None
        try:
            with open(self.journal_path, "rb") as f:
                st = os.fstat(f.fileno())
                if st.st_ino != self._journal_ino or st.st_size < self.journal_bytes:
                    return None
                f.seek(self.journal_bytes)
                tail = f.read()
        except FileNotFoundError:
            return None
        lines, rest = fileformat.split_lines(tail)
        entries = []
        consumed = 0
        for line in lines:
            if not fileformat.line_ok(line):
                break  # being written, or damaged: the next full load decides
            entry = fileformat.decode_line(line)
            if entry.get("txn", 0) <= self.last_txn:
                return None
            entries.append(entry)
            consumed += len(line) + 1
        self.journal_bytes += consumed
        self.journal_entries.extend(entries)
        if entries:
            self.last_txn = entries[-1]["txn"]
        return entries

    def needs_compaction(self, soft: bool = True) -> bool:
        """Soft: worth doing now (at close or when idle). Hard: do it even mid-session."""
        journal = self.journal_bytes
        if journal <= len(fileformat.journal_header("0" * 16)) or self.readonly:
            return False
        if not soft:
            return journal >= max(self.snapshot_bytes, 16 << 20)
        if journal >= max(self.snapshot_bytes // 10, 16_384) or journal >= 4 << 20:
            return True
        # Backups are made at compactions: fold the day's changes in at least daily.
        age = backups.newest_age(self.path) if self.keep > 0 else 0.0
        return age is None or age >= DAILY


# ---------------------------------------------------------------------- helpers


class LazyTables:
    """The current tables: the snapshot's, each parsed the first time it is taken, with
    the journal's transactions replayed onto it then. Each table is handed out once
    (``pop``), so the parsed dicts can be consumed into records without a copy."""

    def __init__(self, snapshot: "fileformat.Snapshot | None", entries: list[dict],
                 corrupt: Callable[[Message], Exception]) -> None:
        self._snapshot = snapshot
        self._entries = entries
        self._corrupt = corrupt
        self._ready: dict[str, dict] = {}
        names = snapshot.names() if snapshot else []
        for entry in entries:
            names += [op["table"] for op in fileformat.iter_ops(entry)]
        self._left = dict.fromkeys(names)
        # Parsed whole (a schema-1 file, or edited by hand: no checksum vouches for it).
        self.whole = snapshot is None or snapshot.whole

    def names(self) -> list[str]:
        return list(self._left)

    def pop(self, name: str, default: Any = None) -> dict:
        if name in self._ready:
            self._left.pop(name, None)
            return self._ready.pop(name)
        if name not in self._left:
            return {} if default is None else default
        del self._left[name]
        try:
            table = self._snapshot.table(name) if self._snapshot else {}
        except Invalid as bad:
            raise self._corrupt(bad.reason) from None
        for entry in self._entries:
            apply_ops(table, name, entry)
        return table

    def stream(self, name: str) -> tuple[Iterator[tuple[int, dict]], list[dict]]:
        """The table's records one by one (raises Invalid on a bad line), and the journal's
        operations on it, to replay after them. The table is then taken."""
        if name in self._ready:
            self._left.pop(name, None)
            table = self._ready.pop(name)
            return ((int(k), v) for k, v in table.items()), []
        if name not in self._left:
            return iter(()), []
        del self._left[name]
        ops = [op for entry in self._entries for op in fileformat.iter_ops(entry) if op["table"] == name]
        return (self._snapshot.records(name) if self._snapshot else iter(())), ops

    def last_id(self, name: str) -> int | None:
        """Highest id the table has ever held (snapshot and journal), without parsing the
        snapshot's records; None if that cannot be known cheaply."""
        if name in self._ready or name not in self._left:
            return None if name in self._ready else 0
        found = self._snapshot.last_id(name) if self._snapshot else 0
        if found is None:
            return None
        for entry in self._entries:
            for op in fileformat.iter_ops(entry):
                if op["table"] == name and op["id"] > found:
                    found = op["id"]
        return found

    def put_back(self, name: str, table: dict) -> None:
        """A table taken but not used (it did not check out): the next pop gets it again."""
        self._ready[name] = table
        self._left[name] = None

    def all(self) -> Tables:
        """Every table at once (parsed now); later pops hand out these same dicts."""
        for name in list(self._left):
            if name not in self._ready:
                self._ready[name] = self.pop(name)
                self._left[name] = None
        return dict(self._ready)


def check_ops(entry: dict) -> None:
    """The transaction's operations have the shape replay needs (raises Invalid)."""
    for op in fileformat.iter_ops(entry):
        if not isinstance(op, dict):
            raise Invalid(Message("corrupt.line_json"))
        kind, table, rec_id = op.get("op"), op.get("table"), op.get("id")
        if not isinstance(table, str) or not isinstance(rec_id, int) or isinstance(rec_id, bool):
            raise Invalid(Message("corrupt.line_json"))
        if kind in ("insert", "update"):
            if not isinstance(op.get("new"), dict):
                raise Invalid(Message("corrupt.line_json"))
        elif kind != "delete":
            raise Invalid(Message("corrupt.line_json"))


def apply_ops(table: dict, name: str, entry: dict) -> None:
    """Replay one transaction's after-images onto one TinyDB-shaped table."""
    for op in fileformat.iter_ops(entry):
        if op["table"] != name:
            continue
        if op["op"] == "delete":
            table.pop(str(op["id"]), None)
        else:
            table[str(op["id"])] = op["new"]


def apply_all(tables: Tables, entry: dict) -> None:
    """Replay one transaction onto every table it touches."""
    check_ops(entry)
    for op in fileformat.iter_ops(entry):
        apply_ops(tables.setdefault(op["table"], {}), op["table"], {"ops": [op]})


def rows_of(tables: Tables) -> list[tuple[str, list[tuple[int, dict]]]]:
    """TinyDB-shaped tables -> (name, [(id, record)]) in id order, for a snapshot."""
    return [(name, sorted(((int(k), v) for k, v in table.items()), key=lambda kv: kv[0]))
            for name, table in tables.items()]


def _group_legacy(legacy: dict) -> list[dict]:
    """Schema-1 audit rows (one per record changed) -> one entry per transaction."""
    grouped: dict[int, dict] = {}
    for key in sorted(legacy, key=lambda k: int(k)):
        row = legacy[key]
        if not isinstance(row, dict) or not isinstance(row.get("txn"), int):
            continue
        entry = grouped.setdefault(row["txn"], {
            "txn": row["txn"], "label": row.get("label", ""), "at": row.get("at", ""),
            "kind": row.get("kind") or ("undo" if row.get("undo_of") else "do"),
            "undo_of": row.get("undo_of"), "ops": [],
        })
        entry["ops"].append({k: row.get(k) for k in ("op", "table", "id", "old", "new")})
    return [grouped[t] for t in sorted(grouped)]


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def copy_aside(path: Path, name: str) -> Path | None:
    """A second name for ``path``'s current content (hard link, or a copy), never overwriting."""
    if not path.exists():
        return None
    target = path.with_name(name)
    stem, dot, ext = name.partition(".json")
    n = 1
    while target.exists():
        target = path.with_name(f"{stem}-{n}{dot}{ext}")
        n += 1
    try:
        os.link(path, target)
    except OSError:
        shutil.copy2(path, target)
    fsync_dir(path.parent)
    return target


# ---------------------------------------------------------------------- whole-file operations


def bad_records(tables: Tables, limit: int | None = None) -> list[tuple[str, int, str, Any]]:
    """(table, id, field, value) for every field that does not fit its model."""
    from db import recordcheck  # models are only needed when records are looked at

    found = []
    for name, table in tables.items():
        model = recordcheck.model(name)
        if model is None:
            continue
        check = model.problems
        for key, raw in table.items():
            bad = check(raw)
            if bad:
                found += [(name, int(key), field, raw.get(field)) for field in bad]
                if limit and len(found) >= limit:
                    return found[:limit]
    return found


def bad_records_reason(found: list[tuple[str, int, str, Any]], total: int | None = None) -> Message:
    table, rec_id, field, _ = found[0]
    return Message("corrupt.bad_records", count=total or len(found), table=table, id=rec_id, field=field)


def backup_now(path: str | os.PathLike, *, keep: int = DEFAULT_BACKUPS) -> tuple[Path, list[Message]]:
    """``dvk backup``: verify snapshot, journal and every record, then write a complete
    snapshot into backups/. A damaged file is refused (CorruptDataFile), so a daily
    backup job can never rotate the good copies out. Needs no lock: it reads like any
    reader and writes only in backups/. Returns the backup and the notices."""
    source = DataFile(path, readonly=True)
    try:
        tables = source.load().all()
    finally:
        source.close()
    found = bad_records(tables)
    if found:
        raise source.corrupt(bad_records_reason(found))
    meta = {"app": APP_NAME, "schema": SCHEMA_VERSION, "txn": source.last_txn, "id": fileformat.new_snapshot_id()}
    payload = fileformat.serialise_snapshot(rows_of(tables), meta)
    try:
        return backups.write_backup(source.path, payload, max(keep, 1)), source.notices
    except OSError as exc:
        raise StorageIOError(backups.backup_dir(source.path), "backup", exc) from exc


def restore_backup(path: str | os.PathLike, backup: str | os.PathLike | None = None) -> tuple[Path, Path | None]:
    """Put a backup back in place of the data file (``dvk restore``).

    Takes the write lock, so it cannot pull the file from under a running session.
    The current file and its journal are never deleted: they get a second name
    beside them (``<stem>.replaced-<time>[-n].json`` and ``….journal``). Without
    ``backup`` the newest backup that verifies (checksum and every record) is used.
    The audit log gets a barrier: undo does not reach past a restore. The restored
    file keeps the permissions of the one it replaces. Returns (backup, set-aside file).
    """
    path = Path(path).expanduser().absolute()
    lock = WriterLock(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        got = lock.acquire()
    except OSError as exc:
        raise StorageIOError(path, "restore", exc) from exc
    if not got:
        found = holder(path) or Holder(None, None)
        raise DataFileLocked(path, found.pid, found.host)
    try:
        candidates = [Path(backup).expanduser()] if backup else list(reversed(backups.list_backups(path)))
        chosen = None
        for candidate in candidates:
            try:
                tables, meta = fileformat.parse_snapshot(candidate.read_bytes())
            except (OSError, Invalid):
                continue
            tables.pop(LEGACY_AUDIT, None)
            if not bad_records(tables, limit=1):
                chosen = (candidate, tables, meta or {})
                break
        if chosen is None:
            if backup:
                raise CorruptDataFile(Path(backup), Message("corrupt.not_a_backup"))
            raise DvkError("storage.no_backup", folder=backups.backup_dir(path))
        source, tables, meta = chosen
        target = DataFile(path, readonly=True)
        txn = max(int(meta.get("txn", 0)), _known_txn(target)) + 1
        stamp = _stamp()
        try:
            aside = copy_aside(path, f"{path.stem}.replaced-{stamp}.json")
            if aside is not None and target.journal_path.exists():
                copy_aside(target.journal_path, aside.name + ".journal")
            barrier = {"txn": txn, "kind": "barrier", "at": datetime.now().isoformat(timespec="seconds"),
                       "label": Message("label.restore", backup=source.name).to_json(), "undo_of": None, "ops": []}
            target.audit.append([fileformat.encode_line(barrier)], mode=target.file_mode())
            new_meta = {"app": APP_NAME, "schema": SCHEMA_VERSION, "txn": txn, "id": fileformat.new_snapshot_id()}
            atomic_write(path, fileformat.serialise_snapshot(rows_of(tables), new_meta), mode=0o600)
            atomic_write(target.journal_path, fileformat.journal_header(new_meta["id"]), mode=target.file_mode())
        except OSError as exc:
            raise StorageIOError(path, "restore", exc) from exc
        return source, aside
    finally:
        lock.release()


def _known_txn(target: DataFile) -> int:
    """The highest transaction number any of the (possibly damaged) files mentions."""
    best = 0
    with suppress(Invalid, OSError):
        best = target.audit.last_txn()
    raw = None
    with suppress(OSError):
        raw = target.path.read_bytes()
    if raw:
        try:
            _, meta = fileformat.parse_snapshot(raw)
            best = max(best, int((meta or {}).get("txn", 0)))
        except Invalid:
            import re

            found = re.search(rb'"txn":(\d+)', raw[:4096])
            if found:
                best = max(best, int(found.group(1)))
    with suppress(OSError):
        lines, _ = fileformat.split_lines(target.journal_path.read_bytes())
        for line in lines[1:]:
            if fileformat.line_ok(line):
                with suppress(Invalid):
                    txn = fileformat.decode_line(line).get("txn")
                    if isinstance(txn, int):
                        best = max(best, txn)
    return best
