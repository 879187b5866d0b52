"""What every renderer shares: text made safe for XML-based formats, and atomic file output."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from db.text import nfc

# Characters XML 1.0 (PDF via HTML, DOCX) cannot hold; a pasted control char would break the file.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    return _INVALID.sub("", nfc(text))


def write_atomic(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, rename: a crash never leaves a
    half-written report where the old one was."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
