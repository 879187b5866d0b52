"""SafeStorage behaviour: round-trip, batching, read-only, locking, conflicts,
corrupt files, migrations, backups."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from db import storage as storage_mod
from db.errors import (
    CorruptDataFile,
    DataFileLocked,
    DataFileMissing,
    DvkError,
    ReadOnlyError,
    SchemaTooNew,
    StorageClosed,
    WriteConflict,
)
from db.storage import SCHEMA_VERSION, SafeStorage, backup_dir, backup_now, list_backups, open_tinydb

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data.json"


def raw_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def count_replaces(monkeypatch, target: Path) -> list:
    """Record os.replace calls onto the data file (backups also use os.replace)."""
    calls = []
    real = os.replace

    def spy(src, dst, *a, **kw):
        if Path(dst) == target:
            calls.append(dst)
        return real(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", spy)
    return calls


# ----------------------------------------------------------------- round trip


def test_round_trip_keeps_vietnamese_and_meta(path: Path) -> None:
    with open_tinydb(path) as db:
        db.table("docs").insert({"title": "Nghị quyết về công tác dân vận", "n": 1})
        db.table("tasks").insert_multiple([{"t": "a"}, {"t": "b"}])
    text = path.read_text(encoding="utf-8")
    assert "Nghị quyết" in text  # ensure_ascii=False: readable in any editor
    on_disk = raw_json(path)
    assert on_disk["_meta"] == {"1": {"schema": SCHEMA_VERSION, "app": "dvk"}}
    with open_tinydb(path) as db:
        assert db.tables() == {"docs", "tasks"}  # _meta hidden from TinyDB
        assert db.table("docs").get(doc_id=1)["title"] == "Nghị quyết về công tác dân vận"
        assert [d["t"] for d in db.table("tasks").all()] == ["a", "b"]


def test_serialisation_is_stable(path: Path) -> None:
    with open_tinydb(path) as db:
        t = db.table("docs")
        for i in range(12):
            t.insert({"b": i, "a": str(i)})
        first = path.read_bytes()
        t.update({"b": 0}, doc_ids=[1])  # same value: same bytes
        assert path.read_bytes() == first
    lines = first.decode().splitlines()
    assert lines[lines.index('"docs":{') + 1].startswith('"1":{"a":"0","b":0}')
    assert lines[lines.index('"docs":{') + 10].startswith('"10":')  # TinyDB's (= id) order


def test_unserialisable_value_writes_nothing(path: Path) -> None:
    import datetime

    with open_tinydb(path) as db:
        db.insert({"ok": 1})
        before = path.read_bytes()
        with pytest.raises(TypeError):
            db.insert({"when": datetime.date(2024, 1, 1)})
        assert path.read_bytes() == before
        assert db.all() == [{"ok": 1}]


def test_missing_parent_folders_are_created(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c" / "data.json"
    with open_tinydb(deep) as db:
        db.insert({"x": 1})
    assert raw_json(deep)["_default"] == {"1": {"x": 1}}


def test_read_returns_cached_dict_without_reparsing(path: Path, monkeypatch) -> None:
    with open_tinydb(path) as db:
        db.insert({"x": 1})
        monkeypatch.setattr(storage_mod, "_read_disk", lambda p: pytest.fail("re-read the file"))
        monkeypatch.setattr(json, "loads", lambda *a, **k: pytest.fail("re-parsed"))
        for _ in range(5):
            assert db.all() == [{"x": 1}]
        assert db.storage.read() is db.storage.read()


def test_missing_file_without_create(path: Path) -> None:
    with pytest.raises(DataFileMissing):
        SafeStorage(path, create=False)
    with pytest.raises(DataFileMissing):
        SafeStorage(path, readonly=True)
    assert not path.exists()
    SafeStorage(path).close()  # and the lock was released by the failed opens


# ---------------------------------------------------------------------- batch


def test_batch_writes_once(path: Path, monkeypatch) -> None:
    db = open_tinydb(path)
    calls = count_replaces(monkeypatch, path)
    with db.storage.batch():
        with db.storage.batch():  # nested
            for i in range(10):
                db.insert({"i": i})
        assert calls == []  # inner exit does not write
        db.table("other").insert({"x": 1})
        assert calls == []
    assert len(calls) == 1
    assert len(raw_json(path)["_default"]) == 10
    db.close()


def test_batch_rolls_back_on_exception(path: Path, monkeypatch) -> None:
    db = open_tinydb(path)
    db.insert({"keep": 1})
    before = path.read_bytes()
    calls = count_replaces(monkeypatch, path)
    assert db.search(lambda d: True) == [{"keep": 1}]  # warm TinyDB's query cache
    with pytest.raises(RuntimeError):
        with db.storage.batch():
            db.insert({"lost": 2})
            db.update({"keep": 99})
            assert len(db) == 2
            raise RuntimeError("boom")
    assert calls == []
    assert path.read_bytes() == before
    assert db.all() == [{"keep": 1}]
    assert db.search(lambda d: True) == [{"keep": 1}]  # query cache was dropped too
    assert db.insert({"next": 3}) == 2  # next-id counter not left pointing past the rollback
    db.close()


def test_nested_batch_exception_restores_savepoint(path: Path) -> None:
    db = open_tinydb(path)
    with db.storage.batch():
        db.insert({"outer": 1})
        with pytest.raises(ValueError):
            with db.storage.batch():
                db.insert({"inner": 2})
                raise ValueError
        assert db.all() == [{"outer": 1}]
    assert list(raw_json(path)["_default"].values()) == [{"outer": 1}]
    db.close()


# ------------------------------------------------------------------ read-only


def test_readonly_refuses_writes_and_takes_no_lock(path: Path) -> None:
    with open_tinydb(path) as writer:
        writer.insert({"x": 1})
        before = path.read_bytes()
        ro = open_tinydb(path, readonly=True)  # works while a writer holds the lock
        assert ro.storage.readonly
        with pytest.raises(ReadOnlyError) as err:
            ro.insert({"y": 2})
        assert "\n" not in str(err.value) and "chỉ đọc" in str(err.value)
        assert ro.all() == [{"x": 1}]  # TinyDB's in-place mutation was undone
        with pytest.raises(ReadOnlyError):
            ro.storage.write({})
        assert path.read_bytes() == before
        ro.close()
    assert list_backups(path) == []  # nor did a freshly created, empty file get one


def test_readonly_reload_sees_writer_changes(path: Path) -> None:
    writer = open_tinydb(path)
    ro = open_tinydb(path, readonly=True)
    assert ro.all() == []
    writer.insert({"x": 1})
    assert ro.storage.reload() is True
    assert ro.all() == [{"x": 1}]
    assert ro.storage.reload() is False
    writer.close()
    ro.close()


def test_use_after_close(path: Path) -> None:
    db = open_tinydb(path)
    db.close()
    with pytest.raises(StorageClosed):
        db.storage.read()


# ----------------------------------------------------------------------- lock


def test_second_open_in_process_is_locked(path: Path) -> None:
    first = SafeStorage(path)
    with pytest.raises(DataFileLocked) as err:
        SafeStorage(path)
    msg = str(err.value)
    assert f"PID {os.getpid()}" in msg and str(path) in msg and "\n" not in msg
    assert err.value.pid == os.getpid()
    first.close()
    SafeStorage(path).close()  # released on close


def _run_child(code: str, *args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=REPO, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_second_open_in_other_process_is_locked(path: Path) -> None:
    holder = SafeStorage(path)
    child = _run_child(
        """
        import sys
        from db.storage import SafeStorage
        from db.errors import DataFileLocked
        try:
            SafeStorage(sys.argv[1])
        except DataFileLocked as err:
            print(err.pid); print(err)
        else:
            print("OPENED")
        """,
        str(path),
    )
    holder.close()
    pid_line, msg = child.stdout.splitlines()
    assert int(pid_line) == os.getpid()
    assert f"(PID {os.getpid()})" in msg


# ------------------------------------------------------------------- conflict


def test_write_conflict_when_file_replaced_underneath(path: Path) -> None:
    db = open_tinydb(path)
    db.insert({"mine": 1})
    # A writer that ignored the lock (e.g. an old copy over a network share).
    foreign = path.with_name("foreign.json")
    foreign.write_text('{"_default":{"1":{"theirs":1}}}', encoding="utf-8")
    os.replace(foreign, path)
    theirs = path.read_bytes()
    with pytest.raises(WriteConflict) as err:
        db.insert({"mine": 2})
    assert "\n" not in str(err.value)
    assert path.read_bytes() == theirs  # nothing written
    assert db.all() == [{"mine": 1}]  # memory back to what we last committed
    with pytest.raises(WriteConflict):  # stays refused until the user reopens / reloads
        db.insert({"mine": 3})
    assert db.storage.reload() is True  # adopting their version is an explicit choice
    db.close()


def test_write_conflict_when_file_rewritten_in_place(path: Path) -> None:
    db = open_tinydb(path)
    db.insert({"mine": 1})
    with open(path, "r+b") as f:  # what TinyDB's JSONStorage does: truncate + rewrite
        f.write(b'{"_default":{}}')
        f.truncate()
    with pytest.raises(WriteConflict):
        db.insert({"mine": 2})
    db.close()


def test_write_conflict_when_file_deleted(path: Path) -> None:
    db = open_tinydb(path)
    path.unlink()
    with pytest.raises(WriteConflict):
        db.insert({"x": 1})
    assert not path.exists()
    db.close()


# -------------------------------------------------------------- corrupt files

VALID = b'{\n"_default":{\n"1":{"a":1},\n"2":{"a":2}\n},\n"_meta":{\n"1":{"app":"dvk","schema":1}\n}\n}\n'

CORRUPT = {
    "truncated": (VALID[: len(VALID) // 2], "JSON không hợp lệ ở dòng"),
    "empty": (b"", "tệp rỗng"),
    "non-json": (b"day khong phai JSON\n", "JSON không hợp lệ ở dòng 1"),
    "list-not-object": (b"[1, 2, 3]", "không phải một đối tượng JSON"),
    "wrong-shape-table": (b'{"_default": [1, 2]}', "không đúng cấu trúc"),
    "wrong-shape-doc": (b'{"_default": {"1": 5}}', "không đúng cấu trúc"),
    "bad-meta": (b'{"_meta": {"1": {"app": "other", "schema": 1}}}', "_meta"),
    "not-utf8": ('{"a": "Việt"}'.encode("utf-16"), "UTF-8"),
}


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_corrupt_file_is_never_touched(path: Path, case: str) -> None:
    content, expected = CORRUPT[case]
    path.write_bytes(content)
    for readonly in (False, True):
        with pytest.raises(CorruptDataFile) as err:
            SafeStorage(path, readonly=readonly)
        msg = str(err.value)
        assert "\n" not in msg and expected in msg and str(path) in msg
        assert "chưa có bản sao lưu nào" in msg
        assert err.value.path == path and err.value.moved_to is None
    assert path.read_bytes() == content
    assert not backup_dir(path).exists()
    path.write_bytes(VALID)
    SafeStorage(path).close()  # the failed open released the lock


def test_truncated_json_reports_line(path: Path) -> None:
    path.write_bytes(VALID[: VALID.index(b'"2"')])  # cut after line 3
    with pytest.raises(CorruptDataFile) as err:
        SafeStorage(path)
    assert "JSON không hợp lệ ở dòng 4" in str(err.value)


def test_corrupt_message_names_newest_backup(path: Path) -> None:
    path.write_bytes(VALID)
    backup_now(path)
    newest = backup_now(path)
    path.write_bytes(b'{"_default": {"1": {"a"')
    with pytest.raises(CorruptDataFile) as err:
        open_tinydb(path)
    assert f"bản sao lưu gần nhất: {newest}" in str(err.value)
    assert err.value.newest_backup == newest


def test_schema_too_new_refused_for_writing(path: Path) -> None:
    content = b'{"_default":{"1":{"a":1}},"_meta":{"1":{"app":"dvk","schema":99}}}'
    path.write_bytes(content)
    with pytest.raises(SchemaTooNew) as err:
        open_tinydb(path)
    msg = str(err.value)
    assert "\n" not in msg and "99" in msg and isinstance(err.value, DvkError)
    assert path.read_bytes() == content
    with open_tinydb(path, readonly=True) as ro:  # reading what we understand is allowed
        assert ro.all() == [{"a": 1}]
        with pytest.raises(ReadOnlyError):
            ro.insert({"b": 2})
    assert path.read_bytes() == content


def test_old_schema_is_backed_up_then_migrated(path: Path) -> None:
    legacy = b'{"_default": {"1": {"a": 1}}}'  # plain TinyDB JSONStorage file, no _meta
    path.write_bytes(legacy)
    with open_tinydb(path) as db:
        assert db.all() == [{"a": 1}]
        assert db.storage.schema == SCHEMA_VERSION
    assert raw_json(path)["_meta"]["1"]["schema"] == SCHEMA_VERSION
    (backup,) = list_backups(path)
    assert backup.read_bytes() == legacy


def test_meta_table_name_is_reserved(path: Path) -> None:
    with open_tinydb(path) as db:
        with pytest.raises(ValueError):
            db.table("_meta").insert({"x": 1})
        assert raw_json(path)["_meta"]["1"]["app"] == "dvk"


# -------------------------------------------------------------------- backups


def test_first_write_of_session_backs_up_previous_file(path: Path) -> None:
    with open_tinydb(path) as db:
        db.insert({"v": 1})
    committed = path.read_bytes()
    with open_tinydb(path) as db:
        assert list_backups(path) == [] or list_backups(path)[-1].read_bytes() != committed
        db.insert({"v": 2})
        db.insert({"v": 3})  # within the interval: no second backup
    backups = list_backups(path)
    assert backups[-1].read_bytes() == committed
    assert backups[-1].name.startswith("data-") and backups[-1].parent == path.parent / "backups"


def test_backups_rotate_to_limit(path: Path) -> None:
    db = open_tinydb(path, backups=3, backup_interval=0)
    states = []
    for i in range(7):
        states.append(path.read_bytes())
        db.insert({"i": i})
    db.close()
    backups = list_backups(path)
    assert len(backups) == 3
    assert [b.read_bytes() for b in backups] == states[-3:]  # the newest three, oldest first


def test_backup_now(path: Path) -> None:
    with open_tinydb(path) as db:
        db.insert({"x": 1})
        made = backup_now(path)
        assert made.parent == backup_dir(path)
        assert made.read_bytes() == path.read_bytes()
        for _ in range(7):
            backup_now(path, keep=5)
        assert len(list_backups(path)) == 5
    with pytest.raises(DataFileMissing):
        backup_now(path.with_name("nope.json"))


def test_stale_temp_files_are_cleaned_at_open(path: Path) -> None:
    SafeStorage(path).close()
    stale = path.with_name(f".{path.name}.abc123.tmp")
    stale.write_bytes(b'{"half')
    SafeStorage(path).close()
    assert not stale.exists()
