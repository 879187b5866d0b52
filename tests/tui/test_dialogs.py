"""Each dialog, filled with keys and saved, leaves exactly what was typed in the store.

(The task dialog: test_links.py; the report's editors and the export path: test_report.py;
adding a document: test_documents.py.)
"""
from __future__ import annotations

from db.models import Document, DvkModel
from tests.tui.conftest import SIZE
from tests.tui.keys import replace_field, type_text
from tui.screens.choice import ChoiceDialog
from tui.screens.document_dialog import DocumentDialog
from tui.screens.model_dialog import ModelDialog
from tui.screens.models import ModelsScreen
from tui.screens.text_dialog import TextDialog


async def test_edit_a_document_keeps_its_number_and_saves_the_change(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        doc = app.screen.current()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, DocumentDialog)
        await pilot.press("tab", "tab", "tab", "tab")  # to the summary
        await replace_field(pilot, "Trích yếu đã sửa")
        await pilot.press("tab", "tab", "enter", "home", "down", "enter")  # handling: đang xử lý
        await pilot.press("tab")
        await type_text(pilot, "30/11/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = app.store.get(Document, doc.id)
        assert (saved.canonical, saved.summary, saved.handling, saved.due) == (
            doc.canonical, "Trích yếu đã sửa", "pending", "2026-11-30")


async def test_an_unchanged_edit_writes_nothing(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        before = len(app.store.history(1000))
        await pilot.press("e", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ModelsScreen)
        assert len(app.store.history(1000)) == before  # no write, no empty undo step


async def test_add_a_model_with_its_field_and_kind(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "a")
        await pilot.pause()
        assert isinstance(app.screen, ModelDialog)
        await type_text(pilot, "Dân vận khéo trong thu học phí")
        await pilot.press("enter")
        await type_text(pilot, "THCS Mỹ An")
        await pilot.press("enter")
        await replace_field(pilot, "2026")
        await pilot.press("enter", "enter", "home", "enter")  # field: the first one, kinh tế
        await pilot.press("tab", "enter", "down", "enter")  # kind: cá nhân
        await pilot.press("ctrl+s")
        await pilot.pause()
        model = next(m for m in app.store.all(DvkModel) if m.name == "Dân vận khéo trong thu học phí")
        assert (model.unit, model.year, model.field, model.kind, model.status) == (
            "THCS Mỹ An", 2026, "kinh tế", "individual", "registered")


async def test_model_status_and_result(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        model = app.screen.current()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        offered = [option.id for option in app.screen.query_one("OptionList").options]
        assert model.status not in offered  # only the moves the rules allow
        await pilot.press("enter")
        await pilot.pause()
        assert app.store.get(DvkModel, model.id).status == offered[0]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        await type_text(pilot, "Nhân rộng ra 5 trường.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.get(DvkModel, model.id).result.endswith("Nhân rộng ra 5 trường.")
