"""Tổng quan is the start of the day: deadlines you can open, documents waiting, counts, next steps."""
from __future__ import annotations

from pathlib import Path

import pytest

from db.models import Document, Task
from db.store import Store
from tests.helpers import TODAY
from tests.tui.conftest import SIZE
from tui.app import make_app
from tui.screens.dashboard import DashboardScreen
from tui.screens.documents import DocumentsScreen
from tui.screens.report import ReportScreen
from tui.screens.tasks import TasksScreen
from tui.widgets.record_list import RecordList


@pytest.fixture
def day_file(data_file: Path) -> Path:
    """Demo year (one letter due in 4 days) plus one late, one due in 3 days, one already handled."""
    with Store(data_file, today=lambda: TODAY) as store:
        for number, due, handling in (("77/CV-UBND", "2026-11-20", "pending"), ("78/CV-UBND", "2026-11-28", "pending"),
                                      ("79/CV-UBND", "2026-11-26", "done")):
            store.add(Document(number=number, date="2026-11-10", summary=f"Văn bản {number}", handling=handling,
                               due=due))
    return data_file


def lines(panel: RecordList) -> list[str]:
    return [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]


async def test_panels_show_late_and_soon_tasks_and_waiting_documents(day_file):
    app = make_app(day_file, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        overdue, soon, waiting = (screen.query_one(f"#{name}", RecordList) for name in ("overdue", "soon", "waiting"))
        assert overdue.border_title == "Nhiệm vụ quá hạn (1)"
        assert soon.border_title == "Nhiệm vụ đến hạn trong 7 ngày (2)"
        assert waiting.border_title == "Văn bản chờ xử lý (3)"
        numbers = [line.split()[1] for line in lines(waiting)]
        assert numbers == ["77/CV-UBND", "78/CV-UBND", "2456/UBND-NC"]  # nearest deadline first
        assert lines(waiting)[0].startswith("20/11/2026")
        counts = str(screen.query_one("#counts").render())
        assert "3 cần làm" in counts and "1 đang làm" in counts and "9 xong" in counts
        assert "3 đang xử lý" in counts and "1 đã xử lý" in counts


async def test_tab_walks_the_panels_and_enter_opens_the_item(day_file):
    app = make_app(day_file, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is app.screen.query_one("#overdue")
        late = app.store.overdue()[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen)
        assert app.screen.current().id == late.id
        await pilot.press("1", "tab", "tab")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#waiting")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsScreen)
        assert app.screen.current().canonical == "78/CV-UBND"


async def test_enter_on_a_report_section_opens_it_on_bao_cao(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#sections").focus()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        outline = app.screen.query_one("#outline")
        assert app.screen.parts[outline.highlighted].key == "section.3"


async def test_the_dashboard_follows_a_change_made_elsewhere(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        late = app.store.overdue()[0]
        await pilot.press("enter")
        await pilot.pause()
        while app.store.get(Task, late.id).status != "done":
            await pilot.press("x")
            await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.query_one("#overdue").border_title == "Nhiệm vụ quá hạn (0)"


async def test_an_empty_file_says_what_to_do_first_on_every_section(tmp_path):
    app = make_app(tmp_path / "new.json", today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        steps = str(app.screen.query_one("#next-steps").render())
        assert "tạo phong trào năm 2026" in steps and "2 rồi a" in steps and "thông tin đơn vị" in steps
        for key, words in (("2", "Nhấn a để thêm văn bản đầu tiên"), ("3", "nhấn t"), ("4", "đăng ký mô hình")):
            await pilot.press(key)
            await pilot.pause()
            empty = app.screen.query_one("#empty")
            assert empty.display and words in str(empty.render())
            assert not app.screen.table.display
        await pilot.press("5")
        await pilot.pause()
        assert "Nhấn n để tạo phong trào năm 2026" in str(app.screen.query_one("#report-empty").render())
