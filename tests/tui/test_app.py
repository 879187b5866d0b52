"""Palette, tasks, undo, read-only, language."""
from __future__ import annotations

from textual.screen import ModalScreen

from db.models import Document, Task
from db.store import Store
from tests.helpers import TODAY
from tests.tui.conftest import SIZE
from tui.app import make_app
from tui.screens.dashboard import DashboardScreen
from tui.screens.documents import DocumentsScreen
from tui.screens.tasks import TasksScreen
from tui.widgets.section_bar import SectionBar


async def test_palette_opens_document_by_number(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"4094")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsScreen)
        assert app.screen.current().canonical == "4094/KH-UBND"


async def test_palette_reads_party_numbers(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"2199-CV/HU")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.current().canonical == "2199-CV/HU"


async def test_mark_task_done_then_undo(app):
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen)
        task = app.screen.current()
        assert task.status in ("todo", "doing")  # the cursor starts on the first open task
        while app.store.get(Task, task.id).status != "done":
            await pilot.press("x")
            await pilot.pause()
        assert app.store.get(Task, task.id).done_on == TODAY.isoformat()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.store.get(Task, task.id).status != "done"
        assert str(app.screen.table.get_row(str(task.id))[1]) != "xong"


async def test_task_result_written_in_text_dialog(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        task = app.screen.current()
        await pilot.press("r")
        await pilot.press(*"Đã xong")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.get(Task, task.id).result.endswith("Đã xong")


async def test_second_instance_is_read_only(data_file):
    with Store(data_file):  # another session holds the write lock
        app = make_app(data_file, today=TODAY)
        assert app.readonly
        before = len(app.store.all(Document))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("2")
            await pilot.pause()
            assert app.screen.query_one("#readonly-banner")
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, DocumentsScreen)  # no dialog opened
            assert app.screen.check_action("add", ()) is None
            await pilot.press("3", "x")
            await pilot.pause()
            await pilot.press("5", "n", "u", "enter")  # the report's editors stay shut too
            await pilot.pause()
            assert not isinstance(app.screen, ModalScreen)
        assert len(app.store.all(Document)) == before
        assert [t.status for t in app.store.tasks()] == [t.status for t in Store(data_file, readonly=True).tasks()]


async def test_english_section_titles(data_file):
    app = make_app(data_file, lang="en", today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = str(app.screen.query_one(SectionBar).render())
        assert "Overview" in bar and "Documents" in bar and "Tổng quan" not in bar
        assert app.screen.query_one("#overdue").border_title.startswith("Overdue tasks")
        await pilot.press("2")
        await pilot.pause()
        assert str(app.screen.table.columns[next(iter(app.screen.table.columns))].label) == "Number"


async def test_corrupt_file_raises_one_line_error(tmp_path):
    import pytest

    from db.errors import DvkError

    bad = tmp_path / "dvk.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(DvkError) as err:
        make_app(bad)
    assert "\n" not in str(err.value)


async def test_dashboard_counts(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.query_one("#overdue").border_title == "Nhiệm vụ quá hạn (1)"
        assert app.screen.query_one("#soon").border_title == "Nhiệm vụ đến hạn trong 7 ngày (2)"
