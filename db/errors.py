"""Errors dvk shows to the user.

Every class here derives from :class:`DvkError` and renders, via ``str(err)``, a
single line in Vietnamese that the TUI / CLI can print as-is. Structured details
(path, pid, ...) are kept as attributes so callers never have to parse messages.

Plain Python only: the data layer must not import textual or rich.
"""
from __future__ import annotations

import errno
from pathlib import Path


class DvkError(Exception):
    """Base for every error dvk shows the user. str(err) is ONE line in Vietnamese, ready to print."""

    def __init__(self, message: str) -> None:
        # Guarantee the one-line contract even if a path or OS message has a newline in it.
        super().__init__(" ".join(message.splitlines()))


class DataFileLocked(DvkError):
    """Another dvk session holds the write lock on the data file."""

    def __init__(self, path: Path, pid: int | None, host: str | None = None) -> None:
        self.path = Path(path)
        self.pid = pid
        self.host = host
        who = f"PID {pid}" if pid is not None else "PID không rõ"
        if host:
            who += f" trên máy {host}"
        super().__init__(
            f"Tệp dữ liệu {self.path} đang được một phiên dvk khác ghi ({who}). "
            "Mở chỉ đọc hoặc đóng phiên kia."
        )


class CorruptDataFile(DvkError):
    """The data file cannot be understood; it has been left byte-for-byte untouched."""

    def __init__(
        self,
        path: Path,
        reason: str,
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
        backup = (f"bản sao lưu gần nhất: {newest_backup} — khôi phục bằng “dvk restore”" if newest_backup
                  else "chưa có bản sao lưu nào")
        super().__init__(f"Tệp dữ liệu {self.path} bị hỏng ({reason}); đã giữ nguyên, {backup}.")


class SchemaTooNew(DvkError):
    """The file was written by a newer dvk; writing it with this version could lose data."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = Path(path)
        self.found = found
        self.supported = supported
        super().__init__(
            f"Tệp dữ liệu {self.path} được ghi bởi phiên bản dvk mới hơn "
            f"(lược đồ {found}, bản này chỉ hiểu tới {supported}); đã giữ nguyên tệp. "
            "Hãy cập nhật dvk hoặc mở chỉ đọc."
        )


class ReadOnlyError(DvkError):
    """A write was attempted on a store opened read-only."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__(f"Tệp dữ liệu {self.path} đang mở ở chế độ chỉ đọc; thay đổi chưa được lưu.")


class WriteConflict(DvkError):
    """The file on disk was replaced by someone else since we loaded / last wrote it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__(
            f"Tệp dữ liệu {self.path} đã bị một chương trình khác thay đổi sau khi dvk mở nó; "
            "chưa ghi gì để tránh đè mất dữ liệu. Hãy mở lại dvk."
        )


class DataFileMissing(DvkError):
    """The data file does not exist and we were not allowed to create it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__(f"Không tìm thấy tệp dữ liệu {self.path}.")


class StorageClosed(DvkError):
    """The store was used after close()."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__(f"Tệp dữ liệu {self.path} đã được đóng; hãy mở lại.")


# Friendlier wording for the OS errors a civil servant can actually act on.
_ERRNO_VI = {
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.ENOENT: "không tìm thấy thư mục",
}


class StorageIOError(DvkError):
    """The operating system refused a read/write; nothing was half-written."""

    def __init__(self, path: Path, action: str, error: OSError) -> None:
        self.path = Path(path)
        self.action = action
        self.error = error
        detail = _ERRNO_VI.get(error.errno or -1) or error.strerror or str(error)
        super().__init__(f"Không thể {action} tệp dữ liệu {self.path}: {detail}.")
