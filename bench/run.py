"""Every dvk storage and speed figure from one command.

    python bench/run.py [--sizes 1000,10000,100000] [--repeat 7] [--quick]
                        [--no-taskwarrior] [--tw-max 100000] [--no-pdf] [--keep DIR]

For each size N (N documents + N tasks, bench/generate.py) it prints the median
(and min/max) in milliseconds, and the peak memory of every whole-process command:

* the table of issue 8: ``dvk task list --overdue --json`` and ``dvk task add`` as whole
  processes next to Taskwarrior 2.6 doing the same on the same tasks (imported into a
  throwaway TASKDATA: ``task +OVERDUE export``, ``task add``) and the dvk/Taskwarrior
  ratio from this run; a durable single edit in process (``store.save``: one journal
  line + fdatasync); opening the Store; TUI start-up to the first screen;
* the TUI, key to frame (bench/tui_actions.py, one session per process): first paint,
  opening a section, one search keystroke, sorting, saving an edit, undo;
* the data file per record (snapshot, journal, undo log) and the peak memory (max RSS);
* more detail: the first read of the tasks, the first search (builds the index), later
  searches and lookups, a compaction, printing a table of N tasks to a pipe, exports.

Goals (issue 8) at 100 000 + 100 000: list and add faster than Taskwarrior in the same
run, durable edit <= 10 ms; open <= 250 ms at 10 000; TUI first paint < 3 s and opening
a section, a search keystroke, saving an edit < 100 ms. They are checked at the end.

``--quick``: only 1 000 with 3 repeats (a smoke run well under a minute).
The machine is noisy: read the medians, not single samples.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from generate import Generated, generate  # noqa: E402

from db.models import Document, Task  # noqa: E402
from db.store import Store  # noqa: E402

DVK = [str(Path(sys.executable).with_name("dvk"))]
if not Path(DVK[0]).exists():
    DVK = [sys.executable, "-c", "from tui.cli import main; main()"]
TW_RC = ["rc.confirmation=off", "rc.hooks=off", "rc.verbose=nothing", "rc.gc=off", "rc.json.array=on"]

LIST_JSON = "CLI dvk task list --overdue --json"
ADD = "CLI dvk task add"
EDIT = "durable single edit store.save(task)"
OPEN = "open Store read-only (read, verify, replay)"
TUI = "TUI start to first screen (make_app → first frame)"
TUI_DASH = "TUI dashboard figures on screen"
TUI_READY = "TUI warmed up (tables, sorted views, index)"
TUI_FIRST_VISIT = "TUI open a section, first visit"
TUI_OPEN = "TUI open a section"
TUI_SEARCH = "TUI one search keystroke (first hits)"
TUI_SEARCH_ALL = "TUI one search keystroke (every hit)"
TUI_SORT = "TUI sort every document by a column"
TUI_EDIT = "TUI save an edit (row updated)"
TUI_EDIT_ORDER = "TUI save an edit (list in order)"
TUI_UNDO = "TUI undo"
TUI_INTERACTIVE = (TUI_OPEN, TUI_SEARCH, TUI_EDIT)  # issue 8: each under 100 ms at 100 000
TW_LIST = "Taskwarrior task +OVERDUE export (JSON)"
TW_ADD = "Taskwarrior task add"


# --------------------------------------------------------------------------- measuring


@dataclass
class Figure:
    name: str
    samples: list[float] = field(default_factory=list)  # seconds
    note: str = ""
    peak_mb: float | None = None  # max RSS of the measured subprocesses

    @property
    def median_ms(self) -> float | None:
        return statistics.median(self.samples) * 1e3 if self.samples else None

    def cells(self) -> list[str]:
        peak = f"{self.peak_mb:,.0f}" if self.peak_mb else ""
        if not self.samples:
            return [self.name, "—", "", "", "0", peak, self.note]
        ms = [s * 1e3 for s in self.samples]
        return [self.name, _fmt(statistics.median(ms)), _fmt(min(ms)), _fmt(max(ms)), str(len(ms)), peak, self.note]


def _fmt(ms: float) -> str:
    if ms >= 100:
        return f"{ms:,.0f}"
    if ms >= 1:
        return f"{ms:.1f}"
    return f"{ms:.3f}"


BUDGET_S = 20.0  # per figure; set by --budget


def measure(fn: Callable[[], object], repeat: int, warmup: int = 0, budget: float | None = None) -> list[float]:
    """Samples (seconds) of ``fn``: ``repeat`` of them, unless the figure's time budget
    runs out first -- then at least 3 samples, or 1 when one sample alone exceeds it."""
    budget = BUDGET_S if budget is None else budget
    spent = 0.0
    samples: list[float] = []
    for _ in range(warmup):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        spent += time.perf_counter() - t0
    while len(samples) < repeat:
        if spent > budget and (len(samples) >= 3 or (samples and samples[0] > budget)):
            break
        gc.collect()
        t0 = time.perf_counter()
        fn()
        took = time.perf_counter() - t0
        spent += took
        samples.append(took)
    return samples


TIME = shutil.which("time", path="/usr/bin:/bin")  # GNU time: the child's own peak memory


class Proc:
    """Whole-process runs: wall time measured by the caller, peak memory (max RSS) kept here.

    The peak comes from GNU time, not from our own wait4(): Linux counts the pages a
    forked child shares with this (large) bench process in the child's maximum RSS."""

    def __init__(self) -> None:
        self.peak_kb = 0

    def run(self, cmd: list[str], env: dict | None = None, check: bool = True) -> int:
        with tempfile.NamedTemporaryFile(suffix=".rss") as rss, tempfile.TemporaryFile() as err:
            full = [TIME, "-f", "%M", "-o", rss.name, *cmd] if TIME else cmd
            done = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=err, env=env)
            if check and done.returncode != 0:
                err.seek(0)
                raise RuntimeError(f"{' '.join(cmd)} -> {done.returncode}: {err.read().decode()[-300:]}")
            if TIME:
                text = Path(rss.name).read_text().strip().splitlines()
                if text and text[-1].isdigit():
                    self.peak_kb = max(self.peak_kb, int(text[-1]))
            return done.returncode


def print_table(title: str, rows: list[list[str]], header: list[str], left: tuple[int, ...] = (0,)) -> None:
    """Plain aligned text: ``left`` columns left-aligned, the others right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i in left else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    print(f"\n{title}")
    print(line(header))
    print("-" * len(line(header)))
    for r in rows:
        print(line(r))


# --------------------------------------------------------------------------- one size


@dataclass
class SizeResult:
    n: int
    gen: Generated
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)  # file -> bytes
    records: int = 0

    def add(self, name: str, samples: list[float], note: str = "", peak_kb: int | None = None) -> Figure:
        fig = Figure(name, samples, note, peak_kb / 1024 if peak_kb else None)
        self.figures.append(fig)
        peak = f", peak {fig.peak_mb:,.0f} MB" if fig.peak_mb else ""
        print(f"  {name}: {_fmt(fig.median_ms) if samples else '—'} ms{peak} {note}", file=sys.stderr, flush=True)
        return fig

    def get(self, name: str) -> Figure | None:
        return next((f for f in self.figures if f.name == name), None)

    def ms(self, name: str) -> float | None:
        fig = self.get(name)
        return fig.median_ms if fig else None


def bench_size(n: int, repeat: int, folder: Path, args: argparse.Namespace) -> SizeResult:
    path = folder / f"dvk-{n}.json"
    print(f"[{n:,}] generating …", file=sys.stderr, flush=True)
    gen = generate(path, n)
    res = SizeResult(n, gen)
    res.records = gen.docs + gen.tasks + gen.models
    for suffix in ("", ".journal", ".audit"):
        target = path.with_name(path.name + suffix)
        res.sizes[suffix or ".json"] = target.stat().st_size if target.exists() else 0
    res.notes.append(f"data: {gen.docs:,} documents, {gen.tasks:,} tasks ({gen.overdue:,} overdue), "
                     f"{gen.models:,} models; generated in {gen.seconds:.1f} s")
    env = {**os.environ, "DVK_DB": "", "COLUMNS": "120"}

    # -- open, in process
    res.add(OPEN, measure(lambda: Store(path, readonly=True).close(), repeat, warmup=1),
            "tables are parsed when first read")

    def open_and(what: Callable[[Store], object]) -> Callable[[], None]:
        def run() -> None:
            store = Store(path, readonly=True)
            what(store)
            store.close()
        return run

    res.add("open + all tasks (parse, check, build)", measure(open_and(lambda s: s.tasks()), repeat, warmup=1))
    res.add("open + first search (builds the index)",
            measure(open_and(lambda s: s.find("dan van kheo")), max(1, min(repeat, 3))))

    store = Store(path, readonly=True)
    try:
        for label, number in (("demo", gen.lookup_numbers[0]), ("generated", gen.lookup_numbers[3])):
            hits = store.find(number)
            res.add(f"find(number, {label})", measure(lambda: store.find(number), repeat, warmup=1),
                    f"{number!r}: {len(hits)} hits")
        found = store.document_by_number(gen.lookup_numbers[-1])
        res.add("document_by_number", measure(lambda: store.document_by_number(gen.lookup_numbers[-1]), repeat,
                                              warmup=1), f"{len(found)} found")
        for text in ("dan van kheo", "cải cách hành chính", "kiem tra"):
            hits = store.find(text)
            res.add(f"find({text!r})", measure(lambda: store.find(text), repeat, warmup=1), f"{len(hits)} hits (limit 50)")
        overdue = store.overdue()
        res.add("store.overdue() in process", measure(store.overdue, repeat, warmup=1), f"{len(overdue):,} tasks")
        res.add("store.tasks() sorted view", measure(store.tasks, repeat, warmup=1))
        from exports.render import render

        md = render(store, 2020, None, "md")
        res.add("export Markdown (2020 report)", measure(lambda: render(store, 2020, None, "md"), repeat),
                f"{len(md):,} bytes")
        if not args.no_pdf:
            pdf = render(store, 2020, None, "pdf")  # warm-up: WeasyPrint import and font loading
            res.add("export PDF (2020 report)", measure(lambda: render(store, 2020, None, "pdf"), max(1, min(repeat, 3))),
                    f"{len(pdf):,} bytes; first call (imports) excluded")
        tasks = store.all(Task)
    finally:
        store.close()

    edit_figures(res, path, repeat)
    tui_figures(res, path, repeat)

    # -- whole processes
    proc = Proc()
    list_cmd = DVK + ["--db", str(path), "task", "list", "--overdue"]
    res.add(LIST_JSON, measure(lambda: proc.run(list_cmd + ["--json"], env), repeat, warmup=1),
            "whole process", proc.peak_kb)
    proc = Proc()
    res.add("CLI dvk task list --overdue (table)", measure(lambda: proc.run(list_cmd, env), repeat, warmup=1),
            "whole process, stdout to /dev/null", proc.peak_kb)
    proc = Proc()
    table_rows = sum(1 for t in tasks if t.status in ("todo", "doing"))
    res.add("CLI dvk task list (table to a pipe)",
            measure(lambda: proc.run(DVK + ["--db", str(path), "task", "list"], env), repeat, warmup=1),
            f"{table_rows:,} rows printed", proc.peak_kb)
    proc = Proc()
    res.add("CLI dvk find 4094", measure(lambda: proc.run(DVK + ["--db", str(path), "find", "4094"], env), repeat),
            "builds the index", proc.peak_kb)
    proc = Proc()
    res.add("CLI dvk paths", measure(lambda: proc.run(DVK + ["--db", str(path), "paths"], env), repeat, warmup=1),
            "start-up and imports only", proc.peak_kb)
    due = (date.today() + timedelta(days=10)).strftime("%d/%m/%Y")
    counter = iter(range(10**6))
    proc = Proc()
    res.add(ADD, measure(lambda: proc.run(DVK + ["--db", str(path), "task", "add", f"Họp chi bộ {next(counter)}",
                                                 "--due", due], env), repeat),
            "lock + read + one journal line + fdatasync", proc.peak_kb)
    journal = path.with_name(path.name + ".journal")
    res.sizes[".journal after"] = journal.stat().st_size if journal.exists() else 0

    if args.no_taskwarrior:
        res.notes.append("Taskwarrior comparison skipped (--no-taskwarrior).")
    elif not shutil.which("task"):
        res.notes.append("Taskwarrior comparison skipped: `task` is not installed.")
    elif n > args.tw_max:
        res.notes.append(f"Taskwarrior comparison skipped at {n:,} (> --tw-max {args.tw_max:,}).")
    else:
        taskwarrior_figures(res, tasks, folder / f"tw-{n}", repeat, env)
    return res


TUI_ACTIONS = [  # (figure, key in bench/tui_actions.py's output, note)
    (TUI_DASH, "dashboard figures", "worker threads; the screen is on meanwhile (loading indicator)"),
    (TUI_READY, "ready", "tables, sorted views and search index built in a worker after the figures"),
    (TUI_FIRST_VISIT, "open a section, first visit", "Văn bản, Nhiệm vụ, Mô hình once each: the screen is built"),
    (TUI_OPEN, "open a section", "2 ↔ 3, key to frame"),
    (TUI_SEARCH, "one search keystroke, first hits", "last letter of 5 queries in Văn bản, key to frame"),
    (TUI_SEARCH_ALL, "one search keystroke, every hit", "the full, counted list (worker)"),
    (TUI_SORT, "sort every document by a column", "summary (accents ignored), twice, then date"),
    (TUI_EDIT, "save an edit (x), row updated", "x on a task: journal line + fsync in a worker, row redrawn"),
    (TUI_EDIT_ORDER, "save an edit (x), list in order", "the list recomputed in a worker"),
    (TUI_UNDO, "undo (ctrl+z)", "until the list shows it"),
]


def tui_figures(res: SizeResult, path: Path, repeat: int) -> None:
    """The TUI, key to frame, from bench/tui_actions.py: one session per process (its own first
    read and peak memory). The first process times every action; the others the start only."""
    script = REPO / "bench" / "tui_actions.py"
    sessions = max(1, min(repeat, 3))
    samples: dict[str, list[float]] = {}
    peak = 0.0
    for session in range(sessions):
        cmd = [sys.executable, str(script), str(path), "--repeat", str(max(3, min(repeat, 5)))]
        if session:
            cmd.append("--start-only")
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            res.add(TUI, [], f"failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}"
                    [:160])
            return
        for name, values in json.loads(done.stdout.strip().splitlines()[-1]).items():
            if name == "peak_mb":
                peak = max(peak, values[0])
            else:
                samples.setdefault(name, []).extend(values)
    res.add(TUI, samples.get("first paint", []), f"{sessions} fresh processes; Store open included, Textual's "
            "imports excluded", int(peak * 1024))
    for figure, key, note in TUI_ACTIONS:
        res.add(figure, samples.get(key, []), note)


def edit_figures(res: SizeResult, path: Path, repeat: int) -> None:
    store = Store(path)
    try:
        every = store.all(Task)
        ids = [t.id for t in every][:: max(1, len(every) // 50)]
        counter = iter(range(10**6))

        def edit() -> None:
            i = next(counter)
            task = replace(store.get(Task, ids[i % len(ids)]))
            task.result = f"Đã thực hiện, lần sửa {i}"
            store.save(task)

        res.add(EDIT, measure(edit, max(repeat, 15), warmup=2), "one journal line + fdatasync")
        res.add("store.set_task_status(id, 'doing')",
                measure(lambda: store.set_task_status(ids[next(counter) % len(ids)], "doing"), repeat))
        res.add("store.add(Document)", measure(lambda: store.add(Document(
            number=f"{next(counter) + 900000}/KH-BENCH", date="2026-01-02", summary="Kế hoạch thử")), repeat))
        res.add("store.undo()", measure(store.undo, repeat))
        res.add("compaction (store.compact)", measure(store.compact, max(1, min(repeat, 3))),
                "new snapshot + empty journal (+ backup when due)")
    finally:
        store.close(compact=False)


# --------------------------------------------------------------------------- Taskwarrior


def _tw_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    # due at the end of that local day, so "overdue" means "due date before today", as in dvk
    return datetime(d.year, d.month, d.day, 23, 59, 59).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def taskwarrior_figures(res: SizeResult, tasks: list[Task], folder: Path, repeat: int, env: dict) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    entry = _tw_date(date.today().isoformat())
    rows = []
    for t in tasks:
        row = {"uuid": str(uuid.UUID(int=t.id + (1 << 64))), "description": t.title, "entry": entry,
               "status": {"done": "completed", "cancelled": "deleted"}.get(t.status, "pending")}
        if t.due:
            row["due"] = _tw_date(t.due)
        if row["status"] != "pending":
            row["end"] = _tw_date(t.done_on or t.due or date.today().isoformat())
        if t.assignee:
            row["project"] = "dvk"
        rows.append(row)
    src = folder / "import.json"
    src.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    tw_env = {**env, "TASKDATA": str(folder / "data"), "TASKRC": "/dev/null"}
    (folder / "data").mkdir()
    t0 = time.perf_counter()
    Proc().run(["task", *TW_RC, "import", str(src)], tw_env)
    res.notes.append(f"Taskwarrior: imported {len(rows):,} tasks in {time.perf_counter() - t0:.1f} s "
                     f"(TASKRC=/dev/null, {' '.join(TW_RC[:4])})")
    count = subprocess.run(["task", *TW_RC, "+OVERDUE", "count"], env=tw_env, capture_output=True, text=True).stdout.strip()
    proc = Proc()
    res.add(TW_LIST, measure(lambda: proc.run(["task", *TW_RC, "+OVERDUE", "export"], tw_env), repeat, warmup=1),
            f"{count} tasks", proc.peak_kb)
    proc = Proc()
    res.add("Taskwarrior task +OVERDUE list", measure(lambda: proc.run(["task", *TW_RC, "+OVERDUE", "list"], tw_env),
                                                      repeat, warmup=1), "", proc.peak_kb)
    due_tw = date.today() + timedelta(days=10)
    counter = iter(range(10**6))
    proc = Proc()
    res.add(TW_ADD, measure(lambda: proc.run(["task", *TW_RC, "add", f"Họp chi bộ {next(counter)}",
                                              f"due:{due_tw.isoformat()}"], tw_env), repeat),
            "appends to pending.data, no fsync", proc.peak_kb)


# --------------------------------------------------------------------------- report


def _ratio(res: SizeResult, mine: str, theirs: str) -> str:
    a, b = res.ms(mine), res.ms(theirs)
    return f"{a / b:.2f}×" if a and b else "—"


def report(results: list[SizeResult], repeat: int) -> None:
    header = ["figure", "median ms", "min", "max", "n", "peak MB", "note"]
    for res in results:
        print_table(f"=== {res.n:,} documents + {res.n:,} tasks (median of up to {repeat} samples) ===",
                    [f.cells() for f in res.figures], header, left=(0, 6))
        for note in res.notes:
            print(f"  * {note}")

    sizes = [f"{r.n:,}" for r in results]
    rows = []
    for name, theirs in ((LIST_JSON, TW_LIST), (ADD, TW_ADD)):
        rows.append([name + " (whole process)"] + [_fmt(r.ms(name)) if r.ms(name) else "—" for r in results])
        rows.append([f"  {theirs}"] + [_fmt(r.ms(theirs)) if r.ms(theirs) else "—" for r in results])
        rows.append(["  dvk/Taskwarrior"] + [_ratio(r, name, theirs) for r in results])
    for name in (EDIT, OPEN, "open + all tasks (parse, check, build)", TUI, TUI_DASH, TUI_READY, TUI_FIRST_VISIT,
                 TUI_OPEN, TUI_SEARCH, TUI_SEARCH_ALL, TUI_SORT, TUI_EDIT, TUI_EDIT_ORDER, TUI_UNDO,
                 "CLI dvk task list (table to a pipe)", "compaction (store.compact)"):
        rows.append([name] + [_fmt(r.ms(name)) if r.ms(name) else "—" for r in results])
    rows.append(["snapshot bytes per record"] + [f"{r.sizes['.json'] / max(r.records, 1):,.0f}" for r in results])
    rows.append(["undo log bytes per record"] + [f"{r.sizes['.audit'] / max(r.records, 1):,.0f}" for r in results])
    rows.append(["data file (snapshot) MB"] + [f"{r.sizes['.json'] / 1e6:.1f}" for r in results])
    for name in (LIST_JSON, ADD, "CLI dvk task list (table to a pipe)", "CLI dvk find 4094", "CLI dvk paths",
                 TUI, TW_LIST, TW_ADD):
        rows.append([f"peak memory MB: {name.replace('CLI ', '')}"] +
                    [f"{r.get(name).peak_mb:,.0f}" if r.get(name) and r.get(name).peak_mb else "—" for r in results])
    print_table("=== issue 8: medians (ms) of the same run ===", rows, ["figure", *sizes])

    print("\ngoals (issue 8):")
    by_n = {r.n: r for r in results}
    big = by_n.get(100_000)
    if big:
        for name, theirs in ((LIST_JSON, TW_LIST), (ADD, TW_ADD)):
            a, b = big.ms(name), big.ms(theirs)
            if a and b:
                print(f"  100k {name}: {_fmt(a)} ms vs Taskwarrior {_fmt(b)} ms -> {'MET' if a < b else 'NOT MET'}")
        edit = big.ms(EDIT)
        if edit:
            print(f"  100k durable edit: {_fmt(edit)} ms (goal <= 10 ms) -> {'MET' if edit <= 10 else 'NOT MET'}")
        first = big.ms(TUI)
        if first:
            print(f"  100k TUI first paint: {_fmt(first)} ms (goal < 3 s) -> {'MET' if first < 3000 else 'NOT MET'}")
        for name in TUI_INTERACTIVE:
            took = big.ms(name)
            if took:
                print(f"  100k {name}: {_fmt(took)} ms (goal < 100 ms) -> {'MET' if took < 100 else 'NOT MET'}")
        peaks = [f.peak_mb for f in big.figures if f.peak_mb and not f.name.startswith(("Taskwarrior", "TUI"))]
        if peaks:
            print(f"  100k peak memory of any dvk command: {max(peaks):,.0f} MB (goal < 600 MB) -> "
                  f"{'MET' if max(peaks) < 600 else 'NOT MET'}")
    mid = by_n.get(10_000)
    if mid and mid.ms(OPEN):
        print(f"  10k open Store: {_fmt(mid.ms(OPEN))} ms (goal <= 250 ms) -> {'MET' if mid.ms(OPEN) <= 250 else 'NOT MET'}")
        tasks_ms = mid.ms("open + all tasks (parse, check, build)")
        if tasks_ms:
            print(f"  10k open + all tasks built: {_fmt(tasks_ms)} ms")


def compile_sources() -> str:
    """Byte-compile dvk's own modules, as `pip install` does and as any second run finds them.
    Without it a machine with PYTHONDONTWRITEBYTECODE (some containers and CI images) compiles
    every module at every start, and each whole-process figure carries ~70 ms no user pays."""
    import compileall

    ok = all(compileall.compile_dir(str(REPO / package), quiet=1) for package in ("db", "exports", "tui"))
    return "modules byte-compiled" if ok else "byte-compiling failed: figures include compiling"


def main() -> None:
    global BUDGET_S
    ap = argparse.ArgumentParser(description="dvk benchmarks: one command, every figure (medians).")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--quick", action="store_true", help="1 000 only, 3 repeats")
    ap.add_argument("--no-taskwarrior", action="store_true")
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--tw-max", type=int, default=100_000, help="largest size for the Taskwarrior comparison")
    ap.add_argument("--budget", type=float, default=BUDGET_S,
                    help="seconds per figure before repeats are cut (>= 3 samples, or 1 if one sample exceeds it)")
    ap.add_argument("--keep", type=Path, help="keep the generated data files in this folder")
    args = ap.parse_args()
    BUDGET_S = args.budget
    sizes = [1000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    repeat = 3 if args.quick else args.repeat
    started = time.perf_counter()
    compiled = compile_sources()
    print(f"dvk bench: sizes {', '.join(f'{n:,}' for n in sizes)}; {repeat} repeats; python {sys.version.split()[0]}; "
          f"{os.cpu_count()} CPUs; load {os.getloadavg()[0]:.1f}; today {date.today().isoformat()}; "
          f"task: {shutil.which('task') or 'not installed'}; {compiled}")
    tmp = None
    if args.keep:
        folder = args.keep
        folder.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="dvk-bench-")
        folder = Path(tmp.name)
    try:
        results = [bench_size(n, repeat, folder, args) for n in sizes]
    finally:
        if tmp:
            tmp.cleanup()
    report(results, repeat)
    print(f"\ntotal bench time {time.perf_counter() - started:.0f} s; load at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
