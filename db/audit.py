"""The audit log: every committed transaction, forever, in ``<file>.audit``.

Append-only, one line per transaction (the journal's own lines, moved here byte for
byte when the journal is compacted), so history and undo survive compactions and
restarts without ever being part of the data file. Read from the end: undo looks at
the newest few transactions, and a command that does not undo never opens it.

Lines carry their checksum (db/fileformat.py). A line cut short at the very end is
an append that a kill interrupted; the writer cuts it off (the journal it came from
still holds it) after keeping the bytes beside the file.
"""
from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path
from typing import Iterator

from db import fileformat
from db.fileformat import Invalid
from db.messages import Message

_CHUNK = 1 << 16


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._last: int | None = None  # txn of the last good line, once read

    # ------------------------------------------------------------------ reading
    def iter_back(self) -> Iterator[dict]:
        """Entries newest first. A torn last line is skipped; any other damaged line
        raises Invalid (with the line's position from the end)."""
        try:
            f = open(self.path, "rb")
        except FileNotFoundError:
            return
        with f:
            end = f.seek(0, os.SEEK_END)
            pos, rest, index = end, b"", 0
            tail_done = newest_done = False
            while pos > 0:
                step = min(_CHUNK, pos)
                pos -= step
                f.seek(pos)
                lines = (f.read(step) + rest).split(b"\n")
                rest = lines.pop(0) if pos > 0 else b""
                for line in reversed(lines):
                    if not tail_done:
                        tail_done = True  # after the last newline: b"" or an append cut short
                        continue
                    if not newest_done:
                        newest_done = True
                        if not fileformat.line_ok(line):
                            continue  # the last append never completed: not acknowledged
                    index += 1
                    if not fileformat.line_ok(line):
                        raise Invalid(Message("corrupt.audit_line", back=index), line=-index)
                    yield fileformat.decode_line(line)

    def last_txn(self) -> int:
        if self._last is None:
            self._last = 0
            with suppress(StopIteration):
                self._last = int(next(self.iter_back()).get("txn", 0))
        return self._last

    # ------------------------------------------------------------------ writing (writer only)
    def repair_tail(self, aside_name: str) -> bool:
        """Cut a torn or damaged last line off (kept in ``aside_name`` beside the file).
        Returns True if something was cut."""
        try:
            with open(self.path, "rb") as f:
                end = f.seek(0, os.SEEK_END)
                f.seek(max(end - _CHUNK * 16, 0))
                tail = f.read()
        except FileNotFoundError:
            return False
        if not tail:
            return False
        start = end - len(tail)
        if tail.endswith(b"\n"):
            cut = tail.rfind(b"\n", 0, len(tail) - 1) + 1
            if fileformat.line_ok(tail[cut:-1]):
                return False
        else:
            cut = tail.rfind(b"\n") + 1
        if cut == 0 and start > 0:
            return False  # a line longer than we looked at: leave it to `dvk check`
        keep_aside(self.path, aside_name, tail[cut:])
        with open(self.path, "r+b") as f:
            f.truncate(start + cut)
            f.flush()
            os.fsync(f.fileno())
        self._last = None
        return True

    def append(self, lines: list[bytes], mode: int = 0o600) -> None:
        """Append whole lines (each ending in a newline) durably."""
        if not lines:
            return
        new = not self.path.exists()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), mode)
        try:
            data = b"".join(lines)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if new:
            fsync_dir(self.path.parent)
        self._last = int(fileformat.decode_line(lines[-1].rstrip(b"\n")).get("txn", 0))

    def forget(self) -> None:
        self._last = None


def keep_aside(path: Path, name: str, data: bytes) -> Path | None:
    """Bytes dvk will not use any more, kept beside ``path`` rather than destroyed."""
    if not data:
        return None
    target = path.with_name(name)
    n = 1
    while target.exists():
        target = path.with_name(f"{name}-{n}")
        n += 1
    with suppress(OSError):
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        return target
    return None


def fsync_dir(folder: Path) -> None:
    # Makes a rename or a new file itself durable. Some filesystems refuse: best effort.
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
