"""Crash-safe, single-writer TinyDB storage.

TinyDB's JSONStorage truncates and rewrites the file in place, so a crash (or a
second writer) mid-write leaves a broken file. :class:`SafeStorage` instead:

* parses the file once at open and serves the cached dict to TinyDB;
* writes by serialising to a temp file in the same folder, fsync, ``os.replace``,
  fsync of the folder -- a kill at any instant leaves the old or the new file;
* holds an exclusive lock (``<file>.lock``) for the whole writable session and
  records the holder's PID in ``<file>.lock.pid`` so the refusal can name it;
* refuses to write if the file was replaced underneath us (``WriteConflict``);
* copies the file into ``backups/`` before the first write of a session (then at
  most every ``backup_interval`` seconds), keeping the newest ``backups`` copies;
* never writes over a file it could not understand (corrupt, or from a newer dvk).

On-disk format: TinyDB's (``{table: {"<id>": doc}}``) plus a ``_meta`` table
``{"1": {"schema": 1, "app": "dvk"}}``. ``_meta`` is hidden from TinyDB (it is
stripped on load and re-added on write) so ``db.tables()`` / ``drop_tables()``
cannot see or lose it. One document per line, so a human can repair the file in
an editor and JSON error line numbers point at a record.

Plain Python only: the data layer must not import textual or rich.
"""
from __future__ import annotations

import json
import os
import re
import socket
import tempfile
import time
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator

import filelock
from tinydb import TinyDB
from tinydb.storages import Storage

from .messages import Message
from .errors import (
    CorruptDataFile,
    DataFileLocked,
    DataFileMissing,
    DvkError,
    ReadOnlyError,
    SchemaTooNew,
    StorageClosed,
    StorageIOError,
    WriteConflict,
)

SCHEMA_VERSION = 1
APP_NAME = "dvk"
META_TABLE = "_meta"
DEFAULT_BACKUPS = 5
DEFAULT_BACKUP_INTERVAL = 10 * 60  # seconds between automatic backups within one session


__all__ = [
    "SCHEMA_VERSION",
    "SafeStorage",
    "open_tinydb",
    "backup_now",
    "backup_dir",
    "list_backups",
]


# --------------------------------------------------------------------------- paths


def backup_dir(path: str | os.PathLike) -> Path:
    """Folder holding the rotating backups: ``backups/`` beside the data file."""
    return Path(path).expanduser().absolute().parent / "backups"


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _pid_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock.pid")


def _backup_pattern(stem: str) -> re.Pattern[str]:
    # <stem>-YYYYmmdd-HHMMSS[-n].json ; -n disambiguates backups within the same second.
    return re.compile(rf"^{re.escape(stem)}-(\d{{8}}-\d{{6}})(?:-(\d+))?\.json$")


def list_backups(path: str | os.PathLike) -> list[Path]:
    """Backups of ``path``, oldest first."""
    path = Path(path).expanduser().absolute()
    folder = backup_dir(path)
    pattern = _backup_pattern(path.stem)
    found = []
    with suppress(FileNotFoundError):
        for entry in folder.iterdir():
            m = pattern.match(entry.name)
            if m:
                found.append(((m.group(1), int(m.group(2) or 0)), entry))
    return [p for _, p in sorted(found)]


def _newest_backup(path: Path) -> Path | None:
    backups = list_backups(path)
    return backups[-1] if backups else None


# --------------------------------------------------------------------- low-level io


def _signature(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _disk_signature(path: Path):
    try:
        return _signature(os.stat(path))
    except FileNotFoundError:
        return None


def _read_disk(path: Path) -> tuple[bytes | None, Any]:
    """Bytes and signature taken from the same open file, so they always agree."""
    try:
        with open(path, "rb") as f:
            sig = _signature(os.fstat(f.fileno()))
            return f.read(), sig
    except FileNotFoundError:
        return None, None


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable. Windows cannot open a directory; some
    # filesystems refuse fsync on one -- both are best effort by nature.
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _atomic_write(target: Path, payload: bytes) -> tuple[int, int, int]:
    """Replace ``target`` with ``payload`` so readers/crashes see old or new, never a mix.

    Returns the signature of the new file (taken from the temp file after fsync;
    rename keeps inode, size and mtime).
    """
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            _copy_mode(target, f.fileno())
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
            sig = _signature(os.fstat(f.fileno()))
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)
    return sig


def _copy_mode(target: Path, fd: int) -> None:
    # mkstemp creates 0600; keep whatever permissions the user gave the real file.
    if not hasattr(os, "fchmod"):
        return
    with suppress(OSError):
        os.fchmod(fd, os.stat(target).st_mode & 0o7777)


def _remove_stale_temps(path: Path) -> None:
    """Delete temp files left by a writer that was killed mid-write (only called under the lock)."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with suppress(OSError):
            leftover.unlink()


# ---------------------------------------------------------------------- format


def _not_serialisable(obj: Any) -> Any:
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def _make_doc_encoder() -> Callable[[Any], str]:
    """One reusable C encoder (sorted keys, compact, non-ASCII kept). Calling
    json.dumps per document would rebuild an encoder 100 000 times per save."""
    c_make = getattr(json.encoder, "c_make_encoder", None)
    if c_make is None:  # interpreters without the C accelerator
        return json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
    c_encode = c_make({}, _not_serialisable, json.encoder.encode_basestring, None, ":", ",", True, False, True)
    return lambda obj: "".join(c_encode(obj, 0))


_encode_doc = _make_doc_encoder()
_encode_str = json.encoder.encode_basestring  # non-ASCII kept, same as ensure_ascii=False


def _serialise(data: dict, meta: dict) -> bytes:
    """Stable, human-repairable JSON: tables sorted by name, one document per line
    (in TinyDB's order, which the load preserves), keys inside documents sorted."""
    tables = {META_TABLE: {"1": meta}, **data}
    parts = []
    for name in sorted(tables):
        rows = ",\n".join([f"{_encode_str(str(k))}:{_encode_doc(v)}" for k, v in tables[name].items()])
        parts.append(f"{_encode_str(name)}:{{\n{rows}\n}}" if rows else f"{_encode_str(name)}:{{}}")
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")


class _Invalid(Exception):
    """Internal: the file's content is unusable; .reason is the Vietnamese explanation."""

    def __init__(self, reason: Message) -> None:
        super().__init__(str(reason))
        self.reason = reason


def _parse(raw: bytes) -> tuple[dict, dict | None]:
    """Bytes -> (tables without _meta, meta or None). Raises _Invalid with a one-line reason."""
    if not raw.strip():
        raise _Invalid(Message("corrupt.empty"))
    try:
        text = raw.decode("utf-8-sig")  # tolerate a BOM from Windows editors
    except UnicodeDecodeError:
        raise _Invalid(Message("corrupt.not_utf8")) from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Invalid(Message("corrupt.json", line=exc.lineno)) from None
    if not isinstance(obj, dict):
        raise _Invalid(Message("corrupt.not_object"))
    meta_table = obj.pop(META_TABLE, None)
    _check_tables(obj)
    return obj, _check_meta(meta_table)


def _check_tables(obj: dict) -> None:
    # TinyDB would crash later, far from the cause, on anything but {name: {"<int>": {...}}}.
    for name, table in obj.items():
        if not isinstance(table, dict):
            raise _Invalid(Message("corrupt.table", table=name))
        for doc_id, doc in table.items():
            if not (doc_id.isascii() and doc_id.isdigit()) or not isinstance(doc, dict):
                raise _Invalid(Message("corrupt.record", id=doc_id, table=name))


def _check_meta(meta_table: Any) -> dict | None:
    if meta_table is None:
        return None  # a plain TinyDB file from before dvk kept metadata: schema 0
    meta = meta_table.get("1") if isinstance(meta_table, dict) else None
    if not isinstance(meta, dict) or meta.get("app") != APP_NAME:
        raise _Invalid(Message("corrupt.meta"))
    schema = meta.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise _Invalid(Message("corrupt.schema"))
    return meta


# ------------------------------------------------------------------- migrations


def _migrate_0_to_1(data: dict) -> dict:
    # v0 = bare TinyDB file; v1 only adds _meta, which the writer re-adds itself.
    return data


# MIGRATIONS[n] turns a schema-n dict into a schema-(n+1) dict.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _migrate_0_to_1}


def _migrate(data: dict, schema: int) -> dict:
    while schema < SCHEMA_VERSION:
        data = MIGRATIONS[schema](data)
        schema += 1
    return data


# ------------------------------------------------------------------ lock helpers


def _write_pid_file(path: Path) -> None:
    # Atomic so a concurrent reader never sees a half-written PID; not fsynced
    # because it is advisory and rewritten by every new holder.
    pid_file = _pid_path(path)
    fd, tmp = tempfile.mkstemp(dir=pid_file.parent, prefix=f".{pid_file.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"{os.getpid()} {socket.gethostname()}\n")
        os.replace(tmp, pid_file)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def _read_pid_file(path: Path) -> tuple[int | None, str | None]:
    """PID and host of the lock holder; retried briefly because the holder writes
    the file just *after* acquiring the lock."""
    for _ in range(10):
        try:
            pid_text, _, host = _pid_path(path).read_text(encoding="utf-8").strip().partition(" ")
            host = host or None
            return int(pid_text), (host if host != socket.gethostname() else None)
        except (OSError, ValueError):
            time.sleep(0.02)
    return None, None


def _remove_own_pid_file(path: Path) -> None:
    pid_file = _pid_path(path)
    with suppress(OSError, ValueError):
        if int(pid_file.read_text(encoding="utf-8").split()[0]) == os.getpid():
            pid_file.unlink()


# ------------------------------------------------------------------------ backups


def _make_backup(path: Path, keep: int) -> Path:
    """Durable copy of the current data file into backups/, then prune to ``keep``."""
    folder = backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / _next_backup_name(path, stamp)
    _atomic_write(target, path.read_bytes())
    _prune_backups(path, keep)
    return target


def _next_backup_name(path: Path, stamp: str) -> str:
    # Several backups within one second get -1, -2, ... Numbering continues past
    # the highest existing suffix (not the first free one) so that pruning the
    # oldest never makes a new backup sort before the survivors.
    pattern = _backup_pattern(path.stem)
    used = [int(m.group(2) or 0) for b in list_backups(path)
            if (m := pattern.match(b.name)) and m.group(1) == stamp]
    if not used:
        return f"{path.stem}-{stamp}.json"
    return f"{path.stem}-{stamp}-{max(used) + 1}.json"


def _prune_backups(path: Path, keep: int) -> None:
    backups = list_backups(path)
    for old in backups[: max(len(backups) - keep, 0)]:
        with suppress(OSError):
            old.unlink()


def backup_now(path: str | os.PathLike, *, keep: int = DEFAULT_BACKUPS) -> Path:
    """Explicit backup (``dvk backup``). Safe without the lock: the data file is
    only ever replaced atomically, so we copy a complete old or new version."""
    path = Path(path).expanduser().absolute()
    try:
        return _make_backup(path, max(keep, 1))
    except FileNotFoundError:
        raise DataFileMissing(path) from None
    except OSError as exc:
        raise StorageIOError(backup_dir(path), "backup", exc) from exc


# ------------------------------------------------------------------------ storage


class SafeStorage(Storage):
    """TinyDB storage: cached reads, atomic durable writes, one writer, backups.

    Failed writes (read-only, conflict, disk full...) roll the in-memory state
    back to what is on disk, so memory never claims something that was not saved.
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
        self._path = Path(path).expanduser().absolute()
        self._readonly = readonly
        self._keep = backups
        self._interval = backup_interval
        self._lock: filelock.BaseFileLock | None = None
        self._closed = False
        self._data: dict = {}
        self._meta: dict = {"schema": SCHEMA_VERSION, "app": APP_NAME}
        self._committed = b""  # exact bytes last written/loaded: the rollback target
        self._sig = None
        self._depth = 0  # batch() nesting
        self._dirty = False  # writes held in memory by batch()
        self._last_backup: float | None = None
        self._listeners: list[Callable[[], None]] = []
        self.backup_error: DvkError | None = None  # last failed automatic backup, for the UI to warn

        if not readonly:
            self._acquire_lock()
        try:
            self._load(create)
        except BaseException:
            self._release_lock()
            raise

    # -- properties ----------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._path

    @property
    def readonly(self) -> bool:
        return self._readonly

    @property
    def schema(self) -> int:
        return self._meta["schema"]

    # -- open ------------------------------------------------------------------

    def _acquire_lock(self) -> None:
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            lock = filelock.FileLock(str(_lock_path(self._path)), timeout=0)
            lock.acquire()  # timeout=0: one attempt, never block the UI
        except filelock.Timeout:
            pid, host = _read_pid_file(self._path)
            raise DataFileLocked(self._path, pid, host) from None
        except OSError as exc:
            raise StorageIOError(self._path, "lock", exc) from exc
        self._lock = lock
        try:
            _write_pid_file(self._path)
            _remove_stale_temps(self._path)
        except OSError as exc:
            self._release_lock()
            raise StorageIOError(self._path, "lock", exc) from exc

    def _release_lock(self) -> None:
        if self._lock is not None:
            _remove_own_pid_file(self._path)
            self._lock.release()
            self._lock = None

    def _load(self, create: bool) -> None:
        try:
            raw, sig = _read_disk(self._path)
        except OSError as exc:
            raise StorageIOError(self._path, "read", exc) from exc
        if raw is None:
            self._start_fresh(create)
            return
        data, meta = self._parse_or_raise(raw)
        schema = meta["schema"] if meta else 0
        if schema > SCHEMA_VERSION and not self._readonly:
            raise SchemaTooNew(self._path, schema, SCHEMA_VERSION)
        self._data, self._sig, self._committed = data, sig, raw
        if meta:
            self._meta = meta
        if schema < SCHEMA_VERSION:
            self._upgrade(schema)

    def _parse_or_raise(self, raw: bytes) -> tuple[dict, dict | None]:
        try:
            return _parse(raw)
        except _Invalid as bad:
            raise CorruptDataFile(self._path, bad.reason, newest_backup=_newest_backup(self._path)) from None

    def _start_fresh(self, create: bool) -> None:
        if self._readonly or not create:
            raise DataFileMissing(self._path)
        self._data = {}
        # Create the file now so it carries _meta and our signature from the start.
        self._committed = _serialise(self._data, self._meta)
        self._commit_or_rollback()
        # The file we just created holds nothing worth a backup; the interval
        # clock starts now.
        self._last_backup = time.monotonic()

    def _upgrade(self, schema: int) -> None:
        self._data = _migrate(self._data, schema)
        self._meta = {**self._meta, "schema": SCHEMA_VERSION, "app": APP_NAME}
        if self._readonly:
            # Migrated in memory only; rollback target must match what read() serves.
            self._committed = _serialise(self._data, self._meta)
            return
        self._backup(force=True)  # always keep the pre-migration file
        self._committed = _serialise(self._data, self._meta)
        self._commit_or_rollback()

    # -- Storage API -----------------------------------------------------------

    def read(self) -> dict | None:
        """The cached dict itself (no copy, no parse). TinyDB mutates it in place
        before calling write(); a failed write restores it from the committed bytes."""
        self._check_open()
        return self._data

    def write(self, data: dict) -> None:
        self._check_open()
        if self._readonly:
            self._rollback()
            raise ReadOnlyError(self._path)
        if META_TABLE in data:
            self._rollback()
            raise ValueError(f"table name {META_TABLE!r} is reserved by dvk storage")
        self._data = data
        if self._depth:
            self._dirty = True  # batch(): written once at the outermost exit
            return
        self._commit_or_rollback()

    def close(self) -> None:
        if self._closed:
            return
        if self._depth:
            raise RuntimeError("SafeStorage.close() called inside batch(); uncommitted writes would be lost")
        self._closed = True
        self._release_lock()

    # -- batch -----------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator["SafeStorage"]:
        """Group writes: held in memory, written once at the outermost exit.

        An exception leaving any level restores the state that level started
        from (a savepoint) and re-raises; nothing is written for that level.
        """
        self._check_open()
        savepoint = self._savepoint()
        self._depth += 1
        try:
            yield self
        except BaseException:
            self._depth -= 1
            self._restore(savepoint)
            raise
        self._depth -= 1
        if self._depth == 0 and self._dirty:
            self._commit_or_rollback()

    def _savepoint(self) -> bytes | None:
        # None = "the committed state": free. Only a nested batch entered after
        # uncommitted writes needs to serialise a snapshot.
        if self._depth and self._dirty:
            return _serialise(self._data, self._meta)
        return None

    def _restore(self, savepoint: bytes | None) -> None:
        if savepoint is None:
            self._rollback()
        else:
            self._data, _ = _parse(savepoint)
            self._notify()

    # -- commit / rollback -----------------------------------------------------

    def _commit_or_rollback(self) -> None:
        try:
            self._commit()
        except OSError as exc:
            self._rollback()
            raise StorageIOError(self._path, "write", exc) from exc
        except BaseException:
            self._rollback()
            raise

    def _commit(self) -> None:
        payload = _serialise(self._data, self._meta)  # may raise TypeError: nothing touched yet
        if _disk_signature(self._path) != self._sig:
            raise WriteConflict(self._path)
        self._backup()
        self._sig = _atomic_write(self._path, payload)
        self._committed = payload
        self._dirty = False

    def _rollback(self) -> None:
        self._dirty = False
        self._data, _ = _parse(self._committed)
        self._notify()

    def add_rollback_listener(self, callback: Callable[[], None]) -> None:
        """Called whenever the in-memory state is replaced (rollback, reload), so
        TinyDB's per-table query caches can be dropped."""
        self._listeners.append(callback)

    def _notify(self) -> None:
        for callback in self._listeners:
            callback()

    def _backup(self, force: bool = False) -> None:
        """Copy the on-disk file before overwriting it: first write of the session,
        then at most every ``backup_interval`` seconds. A failed backup does not
        block saving (losing the user's typing is worse); it is kept in backup_error."""
        if self._keep <= 0 or self._sig is None:
            return
        now = time.monotonic()
        if not force and self._last_backup is not None and now - self._last_backup < self._interval:
            return
        try:
            _make_backup(self._path, self._keep)
            self.backup_error = None
        except OSError as exc:
            self.backup_error = StorageIOError(backup_dir(self._path), "backup", exc)
        self._last_backup = now

    # -- misc ------------------------------------------------------------------

    def reload(self) -> bool:
        """Re-read the file if it changed on disk (read-only viewers, or after a
        WriteConflict to adopt the other version). Returns True if it changed."""
        self._check_open()
        if self._depth:
            raise RuntimeError("reload() inside batch()")
        raw, sig = _read_disk(self._path)
        if sig == self._sig:
            return False
        if raw is None:
            raise DataFileMissing(self._path)
        data, meta = self._parse_or_raise(raw)
        schema = meta["schema"] if meta else 0
        if schema > SCHEMA_VERSION and not self._readonly:
            raise SchemaTooNew(self._path, schema, SCHEMA_VERSION)
        self._data, self._sig, self._committed = data, sig, raw
        self._meta = meta or {"schema": 0, "app": APP_NAME}
        if schema < SCHEMA_VERSION:
            self._upgrade(schema)
        self._notify()
        return True

    def _check_open(self) -> None:
        if self._closed:
            raise StorageClosed(self._path)

    def __repr__(self) -> str:
        mode = "ro" if self._readonly else "rw"
        return f"<SafeStorage {self._path} {mode}>"


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


# ------------------------------------------------------------------------ restore


def restore_backup(path: str | os.PathLike, backup: str | os.PathLike | None = None) -> tuple[Path, Path | None]:
    """Put a backup back in place of the data file (``dvk restore``).

    Takes the write lock, so it cannot pull the file from under a running
    session. The current file is never deleted: it is set aside beside itself
    as ``<stem>.replaced-<time>.json``. Without ``backup`` the newest backup
    that parses is used. Returns (backup used, where the old file went).
    """
    path = Path(path).expanduser().absolute()
    candidates = [Path(backup)] if backup else list(reversed(list_backups(path)))
    source = next((c for c in candidates if _loads(c)), None)
    if source is None:
        raise DataFileMissing(Path(backup) if backup else backup_dir(path))
    lock = filelock.FileLock(str(_lock_path(path)), timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        pid, host = _read_pid_file(path)
        raise DataFileLocked(path, pid, host) from None
    try:
        aside = None
        if path.exists():
            aside = path.with_name(f"{path.stem}.replaced-{datetime.now():%Y%m%d-%H%M%S}.json")
            os.replace(path, aside)
        _atomic_write(path, source.read_bytes())
        return source, aside
    finally:
        lock.release()


def _loads(candidate: Path) -> bool:
    try:
        _parse(candidate.read_bytes())
    except (OSError, _Invalid):
        return False
    return True
