"""Every dvk performance figure from one command.

    /work/venv/bin/python bench/run.py [--sizes 1000,10000,100000] [--repeat 7] [--quick]
                                       [--no-taskwarrior] [--tw-max 100000] [--keep DIR]

For each size N (N documents + N tasks, bench/generate.py) it prints the median
(and min/max) in milliseconds of:

* open Store: read-only (what `dvk task list` does) and writable (lock + load + index);
* start-up to the first screen: ``tui.app.make_app`` -> ``run_test`` -> first pause
  (skipped with a note when the app cannot be imported);
* lookups: ``store.find`` by numbers present in the data, ``store.document_by_number``,
  ``store.find`` by text;
* a durable single edit: ``store.save`` of one task (serialise + temp file + fsync +
  rename + fsync dir), and the first edit of a session, which also makes the backup;
* ``store.overdue()`` in process and ``dvk task list --overdue`` as a whole subprocess
  (Python start-up included; table and --json output to /dev/null);
* ``dvk task add`` as a whole subprocess;
* Markdown and PDF export of the 2020 campaign report (the report does not grow
  with N; it is built from a store that does);
* Taskwarrior, when ``task`` is on PATH: the same tasks imported into a throwaway
  TASKDATA; ``task +OVERDUE list`` vs ``dvk task list --overdue`` and ``task add``
  vs ``dvk task add``, with the ratio dvk/task.

``--quick``: only 1 000 with 3 repeats (a smoke run well under a minute).
The machine is noisy: read the medians, not single samples.
"""
from __future__ import annotations

import argparse
import asyncio
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

from db.models import Task  # noqa: E402
from db.store import Store  # noqa: E402

DVK = [str(Path(sys.executable).with_name("dvk"))]
if not Path(DVK[0]).exists():
    DVK = [sys.executable, "-c", "from tui.cli import main; main()"]
TW_RC = ["rc.confirmation=off", "rc.hooks=off", "rc.verbose=nothing", "rc.gc=off", "rc.json.array=on"]


# --------------------------------------------------------------------------- measuring


@dataclass
class Figure:
    name: str
    samples: list[float] = field(default_factory=list)  # seconds
    note: str = ""

    @property
    def median_ms(self) -> float | None:
        return statistics.median(self.samples) * 1e3 if self.samples else None

    def cells(self) -> list[str]:
        if not self.samples:
            return [self.name, "—", "", "", "0", self.note]
        ms = [s * 1e3 for s in self.samples]
        return [self.name, _fmt(statistics.median(ms)), _fmt(min(ms)), _fmt(max(ms)), str(len(ms)), self.note]


def _fmt(ms: float) -> str:
    if ms >= 100:
        return f"{ms:,.0f}"
    if ms >= 1:
        return f"{ms:.1f}"
    return f"{ms:.3f}"


BUDGET_S = 20.0  # per figure; set by --budget


def measure(fn: Callable[[], object], repeat: int, warmup: int = 0, budget: float | None = None) -> list[float]:
    """Samples (seconds) of ``fn``: ``repeat`` of them, unless the figure's time budget
    runs out first -- then at least 3 samples, or 1 when one sample alone exceeds the
    budget (pathologically slow operations at 100 000; the table shows n)."""
    budget = BUDGET_S if budget is None else budget
    spent = 0.0
    samples: list[float] = []
    for _ in range(warmup):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        took = time.perf_counter() - t0
        spent += took
        if took > budget / 4:  # slow enough that warm-up effects do not matter: keep it
            samples.append(took)
            break
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


def run_cmd(cmd: list[str], env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} -> {done.returncode}: {done.stderr.strip()[:300]}")
    return done


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
    ratios: list[tuple[str, float | None, float | None]] = field(default_factory=list)  # (what, dvk ms, task ms)
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, samples: list[float], note: str = "") -> Figure:
        fig = Figure(name, samples, note)
        self.figures.append(fig)
        print(f"  {name}: {_fmt(fig.median_ms) if samples else '—'} ms {note}", file=sys.stderr, flush=True)
        return fig

    def get(self, name: str) -> Figure | None:
        return next((f for f in self.figures if f.name == name), None)


def bench_size(n: int, repeat: int, folder: Path, args: argparse.Namespace) -> SizeResult:
    path = folder / f"dvk-{n}.json"
    print(f"[{n:,}] generating …", file=sys.stderr, flush=True)
    gen = generate(path, n)
    res = SizeResult(n, gen)
    res.notes.append(f"data: {gen.docs:,} documents, {gen.tasks:,} tasks ({gen.overdue:,} overdue), "
                     f"{gen.models:,} models, audit log included; file {gen.mb:.1f} MB, generated in {gen.seconds:.1f} s")
    env = {**os.environ, "DVK_DB": "", "COLUMNS": "120"}

    # -- open
    res.add("open Store read-only (load + index)", measure(lambda: Store(path, readonly=True).close(), repeat))
    res.add("open Store writable (lock + load + index)", measure(lambda: Store(path).close(), repeat))

    # -- TUI start-up
    startup_figure(res, path, repeat)

    store = Store(path, readonly=True)
    try:
        # -- lookups
        # stable labels across sizes; the generated numbers differ per size and are in the note
        for label, number in (("demo", gen.lookup_numbers[0]), ("generated #1", gen.lookup_numbers[3]),
                              ("generated #2", gen.lookup_numbers[4])):
            hits = store.find(number)
            res.add(f"find(number, {label})", measure(lambda: store.find(number), repeat, warmup=1),
                    f"{number!r}: {len(hits)} hits")
        for label, number in (("demo", gen.lookup_numbers[1]), ("generated", gen.lookup_numbers[-1])):
            found = store.document_by_number(number)
            res.add(f"document_by_number({label})", measure(lambda: store.document_by_number(number), repeat, warmup=1),
                    f"{number!r}: {len(found)} found")
        for text in ("dan van kheo", "cải cách hành chính", "kiem tra"):
            hits = store.find(text)
            res.add(f"find({text!r}) by text", measure(lambda: store.find(text), repeat, warmup=1),
                    f"{len(hits)} hits (limit 50)")
        overdue = store.overdue()
        res.add("store.overdue() in process", measure(store.overdue, repeat, warmup=1), f"{len(overdue):,} tasks")
        res.add("store.due_within(7) in process", measure(lambda: store.due_within(7), repeat, warmup=1))
        # -- exports (the 2020 report is the same at every N)
        from exports.render import render

        md = render(store, 2020, None, "md")
        res.add("export Markdown (2020 report)", measure(lambda: render(store, 2020, None, "md"), repeat),
                f"{len(md):,} bytes")
        if not args.no_pdf:
            pdf_repeat = max(1, min(repeat, 3))
            pdf = render(store, 2020, None, "pdf")  # warm-up: WeasyPrint import and font loading
            res.add("export PDF (2020 report)", measure(lambda: render(store, 2020, None, "pdf"), pdf_repeat),
                    f"{len(pdf):,} bytes; first call (imports) excluded")
        tasks = store.all(Task)
    finally:
        store.close()

    # -- durable edits
    edit_figures(res, path, repeat)

    # -- CLI subprocesses
    list_cmd = DVK + ["--db", str(path), "task", "list", "--overdue"]
    res.add("CLI dvk task list --overdue (table)", measure(lambda: run_cmd(list_cmd, env), repeat, warmup=1),
            "whole process, stdout to /dev/null")
    res.add("CLI dvk task list --overdue --json", measure(lambda: run_cmd(list_cmd + ["--json"], env), repeat, warmup=1))
    res.add("CLI dvk find 4094", measure(lambda: run_cmd(DVK + ["--db", str(path), "find", "4094"], env), repeat))
    due = (date.today() + timedelta(days=10)).strftime("%d/%m/%Y")
    counter = iter(range(10**6))
    res.add("CLI dvk task add (incl. session backup)",
            measure(lambda: run_cmd(DVK + ["--db", str(path), "task", "add", f"Họp chi bộ {next(counter)}", "--due", due], env),
                    repeat),
            "lock + load + index + backup copy + durable write")

    # -- Taskwarrior
    if args.no_taskwarrior:
        res.notes.append("Taskwarrior comparison skipped (--no-taskwarrior).")
    elif not shutil.which("task"):
        res.notes.append("Taskwarrior comparison skipped: `task` is not installed.")
    elif n > args.tw_max:
        res.notes.append(f"Taskwarrior comparison skipped at {n:,} (> --tw-max {args.tw_max:,}).")
    else:
        taskwarrior_figures(res, tasks, folder / f"tw-{n}", repeat, env, due)
    return res


def startup_figure(res: SizeResult, path: Path, repeat: int) -> None:
    name = "start-up to first screen (make_app → mounted)"
    try:
        from tui.app import make_app
    except Exception as exc:  # the app is being written in parallel
        res.add(name, [], f"skipped: tui.app.make_app not available ({type(exc).__name__}: {exc})"[:160])
        return

    async def once() -> None:
        app = make_app(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()

    def timed() -> None:
        asyncio.run(once())

    try:
        res.add(name, measure(timed, max(1, min(repeat, 5)), warmup=1),
                "Store open included; first run (Textual imports) excluded unless slow")
    except Exception as exc:
        res.add(name, [], f"failed: {type(exc).__name__}: {exc}"[:160])


def edit_figures(res: SizeResult, path: Path, repeat: int) -> None:
    store = Store(path)
    try:
        ids = [t.id for t in store.all(Task)][:: max(1, len(store.all(Task)) // 50)]
        counter = iter(range(10**6))

        def edit() -> None:
            i = next(counter)
            task = replace(store.get(Task, ids[i % len(ids)]))
            task.result = f"Đã thực hiện, lần sửa {i}"
            store.save(task)

        res.add("first store.save of a session (+ backup copy)", measure(edit, 1), "1 sample: backup of the whole file")
        res.add("durable single edit store.save(task)", measure(edit, repeat),
                "serialise whole file + fsync + rename + fsync dir")
        res.add("store.set_task_status(id, 'doing')",
                measure(lambda: store.set_task_status(ids[next(counter) % len(ids)], "doing"), repeat))
    finally:
        store.close()


# --------------------------------------------------------------------------- Taskwarrior


def _tw_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    # due at the end of that local day, so "overdue" means "due date before today", as in dvk
    return datetime(d.year, d.month, d.day, 23, 59, 59).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def taskwarrior_figures(res: SizeResult, tasks: list[Task], folder: Path, repeat: int, env: dict, due_ui: str) -> None:
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
    run_cmd(["task", *TW_RC, "import", str(src)], tw_env)
    res.notes.append(f"Taskwarrior: imported {len(rows):,} tasks in {time.perf_counter() - t0:.1f} s "
                     f"(TASKRC=/dev/null, {' '.join(TW_RC[:4])})")
    count = subprocess.run(["task", *TW_RC, "+OVERDUE", "count"], env=tw_env, capture_output=True, text=True).stdout.strip()
    tw_list = res.add("Taskwarrior task +OVERDUE list", measure(lambda: run_cmd(["task", *TW_RC, "+OVERDUE", "list"], tw_env),
                                                                repeat, warmup=1), f"{count} tasks")
    tw_export = res.add("Taskwarrior task +OVERDUE export (JSON)",
                        measure(lambda: run_cmd(["task", *TW_RC, "+OVERDUE", "export"], tw_env), repeat, warmup=1))
    due_tw = date.today() + timedelta(days=10)
    counter = iter(range(10**6))
    tw_add = res.add("Taskwarrior task add", measure(
        lambda: run_cmd(["task", *TW_RC, "add", f"Họp chi bộ {next(counter)}", f"due:{due_tw.isoformat()}"], tw_env),
        repeat), "appends to pending.data, no fsync")
    for what, dvk_name, tw_fig in (
        ("list overdue (table)", "CLI dvk task list --overdue (table)", tw_list),
        ("list overdue (JSON)", "CLI dvk task list --overdue --json", tw_export),
        ("add one task", "CLI dvk task add (incl. session backup)", tw_add),
    ):
        mine = res.get(dvk_name)
        res.ratios.append((what, mine.median_ms if mine else None, tw_fig.median_ms))


# --------------------------------------------------------------------------- report


def report(results: list[SizeResult], repeat: int) -> None:
    header = ["figure", "median ms", "min", "max", "n", "note"]
    for res in results:
        print_table(f"=== {res.n:,} documents + {res.n:,} tasks (median of up to {repeat} samples; n = samples taken) ===",
                    [f.cells() for f in res.figures], header, left=(0, 5))
        for note in res.notes:
            print(f"  * {note}")
        if res.ratios:
            rows = [[what, _fmt(d) if d else "—", _fmt(t) if t else "—", f"{d / t:.1f}×" if d and t else "—"]
                    for what, d, t in res.ratios]
            print_table(f"--- dvk vs Taskwarrior at {res.n:,} (whole subprocesses, medians) ---", rows,
                        ["command", "dvk ms", "task ms", "dvk/task"])

    names = []
    for res in results:
        names += [f.name for f in res.figures if f.name not in names]
    rows = []
    for name in names:
        row = [name]
        for res in results:
            fig = res.get(name)
            row.append(_fmt(fig.median_ms) if fig and fig.samples else "—")
        rows.append(row)
    rows.append(["data file MB"] + [f"{r.gen.mb:.1f}" for r in results])
    for what in ("list overdue (table)", "list overdue (JSON)", "add one task"):
        row = [f"dvk/task ratio: {what}"]
        for res in results:
            r = next((x for x in res.ratios if x[0] == what), None)
            row.append(f"{r[1] / r[2]:.1f}×" if r and r[1] and r[2] else "—")
        rows.append(row)
    print_table("=== summary: median ms by size ===", rows, ["figure", *[f"{r.n:,}" for r in results]])
    # growth of the main figures, to spot anything worse than linear
    if len(results) > 1:
        print("\nscaling (median ratio between consecutive sizes; ~10× per 10× N is linear):")
        for name in ("open Store read-only (load + index)", "durable single edit store.save(task)",
                     "store.overdue() in process", "find('dan van kheo') by text", "CLI dvk task add (incl. session backup)"):
            meds = [(r.n, r.get(name).median_ms if r.get(name) else None) for r in results]
            steps = [f"{a[0]:,}→{b[0]:,}: {b[1] / a[1]:.1f}×" for a, b in zip(meds, meds[1:]) if a[1] and b[1]]
            print(f"  {name}: " + ", ".join(steps))


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
    print(f"dvk bench: sizes {', '.join(f'{n:,}' for n in sizes)}; {repeat} repeats; python {sys.version.split()[0]}; "
          f"{os.cpu_count()} CPUs; today {date.today().isoformat()}; task: {shutil.which('task') or 'not installed'}")
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
    print(f"\ntotal bench time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
