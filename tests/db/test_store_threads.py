"""Reads from several threads at once (the TUI reads in workers): every record is there.

A table read for the first time by two threads — one parsing it to pick the
overdue tasks, one building every record — once came out with only the few
records the first had built (the second found the file's table already taken);
a compaction then would have written those few back.
"""
from __future__ import annotations

import threading
from datetime import date

from db.models import Document, Task
from db.store import Store

TODAY = date(2026, 11, 25)


def _file(tmp_path, n: int = 300):
    path = tmp_path / "dvk.json"
    with Store(path, today=lambda: TODAY) as store:
        with store.transaction("many"):
            for i in range(n):
                store.add(Task(title=f"Việc {i}", due="2026-01-01" if i % 3 else "2027-01-01"))
                store.add(Document(number=f"{i + 1}/KH-UBND", date="2026-02-03", summary=f"Kế hoạch {i}"))
        store.compact()
    return path


def test_a_table_parsed_by_one_reader_is_still_whole_for_another(tmp_path):
    path = _file(tmp_path)
    store = Store(path, readonly=True, today=lambda: TODAY)
    overdue = store.overdue()  # parses the table, builds only the overdue tasks
    assert len(overdue) == 200
    table = store._records[Task.table]  # noqa: SLF001 - the step the racing reader took
    assert len(table._stream()) == 300  # noqa: SLF001
    assert len(store.all(Task)) == 300


def test_first_reads_from_many_threads_see_every_record(tmp_path):
    path = _file(tmp_path)
    for _round in range(5):
        store = Store(path, readonly=True, today=lambda: TODAY)
        counts: list[int] = []
        start = threading.Barrier(4)

        def read(what) -> None:
            start.wait()
            counts.append(what())

        readers = [lambda: len(store.overdue()), lambda: len(store.all(Task)), lambda: len(store.tasks()),
                   lambda: len(store.find("viec", (Task.table,), limit=10**6))]
        threads = [threading.Thread(target=read, args=(r,)) for r in readers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(counts) == [200, 300, 300, 300]
        assert len(store.all(Task)) == 300 and len(store.all(Document)) == 300
        store.close()
