"""Deadlines to iCalendar: all-day events, and UIDs that stay put so a re-import updates."""
from __future__ import annotations

import datetime
import shutil
from dataclasses import replace

from icalendar import Calendar

from db import rules
from db.models import Document, Task
from db.store import Store
from exports.calendar import data_identity, deadlines_calendar
from tests.helpers import demo_store

NOW = datetime.datetime(2026, 11, 25, 8, 0, tzinfo=datetime.timezone.utc)


def _events(data: bytes) -> dict[str, dict]:
    cal = Calendar.from_ical(data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_every_open_task_and_document_deadline_is_an_all_day_event(tmp_path):
    with demo_store(tmp_path) as store:
        doc = store.add(Document(number="15/SGDĐT-VP", date="2020-03-02", due="2020-03-20", handling="pending",
                                 summary="Báo cáo số liệu", handler="Chị Lan"))
        store.add(Document(number="16/SGDĐT-VP", date="2020-03-02", due="2020-03-21", handling="done"))
        data, count = deadlines_calendar(store, lang="vi", now=NOW)
        open_tasks = [t for t in store.all(Task) if rules.is_live(t) and t.due]
        waiting = [d for d in store.all(Document) if d.due and d.handling != "done"]
        done_task = next(t for t in store.all(Task) if t.status == "done")
    events = _events(data)
    assert count == len(events) == len(open_tasks) + len(waiting)
    assert doc in waiting and not any(d.number == "16/SGDĐT-VP" for d in waiting)
    assert not any(uid.startswith(f"task-{done_task.id}-") for uid in events)
    first = open_tasks[0]
    (task_event,) = [e for uid, e in events.items() if uid.startswith(f"task-{first.id}-")]
    assert task_event.decoded("DTSTART") == datetime.date.fromisoformat(first.due)  # a DATE: all day
    assert task_event.decoded("DTEND") == datetime.date.fromisoformat(first.due) + datetime.timedelta(days=1)
    assert str(task_event["SUMMARY"]) == f"Hạn: {first.title}"
    (doc_event,) = [e for uid, e in events.items() if uid.startswith(f"document-{doc.id}-")]
    assert str(doc_event["SUMMARY"]) == "Hạn xử lý 15/SGDĐT-VP: Báo cáo số liệu"
    assert "Người xử lý: Chị Lan" in str(doc_event["DESCRIPTION"])
    assert "LAST-MODIFIED" in doc_event and int(doc_event["SEQUENCE"]) > 0


def _move_data(source, target):
    """Move a data file as a person should: with its journal and undo log beside it."""
    for part in ("", ".journal", ".audit"):
        if source.with_name(source.name + part).exists():
            shutil.move(source.with_name(source.name + part), target.with_name(target.name + part))


def test_uids_are_stable_across_exports_and_moves_and_sequence_grows_on_change(tmp_path):
    path = tmp_path / "a.json"
    with demo_store(tmp_path) as store:
        pass
    _move_data(tmp_path / "dvk.json", path)
    with Store(path) as store:
        before = _events(deadlines_calendar(store, now=NOW)[0])
        task = next(t for t in store.tasks() if rules.is_live(t) and t.due)
        store.save(replace(task, title="Tên mới"))
        after = _events(deadlines_calendar(store, now=NOW)[0])
    moved = tmp_path / "moved" / "renamed.json"
    moved.parent.mkdir()
    _move_data(path, moved)
    with Store(moved, readonly=True) as store:
        again = _events(deadlines_calendar(store, now=NOW)[0])
    assert set(before) == set(after) == set(again)  # a re-import updates, never duplicates
    (uid,) = [u for u in after if u.startswith(f"task-{task.id}-")]
    assert str(after[uid]["SUMMARY"]) == "Hạn: Tên mới"
    assert int(after[uid]["SEQUENCE"]) >= int(before[uid]["SEQUENCE"])
    assert after[uid].decoded("LAST-MODIFIED") >= before[uid].decoded("LAST-MODIFIED")


def test_two_data_files_get_different_uids_for_the_same_record_id(tmp_path):
    uids = []
    for name, number in (("that.json", "1/UBND-VP"), ("other.json", "2/PGDĐT-VP")):
        with Store(tmp_path / name) as store:
            store.add(Document(number=number, date="2020-01-01", due="2020-02-01", handling="pending"))
            uids += list(_events(deadlines_calendar(store, now=NOW)[0]))
    assert len(uids) == 2 and uids[0].startswith("document-1-") and uids[1].startswith("document-1-")
    assert uids[0] != uids[1]


def test_sequence_grows_with_every_later_change():
    from exports.calendar import _sequence

    t = datetime.datetime(2026, 11, 25, 8, 0, 0, tzinfo=datetime.timezone.utc)
    assert _sequence(None) == 0 < _sequence(t) < _sequence(t + datetime.timedelta(seconds=1)) < 2**31
