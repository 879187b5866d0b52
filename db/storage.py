"""TinyDB on dvk's data file: the record layer any script can use.

The data file is a plain TinyDB file (``{table: {"<id>": record}}`` plus a ``_meta``
table) with a journal beside it (db/datafile.py). :class:`SafeStorage` is a TinyDB
``Storage`` over both: ``read()`` gives the snapshot with the journal replayed,
``write()`` folds everything into a new snapshot (atomic, checksummed, durable) and
empties the journal. So ``TinyDB(path, storage=SafeStorage)`` — or
:func:`open_tinydb` — reads and writes the same data as dvk, under the same lock,
with the same refusal of damaged files.

The Store (db/store.py) does not go through TinyDB's tables for its own changes:
it appends one journal line per transaction instead of rewriting the file, which is
what keeps an edit at a few milliseconds at 100 000 records.

``_meta`` is hidden from TinyDB (stripped on load, re-added on write) so
``db.tables()`` / ``drop_tables()`` cannot see or lose it.

Plain Python only: the data layer must not import textual or rich.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from db.backups import DEFAULT_BACKUP_INTERVAL, DEFAULT_BACKUPS, backup_dir, list_backups
from db.datafile import DataFile, backup_now as _backup_now, restore_backup, rows_of
from db.errors import DvkError, ReadOnlyError
from db.fileformat import META_TABLE, SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "SafeStorage",
    "open_tinydb",
    "backup_now",
    "backup_dir",
    "list_backups",
    "restore_backup",
]


def backup_now(path: str | os.PathLike, *, keep: int = DEFAULT_BACKUPS) -> Path:
    """Verified backup of the data file (``dvk backup``); see db.datafile.backup_now."""
    return _backup_now(path, keep=keep)[0]


class SafeStorage(Storage):
    """TinyDB storage on a dvk data file: cached reads, atomic durable writes, one writer.

    Failed writes (read-only, conflict, disk full…) put the in-memory state back to
    what is on disk, so memory never claims something that was not saved.
    """

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        readonly: bool = False,
        backups: int = DEFAULT_BACKUPS,
        create: bool = True,
        backup_interval: float = DEFAULT_BACKUP_INTERVAL,
    ) -> None:
        super().__init__()
        self._file = DataFile(path, readonly=readonly, create=create, backups=backups, backup_interval=backup_interval)
        self._depth = 0  # batch() nesting
        self._dirty = False  # writes held in memory by batch()
        self._listeners: list[Callable[[], None]] = []
        try:
            self._data = self._file.load().all()
        except BaseException:
            self._file.close()
            raise

    # -- properties ----------------------------------------------------------
    @property
    def path(self) -> Path:
        return self._file.path

    @property
    def readonly(self) -> bool:
        return self._file.readonly

    @property
    def schema(self) -> int:
        return self._file.schema

    @property
    def backup_error(self) -> DvkError | None:
        return self._file.backup_error

    @property
    def notices(self) -> list:
        return self._file.notices

    # -- Storage API -----------------------------------------------------------
    def read(self) -> dict | None:
        """The cached dict itself (no copy, no parse). TinyDB mutates it in place
        before calling write(); a failed write restores it from the disk."""
        self._file.check_open()
        return self._data

    def write(self, data: dict) -> None:
        self._file.check_open()
        if self._file.readonly:
            self._rollback()
            raise ReadOnlyError(self._file.path)
        if META_TABLE in data:
            self._rollback()
            raise ValueError(f"table name {META_TABLE!r} is reserved by dvk storage")
        self._data = data
        if self._depth:
            self._dirty = True  # batch(): written once at the outermost exit
            return
        self._commit_or_rollback()

    def close(self) -> None:
        if self._file.closed:
            return
        if self._depth:
            raise RuntimeError("SafeStorage.close() called inside batch(); uncommitted writes would be lost")
        self._file.close()

    # -- batch -----------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator["SafeStorage"]:
        """Group writes: held in memory, written once at the outermost exit.

        An exception leaving any level restores the state that level started
        from (a savepoint) and re-raises; nothing is written for that level.
        """
        self._file.check_open()
        savepoint = orjson.dumps(self._data) if self._depth and self._dirty else None
        self._depth += 1
        try:
            yield self
        except BaseException:
            self._depth -= 1
            if savepoint is None:
                self._rollback()
            else:
                self._data = orjson.loads(savepoint)
                self._notify()
            raise
        self._depth -= 1
        if self._depth == 0 and self._dirty:
            self._commit_or_rollback()

    # -- commit / rollback -----------------------------------------------------
    def _commit_or_rollback(self) -> None:
        try:
            payload = self._file.write_snapshot(rows_of(self._data))
            self._dirty = False
        except BaseException:
            self._rollback()
            raise
        self._file.auto_backup(payload)

    def _rollback(self) -> None:
        self._dirty = False
        self._data = self._file.load().all()
        self._notify()

    def add_rollback_listener(self, callback: Callable[[], None]) -> None:
        """Called whenever the in-memory state is replaced (rollback, reload), so
        TinyDB's per-table query caches can be dropped."""
        self._listeners.append(callback)

    def _notify(self) -> None:
        for callback in self._listeners:
            callback()

    # -- misc ------------------------------------------------------------------
    def reload(self) -> bool:
        """Re-read the file if it changed on disk (read-only viewers, or after a
        WriteConflict to adopt the other version). Returns True if it changed."""
        self._file.check_open()
        if self._depth:
            raise RuntimeError("reload() inside batch()")
        if not self._file.changed_on_disk():
            return False
        self._data = self._file.load().all()
        self._notify()
        return True

    def __repr__(self) -> str:
        mode = "ro" if self.readonly else "rw"
        return f"<SafeStorage {self.path} {mode}>"


def open_tinydb(path: str | os.PathLike, *, readonly: bool = False, **storage_kwargs: Any) -> TinyDB:
    """TinyDB on a SafeStorage. Use ``db.storage.batch()`` to group writes."""
    db = TinyDB(path, storage=SafeStorage, readonly=readonly, **storage_kwargs)

    def forget_caches() -> None:
        # After a rollback TinyDB's query caches / next-id counters may describe
        # state that no longer exists. (Uses TinyDB internals: _tables, _next_id.)
        for table in db._tables.values():
            table.clear_cache()
            table._next_id = None

    db.storage.add_rollback_listener(forget_caches)
    return db
