"""The data file on disk: snapshot + journal + audit log, checksums, damage, upgrade,
backups, restore, locking — and TinyDB reading and writing the same files."""
from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from tinydb import TinyDB

from db import backups as backups_mod
from db import datafile as datafile_mod
from db.backups import backup_dir, list_backups
from db.datafile import DataFile, backup_now, restore_backup
from db.errors import (
    CorruptDataFile,
    DataFileLocked,
    DataFileMissing,
    DvkError,
    ReadOnlyError,
    ReadOnlyMedium,
    SchemaTooNew,
    StorageClosed,
    WriteConflict,
)
from db.fileformat import SCHEMA_VERSION, encode_line, line_ok
from db.integrity import check_file
from db.locking import lock_path
from db.models import Document, Task
from db.storage import SafeStorage, open_tinydb
from db.store import Store

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data.json"


def journal(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def audit(path: Path) -> Path:
    return path.with_name(path.name + ".audit")


def all_bytes(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (path, journal(path), audit(path)) if p.exists()}


def store_with_tasks(path: Path, n: int, compact: bool = False) -> list[int]:
    """n tasks, one transaction each: in the journal, or folded into the snapshot."""
    store = Store(path)
    ids = [store.add(Task(title=f"Nhiệm vụ {i}", due="2026-12-01")).id for i in range(n)]
    store.close(compact=compact)
    return ids


def titles(path: Path, **kw) -> list[str]:
    with Store(path, readonly=True, **kw) as store:
        return [t.title for t in store.tasks()]


# ----------------------------------------------------------------- the snapshot is a TinyDB file


def test_the_snapshot_is_a_tinydb_file_an_editor_can_read(path: Path) -> None:
    store_with_tasks(path, 3, compact=True)
    text = path.read_text(encoding="utf-8")
    assert "Nhiệm vụ 1" in text  # non-ASCII kept readable
    lines = text.splitlines()
    assert lines[1].startswith('"_meta":{"1":') and '"checksum":"crc32:' in lines[1]
    assert sum(line.startswith('"2":{') for line in lines) == 1  # one record per line
    raw = TinyDB(path, access_mode="r")  # TinyDB's own JSON storage reads it
    assert [d["title"] for d in raw.table("tasks").all()] == ["Nhiệm vụ 0", "Nhiệm vụ 1", "Nhiệm vụ 2"]
    raw.close()


def test_open_tinydb_reads_and_writes_the_same_data_as_the_store(path: Path) -> None:
    store_with_tasks(path, 2)  # still in the journal
    with open_tinydb(path) as db:
        assert {d["title"] for d in db.table("tasks").all()} == {"Nhiệm vụ 0", "Nhiệm vụ 1"}
        assert "_meta" not in db.tables()  # hidden from TinyDB
        db.table("tasks").insert({"title": "Từ TinyDB", "status": "todo"})
    assert titles(path) == ["Nhiệm vụ 0", "Nhiệm vụ 1", "Từ TinyDB"]
    with Store(path) as store:  # and the Store keeps going after a TinyDB write
        store.add(Task(title="Sau đó"))
    assert len(titles(path)) == 4


def test_snapshot_lines_are_stable_between_compactions(path: Path) -> None:
    store_with_tasks(path, 12, compact=True)
    first = path.read_text(encoding="utf-8").splitlines()[2:]
    with Store(path) as store:
        store.compact()
    assert path.read_text(encoding="utf-8").splitlines()[2:] == first  # only the _meta line changes


def test_unserialisable_value_writes_nothing(path: Path) -> None:
    import datetime

    with open_tinydb(path) as db:
        db.insert({"ok": 1})
        before = all_bytes(path)
        with pytest.raises(TypeError):
            db.insert({"when": datetime.date(2024, 1, 1)})
        assert all_bytes(path) == before
        assert db.all() == [{"ok": 1}]


def test_missing_parent_folders_are_created(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c" / "data.json"
    with Store(deep) as store:
        store.add(Task(title="x"))
    assert titles(deep) == ["x"]


def test_missing_file_without_create(path: Path) -> None:
    with pytest.raises(DataFileMissing):
        SafeStorage(path, create=False)
    with pytest.raises(DataFileMissing):
        Store(path, readonly=True)
    assert not path.exists()
    Store(path).close()  # and the lock was released by the failed opens


# ----------------------------------------------------------------- the journal


def test_a_commit_appends_one_checksummed_line_and_leaves_the_snapshot_alone(path: Path) -> None:
    store_with_tasks(path, 1, compact=True)
    snapshot = path.read_bytes()
    before = journal(path).read_bytes()
    with Store(path) as store:
        store.add(Task(title="Họp chi bộ"))
        after = journal(path).read_bytes()
        assert path.read_bytes() == snapshot  # the edit did not rewrite the data file
        new = after[len(before):]
        assert after.startswith(before) and new.count(b"\n") == 1 and line_ok(new[:-1])
        entry = json.loads(new)
        assert [op["new"]["title"] for op in entry["ops"]] == ["Họp chi bộ"]
        assert entry["label"]["key"] == "label.add"  # the audit entry travels in the same line
    assert titles(path) == ["Nhiệm vụ 0", "Họp chi bộ"]


def test_a_transaction_is_one_line_however_many_records_change(path: Path) -> None:
    with Store(path) as store:
        with store.transaction("ba việc"):
            for i in range(3):
                store.add(Task(title=f"việc {i}"))
        lines = journal(path).read_bytes().splitlines()
    assert len(lines) == 2  # header + one transaction
    assert len(json.loads(lines[1])["ops"]) == 3


def test_torn_journal_tail_is_dropped_with_a_notice(path: Path) -> None:
    store_with_tasks(path, 3)
    good = journal(path).read_bytes()
    line = encode_line({"txn": 99, "kind": "do", "label": "x", "ops": [
        {"op": "insert", "table": "tasks", "id": 50, "old": None, "new": {"title": "chưa xác nhận"}}]})
    journal(path).write_bytes(good + line[: len(line) // 2])  # killed in the middle of the append
    with Store(path, readonly=True) as store:  # a reader drops it in memory, changes nothing
        assert [t.title for t in store.tasks()] == ["Nhiệm vụ 0", "Nhiệm vụ 1", "Nhiệm vụ 2"]
        assert [n.key for n in store.notices] == ["storage.journal_tail_dropped"]
    assert journal(path).read_bytes() == good + line[: len(line) // 2]
    with Store(path) as store:  # the writer cuts it off, keeping the bytes aside
        assert [n.key for n in store.notices] == ["storage.journal_tail_dropped"]
        store.add(Task(title="tiếp tục"))
    assert titles(path) == ["Nhiệm vụ 0", "Nhiệm vụ 1", "Nhiệm vụ 2", "tiếp tục"]
    kept = list(path.parent.glob("data.json.journal.dropped-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == line[: len(line) // 2]


def test_a_last_line_failing_its_checksum_is_dropped_too(path: Path) -> None:
    store_with_tasks(path, 3)
    data = bytearray(journal(path).read_bytes())
    data[-10] ^= 0x04  # inside the last line's record
    journal(path).write_bytes(bytes(data))
    with Store(path, readonly=True) as store:
        assert len(store.tasks()) == 2
        assert store.notices[0].key == "storage.journal_tail_dropped"


def test_a_damaged_middle_line_is_refused_and_nothing_is_overwritten(path: Path) -> None:
    store_with_tasks(path, 3)
    lines = journal(path).read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"Nhi", b"Nhj", 1)  # the second transaction, not the last
    journal(path).write_bytes(b"\n".join(lines))
    before = all_bytes(path)
    for readonly in (True, False):
        with pytest.raises(CorruptDataFile) as caught:
            Store(path, readonly=readonly)
        assert "dvk check" in str(caught.value) and "\n" not in str(caught.value)
        assert caught.value.reason.params.get("line") == 3
    assert all_bytes(path) == before
    problems = [str(p) for p in check_file(path)]
    assert any("dòng 3" in p for p in problems)


def test_journal_of_another_snapshot_is_refused(path: Path, tmp_path: Path) -> None:
    store_with_tasks(path, 1, compact=True)
    copy = tmp_path / "copy.json"
    copy.write_bytes(path.read_bytes())  # an old copy put back by hand …
    with Store(path) as store:
        store.compact()
        store.add(Task(title="sau bản sao"))
    path.write_bytes(copy.read_bytes())  # … while the journal extends a newer snapshot
    with pytest.raises(CorruptDataFile, match="không thuộc về"):
        Store(path)


# ----------------------------------------------------------------- checksums


def _flip(target: Path, position: int) -> None:
    data = bytearray(target.read_bytes())
    data[position] ^= 1 << (position % 8)
    target.write_bytes(bytes(data))


def test_a_single_flipped_bit_anywhere_is_detected(tmp_path: Path) -> None:
    source = tmp_path / "good" / "data.json"
    with Store(source) as store:
        for i in range(6):
            store.add(Document(number=f"{i + 1}/KH-UBND", date="2020-07-10", summary=f"Kế hoạch số {i}"))
        store.compact()
        for i in range(3):
            store.add(Task(title=f"Nhiệm vụ {i}", due="2020-12-01"))
    good = {p.name: p.read_bytes() for p in (source, journal(source))}
    positions = []
    for name, data in good.items():
        step = max(len(data) // 60, 1)
        positions += [(name, p) for p in range(0, len(data), step)]
    last_line_start = good[journal(source).name].rstrip(b"\n").rfind(b"\n") + 1
    silent = []
    for n, (name, position) in enumerate(positions):
        folder = tmp_path / f"flip{n}"
        folder.mkdir()
        for other, data in good.items():
            (folder / other).write_bytes(data)
        _flip(folder / name, position)
        try:
            with Store(folder / "data.json", readonly=True) as store:
                notices = [x.key for x in store.notices]
                store.all(Document), store.tasks()
        except DvkError:
            continue  # refused: detected
        in_last_line = name.endswith(".journal") and position >= last_line_start
        if not (in_last_line and notices == ["storage.journal_tail_dropped"]):
            silent.append((name, position))
    assert not silent, f"flipped bits not detected: {silent[:5]}"
    assert len(positions) > 100


def test_check_reports_a_flipped_bit_in_the_snapshot(path: Path) -> None:
    store_with_tasks(path, 5, compact=True)
    _flip(path, len(path.read_bytes()) // 2)
    problems = check_file(path)
    assert problems and any(p.key == "check.snapshot" for p in problems)


def test_a_file_edited_by_hand_with_an_empty_checksum_is_accepted_and_checked(path: Path) -> None:
    store_with_tasks(path, 2, compact=True)
    text = path.read_text(encoding="utf-8")
    start = text.index('"checksum":"') + len('"checksum":"')
    text = text[:start] + text[text.index('"', start):]  # "checksum":""
    path.write_text(text.replace("Nhiệm vụ 1", "Nhiệm vụ đã sửa"), encoding="utf-8")
    assert titles(path) == ["Nhiệm vụ 0", "Nhiệm vụ đã sửa"]
    path.write_text(text.replace('"title":"Nhiệm vụ 1"', '"title":5'), encoding="utf-8")
    with pytest.raises(CorruptDataFile, match="dvk check"):
        Store(path, readonly=True)


# ----------------------------------------------------------------- wrong-typed fields


BAD = [
    ({"title": 5}, "title"),
    ({"title": "a", "due": "2020-13-45"}, "due"),
    ({"title": "a", "assignee": ["Văn phòng"]}, "assignee"),
    ({"title": "a", "section": "4"}, "section"),
    ({"title": "a", "done_on": "20201231"}, "done_on"),
]


@pytest.mark.parametrize("record, field", BAD, ids=[f for _, f in BAD])
def test_wrong_typed_fields_are_refused_and_listed_by_check(path: Path, record: dict, field: str) -> None:
    path.write_text(json.dumps({"_meta": {"1": {"app": "dvk", "schema": 1}},
                                "tasks": {"1": {"title": "tốt"}, "7": record}}), encoding="utf-8")
    before = path.read_bytes()
    for readonly in (True, False):
        with pytest.raises(CorruptDataFile) as caught:
            Store(path, readonly=readonly)
        assert "dvk check" in str(caught.value)
    assert path.read_bytes() == before
    problems = check_file(path)
    bad = [p for p in problems if p.key == "check.bad_field"]
    assert [(p.params["table"], p.params["id"], p.params["field"]) for p in bad] == [("tasks", 7, field)]


# ----------------------------------------------------------------- compaction


def test_compaction_writes_a_snapshot_empties_the_journal_and_keeps_the_history(path: Path) -> None:
    store_with_tasks(path, 3)
    with Store(path) as store:
        store.compact()
        assert json.loads(path.read_text(encoding="utf-8"))["_meta"]["1"]["txn"] == 3
        assert journal(path).read_bytes().count(b"\n") == 1  # the header only
        assert [json.loads(line)["txn"] for line in audit(path).read_bytes().splitlines()] == [1, 2, 3]
        assert [e["txn"] for e in store.history(10)] == [3, 2, 1]


def test_a_kill_between_snapshot_replace_and_journal_reset_loses_and_repeats_nothing(path: Path) -> None:
    store_with_tasks(path, 2)
    code = textwrap.dedent(
        """
        import os, signal, sys
        from db import datafile
        from db.models import Task
        from db.store import Store
        store = Store(sys.argv[1])
        store.add(Task(title="trước khi chết"))
        datafile.DataFile._reset_journal = lambda self: os.kill(os.getpid(), signal.SIGKILL)
        store.compact()
        """
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == -9, done.stderr
    assert json.loads(path.read_text(encoding="utf-8"))["_meta"]["1"]["txn"] == 3  # the snapshot was replaced
    assert journal(path).read_bytes().count(b"\n") == 4  # the journal was not reset
    assert titles(path) == ["Nhiệm vụ 0", "Nhiệm vụ 1", "trước khi chết"]  # a reader applies nothing twice
    with Store(path) as store:  # the writer finishes the compaction
        assert journal(path).read_bytes().count(b"\n") == 1
        assert [e["txn"] for e in store.history(10)] == [3, 2, 1]  # each transaction once in the log
        assert store.undo().render("vi") == "thêm nhiệm vụ “trước khi chết”"
    assert titles(path) == ["Nhiệm vụ 0", "Nhiệm vụ 1"]


def test_a_reader_racing_a_compaction_reads_again(path: Path, monkeypatch) -> None:
    store_with_tasks(path, 3)
    writer = Store(path)
    real_read = DataFile._read
    raced = []

    def read_then_compact(self, target):
        # The reader has the old snapshot in hand; before it reads the journal the
        # writer compacts and commits again.
        if self.readonly and target == self.journal_path and not raced:
            raced.append(True)
            writer.compact()
            writer.add(Task(title="sau khi gộp"))
        return real_read(self, target)

    monkeypatch.setattr(DataFile, "_read", read_then_compact)
    try:
        assert titles(path) == ["Nhiệm vụ 0", "Nhiệm vụ 1", "Nhiệm vụ 2", "sau khi gộp"]
        assert raced
    finally:
        writer.close()


def test_undo_works_across_a_compaction_and_a_restart(path: Path) -> None:
    with Store(path) as store:
        task = store.add(Task(title="Báo cáo tháng", due="2020-03-31"))
        store.set_task_status(task.id, "done", "Đã gửi")
        store.compact()
    with Store(path) as store:
        assert store.undo().render("en") == "mark done “Báo cáo tháng”"
        assert store.get(Task, task.id).status == "todo"
        store.compact()
    with Store(path) as store:
        assert store.redo().render("en") == "mark done “Báo cáo tháng”"
        assert store.undo() and store.undo()
        assert store.tasks() == []
        assert store.undo() is None


def test_a_command_that_does_not_undo_never_reads_the_undo_log(path: Path, monkeypatch) -> None:
    store_with_tasks(path, 3, compact=True)
    from db.audit import AuditLog

    monkeypatch.setattr(AuditLog, "iter_back", lambda self: pytest.fail("read the undo log"))
    with Store(path) as store:
        store.tasks()
        store.find("nhiem vu")
    with Store(path, readonly=True) as store:
        store.overdue()


def test_the_search_index_is_built_only_when_something_is_searched(path: Path) -> None:
    store_with_tasks(path, 3)
    with Store(path) as store:
        store.tasks()
        store.add(Task(title="Họp giao ban"))
        assert store._index is None
        assert [r.title for _, r in store.find("giao ban")] == ["Họp giao ban"]
        store.add(Task(title="Giao ban tháng"))  # kept up to date from then on
        assert len(store.find("giao ban")) == 2


# ----------------------------------------------------------------- schema 1


def _schema1_file(path: Path) -> bytes:
    """A data file as dvk wrote it before the journal: audit table inside."""
    entries = {}
    rows = [(1, "insert", 1, None, {"title": "Họp chi bộ", "status": "todo"}),
            (2, "update", 1, {"title": "Họp chi bộ", "status": "todo"}, {"title": "Họp chi bộ", "status": "done"})]
    for n, (txn, op, rec_id, old, new) in enumerate(rows, start=1):
        label = {"key": "label.add", "params": {"noun": {"key": "noun.tasks", "params": {}}, "what": "Họp chi bộ"}} \
            if op == "insert" else "Đánh dấu xong"
        entries[str(n)] = {"txn": txn, "label": label, "kind": "do", "at": "2020-01-01T08:00:00", "op": op,
                           "table": "tasks", "id": rec_id, "old": old, "new": new, "undo_of": None}
    data = {"_meta": {"1": {"app": "dvk", "schema": 1}}, "audit": entries,
            "tasks": {"1": {"title": "Họp chi bộ", "status": "done"}}}
    raw = json.dumps(data, ensure_ascii=False).encode()
    path.write_bytes(raw)
    return raw


def test_a_schema1_file_is_upgraded_with_a_backup_first_and_undo_keeps_working(path: Path) -> None:
    raw = _schema1_file(path)
    with Store(path) as store:
        assert [n.key for n in store.notices] == ["storage.upgraded"]
        upgraded = json.loads(path.read_text(encoding="utf-8"))
        assert upgraded["_meta"]["1"]["schema"] == SCHEMA_VERSION and "audit" not in upgraded
        assert [b.read_bytes() for b in list_backups(path)] == [raw]  # the old file, byte for byte
        assert store.undo().render("vi") == "Đánh dấu xong"
        assert store.get(Task, 1).status == "todo"
        assert store.undo().render("vi") == "thêm nhiệm vụ “Họp chi bộ”"
        assert store.tasks() == []


def test_a_schema1_file_opened_read_only_is_not_changed_but_shows_its_history(path: Path) -> None:
    raw = _schema1_file(path)
    with Store(path, readonly=True) as store:
        assert [t.status for t in store.tasks()] == ["done"]
        assert [e["txn"] for e in store.history()] == [2, 1]
        assert store.can_undo()
    assert path.read_bytes() == raw and not journal(path).exists()


def test_file_from_a_newer_dvk_is_readable_but_not_written(path: Path) -> None:
    path.write_text('{"_meta": {"1": {"app": "dvk", "schema": 99}}, "tasks": {"1": {"title": "cũ"}}}', encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew):
        Store(path)
    assert titles(path) == ["cũ"]
    assert path.read_bytes() == before


@pytest.mark.parametrize("case", ["truncated", "garbage", "list", "bad-meta", "record-not-object", "empty"])
def test_corrupt_file_is_never_touched(path: Path, case: str) -> None:
    store_with_tasks(path, 3, compact=True)
    valid = path.read_bytes()
    content = {
        "truncated": valid[: len(valid) // 2],
        "garbage": b"\x00\x01 not json",
        "list": b"[1, 2]",
        "bad-meta": b'{"_meta": {"1": {"app": "other", "schema": 1}}}',
        "record-not-object": b'{"_meta": {"1": {"app": "dvk", "schema": 1}}, "tasks": {"1": 5}}',
        "empty": b"",
    }[case]
    path.write_bytes(content)
    for readonly in (True, False):
        with pytest.raises(CorruptDataFile):
            Store(path, readonly=readonly)
    assert path.read_bytes() == content
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


# ----------------------------------------------------------------- locking, readers, writers


def test_second_writer_in_process_is_refused_and_readers_are_not(path: Path) -> None:
    writer = Store(path)
    try:
        with pytest.raises(DataFileLocked) as caught:
            Store(path)
        assert caught.value.pid == os.getpid()
        writer.add(Task(title="x"))
        with Store(path, readonly=True) as reader:
            assert [t.title for t in reader.tasks()] == ["x"]
            assert reader.lock_holder().pid == os.getpid()
            with pytest.raises(ReadOnlyError):
                reader.add(Task(title="y"))
        assert writer.lock_holder() is None
    finally:
        writer.close()
    Store(path).close()  # released


HOLDER = textwrap.dedent(
    """
    import sys
    from db.models import Task
    from db.store import Store
    store = Store(sys.argv[1])
    store.add(Task(title="từ tiến trình khác"))
    print("holding", flush=True)
    sys.stdin.readline()
    store.add(Task(title="thêm nữa"))
    print("added", flush=True)
    sys.stdin.readline()
    store.close()
    """
)


def test_a_second_process_can_read_follow_and_take_over_when_the_lock_frees(path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], cwd=REPO, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(DataFileLocked) as caught:
            Store(path)
        assert caught.value.pid == holder.pid
        viewer = Store(path, readonly=True)
        assert [t.title for t in viewer.tasks()] == ["từ tiến trình khác"]
        assert viewer.lock_holder().pid == holder.pid
        assert not viewer.reload_if_changed() and not viewer.try_become_writer()
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "added"
        assert viewer.reload_if_changed()
        assert [t.title for t in viewer.tasks()] == ["từ tiến trình khác", "thêm nữa"]
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
        assert viewer.lock_holder() is None  # nobody holds it now
        assert viewer.try_become_writer() and not viewer.readonly
        viewer.add(Task(title="người xem giờ ghi được"))
        viewer.close()
    finally:
        holder.kill()
        holder.communicate(timeout=30)
    assert titles(path) == ["từ tiến trình khác", "thêm nữa", "người xem giờ ghi được"]


def test_a_viewer_follows_a_writer_through_compactions(path: Path) -> None:
    store_with_tasks(path, 2)
    with Store(path) as writer, Store(path, readonly=True) as viewer:
        writer.add(Task(title="mới"))
        assert viewer.reload_if_changed() and len(viewer.tasks()) == 3
        writer.compact()
        writer.add(Task(title="sau khi gộp"))
        assert viewer.reload_if_changed()
        assert [t.title for t in viewer.tasks()][-1] == "sau khi gộp"
        assert not viewer.reload_if_changed()


def test_the_lock_file_is_private(path: Path) -> None:
    lock_path(path).write_text("")
    os.chmod(lock_path(path), 0o644)  # left by an older dvk
    with Store(path):
        assert lock_path(path).stat().st_mode & 0o777 == 0o600
    os.unlink(lock_path(path))
    with Store(path):
        assert lock_path(path).stat().st_mode & 0o777 == 0o600


def test_a_file_on_a_read_only_medium_opens_read_only(path: Path, monkeypatch) -> None:
    store_with_tasks(path, 1)
    real_open = os.open

    def read_only_disk(file, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system", str(file))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_disk)
    with pytest.raises(ReadOnlyMedium, match="chỉ đọc"):
        Store(path)
    from tui.app import open_store

    store, reason = open_store(path)
    try:
        assert store.readonly and isinstance(reason, ReadOnlyMedium)
        assert [t.title for t in store.tasks()] == ["Nhiệm vụ 0"]
    finally:
        store.close()


def test_write_conflict_when_the_files_change_underneath(path: Path) -> None:
    store_with_tasks(path, 1, compact=True)
    with Store(path) as store:
        os.utime(path, ns=(1, 1))  # someone touched the snapshot (an editor, a copy)
        before = all_bytes(path)
        with pytest.raises(WriteConflict):
            store.add(Task(title="x"))
        assert all_bytes(path) == before
        assert [t.title for t in store.tasks()] == ["Nhiệm vụ 0"]  # memory follows the disk


def test_use_after_close(path: Path) -> None:
    db = open_tinydb(path)
    db.close()
    with pytest.raises(StorageClosed):
        db.insert({"x": 1})


def test_saves_from_several_threads_are_serialised(path: Path) -> None:
    with Store(path) as store:
        errors = []

        def worker(n: int) -> None:
            try:
                for i in range(15):
                    store.add(Task(title=f"luồng {n} việc {i}"))
                    store.tasks()  # reads while others write
            except Exception as exc:  # pragma: no cover - the assertion below reports it
                errors.append(exc)

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        assert len({t.id for t in store.tasks()}) == 60
    assert len(titles(path)) == 60
    assert [e["txn"] for e in Store(path, readonly=True).history(100)] == list(range(60, 0, -1))


# ----------------------------------------------------------------- backups


def test_a_compaction_makes_a_verified_backup_not_every_session(path: Path) -> None:
    with Store(path) as store:
        store.add(Task(title="a"))
    assert len(list_backups(path)) == 1  # the first clean close: there was no backup yet
    for title in ("b", "c"):
        with Store(path) as store:
            store.add(Task(title=title))
    assert len(list_backups(path)) == 1  # a session start copies nothing
    assert backups_mod.verifies(list_backups(path)[0])


def test_backup_now_verifies_and_refuses_a_damaged_file(path: Path) -> None:
    store_with_tasks(path, 2)
    made, _ = backup_now(path)
    assert json.loads(made.read_text(encoding="utf-8"))["tasks"]["2"]["title"] == "Nhiệm vụ 1"  # journal included
    lines = journal(path).read_bytes().split(b"\n")
    lines[1] = lines[1][:-3] + b"xx}"
    journal(path).write_bytes(b"\n".join(lines))
    count = len(list_backups(path))
    for _ in range(6):  # a daily backup job on a damaged file …
        with pytest.raises(CorruptDataFile):
            backup_now(path, keep=2)
    assert len(list_backups(path)) == count  # … never rotates the good copies out


def test_rotation_never_drops_the_newest_verified_backup(path: Path) -> None:
    good = backups_mod.write_backup(path, b'{"_meta":{"1":{"app":"dvk","schema":1}}}', keep=5)
    time.sleep(1.1)
    for _ in range(3):  # damaged on the way to disk
        backups_mod.write_backup(path, b"{ hong", keep=2)
    kept = list_backups(path)
    assert good in kept and len(kept) == 3


def test_automatic_backup_failure_is_reported_not_swallowed(path: Path) -> None:
    backup_dir(path).parent.mkdir(parents=True, exist_ok=True)
    backup_dir(path).write_text("not a folder")
    with Store(path) as store:
        store.add(Task(title="vẫn được lưu"))
        store.compact()
        assert store.backup_error is not None
        assert [n.key for n in store.notices] == ["storage.backup_failed"]
    assert titles(path) == ["vẫn được lưu"]


def test_temp_files_of_a_killed_backup_are_cleaned(path: Path) -> None:
    store_with_tasks(path, 1)
    folder = backup_dir(path)
    folder.mkdir(exist_ok=True)
    leftover = folder / ".data-20200101-000000.json.abc123.tmp"
    leftover.write_bytes(b"half a backup")
    backup_now(path)
    assert not leftover.exists()


# ----------------------------------------------------------------- restore


def test_restore_twice_in_one_second_keeps_both_set_aside_files_and_the_mode(path: Path) -> None:
    store_with_tasks(path, 2)
    backup_now(path)
    os.chmod(path, 0o640)
    path.write_bytes(b"{ hong 1")
    restore_backup(path)
    assert path.stat().st_mode & 0o777 == 0o640  # 0640 stays 0640
    path.write_bytes(b"{ hong 2")
    restore_backup(path)
    aside = sorted(p.read_bytes() for p in path.parent.glob("data.replaced-*.json"))
    assert aside == [b"{ hong 1", b"{ hong 2"]
    assert titles(path) == ["Nhiệm vụ 0", "Nhiệm vụ 1"]


def test_undo_does_not_reach_past_a_restore(path: Path) -> None:
    store_with_tasks(path, 1)
    backup_now(path)
    with Store(path) as store:
        store.add(Task(title="sau bản sao lưu"))
    restore_backup(path)
    with Store(path) as store:
        assert [t.title for t in store.tasks()] == ["Nhiệm vụ 0"]
        assert not store.can_undo() and store.undo() is None
        assert store.history(1)[0]["kind"] == "barrier"
        assert store.history(1)[0]["label"]["key"] == "label.restore"
        store.add(Task(title="mới"))
        assert store.undo() and store.undo() is None


def test_restore_refuses_while_the_file_is_open(path: Path) -> None:
    store_with_tasks(path, 1)
    backup_now(path)
    with Store(path):
        with pytest.raises(DataFileLocked):
            restore_backup(path)


def test_stale_temp_files_are_cleaned_at_open(path: Path) -> None:
    store_with_tasks(path, 1)
    stale = path.with_name(f".{path.name}.abc123.tmp")
    stale.write_bytes(b"half")
    Store(path).close()
    assert not stale.exists()


def test_damaged_undo_log_line_is_reported_by_check(path: Path) -> None:
    store_with_tasks(path, 3, compact=True)
    data = bytearray(audit(path).read_bytes())
    data[5] ^= 0x20
    audit(path).write_bytes(bytes(data))
    assert [p.key for p in check_file(path)] == ["check.audit_line"]
    assert titles(path) == ["Nhiệm vụ 0", "Nhiệm vụ 1", "Nhiệm vụ 2"]  # the data itself still opens


def test_generic_tinydb_write_keeps_the_journal_content(path: Path) -> None:
    store_with_tasks(path, 2)
    storage = SafeStorage(path)
    data = storage.read()
    data["tasks"]["9"] = {"title": "qua TinyDB"}
    storage.write(data)
    storage.close()
    assert titles(path) == ["Nhiệm vụ 0", "Nhiệm vụ 1", "qua TinyDB"]
    assert journal(path).read_bytes().count(b"\n") == 1


def test_datafile_refuses_a_journal_header_it_does_not_know(path: Path) -> None:
    store_with_tasks(path, 1)
    lines = journal(path).read_bytes().split(b"\n")
    journal(path).write_bytes(encode_line({"app": "dvk", "journal": 99, "base": "x"}) + b"\n".join(lines[1:]))
    with pytest.raises(CorruptDataFile):
        DataFile(path, readonly=True).load()


def test_module_exports_used_by_the_cli() -> None:
    assert callable(datafile_mod.backup_now) and callable(datafile_mod.restore_backup)


def test_compaction_keeps_every_table_and_unknown_ones(path: Path) -> None:
    from db.models import Campaign, DvkModel, Profile

    with Store(path) as store:
        store.add(Document(number="4094/KH-UBND", date="2020-07-10"))
        store.add(Task(title="Họp"))
        store.add(DvkModel(name="Mô hình"))
        store.add(Campaign(name="Năm dân vận khéo", year=2020))
        store.set_profile(Profile(unit_name="Phòng GD&ĐT"))
        store.compact()
    with open_tinydb(path) as db:  # a table from a newer dvk, unknown to this one
        db.table("zz_future").insert({"x": 1})
    with Store(path) as store:
        store.add(Task(title="sau"))
        store.compact()
        counts = {cls.table: store.count(cls) for cls in (Document, Task, DvkModel, Campaign, Profile)}
    assert counts == {"documents": 1, "tasks": 2, "models": 1, "campaigns": 1, "profile": 1}
    assert json.loads(path.read_text(encoding="utf-8"))["zz_future"] == {"1": {"x": 1}}
