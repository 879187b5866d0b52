"""Reliability of the whole stack, as users meet it: the Store and the `dvk` command.

(a) kill -9 a process adding tasks through the Store at random moments — among
    journal appends, compactions and backups: after each kill the file opens and
    holds every id the process reported, each transaction once in the undo log;
(b) kill -9 at each step of a compaction (after the undo log append, after the
    snapshot replace and before the journal reset, inside the reset);
(c) two processes running `dvk task add` at the same time: each command succeeds or
    fails with the one-line "being written by another dvk session" message;
(d) broken data files: `dvk task list` / `dvk task add` exit 1 with one stderr line
    and leave the file byte-for-byte unchanged;
(e) one flipped bit anywhere in the snapshot or the journal: refused, or (in the
    last journal line only) dropped with a notice — never read as good data;
(f) a read-only command works while another process holds the write lock.

Each category is a function returning its trials and failures, so
``python bench/reliability.py`` runs them at full strength and prints the table the
README quotes; the tests below run small versions. ``DVK_CRASH_TRIALS`` sets the
number of kill trials (default 25); ``DVK_CRASH_SEED`` replays a run.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from db.backups import list_backups, verifies
from db.errors import DvkError
from db.models import Task
from db.store import Store

REPO = Path(__file__).resolve().parents[1]
TRIALS = int(os.environ.get("DVK_CRASH_TRIALS", "25"))
SEED = int(os.environ.get("DVK_CRASH_SEED", time.time_ns() % 2**32))
ENV = {**os.environ, "PYTHONPATH": str(REPO), "DVK_DB": "", "COLUMNS": "120"}
_SCRIPT = Path(sys.executable).with_name("dvk")
DVK = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-c", "from tui.cli import main; main()"]
LOCKED_WORDS = "đang được một phiên dvk khác ghi"


def dvk(db: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([*DVK, "--db", str(db), *args], capture_output=True, text=True, env=ENV, timeout=timeout)


def _spawn(code: str, *args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=REPO, text=True, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def _one_line_error(out: subprocess.CompletedProcess) -> bool:
    return (out.returncode == 1 and out.stderr.startswith("dvk: ") and out.stderr.count("\n") == 1
            and "Traceback" not in out.stderr and "lỗi không mong đợi" not in out.stderr)


# --------------------------------------------------------------------------- results


@dataclass
class Trials:
    """One category of the reliability run: how many trials, how many failed, the first failure."""

    category: str
    trials: int = 0
    failures: int = 0
    first: str = ""
    detail: str = ""

    def fail(self, message: str) -> None:
        self.failures += 1
        self.first = self.first or message


# --------------------------------------------------------------------------- (a) kill -9 among writes


# Adds tasks one transaction at a time and prints each id only after the
# transaction returned (= durably committed). Every 5th step is one transaction
# adding a pair (both or neither may survive); every 7th marks the previous task
# done (an update, which must survive too once reported); every 6th compacts the
# journal into a new snapshot (with a backup on odd trials), so kills land inside
# compactions, backups and their rotation too.
WRITER = textwrap.dedent(
    """
    import sys
    from db.models import Task
    from db.store import Store
    path, trial = sys.argv[1], int(sys.argv[2])
    store = Store(path)
    store._file.interval = 0 if trial % 2 else 3600
    print("ready", flush=True)
    n, last = 0, None
    while True:
        if n % 5 == 4:
            with store.transaction("pair"):
                a = store.add(Task(title="t%d n%d pair a" % (trial, n), due="2026-12-01"))
                b = store.add(Task(title="t%d n%d pair b" % (trial, n), assignee="Văn phòng"))
            print(a.id, flush=True)
            print(b.id, flush=True)
        elif n % 7 == 6 and last is not None:
            store.set_task_status(last, "done", "Đã xong %d" % n)
            print("done", last, flush=True)
        else:
            last = store.add(Task(title="t%d n%d" % (trial, n), due="2026-11-%02d" % (1 + n % 28))).id
            print(last, flush=True)
        if n % 6 == 5:
            store.compact()
        n += 1
    """
)


def _reported(stdout: str) -> tuple[set[int], set[int]]:
    """Ids added and ids marked done, from complete lines only (a line cut by the
    kill has no newline yet: it was not reported)."""
    added, done = set(), set()
    for line in stdout.split("\n")[:-1]:
        parts = line.split()
        if len(parts) == 1 and parts[0].isdigit():
            added.add(int(parts[0]))
        elif len(parts) == 2 and parts[0] == "done":
            done.add(int(parts[1]))
    return added, done


def _kill_at_random(proc: subprocess.Popen, rng: random.Random) -> str:
    if rng.random() < 0.2:
        time.sleep(rng.uniform(0, 0.3))  # during start-up: imports, lock, first file creation
        out = ""
    else:
        out = proc.stdout.readline()  # "ready": kill somewhere among the writes and compactions
        time.sleep(rng.uniform(0, 0.15))
    proc.kill()  # SIGKILL: no cleanup, no atexit, no flush
    rest, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    return out + rest


def _check_after_kill(path: Path, added: set[int], done: set[int]) -> int:
    with Store(path) as store:  # writable: the lock died with the writer; stale temp files are cleaned
        tasks = {t.id: t for t in store.all(Task)}
        missing = added - tasks.keys()
        assert not missing, f"committed but lost: {sorted(missing)[:10]}"
        not_done = [i for i in done if tasks[i].status != "done"]
        assert not not_done, f"reported done but not done on disk: {not_done[:10]}"
        titles = {t.title for t in tasks.values()}
        for title in titles:  # a transaction is all or nothing
            if title.endswith(" pair a"):
                assert title[:-1] + "b" in titles, f"half a transaction on disk: {title}"
            if title.endswith(" pair b"):
                assert title[:-1] + "a" in titles, f"half a transaction on disk: {title}"
        history = store.history(limit=10**9)
        audited = [e["id"] for e in history if e["table"] == "tasks" and e["op"] == "insert"]
        assert sorted(audited) == sorted(tasks), "record and its undo-log entry must be written together, once"
    assert not list(path.parent.glob(f".{path.name}.*.tmp")), "killed writer's temp file not cleaned at open"
    for backup in list_backups(path):  # backups are complete, verified files too
        assert verifies(backup), f"backup {backup.name} does not verify"
    return len(tasks)


def kill_trials(folder: Path, trials: int, seed: int, per_file: int = 25) -> Trials:
    """kill -9 a Store writer at random moments, ``trials`` times."""
    result = Trials("kill -9 during writes, compactions, backups")
    rng = random.Random(seed)
    added: set[int] = set()
    done: set[int] = set()
    reported = 0
    path = folder / "dvk.json"
    for trial in range(trials):
        if trial % per_file == 0:
            path = folder / f"dvk-{trial // per_file}" / "dvk.json"
            path.parent.mkdir(parents=True)
            added, done = set(), set()
        proc = _spawn(WRITER, str(path), str(trial))
        try:
            new_added, new_done = _reported(_kill_at_random(proc, rng))
        except AssertionError as exc:
            result.trials += 1
            result.fail(f"trial {trial} (seed {seed}): {exc}")
            continue
        added |= new_added
        done |= new_done
        reported += len(new_added)
        result.trials += 1
        if not path.exists():
            continue  # killed before the file was first created: nothing was reported
        try:
            _check_after_kill(path, added, done)
        except (AssertionError, DvkError) as exc:
            result.fail(f"trial {trial} (seed {seed}): {exc}")
            added, done = set(), set()
            path = folder / f"dvk-{trial}-fresh" / "dvk.json"  # go on with a sound file
            path.parent.mkdir(parents=True)
    result.detail = f"{reported} reported tasks, seed {seed}"
    return result


def test_sigkill_through_the_store_never_loses_a_reported_task(tmp_path: Path) -> None:
    result = kill_trials(tmp_path, TRIALS, SEED)
    print(f"\n{result.trials} kill -9 trials through the Store: {result.detail}")
    assert result.failures == 0, result.first
    assert "reported tasks" in result.detail and not result.detail.startswith("0 ")


# --------------------------------------------------------------------------- (b) kill inside a compaction


# Commits some tasks, then compacts with a SIGKILL planted at one step of it.
CUTTER = textwrap.dedent(
    """
    import os, signal, sys
    from db import backups, datafile
    from db.models import Task
    from db.store import Store
    path, step, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store(path)
    for i in range(n):
        print(store.add(Task(title="cut %s %d" % (step, i))).id, flush=True)
    def die(*a, **k):
        os.kill(os.getpid(), signal.SIGKILL)
    if step == "after-audit":
        real = datafile.DataFile._flush_journal_to_audit
        def flushed(self):
            real(self)
            die()
        datafile.DataFile._flush_journal_to_audit = flushed
    elif step == "before-reset":
        datafile.DataFile._reset_journal = die
    elif step in ("inside-reset", "in-backup"):
        import tempfile
        module = datafile if step == "inside-reset" else backups
        real_write = module.atomic_write
        def half(target, payload, **kw):  # killed half way through writing the temp file
            if step == "in-backup" or str(target).endswith(".journal"):
                fd, _ = tempfile.mkstemp(dir=target.parent, prefix="." + target.name + ".", suffix=".tmp")
                os.write(fd, payload[: len(payload) // 2])
                die()
            return real_write(target, payload, **kw)
        module.atomic_write = half
        store._file.interval = 0
    store.compact()
    print("survived", flush=True)
    """
)
CUT_STEPS = ("after-audit", "before-reset", "inside-reset", "in-backup")


def compaction_cut_trials(folder: Path, trials: int, seed: int) -> Trials:
    result = Trials("kill -9 at each step of a compaction")
    rng = random.Random(seed)
    for trial in range(trials):
        step = CUT_STEPS[trial % len(CUT_STEPS)]
        path = folder / f"cut-{trial}" / "dvk.json"
        path.parent.mkdir(parents=True)
        before = rng.randint(0, 3)
        if before:
            with Store(path) as store:  # some history already folded into a snapshot
                for i in range(before):
                    store.add(Task(title=f"cũ {i}"))
                store.compact()
        out = subprocess.run([sys.executable, "-c", CUTTER, str(path), step, str(rng.randint(1, 5))],
                             cwd=REPO, capture_output=True, text=True, env=ENV, timeout=60)
        result.trials += 1
        added, _ = _reported(out.stdout)
        try:
            assert out.returncode == -9 and "survived" not in out.stdout, (out.returncode, out.stderr[-300:])
            with Store(path) as store:
                ids = {t.id for t in store.all(Task)}
                assert added <= ids, f"{step}: committed but lost {sorted(added - ids)}"
                assert len(ids) == before + len(added), f"{step}: {len(ids)} tasks, expected {before + len(added)}"
                txns = [e["txn"] for e in store.history(10**6)]
                assert len(txns) == len(set(txns)) == len(ids), f"{step}: undo log {txns}"
                assert store.undo() is not None, f"{step}: nothing to undo"
            assert not list(path.parent.glob(f".{path.name}.*.tmp")), f"{step}: temp file left"
        except (AssertionError, DvkError) as exc:
            result.fail(f"trial {trial} ({step}, seed {seed}): {exc}")
    return result


def test_a_kill_at_any_step_of_a_compaction_loses_and_repeats_nothing(tmp_path: Path) -> None:
    result = compaction_cut_trials(tmp_path, 2 * len(CUT_STEPS), SEED)
    assert result.failures == 0, result.first


# --------------------------------------------------------------------------- (c) two CLI writers


def test_two_cli_writers_at_once_succeed_or_get_the_lock_message(tmp_path: Path) -> None:
    db = tmp_path / "dvk.json"
    with Store(db) as store, store.transaction("fill"):  # a few hundred tasks: the lock is held long enough to race for
        for i in range(300):
            store.add(Task(title=f"Nhiệm vụ có sẵn {i}", due="2026-12-01"))
    existing = 300
    rounds = 4
    results: list[tuple[str, subprocess.CompletedProcess]] = []
    lock = threading.Lock()
    together = threading.Barrier(2)

    def writer(name: str) -> None:
        for i in range(rounds):
            title = f"{name} việc {i}"
            together.wait()  # both commands start at the same instant, every round
            out = dvk(db, "task", "add", title, "--due", "15/12/2026")
            with lock:
                results.append((title, out))

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    ok = []
    for title, out in results:
        assert "Traceback" not in out.stderr, out.stderr
        if out.returncode == 0:
            assert out.stderr == "" and "Đã thêm nhiệm vụ" in out.stdout, out
            ok.append(title)
        else:
            assert _one_line_error(out), out.stderr
            assert LOCKED_WORDS in out.stderr, out.stderr
    with Store(db, readonly=True) as store:
        titles = sorted(t.title for t in store.all(Task) if not t.title.startswith("Nhiệm vụ có sẵn"))
        assert len(store.all(Task)) == existing + len(ok)
    assert titles == sorted(ok)
    assert len(ok) >= rounds  # at least the lock winner of every round
    print(f"\n{len(results)} parallel adds: {len(ok)} succeeded, {len(results) - len(ok)} refused by the lock")


# --------------------------------------------------------------------------- (d) broken files


def _valid_file(tmp_path: Path) -> bytes:
    path = tmp_path / "valid.json"
    with Store(path) as store:
        for i in range(20):
            store.add(Task(title=f"Nhiệm vụ mẫu {i}", due="2026-11-30"))
    return path.read_bytes()


BROKEN = {
    "truncated": lambda valid: valid[: len(valid) // 2],
    "empty": lambda valid: b"",
    "not-json": lambda valid: b"Day khong phai JSON\n",
    "binary-not-utf8": lambda valid: bytes(range(256)) * 4,
    "json-list": lambda valid: b"[1, 2, 3]\n",
    "table-not-object": lambda valid: b'{"_meta": {"1": {"app": "dvk", "schema": 1}}, "tasks": [1, 2]}\n',
    "record-not-object": lambda valid: b'{"_meta": {"1": {"app": "dvk", "schema": 1}}, "tasks": {"1": "a"}}\n',
    "meta-other-app": lambda valid: b'{"_meta": {"1": {"app": "todo", "schema": 1}}, "tasks": {}}\n',
}
if os.environ.get("DVK_RELIABILITY_FULL"):  # bench/reliability.sh: more variants, slower
    BROKEN |= {
        "truncated-one-byte-short": lambda valid: valid.rstrip()[:-1],
        "whitespace-only": lambda valid: b"\n  \n",
        "record-id-not-number": lambda valid: b'{"_meta": {"1": {"app": "dvk", "schema": 1}}, "tasks": {"x": {"title": "a"}}}\n',
        "meta-bad-schema": lambda valid: b'{"_meta": {"1": {"app": "dvk", "schema": "1"}}, "tasks": {}}\n',
        "meta-missing-app": lambda valid: b'{"_meta": {"1": {"schema": 1}}, "tasks": {}}\n',
        "nul-bytes": lambda valid: b"\0" * 4096,
    }


def _run_both(db: Path) -> list[subprocess.CompletedProcess]:
    return [dvk(db, "task", "list"), dvk(db, "task", "add", "x")]


def test_broken_data_files_are_one_line_errors_and_left_untouched(tmp_path: Path) -> None:
    valid = _valid_file(tmp_path)
    cases = []
    for name, make in BROKEN.items():
        folder = tmp_path / name
        folder.mkdir()
        db = folder / "dvk.json"
        db.write_bytes(make(valid))
        cases.append((name, db, db.read_bytes()))
    with ThreadPoolExecutor(max_workers=3) as pool:  # subprocesses: overlap their start-up
        outs = list(pool.map(lambda case: _run_both(case[1]), cases))
    failures = []
    for (name, db, before), (listed, added) in zip(cases, outs):
        for cmd, out in (("task list", listed), ("task add x", added)):
            if not _one_line_error(out):
                failures.append(f"{name} / {cmd}: rc={out.returncode} stderr={out.stderr[-300:]!r}")
        if db.read_bytes() != before:
            failures.append(f"{name}: file bytes changed")
        leftovers = [p.name for p in db.parent.iterdir() if p.name.endswith(".tmp")]
        if leftovers:
            failures.append(f"{name}: temp files left {leftovers}")
    assert not failures, "\n".join(failures)


def test_file_from_a_newer_dvk_is_not_written_but_can_be_listed(tmp_path: Path) -> None:
    db = tmp_path / "dvk.json"
    db.write_text('{"_meta": {"1": {"app": "dvk", "schema": 99}}, "tasks": {"1": {"title": "Nhiệm vụ cũ"}}}\n',
                  encoding="utf-8")
    before = db.read_bytes()
    added = dvk(db, "task", "add", "x")
    assert _one_line_error(added) and "mới hơn" in added.stderr, added.stderr
    listed = dvk(db, "task", "list", "--all", "--json")  # read-only use is allowed by design
    assert listed.returncode == 0, listed.stderr
    assert [t["title"] for t in json.loads(listed.stdout)] == ["Nhiệm vụ cũ"]
    assert db.read_bytes() == before


BAD_FIELDS = {
    "title-not-text": {"title": 5, "status": "todo"},
    "due-not-a-date": {"title": "Nhiệm vụ", "status": "todo", "due": "2020-13-45"},
}


@pytest.mark.parametrize("record", BAD_FIELDS.values(), ids=BAD_FIELDS.keys())
def test_record_with_wrong_field_types_is_a_one_line_error(tmp_path: Path, record: dict) -> None:
    db = tmp_path / "dvk.json"
    db.write_text(json.dumps({"_meta": {"1": {"app": "dvk", "schema": 1}}, "tasks": {"1": record}}), encoding="utf-8")
    before = db.read_bytes()
    out = dvk(db, "task", "list")
    assert _one_line_error(out), out.stderr
    assert db.read_bytes() == before


# --------------------------------------------------------------------------- (e) flipped bits


def flip_trials(folder: Path, per_file: int) -> Trials:
    """Flip one bit at ``per_file`` evenly spread positions of the snapshot and of the
    journal; each flip must be refused, or dropped with a notice in the last line."""
    result = Trials("one flipped bit in the snapshot or journal")
    source = folder / "good" / "dvk.json"
    with Store(source) as store:
        for i in range(8):
            store.add(Task(title=f"Nhiệm vụ {i}", due="2026-12-01", assignee="Văn phòng"))
        store.compact()
        for i in range(4):
            store.add(Task(title=f"Sau khi gộp {i}", due="2026-12-02"))
        store.close(compact=False)
    journal = source.with_name(source.name + ".journal")
    good = {source.name: source.read_bytes(), journal.name: journal.read_bytes()}
    last_line = good[journal.name].rstrip(b"\n").rfind(b"\n") + 1
    case = 0
    for name, data in good.items():
        for position in sorted({int(i * len(data) / per_file) for i in range(per_file)}):
            case += 1
            trial = folder / f"flip-{case}"
            trial.mkdir()
            for other, content in good.items():
                (trial / other).write_bytes(content)
            flipped = bytearray(data)
            flipped[position] ^= 1 << (position % 8)
            (trial / name).write_bytes(bytes(flipped))
            result.trials += 1
            try:
                with Store(trial / "dvk.json", readonly=True) as store:
                    notices = [n.key for n in store.notices]
                    store.tasks()
            except DvkError:
                continue
            if not (name == journal.name and position >= last_line and notices == ["storage.journal_tail_dropped"]):
                result.fail(f"{name} byte {position}: read as good data")
    return result


def test_a_flipped_bit_is_never_read_as_good_data(tmp_path: Path) -> None:
    result = flip_trials(tmp_path, 40)
    assert result.failures == 0, result.first


# --------------------------------------------------------------------------- (f) read while locked


HOLDER = textwrap.dedent(
    """
    import sys
    from db.store import Store
    store = Store(sys.argv[1])
    print("holding", flush=True)
    sys.stdin.readline()
    store.close()
    """
)


def test_read_only_command_works_while_another_process_holds_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "dvk.json"
    with Store(db) as store:
        store.add(Task(title="Họp chi bộ", due="2026-12-01"))
    holder = _spawn(HOLDER, str(db), stdin=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with ThreadPoolExecutor(max_workers=2) as pool:
            listed_f = pool.submit(dvk, db, "task", "list", "--json")
            added_f = pool.submit(dvk, db, "task", "add", "Không được ghi")
            listed, added = listed_f.result(), added_f.result()
        assert listed.returncode == 0, listed.stderr
        assert [t["title"] for t in json.loads(listed.stdout)] == ["Họp chi bộ"]
        assert _one_line_error(added) and LOCKED_WORDS in added.stderr, added.stderr
        assert f"PID {holder.pid}" in added.stderr  # the refusal names the holder
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        _, err = holder.communicate(timeout=30)
    assert holder.returncode == 0, err
    assert dvk(db, "task", "add", "Sau khi đóng").returncode == 0  # the lock is free again


# --------------------------------------------------------------------------- the long run


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("DVK_RELIABILITY_LONG"), reason="long run: python bench/reliability.py "
                    "(or DVK_RELIABILITY_LONG=1)")
def test_the_long_reliability_run(tmp_path: Path) -> None:
    for name, run in (("kills", lambda d: kill_trials(d, 300, SEED)), ("cuts", lambda d: compaction_cut_trials(d, 80, SEED)),
                      ("flips", lambda d: flip_trials(d, 400))):
        folder = tmp_path / name
        folder.mkdir()
        result = run(folder)
        assert result.failures == 0, f"{result.category}: {result.first}"
