"""Errors dvk shows to the user.

Every class here derives from :class:`DvkError`: a catalogue key from
`db/messages.py` plus parameters, rendered as ONE line in the current language
by ``str(err)`` (or in a chosen one by ``err.render(lang)``). Structured details
(path, pid, ...) are kept as attributes so callers never have to parse messages.

Plain Python only: the data layer must not import textual or rich.
"""
from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

from db.messages import MESSAGES, Message, one_line, render


class DvkError(Exception):
    """Base for every error dvk shows the user: `DvkError("key", **params)`.

    A first argument that is not a catalogue key is shown as it is (both
    languages); tests/test_user_strings.py keeps such literals out of the code.
    """

    def __init__(self, key: str, /, **params: Any) -> None:
        if key not in MESSAGES:
            key, params = "text.raw", {"text": key}
        self.key = key
        self.params = params
        super().__init__(key)

    @property
    def message(self) -> Message:
        return Message(self.key, **self.params)

    def render(self, lang: str | None = None) -> str:
        return one_line(render(self.key, lang, **self.params))

    def __str__(self) -> str:
        return self.render()


class DataFileLocked(DvkError):
    """Another dvk session holds the write lock on the data file."""

    def __init__(self, path: Path, pid: int | None, host: str | None = None) -> None:
        self.path = Path(path)
        self.pid = pid
        self.host = host
        if pid is None:
            who = Message("storage.locked.unknown")
        elif host:
            who = Message("storage.locked.pid_host", pid=pid, host=host)
        else:
            who = Message("storage.locked.pid", pid=pid)
        super().__init__("storage.locked", path=self.path, who=who)


class CorruptDataFile(DvkError):
    """The data file cannot be understood; it has been left byte-for-byte untouched."""

    def __init__(
        self,
        path: Path,
        reason: Message | str,
        *,
        newest_backup: Path | None = None,
        moved_to: Path | None = None,
    ) -> None:
        self.path = Path(path)
        self.reason = reason
        self.newest_backup = newest_backup
        # Storage never moves the bad file (it stays where it is, unchanged);
        # `dvk restore` (storage.restore_backup) sets it aside on request.
        self.moved_to = moved_to
        backup = (Message("storage.corrupt.backup", backup=newest_backup) if newest_backup
                  else Message("storage.corrupt.no_backup"))
        super().__init__("storage.corrupt", path=self.path, reason=reason, backup=backup)


class SchemaTooNew(DvkError):
    """The file was written by a newer dvk; writing it with this version could lose data."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = Path(path)
        self.found = found
        self.supported = supported
        super().__init__("storage.schema_too_new", path=self.path, found=found, supported=supported)


class ReadOnlyError(DvkError):
    """A write was attempted on a store opened read-only."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__("storage.readonly", path=self.path)


class ReadOnlyMedium(DvkError):
    """The data file (or its folder) cannot be written: a read-only disk, a CD, a share
    without write permission. It can still be opened read-only."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = Path(path)
        self.error = error
        key = _ERRNO_KEYS.get(error.errno or -1)
        detail = Message(key) if key else Message("os.other", detail=error.strerror or str(error))
        super().__init__("storage.readonly_medium", path=self.path, detail=detail)


class WriteConflict(DvkError):
    """The file on disk was replaced by someone else since we loaded / last wrote it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__("storage.conflict", path=self.path)


class DataFileMissing(DvkError):
    """The data file does not exist and we were not allowed to create it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__("storage.missing", path=self.path)


class StorageClosed(DvkError):
    """The store was used after close()."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__("storage.closed", path=self.path)


# Friendlier wording for the OS errors a civil servant can actually act on.
_ERRNO_KEYS = {
    errno.ENOSPC: "os.enospc",
    errno.EACCES: "os.eacces",
    errno.EPERM: "os.eacces",
    errno.EROFS: "os.erofs",
    errno.ENOENT: "os.enoent",
}

_ACTION_KEYS = {"đọc": "read", "ghi": "write", "khóa": "lock", "sao lưu": "backup", "khôi phục": "restore"}


class StorageIOError(DvkError):
    """The operating system refused a read/write; nothing was half-written.

    `action` is one of read / write / lock / backup / restore (the Vietnamese
    words of the first version are accepted too).
    """

    def __init__(self, path: Path, action: str, error: OSError) -> None:
        self.path = Path(path)
        self.action = _ACTION_KEYS.get(action, action)
        self.error = error
        key = _ERRNO_KEYS.get(error.errno or -1)
        detail = Message(key) if key else Message("os.other", detail=error.strerror or str(error))
        super().__init__("storage.io", path=self.path, action=Message(f"storage.action.{self.action}"), detail=detail)
