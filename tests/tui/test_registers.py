"""Văn bản and the registers (issue 13): số đến, attached files, import from Excel, list exports."""
from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from textual.widgets import OptionList, Select

from db.models import Document, DvkModel
from db.registers import next_arrival_number
from tests.helpers import TODAY
from tests.tui.conftest import SIZE
from tests.tui.keys import record_toasts, replace_field, type_text
from tui.app import make_app
from tui.screens.choice import ChoiceDialog
from tui.screens.document_dialog import DocumentDialog
from tui.screens.documents import DocumentsScreen
from tui.screens.import_dialog import ImportDialog, ImportPreviewDialog
from tui.screens.filter_dialog import FilterDialog
from tui.screens.export_list import ExportListDialog
from tui.widgets.form_field import FormField


@pytest.fixture
def app(data_file: Path, tmp_path: Path):
    return make_app(data_file, today=TODAY, export_dir=tmp_path)


async def settle(pilot, seconds: float = 20) -> None:
    """Until no worker runs (a worker may start the next: the sheet list, then the reading)."""
    app = pilot.app
    for _ in range(int(seconds / 0.05)):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            return
    raise AssertionError("workers still running")


def detail(app) -> str:
    return str(app.screen.query_one("#detail").render())


async def fill(pilot, name: str, text: str) -> None:
    """Put `text` in the field `name` of the open dialog, as typed."""
    pilot.app.screen.query_one(f"#input-{name}").focus()
    await replace_field(pilot, text)


# ---------------------------------------------------------------------- the document dialog
async def test_register_fields_numbered_checked_and_shown(app, tmp_path: Path):
    scan = tmp_path / "4107-scan.pdf"
    scan.write_bytes(b"%PDF-1.4")
    expected = next_arrival_number(app.store.all(Document), 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        await type_text(pilot, "4107/UBND-VP")
        await fill(pilot, "date", "02/11/2026")
        await fill(pilot, "summary", "Về việc tổ chức Ngày hội Đại đoàn kết")
        await fill(pilot, "arrival_date", "04/11/2026")
        number_field = app.screen.query_one("#input-arrival_number")
        assert number_field.placeholder == f"tự cấp: {expected}"  # says the number it will get
        await fill(pilot, "handler", "Nguyễn Thị Hoa")
        await fill(pilot, "tags", "dân vận, họp; dân vận")
        await fill(pilot, "note", "Trình lãnh đạo")
        await fill(pilot, "attachments", str(scan))
        await pilot.press("enter")  # Enter in the path box attaches, and stays in the form
        assert isinstance(app.screen, DocumentDialog)
        await type_text(pilot, str(tmp_path / "không-có.pdf"))  # typed, never added: Save stops on it
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DocumentDialog)
        assert "Không tìm thấy tệp" in str(app.screen.query_one("#field-attachments .field-note").render())
        await replace_field(pilot, "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsScreen)
        doc = app.store.document_by_number("4107/UBND-VP")[0]
        assert (doc.arrival_number, doc.arrival_date, doc.handler, doc.note) == (
            expected, "2026-11-04", "Nguyễn Thị Hoa", "Trình lãnh đạo")
        assert doc.tags == ["dân vận", "họp"] and doc.attachments == [str(scan.resolve())]
        shown = detail(app)
        assert f"Số đến {expected}, ngày đến 04/11/2026" in shown and "4107-scan.pdf" in shown
        assert "✗" not in shown and "␊" not in shown  # lines, not a shown newline character

        # the same số đến twice in one year is refused on its field, nothing written
        other = next(d for d in app.store.documents() if d.id != doc.id and d.direction == "in")
        app.screen.show_record(other.id)
        before = len(app.store.history(1000))
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, "arrival_date", "05/11/2026")
        await fill(pilot, "arrival_number", str(expected))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DocumentDialog)
        note = str(app.screen.query_one("#field-arrival_number", FormField).note.render())
        assert f"Số đến {expected} năm 2026 đã dùng cho văn bản #{doc.id}" in note
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.store.history(1000)) == before

        # an unchanged edit writes nothing; a file gone from disk is marked in the detail
        app.screen.show_record(doc.id)
        await pilot.press("e", "ctrl+s")
        await pilot.pause()
        assert len(app.store.history(1000)) == before
        scan.unlink()
        app.screen.show_detail()
        assert "4107-scan.pdf ✗" in detail(app)


async def test_attachment_removed_in_the_form_keeps_the_file(app, tmp_path: Path):
    files = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    for f in files:
        f.write_bytes(b"x")
    doc = app.store.documents()[0]
    app.store.save(replace(doc, attachments=[str(f) for f in files]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        app.screen.show_record(doc.id)
        await pilot.press("e")
        await pilot.pause()
        listing = app.screen.query_one("#attachment-list", OptionList)
        listing.focus()
        listing.highlighted = 0
        await pilot.press("delete", "ctrl+s")
        await pilot.pause()
        assert app.store.get(Document, doc.id).attachments == [str(files[1])]
        assert files[0].exists()


# ---------------------------------------------------------------------- opening an attachment
async def test_o_opens_the_attachment_or_says_why_in_one_line(app, tmp_path: Path, monkeypatch):
    import tui.opener

    files = [tmp_path / "quet.pdf", tmp_path / "ky-so.pdf"]
    for f in files:
        f.write_bytes(b"x")
    doc = app.store.documents()[0]
    app.store.save(replace(doc, attachments=[str(f) for f in files]))
    started: list[list[str]] = []
    monkeypatch.setattr(tui.opener.subprocess, "Popen", lambda command, **kw: started.append(command))
    monkeypatch.setattr(tui.opener.shutil, "which", lambda name: f"/usr/bin/{name}")
    async with app.run_test(size=SIZE) as pilot:
        said = record_toasts(app)
        await pilot.press("2")
        app.screen.show_record(doc.id)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)  # two files: which one?
        await pilot.press("down", "enter")
        await pilot.pause()
        assert started and started[-1][-1] == str(files[1])
        monkeypatch.setattr(tui.opener.shutil, "which", lambda name: None)  # no xdg-open on this machine
        await pilot.press("o", "enter")
        await pilot.pause()
        assert said[-1] == f"Không tìm thấy chương trình mở tệp (xdg-open); tệp ở {files[0]}."
        assert "\n" not in said[-1] and len(started) == 1
        files[1].unlink()
        await pilot.press("o", "down", "enter")
        await pilot.pause()
        assert said[-1] == f"Tệp đính kèm không còn ở {files[1]}."


# ---------------------------------------------------------------------- import
def register(path: Path, good: int) -> Path:
    """An incoming register as offices keep it: a notes sheet first, then the book with a title,
    `good` readable rows, one document already in the demo data, a 31/02 date and an empty number."""
    book = openpyxl.Workbook()
    book.active.title = "Ghi chú"
    book.active.append(["Sổ do văn thư cập nhật hằng ngày"])
    sheet = book.create_sheet("Sổ đến 2026")
    sheet.append(["SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"])
    sheet.append(["Số đến", "Ngày đến", "Số, ký hiệu", "Ngày văn bản", "Cơ quan ban hành", "Trích yếu", "Người xử lý"])
    for i in range(1, good + 1):
        sheet.append([i, f"{(i % 27) + 1:02d}/10/2026", f"{500 + i}/UBND-VX", f"{(i % 27) + 1:02d}/10/2026",
                      "UBND huyện Thủ Thừa", f"Văn bản thứ {i}", "Văn thư"])
    sheet.append([None, "02/03/2020", None, "01/03/2020", "UBND huyện", "Chưa có số", ""])
    sheet.append([None, "11/07/2020", "4094/KH-UBND", "10/07/2020", "UBND huyện", "Trùng với dữ liệu", ""])
    sheet.append([None, "01/03/2020", "77/UBND-VX", "31/02/2020", "UBND huyện", "Ngày sai", ""])
    book.save(path)
    return path


async def test_import_previews_writes_nothing_then_imports_in_one_undo_step(app, tmp_path: Path):
    good = 260  # more than one progress step (every 250 rows)
    path = register(tmp_path / "so-den-2026.xlsx", good)
    count = len(app.store.all(Document))
    async with app.run_test(size=SIZE) as pilot:
        said = record_toasts(app)
        await pilot.press("2", "i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        assert dialog.query_one(FormField).value == str(tmp_path) + "/"  # the Documents folder, as exports
        files = dialog.query_one("#import-files", OptionList)
        assert [files.get_option_at_index(i).id for i in range(files.option_count)] == [str(path)]
        await pilot.press("down", "enter")  # ↓ from the path to the folder's registers; Enter reads one
        await settle(pilot)
        preview = app.screen
        assert isinstance(preview, ImportPreviewDialog)
        assert len(app.store.all(Document)) == count  # nothing written by the preview
        lines = preview.preview_lines
        assert "Sổ đến 2026" in lines[0] and f"Sẽ thêm {good} văn bản." in lines
        assert f"  Dòng {good + 3}, cột “Số, ký hiệu”: ô trống, chưa có số, ký hiệu" in lines
        assert any(line.startswith(f"  Dòng {good + 4}: 4094/KH-UBND năm 2020 đã có") for line in lines)
        assert f"  Dòng {good + 5}, cột “Ngày văn bản”: Ngày 31/02/2020 không tồn tại" in lines
        # the sheet list of the file dialog offers both sheets
        assert dialog.query_one("#field-sheet").display
        assert dialog.sheet_choices == ["Ghi chú", "Sổ đến 2026"]

        await pilot.press("escape")  # back to the file, still nothing written
        await pilot.pause()
        assert app.screen is dialog and len(app.store.all(Document)) == count
        await pilot.press("ctrl+s")
        await settle(pilot)
        preview = app.screen
        steps: list[tuple[int, int]] = []
        shown = preview._progress
        preview._progress = lambda done, total: (steps.append((done, total)), shown(done, total))
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, DocumentsScreen)
        assert len(app.store.all(Document)) == count + good
        assert steps[-1] == (good, good) and len(steps) >= 3 and steps == sorted(steps)
        assert said[-1] == f"Đã nhập {good} văn bản từ so-den-2026.xlsx — Ctrl+Z hoàn tác cả lần nhập."
        first = app.store.document_by_number("501/UBND-VX")[0]
        assert (first.arrival_number, first.handler, first.direction) == (1, "Văn thư", "in")
        assert app.screen.table.current_key == str(first.id)

        await pilot.press("ctrl+z")  # one undo step takes the whole import back
        await pilot.pause()
        assert len(app.store.all(Document)) == count


async def test_import_of_a_file_that_is_not_a_register_says_why(app, tmp_path: Path):
    (tmp_path / "ghi-chu.csv").write_text("Họ tên,Điện thoại\nAn,0909\n", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "i")
        await pilot.pause()
        await replace_field(pilot, str(tmp_path / "ghi-chu.csv"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)
        error = str(app.screen.query_one("#import-error").render())
        assert error.startswith("Không tìm thấy dòng tiêu đề") and "\n" not in error


# ---------------------------------------------------------------------- exports of the lists
async def test_lists_export_as_filtered(app, tmp_path: Path):
    out_docs = [d for d in app.store.documents() if d.direction == "out"]
    async with app.run_test(size=SIZE) as pilot:
        said = record_toasts(app)
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("f")  # the filters dialog: văn bản đi only
        assert isinstance(app.screen, FilterDialog)
        next(f for f in app.screen.fields if f.field_name == "direction").select.value = "out"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportListDialog)
        path = dialog.query_one(FormField)
        assert path.value == str(tmp_path / "van-ban.xlsx")
        await pilot.press("shift+tab", "enter", "down", "enter")  # the format list: CSV
        await pilot.pause()
        assert path.value == str(tmp_path / "van-ban.csv")  # the name follows the format
        path.input.focus()
        await pilot.press("enter")
        await settle(pilot)
        rows = list(csv.reader(io.StringIO((tmp_path / "van-ban.csv").read_text(encoding="utf-8-sig"))))
        assert [row[1] for row in rows[1:]] == [d.canonical for d in out_docs]  # only what the filter shows
        assert said[-1] == f"Đã xuất {len(out_docs)} văn bản ra {tmp_path / 'van-ban.csv'}."

        await pilot.press("4", "ctrl+e", "enter")  # Mô hình → Excel, as proposed
        await settle(pilot)
        sheet = openpyxl.load_workbook(tmp_path / "mo-hinh.xlsx").active
        assert sheet.max_row - 1 == len(app.store.all(DvkModel))

        await pilot.press("3", "ctrl+e")  # Nhiệm vụ → the deadlines calendar
        await pilot.pause()
        app.screen.query_one("#input-format", Select).value = "ics"
        await pilot.pause()
        assert app.screen.query_one(FormField).value == str(tmp_path / "lich-han.ics")
        await pilot.press("enter")
        await settle(pilot)
        calendar = (tmp_path / "lich-han.ics").read_text(encoding="utf-8")
        assert calendar.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in calendar
        assert said[-1].startswith("Đã xuất") and str(tmp_path / "lich-han.ics") in said[-1]
