"""What reaches the terminal from the CLI: never a control character, never a traceback.

User text (a title pasted with `ESC ] 0 ; … BEL` in it) must not retitle or
repaint the user's terminal, so every line the CLI writes passes through
`db.text.visible`. Doing it at the stream, not at each `echo`, means a command
added later is safe without remembering to be.
"""
from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path
from typing import TextIO

from db.errors import DvkError
from db.text import visible

# JSON escapes C0 itself; C1 controls pass through `ensure_ascii=False` untouched.
_C1 = re.compile("[\x7f-\x9f]")


class VisibleStream(io.TextIOBase):
    """A text stream that shows control characters instead of sending them (newlines and tabs kept)."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(visible(text, multiline=True))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw, "encoding", "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.raw, "errors", None)

    def writable(self) -> bool:
        return True


def guard_streams() -> None:
    """Route stdout/stderr through VisibleStream (idempotent)."""
    if not isinstance(sys.stdout, VisibleStream):
        sys.stdout = VisibleStream(sys.stdout)  # type: ignore[assignment]
    if not isinstance(sys.stderr, VisibleStream):
        sys.stderr = VisibleStream(sys.stderr)  # type: ignore[assignment]


def release_streams() -> None:
    """Give Textual the real streams: it draws the screen with escape codes of its own (and sanitises user text itself)."""
    if isinstance(sys.stdout, VisibleStream):
        sys.stdout = sys.stdout.raw  # type: ignore[assignment]
    if isinstance(sys.stderr, VisibleStream):
        sys.stderr = sys.stderr.raw  # type: ignore[assignment]


def raw_stdout() -> TextIO:
    """The real stdout, for Rich, whose own escape codes (colours, borders) must get through."""
    out = sys.stdout
    return out.raw if isinstance(out, VisibleStream) else out  # type: ignore[return-value]


def json_safe(text: str) -> str:
    """JSON text with C1 controls escaped as \\u00XX (still valid JSON, still the same string)."""
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_output(path: Path, data: bytes) -> Path:
    """Write an exported file atomically; every way it can fail is one line, the old file kept."""
    from exports.files import write_atomic

    path = Path(path).expanduser()
    try:
        if path.is_dir():
            raise DvkError("cli.output_is_folder", path=path)
        if not path.parent.is_dir():
            raise DvkError("cli.output_no_folder", folder=path.parent)
        write_atomic(path, data)
    except OSError as err:
        raise DvkError("cli.output_failed", path=path, detail=err.strerror or type(err).__name__) from None
    return path


def has_bad_utf8(args: list[str]) -> str | None:
    """The first argument that was not valid UTF-8 (Python keeps its bytes as lone surrogates)."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return None


def crash_log(exc: BaseException) -> Path | None:
    """Keep the traceback of an unexpected error where a developer can find it; the user sees one line."""
    import traceback
    from datetime import datetime

    try:
        from platformdirs import user_log_path

        folder = Path(os.environ.get("DVK_LOG_DIR") or user_log_path("dvk"))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "crash.log"
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"--- {datetime.now().isoformat(timespec='seconds')} argv={sys.argv!r}\n")
            f.write("".join(traceback.format_exception(exc)))
        return path
    except Exception:  # the log is a courtesy; failing to write it must not hide the one-line message
        return None
