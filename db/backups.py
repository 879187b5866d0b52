"""Rotating backups in ``backups/`` beside the data file.

A backup is a complete snapshot (the data file's own format, checksum included),
written from data that was just verified: at a compaction, at a schema upgrade
(the old file byte for byte) and by ``dvk backup``. Rotation keeps the newest
``keep`` files and never removes the newest backup that verifies, so a run of
backups can never push every good copy out. Writers of the folder take
``backups/.lock`` so a killed backup's temp file can be cleaned up safely.
"""
from __future__ import annotations

import os
import re
import tempfile
import time
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Iterator

from db import fileformat
from db.audit import fsync_dir
from db.locking import WriterLock

DEFAULT_BACKUPS = 5
DEFAULT_BACKUP_INTERVAL = 10 * 60  # seconds between automatic backups


def backup_dir(path: str | os.PathLike) -> Path:
    """Folder holding the rotating backups: ``backups/`` beside the data file."""
    return Path(path).expanduser().absolute().parent / "backups"


def _pattern(stem: str) -> re.Pattern[str]:
    # <stem>-YYYYmmdd-HHMMSS[-n].json ; -n disambiguates backups within the same second.
    return re.compile(rf"^{re.escape(stem)}-(\d{{8}}-\d{{6}})(?:-(\d+))?\.json$")


def list_backups(path: str | os.PathLike) -> list[Path]:
    """Backups of ``path``, oldest first."""
    path = Path(path).expanduser().absolute()
    pattern = _pattern(path.stem)
    found = []
    with suppress(OSError):
        for entry in backup_dir(path).iterdir():
            m = pattern.match(entry.name)
            if m:
                found.append(((m.group(1), int(m.group(2) or 0)), entry))
    return [p for _, p in sorted(found)]


def newest_backup(path: str | os.PathLike) -> Path | None:
    backups = list_backups(path)
    return backups[-1] if backups else None


def newest_age(path: Path) -> float | None:
    """Seconds since the newest backup was written (None: there is none)."""
    newest = newest_backup(path)
    if newest is None:
        return None
    with suppress(OSError):
        return max(time.time() - newest.stat().st_mtime, 0.0)
    return None


def verifies(candidate: Path) -> bool:
    """The file is a whole snapshot whose checksum (if any) matches."""
    try:
        fileformat.parse_snapshot(candidate.read_bytes())
    except (OSError, fileformat.Invalid):
        return False
    return True


def write_backup(path: Path, payload: bytes, keep: int = DEFAULT_BACKUPS) -> Path:
    """Durable copy of ``payload`` in backups/, then rotation. Raises OSError."""
    folder = backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    with _folder_lock(folder):
        remove_stale_temps(folder)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = folder / _next_name(path, stamp)
        atomic_write(target, payload, mode=0o600)
        _prune(path, max(keep, 1), target)
    return target


def _next_name(path: Path, stamp: str) -> str:
    # Numbering continues past the highest suffix of this second (not the first
    # free one), so pruning the oldest never makes a new backup sort before the others.
    pattern = _pattern(path.stem)
    used = [int(m.group(2) or 0) for b in list_backups(path) if (m := pattern.match(b.name)) and m.group(1) == stamp]
    return f"{path.stem}-{stamp}.json" if not used else f"{path.stem}-{stamp}-{max(used) + 1}.json"


def _prune(path: Path, keep: int, written: Path) -> None:
    backups = list_backups(path)
    doomed = backups[: max(len(backups) - keep, 0)]
    if not doomed:
        return
    kept = backups[len(doomed):]
    # The newest backup that verifies is never removed: if none of the kept ones
    # verifies (the new one was damaged on the way to disk), keep the newest good old one.
    if not any(verifies(b) for b in reversed(kept)):
        good = next((b for b in reversed(doomed) if verifies(b)), None)
        doomed = [b for b in doomed if b != good]
    for old in doomed:
        with suppress(OSError):
            old.unlink()


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    lock = WriterLock(folder / ".backups")  # backups/.backups.lock
    for _ in range(50):  # another backup may be finishing: wait up to ~5 s
        if lock.acquire():
            break
        time.sleep(0.1)
    else:
        raise BlockingIOError("another backup is being written")
    try:
        yield
    finally:
        lock.release()


def remove_stale_temps(folder: Path, prefix: str = ".") -> None:
    """Temp files of writes that a kill interrupted (call only while holding the lock
    that guards writes to ``folder``)."""
    with suppress(OSError):
        for leftover in folder.glob(f"{prefix}*.tmp"):
            with suppress(OSError):
                leftover.unlink()


# --------------------------------------------------------------------------- atomic replace


def signature(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def atomic_write(target: Path, payload: bytes, *, mode: int | None = None) -> tuple[int, int, int]:
    """Replace ``target`` so readers and crashes see the old or the new file, never a mix.

    The new file keeps the permissions of the one it replaces (0600 for a new file,
    unless ``mode`` says otherwise). Returns the new file's signature.
    """
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            _copy_mode(target, f.fileno(), mode)
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
            sig = signature(os.fstat(f.fileno()))
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(target.parent)
    return sig


def _copy_mode(target: Path, fd: int, mode: int | None) -> None:
    # mkstemp creates 0600; keep whatever permissions the user gave the real file.
    if not hasattr(os, "fchmod"):
        return
    with suppress(OSError):
        os.fchmod(fd, os.stat(target).st_mode & 0o7777)
        return
    if mode is not None:
        with suppress(OSError):
            os.fchmod(fd, mode)
