"""Issue 10 on the lists: layout that follows the terminal, sort and filter on every list,
a visible search state, tags, priority, the recurring mark, NFD input."""
from __future__ import annotations

import unicodedata

from db.models import Document, DvkModel, Task
from db.store import Store
from db.text import fold
from tests.helpers import TODAY
from tests.tui.conftest import SIZE
from tests.tui.keys import type_text
from tui.app import make_app
from tui.screens.choice import ChoiceDialog
from tui.screens.document_dialog import DocumentDialog
from tui.screens.filter_dialog import FilterDialog
from tui.screens.task_dialog import TaskDialog
from tui.widgets.footer import KeyFooter


def count_line(app) -> str:
    return str(app.screen.query_one("#count").render())


def column(app, index: int) -> list[str]:
    table = app.screen.table
    return [table.get_row_at(i)[index].plain for i in range(table.row_count)]


def header(app) -> str:
    return "".join(segment.text for segment in app.screen.table.render_line(0))


def footer_keys(app) -> set[str]:
    return {getattr(key, "key", "") for key in app.screen.query_one(KeyFooter).children}


async def test_at_80_columns_the_list_fits_and_the_footer_keeps_q(data_file):
    app = make_app(data_file, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        narrow = app.screen.table.shown_columns()
        assert {"number", "date", "summary", "handling"} <= set(narrow)
        assert sum(width + 2 for width in narrow.values()) <= 80  # no sideways scrolling
        assert {"q", "question_mark"} <= footer_keys(app)
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        wide = app.screen.table.shown_columns()
        assert set(wide) == {c.key for c in app.screen.COLUMNS}
        assert wide["summary"] > narrow["summary"] + 50  # the spare width goes to the summary…
        assert wide["issuer"] > 16  # (and a little to the issuer, once the summary has room)
        assert sum(width + 2 for width in wide.values()) == app.screen.table.scrollable_content_region.width
        await pilot.press("3")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        tasks = app.screen.table.shown_columns()
        assert {"due", "status", "title"} <= set(tasks) and tasks["title"] >= 24
        assert "q" in footer_keys(app)


async def test_search_state_is_shown_and_c_clears_it_on_every_section(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash")
        await type_text(pilot, "cai cach")
        await pilot.press("escape")
        assert app.focused is app.screen.table
        assert "lọc: ‘cai cach’ — 2 / 17" in count_line(app)
        for section, query in (("3", "bao cao"), ("4", "truong")):
            await pilot.press(section, "slash")
            await type_text(pilot, query)
            await pilot.press("escape")
            total = {"3": len(app.store.all(Task)), "4": len(app.store.all(DvkModel))}[section]
            assert f"lọc: ‘{query}’ — {app.screen.table.row_count} / {total}" in count_line(app)
            await pilot.press("c")
            assert app.screen.query_text == "" and app.screen.table.row_count == total
            assert count_line(app) == f"{total} dòng"
        await pilot.press("2", "c")
        assert app.screen.table.row_count == 17 and "lọc" not in count_line(app)


async def test_sort_by_key_and_by_header_click(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "S")
        assert isinstance(app.screen, ChoiceDialog)
        options = app.screen.query_one("OptionList")
        options.highlighted = next(i for i, (value, _label) in enumerate(app.screen.choices) if value == "summary")
        await pilot.press("enter")
        summaries = column(app, 4)
        assert summaries == sorted(summaries, key=lambda s: (fold(s), s))
        assert "Trích yếu ▲" in header(app)
        x = sum(w + 2 for key, w in app.screen.table.shown_columns().items() if key in ("number", "date", "type",
                                                                                       "issuer")) + 3
        await pilot.click("#table", offset=(x, 0))  # the same column again: the other way
        await pilot.pause()
        assert "Trích yếu ▼" in header(app) and column(app, 4) == summaries[::-1]
        await pilot.click("#table", offset=(2, 0))  # another column: by number, ascending
        await pilot.pause()
        assert "Số, ký hiệu ▲" in header(app) and "▼" not in header(app)


async def choose_filters(pilot, app, **values: str) -> None:
    await pilot.press("f")
    assert isinstance(app.screen, FilterDialog)
    for field in app.screen.fields:
        if field.field_name in values:
            field.select.value = values[field.field_name]
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_task_filters_status_assignee_section_overdue(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await choose_filters(pilot, app, status="done")
        done = [t for t in app.store.all(Task) if t.status == "done"]
        assert app.screen.table.row_count == len(done) and set(column(app, 1)) == {"xong"}
        assert "trạng thái xong" in count_line(app)
        await choose_filters(pilot, app, overdue="overdue")  # the dialog starts from the filters set
        assert app.screen.table.row_count == 0  # a finished task is never overdue
        await pilot.press("c")
        await choose_filters(pilot, app, overdue="overdue", assignee="Văn phòng")
        assert column(app, 4) == ["Tổng hợp báo cáo “Năm dân vận khéo” gửi Ban Dân vận Huyện ủy"]
        await pilot.press("c")
        await choose_filters(pilot, app, section="7")
        assert app.screen.table.row_count == sum(1 for t in app.store.all(Task) if t.section == 7) > 0


async def test_model_filters_year_field_status(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await choose_filters(pilot, app, year="2021")
        assert column(app, 1) == ["Phụ huynh đồng hành cùng nhà trường"]
        await choose_filters(pilot, app, year="", status="achieved")
        assert column(app, 1) == ["Xây dựng văn hóa ứng xử trong trường học"]
        await choose_filters(pilot, app, status="", field="kinh tế")
        assert app.screen.table.row_count == 0 and "lĩnh vực kinh tế" in count_line(app)


async def test_tags_are_shown_and_filter_the_list(data_file):
    with Store(data_file) as store:
        doc = store.document_by_number("4094/KH-UBND")[0]
        doc.tags = ["dân vận", "thi đua"]
        store.save(doc)
    app = make_app(data_file, today=TODAY)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        app.screen.show_record(doc.id)
        await pilot.pause()
        assert app.screen.table.get_row(doc.id)[5].plain == "dân vận, thi đua"
        assert "Nhãn: dân vận, thi đua" in str(app.screen.query_one("#detail").render())
        await choose_filters(pilot, app, tag="thi đua")
        assert column(app, 0) == ["4094/KH-UBND"] and "nhãn thi đua" in count_line(app)


async def test_priority_is_edited_shown_and_sorted_and_recurring_tasks_are_marked(app):
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("3")
        recurring = next(t for t in app.store.all(Task) if t.recur)
        assert app.screen.table.get_row(recurring.id)[4].plain.startswith("↻ ")
        target = app.store.tasks()[-1]  # one from the end of the list
        app.screen.show_record(target.id)
        await pilot.press("e")
        assert isinstance(app.screen, TaskDialog)
        app.screen.field("priority").select.value = "high"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.get(Task, target.id).priority == "high"
        assert app.screen.table.get_row(target.id)[2].plain == "cao"
        app.screen.sort_by("priority")
        await pilot.pause()
        assert column(app, 2)[0] == "cao" and "Ưu t… ▲" in header(app)  # the mark is never cut


async def test_decomposed_input_is_saved_composed_and_filters_as_one_agency(app):
    issuer = "Ủy ban nhân dân huyện Thủ Thừa"
    decomposed = unicodedata.normalize("NFD", issuer)
    assert decomposed != issuer
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        assert isinstance(app.screen, DocumentDialog)
        await type_text(pilot, "77/KH-UBND")
        await pilot.press("enter")
        await type_text(pilot, "3/3/2026")
        await pilot.press("enter", "enter")
        await type_text(pilot, decomposed)  # some input methods send the accents as separate characters
        assert app.screen.query_one("#input-issuer_name").value == decomposed
        await pilot.press("enter")
        await type_text(pilot, "Kế hoạch kiểm tra")
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = app.store.document_by_number("77/KH-UBND")[0]
        assert saved.issuer_name == issuer and unicodedata.is_normalized("NFC", saved.issuer_name)
        await pilot.press("f")
        issuers = [value for _label, value in app.screen.choices["issuer_name"] if fold(value) == fold(issuer)]
        assert issuers == [issuer]  # one agency, not two that look alike
        app.screen.fields[1].select.value = issuer
        await pilot.press("ctrl+s")
        await pilot.pause()
        same = [d for d in app.store.all(Document) if d.issuer_name == issuer]
        assert app.screen.table.row_count == len(same) >= 2
