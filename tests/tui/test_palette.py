"""The command palette is the way to everything: records of every kind, actions, in one language."""
from __future__ import annotations

from textual.command import CommandList, CommandPalette

from db.models import Task
from db.store import Store
from tests.helpers import TODAY
from tests.tui.conftest import SIZE
from tests.tui.keys import type_text
from tui.app import make_app
from tui.screens.choice import ChoiceDialog
from tui.screens.document_dialog import DocumentDialog
from tui.screens.models import ModelsScreen
from tui.screens.tasks import TasksScreen
from tui.settings import Settings
from tui.widgets.section_bar import SectionBar


async def palette(pilot, app, query: str) -> list[str]:
    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    await type_text(pilot, query)
    await pilot.pause(0.7)  # longer than Textual's "no matches" countdown (0.5 s)
    found = app.screen.query_one(CommandList)
    return [str(found.get_option_at_index(i).prompt).splitlines()[0] for i in range(found.option_count)]


async def test_tasks_and_models_are_found_without_accents(app):
    async with app.run_test(size=SIZE) as pilot:
        lines = await palette(pilot, app, "bao cao thang")
        assert lines[0].startswith("Nhiệm vụ: Báo cáo tháng công tác dân vận")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen) and app.screen.current().title == "Báo cáo tháng công tác dân vận"
        lines = await palette(pilot, app, "phu huynh")
        assert lines[0] == "Mô hình: Phụ huynh đồng hành cùng nhà trường"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ModelsScreen) and app.screen.current().name.startswith("Phụ huynh")


async def test_what_the_palette_shows_decides_the_order(data_file):
    """Same words in the title of one task and in the hidden result of a newer one: the title wins."""
    with Store(data_file) as store:
        shown = store.add(Task(title="Tổng kết phong trào thi đua", due="2026-12-01"))
        store.add(Task(title="Rà soát hồ sơ", result="Đã tổng kết phong trào thi đua", due="2026-12-20"))
    app = make_app(data_file, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        lines = await palette(pilot, app, "tong ket phong trao")
        tasks = [line for line in lines if line.startswith("Nhiệm vụ:")]
        assert tasks[:2] == [f"Nhiệm vụ: {shown.title}", "Nhiệm vụ: Rà soát hồ sơ"]


async def test_a_number_comes_before_words_that_mention_it(app):
    async with app.run_test(size=SIZE) as pilot:
        lines = await palette(pilot, app, "4094")
        assert lines[0].startswith("Văn bản 4094/KH-UBND — ")


async def test_actions_add_a_document_and_open_help(app):
    async with app.run_test(size=SIZE) as pilot:
        lines = await palette(pilot, app, "them van ban")
        assert lines[0] == "Thêm văn bản"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DocumentDialog)
        await pilot.press("escape")
        for query, label in (("them nhiem vu", "Thêm nhiệm vụ"), ("them mo hinh", "Thêm mô hình"),
                             ("xuat pdf", "Xuất báo cáo PDF"), ("tro giup", "Trợ giúp, các phím")):
            assert (await palette(pilot, app, query))[0] == label
            await pilot.press("escape")


async def test_nothing_found_is_said_in_vietnamese(app):
    async with app.run_test(size=SIZE) as pilot:
        lines = await palette(pilot, app, "xyzzy")
        assert lines == ["Không tìm thấy “xyzzy” — gõ số văn bản, vài chữ của nhiệm vụ, hoặc tên lệnh"]
        assert "No matches" not in " ".join(lines)


async def test_language_and_theme_are_switched_and_remembered(data_file):
    app = make_app(data_file, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, app, "tieng anh")
        await pilot.press("enter")
        await pilot.pause()
        assert "Documents" in str(app.screen.query_one(SectionBar).render())
        assert app.screen.query_one("#overdue").border_title.startswith("Overdue tasks")
        lines = await palette(pilot, app, "theme")
        assert lines[0].startswith("Change the theme")
        await pilot.press("enter")
        assert isinstance(app.screen, ChoiceDialog)
        options = app.screen.query_one("OptionList")
        options.highlighted = next(i for i, (value, _label) in enumerate(app.screen.choices) if value == "nord")
        await pilot.press("enter")
        assert app.theme == "nord"
    assert Settings.load() == Settings(lang="en", theme="nord")
    again = make_app(data_file, today=TODAY)  # remembered
    assert again.t.lang == "en" and again.theme == "nord"
    assert make_app(data_file, lang="vi", today=TODAY).t.lang == "vi"  # --lang wins when given


async def test_language_and_theme_are_found_by_the_words_a_user_types(app):
    """“ngôn ngữ” and “màu” find the commands, typed with or without accents."""
    async with app.run_test(size=SIZE) as pilot:
        assert (await palette(pilot, app, "ngon ngu"))[0].startswith("Ngôn ngữ: chuyển sang tiếng Anh")
        await pilot.press("escape")
        assert (await palette(pilot, app, "mau sac"))[0].startswith("Đổi giao diện, màu sắc")
