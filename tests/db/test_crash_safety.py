"""Crash safety: SIGKILL a writer at random moments; two writers racing for the lock.

``DVK_CRASH_TRIALS`` sets the number of kill trials (default 20, ~5 s); a
reliability run can use e.g. ``DVK_CRASH_TRIALS=500``.
"""
from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from db.storage import SafeStorage, list_backups, open_tinydb

REPO = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("DVK_CRASH_TRIALS", "20"))

# Commits numbered records forever, printing each number only after write()
# returned. Odd trials also back up on every write (backup_interval=0) so kills
# land inside backup copies and pruning too; every 4th commit is a batch of two.
WRITER = textwrap.dedent(
    """
    import sys
    from db.storage import open_tinydb
    path, trial = sys.argv[1], int(sys.argv[2])
    extra = {"backups": 2, "backup_interval": 0} if trial % 2 else {}
    db = open_tinydb(path, **extra)
    table = db.table("crash")
    print("ready", flush=True)
    n = 0
    while True:
        if n % 4 == 3:
            with db.storage.batch():
                table.insert({"trial": trial, "n": n, "text": "Nhiệm vụ số %d" % n})
                table.insert({"trial": trial, "n": n + 1, "text": "x" * (n % 50)})
            print(n, flush=True)
            print(n + 1, flush=True)
            n += 2
        else:
            table.insert({"trial": trial, "n": n, "text": "Nhiệm vụ số %d" % n})
            print(n, flush=True)
            n += 1
    """
)


def _spawn(code: str, *args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=REPO, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)}, **kw,
    )


def _committed(stdout: str) -> set[int]:
    # A line cut by the kill has no newline yet: it was not reported.
    lines = stdout.split("\n")[:-1]
    return {int(line) for line in lines if line.strip().isdigit()}


def _kill_at_random(proc: subprocess.Popen, rng: random.Random) -> str:
    if rng.random() < 0.2:
        # Sometimes during start-up: import, lock, first file creation, migration.
        time.sleep(rng.uniform(0, 0.3))
        out = ""
    else:
        out = proc.stdout.readline()  # "ready": now kill somewhere among the writes
        time.sleep(rng.uniform(0, 0.15))
    proc.kill()  # SIGKILL on POSIX: no cleanup, no atexit, no flush of our own
    rest, err = proc.communicate(timeout=30)
    assert "Traceback" not in err, err
    return out + rest


def test_sigkill_never_loses_a_committed_record(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    rng = random.Random(int(os.environ.get("DVK_CRASH_SEED", time.time_ns())))
    reported: dict[int, set[int]] = {}
    for trial in range(TRIALS):
        proc = _spawn(WRITER, str(path), str(trial))
        reported[trial] = _committed(_kill_at_random(proc, rng))

        # The lock died with the process; the file must load and hold everything reported.
        storage = SafeStorage(path)
        try:
            on_disk: dict[int, set[int]] = {}
            for doc in storage.read().get("crash", {}).values():
                on_disk.setdefault(doc["trial"], set()).add(doc["n"])
        finally:
            storage.close()
        for t, numbers in reported.items():
            missing = numbers - on_disk.get(t, set())
            assert not missing, f"trial {t}: committed but lost {sorted(missing)[:10]}"
        assert not list(tmp_path.glob(".data.json.*.tmp"))  # killed writer's temp cleaned at open
        for backup in list_backups(path):  # backups are complete files too
            SafeStorage(backup, readonly=True).close()
    assert sum(len(v) for v in reported.values()) > 0  # the trials did exercise writes


# Waits for a start signal so both processes try the lock at the same instant;
# the winner writes a record and holds the lock until the parent says so.
CONTENDER = textwrap.dedent(
    """
    import os, sys, time
    from db.storage import open_tinydb
    from db.errors import DataFileLocked
    path, go = sys.argv[1], sys.argv[2]
    print("armed", flush=True)
    while not os.path.exists(go):
        time.sleep(0.001)
    try:
        db = open_tinydb(path)
    except DataFileLocked as err:
        print("LOCKED", err.pid, flush=True)
        sys.exit(0)
    db.insert({"winner": os.getpid()})
    print("OK", os.getpid(), flush=True)
    sys.stdin.readline()
    db.close()
    """
)


def test_two_writers_exactly_one_gets_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    for round_ in range(3):
        go = tmp_path / f"go-{round_}"
        procs = [_spawn(CONTENDER, str(path), str(go), stdin=subprocess.PIPE) for _ in range(2)]
        for p in procs:
            assert p.stdout.readline().strip() == "armed"
        go.touch()
        results = {p: p.stdout.readline().split() for p in procs}
        winners = [p for p, r in results.items() if r[0] == "OK"]
        losers = [p for p, r in results.items() if r[0] == "LOCKED"]
        assert len(winners) == 1 and len(losers) == 1, results
        winner_pid = int(results[winners[0]][1])
        assert int(results[losers[0]][1]) == winner_pid  # the refusal names the holder
        winners[0].stdin.write("\n")
        winners[0].stdin.flush()
        for p in procs:
            _, err = p.communicate(timeout=30)
            assert p.returncode == 0, err
        with open_tinydb(path, readonly=True) as db:
            assert len(db.all()) == round_ + 1
            assert db.all()[-1] == {"winner": winner_pid}
