"""Open an attached file with the system viewer (xdg-open, open, or Windows' own association).

The viewer is started detached: dvk (the CLI or the TUI) never waits for it and
never reads the file itself.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from db.errors import DvkError


def viewer_command(path: str, platform: str | None = None) -> list[str] | None:
    """The command that opens `path` on this platform; None on Windows (os.startfile does it)."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return None
    if platform == "darwin":
        return ["open", path]
    return ["xdg-open", path]


def open_file(path: str) -> None:
    """Open `path` in the viewer the desktop associates with it; DvkError when it cannot."""
    if not Path(path).is_file():
        raise DvkError("attach.gone", path=path)
    command = viewer_command(path)
    if command is None:
        os.startfile(path)  # type: ignore[attr-defined]  # Windows only
        return
    if shutil.which(command[0]) is None:
        raise DvkError("attach.no_viewer", program=command[0], path=path)
    try:
        subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True, close_fds=True)
    except OSError:
        raise DvkError("attach.no_viewer", program=command[0], path=path) from None
