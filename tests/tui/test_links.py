"""Tasks and documents know each other: pick a document by number in the task dialog, see a
document's tasks under it, jump both ways, give a document a task with `t`."""
from __future__ import annotations

from db.models import Task
from tests.tui.conftest import SIZE
from tui.cli_format import ui_date
from tests.tui.keys import replace_field, type_text
from tui.screens.documents import DocumentsScreen
from tui.screens.task_dialog import TaskDialog
from tui.screens.tasks import TasksScreen
from tui.widgets.doc_field import DocField
from tui.widgets.record_list import RecordList


def doc_id(app, number: str) -> int:
    return app.store.document_by_number(number)[0].id


async def test_add_task_picks_its_document_by_part_of_the_number(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "a")
        await pilot.pause()
        assert isinstance(app.screen, TaskDialog)
        await type_text(pilot, "Triển khai kế hoạch")
        await pilot.press("enter")
        await type_text(pilot, "4094")
        field = app.screen.query_one(DocField)
        shown = [str(field.matches.get_option_at_index(i).prompt) for i in range(field.matches.option_count)]
        assert shown and shown[0].startswith("4094/KH-UBND")
        await pilot.press("enter")  # takes the first match and moves on
        await pilot.pause()
        assert field.value == "4094/KH-UBND"
        assert "Kế hoạch thực hiện" in str(field.note.render())
        await type_text(pilot, "15/12/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen)
        task = next(t for t in app.store.all(Task) if t.title == "Triển khai kế hoạch")
        assert task.source_doc == doc_id(app, "4094/KH-UBND")
        assert task.due == "2026-12-15"
        # the task's detail names its document, and v opens it
        assert app.screen.table.current_key == str(task.id)
        related = app.screen.query_one("#related", RecordList)
        assert "4094/KH-UBND" in str(related.get_option_at_index(0).prompt)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsScreen)
        assert app.screen.current().canonical == "4094/KH-UBND"


async def test_a_number_that_is_not_registered_is_refused_on_the_field(app):
    before = len(app.store.all(Task))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "a")
        await pilot.pause()
        await type_text(pilot, "Việc thử")
        await pilot.press("tab")
        await type_text(pilot, "9999/KH-XYZ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TaskDialog)
        assert "Không có văn bản số này" in str(app.screen.query_one(DocField).note.render())
    assert len(app.store.all(Task)) == before


async def test_editing_a_task_changes_its_document(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        task = app.screen.current()
        await pilot.press("e", "tab")
        await replace_field(pilot, "2199-CV/HU")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.get(Task, task.id).source_doc == doc_id(app, "2199-CV/HU")


async def test_a_documents_tasks_are_listed_under_it_and_enter_opens_one(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash")
        await type_text(pilot, "4094")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert screen.current().canonical == "4094/KH-UBND"
        related = screen.query_one("#related", RecordList)
        listed = [str(related.get_option_at_index(i).prompt) for i in range(related.option_count)]
        mine = [t for t in app.store.all(Task) if t.source_doc == doc_id(app, "4094/KH-UBND")]
        assert len(listed) == len(mine) > 0
        status = {"todo": "cần làm", "doing": "đang làm", "done": "xong"}
        for task in mine:  # each with its due date and status
            assert any(ui_date(task.due) in line and status[task.status] in line and task.title in line
                       for line in listed), (task, listed)
        await pilot.press("tab")
        assert app.focused is related
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen)
        opened = app.screen.current()
        assert opened.source_doc == doc_id(app, "4094/KH-UBND")
        assert opened.title in listed[1]


async def test_t_gives_the_highlighted_document_a_task(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash")
        await type_text(pilot, "2199")
        await pilot.press("enter", "t")
        await pilot.pause()
        assert isinstance(app.screen, TaskDialog)
        assert "2199-CV/HU" in app.screen.title_text
        assert app.screen.query_one(DocField).value == "2199-CV/HU"
        await type_text(pilot, "Sao gửi hướng dẫn tới các trường")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsScreen)
        task = next(t for t in app.store.all(Task) if t.title == "Sao gửi hướng dẫn tới các trường")
        assert task.source_doc == doc_id(app, "2199-CV/HU")
        related = app.screen.query_one("#related", RecordList)
        assert any("Sao gửi hướng dẫn" in str(related.get_option_at_index(i).prompt)
                   for i in range(related.option_count))


async def test_deleting_a_document_leaves_its_task_without_a_link(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash")
        await type_text(pilot, "2199")
        await pilot.press("enter", "t")
        await type_text(pilot, "Việc của 2199")
        await pilot.press("ctrl+s", "d", "y")
        await pilot.pause()
        task = next(t for t in app.store.all(Task) if t.title == "Việc của 2199")
        assert task.source_doc is None
        assert not app.store.document_by_number("2199-CV/HU")
        await pilot.press("3")
        await pilot.pause()
        app.screen.show_record(task.id)
        await pilot.press("v")  # no document any more: says so, stays here
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen)
