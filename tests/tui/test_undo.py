"""Ctrl+Z and Ctrl+Y take a change back and put it back, and say which change in words a person reads."""
from __future__ import annotations

import re

from db.models import Task
from tests.helpers import TODAY
from tests.tui.conftest import SIZE
from tests.tui.keys import record_toasts
from tui.app import make_app


async def _finish_first_task(app, pilot) -> Task:
    await pilot.press("3")
    await pilot.pause()
    task = app.screen.current()
    while app.store.get(Task, task.id).status != "done":
        await pilot.press("x")
        await pilot.pause()
    return task


async def test_undo_and_redo_name_the_change(app):
    async with app.run_test(size=SIZE) as pilot:
        said = record_toasts(app)
        task = await _finish_first_task(app, pilot)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.store.get(Task, task.id).status == "doing"
        assert said[-1] == f"Đã hoàn tác: đánh dấu xong “{task.title[:39]}…”"
        assert str(app.screen.table.get_row(str(task.id))[1]) == "đang làm"  # the list follows at once
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.store.get(Task, task.id).status == "done"
        assert said[-1].startswith("Đã làm lại: đánh dấu xong “")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert said[-1] == "Không có gì để làm lại."


async def test_labels_never_show_ids_or_status_codes(app):
    async with app.run_test(size=SIZE) as pilot:
        said = record_toasts(app)
        await _finish_first_task(app, pilot)
        for _ in range(3):
            await pilot.press("ctrl+z")
            await pilot.pause()
        undone = [line for line in said if line.startswith("Đã hoàn tác")]
        assert len(undone) == 3
        for line in undone:
            assert not re.search(r"#\d|\b(todo|doing|done)\b", line), line


async def test_undo_labels_follow_the_english_interface(data_file):
    app = make_app(data_file, lang="en", today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        said = record_toasts(app)
        await _finish_first_task(app, pilot)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert said[-1].startswith("Undone: mark done “")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert said[-1].startswith("Redone: mark done “")


async def test_undo_of_a_report_edit_updates_the_report(app):
    async with app.run_test(size=SIZE) as pilot:
        said = record_toasts(app)
        await pilot.press("5")
        await pilot.pause()
        before = app.store.campaigns()[0].advantages
        app.screen.show_part("advantages")
        await pilot.press("enter")
        await pilot.press(*"Một đoạn mới")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.campaigns()[0].advantages != before
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.store.campaigns()[0].advantages == before
        assert said[-1] == "Đã hoàn tác: sửa phong trào “Năm dân vận khéo 2020”"
