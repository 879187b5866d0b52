"""One writer per data file: an exclusive, non-blocking lock on ``<file>.lock``.

The lock file is created 0600, like the data file, so another local user cannot
open it (and so cannot hold it to block every write). It holds "PID host" of the
holder, so a refusal can say who has the file open.

Why not the `filelock` package: since 3.13 it imports asyncio (40–100 ms) in every
`dvk` call, and all dvk needs is the ``flock`` below (Linux is the target; a
``msvcrt`` fallback keeps Windows working).
"""
from __future__ import annotations

import os
import socket
import time
from contextlib import suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class Holder(tuple):
    """(pid, host) of the session holding the lock; host is None when it is this machine."""

    __slots__ = ()

    def __new__(cls, pid: int | None, host: str | None) -> "Holder":
        return super().__new__(cls, (pid, host))

    @property
    def pid(self) -> int | None:
        return self[0]

    @property
    def host(self) -> str | None:
        return self[1]


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class WriterLock:
    """``acquire()`` -> True (ours now), False (someone else holds it); OSError otherwise."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            _tighten(fd)
            if not _try_lock(fd):
                os.close(fd)
                return False
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
        except BaseException:
            with suppress(OSError):
                os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with suppress(OSError):
            os.ftruncate(fd, 0)  # a stale name must not be blamed later
        with suppress(OSError):
            _unlock(fd)
        with suppress(OSError):
            os.close(fd)


def holder(path: Path) -> Holder | None:
    """Who holds the lock on ``path``'s data file (None: nobody does). Retried briefly:
    the holder writes its name just after taking the lock."""
    try:
        fd = os.open(lock_path(path), os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None  # no lock file (or not ours to read): nobody we can name holds it
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                pass  # held: read the name below
            else:
                fcntl.flock(fd, fcntl.LOCK_UN)
                return None
        for _ in range(10):
            text = os.pread(fd, 256, 0).decode("utf-8", "replace").strip()
            pid_text, _, host = text.partition(" ")
            if pid_text.isdigit():
                host = host or None
                return Holder(int(pid_text), host if host != socket.gethostname() else None)
            time.sleep(0.02)
        return Holder(None, None)
    finally:
        os.close(fd)


def _tighten(fd: int) -> None:
    # A lock file from an older dvk may be 0644; ours is 0600 (only if we own it).
    if not hasattr(os, "fchmod"):
        return
    with suppress(OSError):
        st = os.fstat(fd)
        if st.st_mode & 0o077 and st.st_uid == os.geteuid():
            os.fchmod(fd, 0o600)


def _try_lock(fd: int) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    try:  # pragma: no cover - Windows
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:  # pragma: no cover - Windows
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
