"""How long the TUI takes to answer, key to frame, on one data file.

    python bench/tui_actions.py DATA.json [--repeat 5] [--size 140x45] [--start-only]

Run by bench/run.py, one session per process (so the file's first read and the
peak memory are this session's own; Textual's imports are done before the clock
starts); prints one JSON object: figure name -> samples in seconds, and the peak
memory (max RSS) in MB. `--start-only`: the start figures, no actions.

Each action is timed from the moment its key is posted to the app until the
first frame painted after the screen shows the result ("key to frame"): the
app's `_display` is wrapped to note when a frame is painted (headless: the frame
is composed, not written). Figures (issue 8 goals at 100 000 + 100 000: every
action under 100 ms, first paint under 3 s):

* first paint: `make_app` (opens the Store) to the first frame;
* dashboard figures, ready: the worker threads that read the tables, then build
  the sorted views and the search index while the first screen is on;
* open a section: the first visit of Văn bản / Nhiệm vụ / Mô hình, then 2 ↔ 3;
* one search keystroke: the last letter of a query typed in Văn bản, until the
  first hits are on screen, and until every hit is counted;
* sort 100 000 rows by a column (the summary, accents ignored);
* save an edit: `x` on a task (one journal line, fsync'd) until its row shows the
  new status; and until the list is in order again (computed in a worker);
* undo (Ctrl+Z) until the list shows the change undone.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DVK_CONFIG_DIR", tempfile.mkdtemp(prefix="dvk-bench-config-"))

from textual import events  # noqa: E402
from textual.keys import _character_to_key  # noqa: E402

from tui.app import make_app  # noqa: E402

QUERIES = ("cai cach", "dan van kheo", "kiem tra", "4094/KH-UBND", "ke hoach")
TIMEOUT = 120.0


class Clock:
    """Key to frame: posts keys, waits for a condition, then for the frame that shows it."""

    def __init__(self, app) -> None:
        self.app = app
        self.frames: list[float] = []
        real = app._display

        def display(screen, renderable):  # noqa: ANN001 - Textual's signature
            if renderable is not None:
                self.frames.append(time.perf_counter())
            return real(screen, renderable)

        app._display = display

    async def until(self, ready, timeout: float = TIMEOUT) -> float:
        start = time.perf_counter()
        while not ready():
            if time.perf_counter() - start > timeout:
                raise TimeoutError("the TUI did not answer")
            await asyncio.sleep(0.001)
        return time.perf_counter()

    async def frame_after(self, moment: float) -> float:
        start = time.perf_counter()
        while not self.frames or self.frames[-1] < moment:
            if time.perf_counter() - start > 2:
                return moment  # nothing left to paint: the frame was the one before
            await asyncio.sleep(0.001)
        return self.frames[-1]

    def post(self, *keys: str) -> float:
        start = time.perf_counter()
        for key in keys:
            name = key if len(key) > 1 else _character_to_key(key)
            self.app.post_message(events.Key(name, key if len(key) == 1 else None))
        return start

    async def timed(self, keys: tuple[str, ...], ready) -> float:
        start = self.post(*keys)
        done = await self.until(ready)
        return await self.frame_after(done) - start


def peak_mb() -> float:
    """This process's own peak memory. Not ru_maxrss: Linux counts in it the pages of the parent
    that forked this process before exec (bench/run.py holds a whole generated data set: +500 MB)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def idle(screen) -> bool:
    return bool(getattr(screen, "loaded", False))


async def measure(path: Path, repeat: int, size: tuple[int, int], start_only: bool) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        out.setdefault(name, []).append(value)

    for _session in range(1):
        start = time.perf_counter()
        app = make_app(path)
        clock = Clock(app)
        async with app.run_test(size=size) as pilot:
            await clock.until(lambda: bool(clock.frames))
            add("first paint", clock.frames[0] - start)
            dash = app.screen
            figures = await clock.until(lambda: "(" in str(dash.query_one("#overdue").border_title or ""))
            add("dashboard figures", await clock.frame_after(figures) - start)
            add("ready", await clock.until(lambda: app.ready) - start)
            if start_only:
                continue
            for key, mode in (("2", "documents"), ("3", "tasks"), ("4", "models")):
                add("open a section, first visit", await clock.timed(
                    (key,), lambda: app.current_mode == mode and idle(app.screen)))
            for _ in range(repeat):
                for key, mode in (("2", "documents"), ("3", "tasks")):
                    add("open a section", await clock.timed((key,), lambda: app.current_mode == mode))
            await clock.timed(("2",), lambda: app.current_mode == "documents")
            docs = app.screen
            await pilot.press("slash")
            for query in QUERIES:
                await pilot.press("ctrl+a", "ctrl+k")
                for char in query[:-1]:
                    clock.post(char)
                try:
                    await clock.until(lambda: idle(docs) and docs.query_text == query[:-1].strip(), 20)
                except TimeoutError:
                    print(repr(docs.query_text), docs._pending, docs._timer, docs._shown, app.focused, file=sys.stderr)
                    raise
                await pilot.pause(0.3)
                before = docs.table.keys
                start = clock.post(query[-1])
                first = await clock.until(lambda: docs.table.keys is not before and docs.query_text == query)
                add("one search keystroke, first hits", await clock.frame_after(first) - start)
                every = await clock.until(lambda: idle(docs))
                add("one search keystroke, every hit", await clock.frame_after(every) - start)
            await pilot.press("ctrl+a", "ctrl+k", "escape")
            await clock.until(lambda: idle(docs))
            for column in ("summary", "summary", "date"):
                start = time.perf_counter()
                docs.sort_by(column)
                add("sort every document by a column", await clock.frame_after(await clock.until(lambda: idle(docs)))
                    - start)
            await clock.timed(("3",), lambda: app.current_mode == "tasks")
            tasks = app.screen
            await clock.until(lambda: idle(tasks))
            for _ in range(repeat):
                task = tasks.current()
                status = task.status

                def shows_new_status() -> bool:
                    # a task marked done moves to the end of the list and the cursor follows it
                    now = tasks.table.cursor_row
                    return (not app.workers_in("write") and tasks.table.row_count > now
                            and tasks.current().id == task.id
                            and str(tasks.table.get_row_at(now)[1]) != app.t("status." + status))

                start = clock.post("x")
                shown = await clock.until(shows_new_status)
                add("save an edit (x), row updated", await clock.frame_after(shown) - start)
                add("save an edit (x), list in order", await clock.frame_after(await clock.until(
                    lambda: idle(tasks))) - start)
                await pilot.press("j")
            for _ in range(min(repeat, 3)):
                version = app.data_version
                add("undo (ctrl+z)", await clock.timed(("ctrl+z",), lambda: app.data_version > version
                                                       and not app.workers_in("write") and idle(tasks)))
    out["peak_mb"] = [peak_mb()]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--size", default="140x45")
    ap.add_argument("--start-only", action="store_true")
    args = ap.parse_args()
    width, height = (int(x) for x in args.size.split("x"))
    print(json.dumps(asyncio.run(measure(args.path, args.repeat, (width, height), args.start_only))))


if __name__ == "__main__":
    main()
