"""The reliability trials at full strength, with a table of trials and failures per category.

    python bench/reliability.py [--kills 300] [--cuts 80] [--flips 400] [--seed N] [--pytest]

Categories (the functions live in tests/test_reliability.py, whose small versions
run in the test suite):

* kill -9 of a Store writer at random moments among journal appends, compactions,
  backups and their rotation; after each kill the file must open writable and hold
  every task the process reported, each once in the undo log;
* kill -9 planted at each step of a compaction (after the undo-log append, between
  the snapshot replace and the journal reset, half way through the journal reset,
  half way through the backup);
* one flipped bit at evenly spread positions of the snapshot and the journal: it must
  be refused, or dropped with a notice when it falls in the last journal line.

``--pytest`` also runs the rest of tests/test_reliability.py (parallel CLI writers,
broken files, reading under a held lock) with every broken-file variant. The exit
status is non-zero if any trial failed.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.test_reliability import compaction_cut_trials, flip_trials, kill_trials  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description="dvk reliability trials: trials and failures per category.")
    ap.add_argument("--kills", type=int, default=300, help="kill -9 trials among writes and compactions")
    ap.add_argument("--cuts", type=int, default=80, help="kill -9 trials at each step of a compaction")
    ap.add_argument("--flips", type=int, default=400, help="flipped-bit positions per file (snapshot, journal)")
    ap.add_argument("--seed", type=int, default=int(os.environ.get("DVK_CRASH_SEED", time.time_ns() % 2**32)))
    ap.add_argument("--pytest", action="store_true", help="also run tests/test_reliability.py with every variant")
    args = ap.parse_args()
    print(f"dvk reliability: seed {args.seed}; python {sys.version.split()[0]}; {os.cpu_count()} CPUs", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="dvk-reliability-") as tmp:
        for name, run in (("kills", lambda d: kill_trials(d, args.kills, args.seed)),
                          ("cuts", lambda d: compaction_cut_trials(d, args.cuts, args.seed)),
                          ("flips", lambda d: flip_trials(d, args.flips))):
            folder = Path(tmp) / name
            folder.mkdir()
            started = time.perf_counter()
            result = run(folder)
            print(f"  {result.category}: {result.trials} trials, {result.failures} failures "
                  f"({time.perf_counter() - started:.0f} s) {result.detail}", flush=True)
            results.append(result)
    failed = sum(r.failures for r in results)
    width = max(len(r.category) for r in results)
    print(f"\n{'category'.ljust(width)}  trials  failures")
    for r in results:
        print(f"{r.category.ljust(width)}  {r.trials:6}  {r.failures:8}")
        if r.first:
            print(f"    first failure: {r.first}")
    if args.pytest:
        env = {**os.environ, "DVK_RELIABILITY_FULL": "1", "DVK_CRASH_TRIALS": "5", "DVK_CRASH_SEED": str(args.seed)}
        done = subprocess.run([sys.executable, "-m", "pytest", "tests/test_reliability.py", "-q", "-p", "no:cacheprovider"],
                              cwd=REPO, env=env)
        failed += done.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
