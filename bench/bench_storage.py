"""Median cost of one durable single-record edit through TinyDB + SafeStorage.

Run: /work/venv/bin/python bench/bench_storage.py

Every edit rewrites the whole file (serialise, temp file, fsync, rename, fsync
dir), so the cost grows with the database, not with the edit. The first write of
a session also makes a backup; it is done as a warm-up and not timed.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.storage import open_tinydb  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
RUNS = 7


def small_record(i: int) -> dict:
    return {
        "title": f"Văn bản số {i}/UBND-VP",
        "date": "2024-07-10",
        "direction": "in",
        "handling": "pending",
        "tags": ["dân vận", "cải cách hành chính"],
    }


def build(path: Path, n: int) -> None:
    with open_tinydb(path) as db:
        with db.storage.batch():  # one write for the whole fixture
            db.table("documents").insert_multiple(small_record(i) for i in range(n))


def bench_one(n: int, folder: Path) -> tuple[float, float, float, float]:
    path = folder / f"bench-{n}.json"
    build(path, n)
    t0 = time.perf_counter()
    db = open_tinydb(path)
    open_s = time.perf_counter() - t0
    table = db.table("documents")
    table.update({"handling": "done"}, doc_ids=[1])  # warm-up: session backup happens here
    timings = []
    for run in range(RUNS):
        doc_id = 1 + (run * 7919) % n
        t0 = time.perf_counter()
        table.update({"handling": f"done-{run}"}, doc_ids=[doc_id])
        timings.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    for _ in range(100):
        table.get(doc_id=n // 2)
    get_s = (time.perf_counter() - t0) / 100
    db.close()
    return path.stat().st_size / 1e6, open_s, statistics.median(timings), get_s


def main() -> None:
    print(f"{'records':>9} | {'file MB':>7} | {'open ms':>8} | {'edit median ms':>14} | {'get(doc_id) µs':>14}")
    print("-" * 66)
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            size, open_s, edit_s, get_s = bench_one(n, Path(tmp))
            print(f"{n:>9,} | {size:>7.2f} | {open_s * 1e3:>8.1f} | {edit_s * 1e3:>14.1f} | {get_s * 1e6:>14.1f}")


if __name__ == "__main__":
    main()
