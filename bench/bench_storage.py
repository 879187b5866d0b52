"""The storage layer alone: one durable edit, a compaction, a TinyDB write, by file size.

Run: python bench/bench_storage.py

A Store edit appends one journal line and fsyncs it, so its cost does not grow with
the data; a compaction (and a write through TinyDB's generic ``write()``, which folds
everything into a new snapshot) rewrites the whole file and does.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.models import Task  # noqa: E402
from db.storage import open_tinydb  # noqa: E402
from db.store import Store  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
RUNS = 15


def build(path: Path, n: int) -> None:
    with open_tinydb(path, backups=0) as db:
        with db.storage.batch():  # one snapshot for the whole fixture
            db.table("tasks").insert_multiple({"title": f"Nhiệm vụ số {i}", "due": "2026-07-10", "status": "todo",
                                               "assignee": "Văn phòng"} for i in range(n))


def median_ms(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1e3


def bench_one(n: int, folder: Path) -> list[str]:
    path = folder / f"bench-{n}.json"
    build(path, n)
    t0 = time.perf_counter()
    store = Store(path)
    open_ms = (time.perf_counter() - t0) * 1e3
    counter = iter(range(10**6))

    def edit() -> None:
        i = next(counter)
        store.save(replace(store.get(Task, 1 + (i * 7919) % n), result=f"lần {i}"))

    edit()
    edit_ms = median_ms(edit, RUNS)
    compact_ms = median_ms(store.compact, 3)
    store.close(compact=False)
    db = open_tinydb(path, backups=0)
    table = db.table("tasks")
    tinydb_ms = median_ms(lambda: table.update({"status": "doing"}, doc_ids=[n // 2]), 3)
    db.close()
    return [f"{n:,}", f"{path.stat().st_size / 1e6:.2f}", f"{open_ms:.1f}", f"{edit_ms:.2f}", f"{compact_ms:.0f}",
            f"{tinydb_ms:.0f}"]


def main() -> None:
    header = ["records", "file MB", "open ms", "edit ms (journal)", "compaction ms", "TinyDB write ms"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            rows.append(bench_one(n, Path(tmp)))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print(" | ".join(c.rjust(w) for c, w in zip(row, widths)))


if __name__ == "__main__":
    main()
