"""Documents: add through the dialog, validation keeps bad input out, user text is literal."""
from __future__ import annotations

from db.models import Document
from db.store import Store
from tests.helpers import TODAY
from tests.tui.conftest import SIZE
from tests.tui.keys import record_toasts
from tui.app import make_app
from tui.screens.confirm import ConfirmDialog
from tui.screens.document_dialog import DocumentDialog
from tui.screens.documents import DocumentsScreen
from tui.widgets.form_field import FormField


def _note(app, name: str) -> str:
    return str(app.screen.query_one(f"#field-{name}", FormField).note.render())


async def _type(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


async def test_add_document_through_dialog(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        assert isinstance(app.screen, DocumentDialog)
        await _type(pilot, "15/KH-PGDĐT")
        assert "Kế hoạch" in _note(app, "number") and "Phòng Giáo dục và Đào tạo" in _note(app, "number")
        await pilot.press("enter")
        await _type(pilot, "2/3/2026")
        assert _note(app, "date") == "02/03/2026"
        await pilot.press("enter", "enter")  # type: taken from the number
        await _type(pilot, "Phòng GD&ĐT Thủ Thừa")
        await pilot.press("enter")
        await _type(pilot, "Kế hoạch thử nghiệm")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsScreen)
        saved = app.store.document_by_number("15/KH-PGDĐT")
        assert len(saved) == 1
        doc = saved[0]
        assert (doc.date, doc.type_name, doc.summary) == ("2026-03-02", "Kế hoạch", "Kế hoạch thử nghiệm")
        assert app.screen.table.current_key == str(doc.id)
        assert str(app.screen.table.get_row(str(doc.id))[0]) == "15/KH-PGDĐT"


async def test_a_number_with_the_units_own_code_is_an_outgoing_document(app):
    """15/KH-PGDĐT typed in the PGDĐT's own book is one of its outgoing documents; the number
    decides the direction until the user picks one, and an edit never changes it."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        dialog = app.screen
        direction = dialog.field("direction").select
        assert direction.value == "in"
        await _type(pilot, "15/KH-PGDĐT")
        assert direction.value == "out"
        await pilot.press("ctrl+a", "ctrl+k")
        await _type(pilot, "4094/KH-UBND")
        assert direction.value == "in"
        direction.value = "out"  # the user's choice wins from now on
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k")
        await _type(pilot, "5/CV-UBND")
        assert direction.value == "out"
        await pilot.press("escape")
        await pilot.pause()
        incoming = next(d for d in app.store.documents() if d.canonical == "1353/KH-PGDĐT")
        app.screen.show_record(incoming.id)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, DocumentDialog)
        assert app.screen.field("direction").select.value == incoming.direction  # as stored, not guessed


async def test_number_field_explains_a_bad_number(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await _type(pilot, "4094")
        assert "Thiếu ký hiệu" in _note(app, "number")


async def test_invalid_date_keeps_dialog_open_and_saves_nothing(app):
    before = len(app.store.all(Document))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await _type(pilot, "16/KH-PGDĐT")
        await pilot.press("enter")
        await _type(pilot, "31/02/2026")
        assert "không tồn tại" in _note(app, "date")
        await pilot.press("tab", "tab", "tab")
        await _type(pilot, "Thử")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DocumentDialog)
        assert "không tồn tại" in _note(app, "date")
        assert "sửa ô có dấu ✗" in str(app.screen.query_one("#form-error").render())
    assert len(app.store.all(Document)) == before


async def _type_duplicate(pilot) -> None:
    await pilot.press("2", "a")
    await _type(pilot, "4094/KH-UBND")
    await pilot.press("enter")
    await _type(pilot, "1/8/2020")
    await pilot.press("tab", "tab", "tab")
    await _type(pilot, "Trùng số")
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_duplicate_number_is_shown_in_the_dialog(app):
    """The error names the number and year, not an internal id; declining the offer keeps what was typed."""
    async with app.run_test(size=SIZE) as pilot:
        await _type_duplicate(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one(".confirm-message").render())
        assert "4094/KH-UBND" in question and "2020" in question and "#" not in question
        await pilot.press("n")
        assert isinstance(app.screen, DocumentDialog)
        assert "đã có" in _note(app, "number") and "#" not in _note(app, "number")
        assert app.screen.query_one("#input-summary").value == "Trùng số"  # nothing typed is lost


async def test_duplicate_number_offers_the_existing_document(app):
    existing = app.store.document_by_number("4094/KH-UBND")[0]
    async with app.run_test(size=SIZE) as pilot:
        await _type_duplicate(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsScreen)
        assert app.screen.table.current_id == existing.id
    assert len(app.store.document_by_number("4094/KH-UBND")) == 1


async def test_same_number_in_another_year_is_saved_with_a_warning(app):
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        said = record_toasts(app)
        await pilot.press("2", "a")
        await _type(pilot, "4094/KH-UBND")
        await pilot.press("enter")
        await _type(pilot, "3/2/2021")
        await pilot.press("tab", "tab", "tab")
        await _type(pilot, "Cùng số, năm sau")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsScreen)
        assert len(app.store.document_by_number("4094/KH-UBND")) == 2
        assert any("4094/KH-UBND" in toast and "2020" in toast for toast in said)


async def test_markup_in_summary_shows_literally(data_file):
    with Store(data_file) as store:
        store.add(Document(number="99/TB-PGDĐT", date="2026-11-20", summary="[bold]x[/] và [red]y"))
    app = make_app(data_file, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        doc = app.store.document_by_number("99/TB-PGDĐT")[0]
        cell = app.screen.table.get_row(str(doc.id))[4]
        assert cell.plain == "[bold]x[/] và [red]y"
        assert "[bold]x[/]" in str(app.screen.query_one("#detail").render())


async def test_search_filters_rows(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash")
        await _type(pilot, "qd pgddt")
        numbers = {str(app.screen.table.get_row_at(i)[0]) for i in range(app.screen.table.row_count)}
        assert numbers == {"1746/QĐ-PGDĐT", "1058/QĐ-PGDĐT"}
        await pilot.press("escape")
        assert app.focused is app.screen.table


async def test_delete_asks_and_undo_restores(app):
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("2")
        await pilot.pause()
        doc = app.screen.current()
        await pilot.press("d", "y")
        await pilot.pause()
        assert not app.store.document_by_number(doc.number)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.store.document_by_number(doc.number)
        assert app.screen.table.row_count == len(app.store.all(Document))


async def test_control_characters_in_user_text_are_shown_not_obeyed(data_file, monkeypatch):
    """An ESC in a summary or a title (a file written before dvk refused them) reaches the terminal as ␛."""
    from db import rules
    from db.models import Task

    monkeypatch.setattr(rules, "check_one_line", lambda value, field: None)
    with Store(data_file) as store:
        doc = store.add(Document(number="98/TB-PGDĐT", date="2026-11-21", summary="Tiêu đề\x1b]0;hack\x07 cuối"))
        store.add(Task(title="Việc\x1b[31m đỏ", source_doc=doc.id, due="2026-11-30"))
    app = make_app(data_file, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        app.screen.show_record(doc.id)
        await pilot.pause()
        cell = app.screen.table.get_row(str(doc.id))[4].plain
        assert "\x1b" not in cell and "␛]0;hack␇" in cell
        detail = str(app.screen.query_one("#detail").render())
        related = str(app.screen.query_one("#related").get_option_at_index(0).prompt)
        assert "\x1b" not in detail + related and "Việc␛[31m đỏ" in related
        await pilot.press("d")
        await pilot.pause()
        assert "␛]0;hack␇" in str(app.screen.query_one(".confirm-message").render())
