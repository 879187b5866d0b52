"""Reading an office's register: headings, encodings, bad rows, duplicates, số đến, one undo step."""
from __future__ import annotations

import datetime
import unicodedata
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from db import integrity
from db.messages import MESSAGES, render
from db.models import Document
from db.registers import (
    RegisterError, apply_import, attach, check_register_fields, detach, missing_attachments, read_register,
)
from db.registers.headings import match_heading
from db.rules import ValidationError
from db.store import Store
from exports.tables import DOCUMENT_KEYS
from tests.register_files import CSV_ROWS, incoming_register, to_cp1258


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "dvk.json") as s:
        yield s


def _lines(preview, lang="vi") -> list[str]:
    return [line.render(lang) for line in preview.lines()]


# ------------------------------------------------------------------ headings
@pytest.mark.parametrize("heading, field", [
    ("Số, ký hiệu", "number"), ("SỐ/KÝ HIỆU", "number"), ("So ky hieu", "number"), ("Số, ký\nhiệu văn bản", "number"),
    ("Ngày văn bản", "date"), ("Ngày ban hành", "date"), ("NGAY BAN HANH", "date"), ("Ngày tháng", "date"),
    ("Ngày đến", "arrival_date"), ("ngay den", "arrival_date"), ("Số đến", "arrival_number"),
    ("Cơ quan ban hành", "issuer_name"), ("Nơi gửi", "issuer_name"), ("Tác giả", "issuer_name"),
    ("Trích yếu", "summary"), ("Tên loại và trích yếu nội dung", "summary"), ("TRICH YEU NOI DUNG", "summary"),
    ("Người xử lý", "handler"), ("Đơn vị hoặc người nhận", "handler"), ("Hạn xử lý", "due"),
    ("Thời hạn giải quyết", "due"), ("Ghi chú", "note"), ("GHI CHU", "note"), ("STT", "ordinal"),
])
def test_the_usual_headings_are_recognised_with_or_without_accents(heading, field):
    assert match_heading(heading)[0] == field


@pytest.mark.parametrize("heading", ["Ký nhận", "Số lượng bản", "Ngày chuyển", ""])
def test_other_columns_are_not_mistaken_for_data(heading):
    assert match_heading(heading)[0] is None


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_heading_of_a_document_export_reads_back_as_its_field(lang):
    for key in DOCUMENT_KEYS:
        assert match_heading(render(key, lang))[0] == key.removeprefix("col."), (key, lang)


# ------------------------------------------------------------------ the NĐ 30 register in Excel
def test_register_with_title_rows_merged_header_and_bad_rows_previews_every_row(tmp_path, store):
    path = incoming_register(tmp_path / "so-den.xlsx")
    before = store.path.read_bytes()
    preview = read_register(path, store)
    assert store.path.read_bytes() == before  # a preview writes nothing
    assert preview.sheet == "Sổ đến 2020" and preview.header_rows == [5, 6]
    assert preview.direction == "in" and not preview.direction_guessed
    assert {c.field for c in preview.columns} == {
        "arrival_date", "arrival_number", "issuer_name", "number", "date", "summary", "handler", "note"}
    assert [c.heading for c in preview.unused] == ["Ký nhận"]

    assert [r.row for r in preview.to_add] == [8, 9, 13]
    plan, cv, decree = (r.doc for r in preview.to_add)
    assert (plan.canonical, plan.date, plan.arrival_date, plan.arrival_number) == (
        "4094/KH-UBND", "2020-07-10", "2020-07-12", 1)
    assert (plan.type_name, plan.issuer_name, plan.handler) == ("Kế hoạch", "Ủy ban nhân dân huyện Thủ Thừa", "Chị Lan")
    assert (cv.date, cv.arrival_date, cv.note) == ("2020-05-15", "2020-05-20", "Khẩn")
    # Row 9 had no số đến: it gets the next after every number of 2020 given in the file (1…6).
    assert cv.arrival_number == 7 and preview.to_add[1].auto_arrival
    assert decree.canonical == "30/2020/NĐ-CP" and decree.arrival_number == 6

    lines = _lines(preview)
    problems = [line.strip() for line in lines if line.startswith("  Dòng")]
    assert problems == [
        "Dòng 10, cột “Ngày tháng”: Ngày 31/02/2020 không tồn tại",
        "Dòng 11, cột “Số, ký hiệu”: ô trống, chưa có số, ký hiệu",
        "Dòng 12, cột “Số, ký hiệu”: Số, ký hiệu phải bắt đầu bằng số thứ tự, ví dụ 4094/KH-UBND",
    ]
    assert "Sẽ thêm 3 văn bản." in lines
    assert "Bỏ qua dòng 15: dòng tổng cộng." in lines
    assert any(line.startswith("Row 10, column “Ngày tháng”: There is no such day") for line in
               (x.strip() for x in _lines(preview, "en")))


def test_import_is_one_transaction_and_one_undo_takes_it_all_back(tmp_path, store):
    store.add(Document(number="1/KH-UBND", date="2020-01-02"))
    preview = read_register(incoming_register(tmp_path / "so.xlsx"), store)
    result = apply_import(store, preview)
    assert [d.canonical for d in result.added] == ["4094/KH-UBND", "2199-CV/HU", "30/2020/NĐ-CP"]
    assert len(store.all(Document)) == 4
    assert result.label.render("vi") == "nhập 3 văn bản từ “so.xlsx”"
    with Store(store.path, readonly=True) as again:  # durable
        assert {d.canonical for d in again.all(Document)} >= {"4094/KH-UBND", "30/2020/NĐ-CP"}
    assert store.undo().render("vi") == "nhập 3 văn bản từ “so.xlsx”"
    assert [d.canonical for d in store.all(Document)] == ["1/KH-UBND"]


def test_a_second_import_of_the_same_register_finds_only_duplicates(tmp_path, store):
    path = incoming_register(tmp_path / "so.xlsx")
    apply_import(store, read_register(path, store))
    again = read_register(path, store)
    assert again.to_add == [] and len(again.duplicates) == 3
    assert "  Dòng 8: 4094/KH-UBND năm 2020 đã có (#1)" in _lines(again)


def test_a_document_added_after_the_preview_is_not_added_twice(tmp_path, store):
    preview = read_register(incoming_register(tmp_path / "so.xlsx"), store)
    store.add(Document(number="4094/KH-UBND", date="2020-07-10"))  # someone else, meanwhile
    result = apply_import(store, preview)
    assert [d.canonical for d in result.added] == ["2199-CV/HU", "30/2020/NĐ-CP"]
    assert result.duplicates == 1


def test_cancelling_from_the_progress_callback_writes_nothing(tmp_path, store):
    preview = read_register(incoming_register(tmp_path / "so.xlsx"), store)
    before = store.path.read_bytes()
    seen = []

    def progress(done, total):
        seen.append((done, total))
        if done == 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        apply_import(store, preview, progress=progress)
    assert store.all(Document) == [] and store.path.read_bytes() == before
    assert seen == [(0, 3)]


# ------------------------------------------------------------------ duplicates and số đến
def _sheet(path: Path, header: list, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_same_number_same_year_is_a_duplicate_other_year_is_not(tmp_path, store):
    store.add(Document(number="617/KH-PGDĐT", date="2020-05-25"))
    path = _sheet(tmp_path / "r.xlsx", ["Số, ký hiệu", "Ngày văn bản"], [
        ["617/KH-PGDDT", "01/09/2020"],  # same number (typed without Đ), same year
        ["617/KH-PGDĐT", "25/05/2021"],  # numbering restarts each year
        ["618/KH-PGDĐT", "26/05/2021"],
        ["618/KH-PGDĐT", "27/05/2021"],  # twice in the file
    ])
    preview = read_register(path, store)
    assert [d.row for d in preview.duplicates] == [2]
    assert [r.row for r in preview.to_add] == [3, 4]
    assert [(p.row, p.reason.render("vi")) for p in preview.problems] == [(5, "trùng số và năm với dòng 4")]


def test_arrival_numbers_continue_from_the_store_per_year_and_a_taken_one_is_refused(tmp_path, store):
    store.add(Document(number="1/UBND-VP", date="2020-01-02", arrival_date="2020-01-03", arrival_number=41))
    store.add(Document(number="2/UBND-VP", date="2019-12-02", arrival_date="2019-12-03", arrival_number=500))
    path = _sheet(tmp_path / "r.xlsx", ["Số đến", "Ngày đến", "Số, ký hiệu", "Ngày văn bản"], [
        [None, "05/01/2020", "3/UBND-VP", "04/01/2020"],
        [None, "02/01/2021", "4/UBND-VP", "01/01/2021"],  # a new year starts from 1
        [41, "06/01/2020", "5/UBND-VP", "05/01/2020"],  # 41 of 2020 is taken
        [None, None, "6/UBND-VP", "05/01/2020"],  # not arrived yet: no number
    ])
    preview = read_register(path, store)
    numbers = {r.doc.canonical: r.doc.arrival_number for r in preview.to_add}
    assert numbers == {"3/UBND-VP": 42, "4/UBND-VP": 1, "6/UBND-VP": None}
    assert [(p.row, p.reason.render("vi")) for p in preview.problems] == [
        (4, "Số đến 41 năm 2020 đã dùng cho văn bản #1")]


def test_register_field_rules():
    doc = Document(number="1/UBND-VP", date="2020-03-05", arrival_date="2020-03-04")
    with pytest.raises(ValidationError, match="Ngày đến trước ngày"):
        check_register_fields(doc)
    with pytest.raises(ValidationError, match="chỉ dành cho văn bản đến"):
        check_register_fields(Document(number="1/UBND-VP", direction="out", arrival_number=3))
    taken = Document(id=7, number="9/UBND-VP", arrival_date="2020-01-01", arrival_number=3)
    with pytest.raises(ValidationError, match="#7"):
        check_register_fields(Document(number="1/UBND-VP", arrival_date="2020-05-01", arrival_number=3), [taken])
    check_register_fields(Document(number="1/UBND-VP", arrival_date="2021-05-01", arrival_number=3), [taken])


# ------------------------------------------------------------------ CSV in every encoding
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258"])
def test_csv_in_each_encoding_reads_the_same_nfc_text(tmp_path, store, encoding):
    text = "\r\n".join(CSV_ROWS) + "\r\n"
    path = tmp_path / f"so-{encoding}.csv"
    if encoding == "cp1258":
        data = to_cp1258(text)
        # Windows-1258 writes "Kế hoạch" as K, ê, combining acute, …, a, combining dot below.
        assert b"K\xea\xec hoa\xf2ch" in data
    else:
        data = text.encode(encoding)
    path.write_bytes(data)
    preview = read_register(path, store)
    assert preview.encoding == encoding
    assert [r.row for r in preview.to_add] == [2, 3]
    first = preview.to_add[0].doc
    assert first.summary == "Kế hoạch thực hiện Năm dân vận khéo"
    assert unicodedata.is_normalized("NFC", first.summary + first.issuer_name + first.handler)
    assert (first.issuer_name, first.handler, first.due, first.handling) == (
        "Ủy ban nhân dân huyện Thủ Thừa", "Nguyễn Thị Lan", "2020-12-31", "pending")
    assert preview.to_add[1].doc.canonical == "617/KH-PGDĐT"


def test_comma_separated_csv_with_quoted_multiline_cells(tmp_path, store):
    path = tmp_path / "r.csv"
    path.write_text('STT,"Số, ký hiệu",Ngày văn bản,Trích yếu\n'
                    '1,1746/QĐ-PGDĐT,31/12/2019,"Ban hành Quy chế\nchi tiêu nội bộ"\n'
                    '2,,,\n', encoding="utf-8")
    preview = read_register(path, store)
    assert [r.doc.summary for r in preview.to_add] == ["Ban hành Quy chế chi tiêu nội bộ"]
    assert preview.problems == [] and preview.skipped == []  # a pre-numbered empty row is no document


def test_number_and_symbol_in_two_columns(tmp_path, store):
    path = _sheet(tmp_path / "r.xlsx", ["Số", "Ký hiệu", "Ngày"], [
        [4094, "KH-UBND", "10/7/2020"], [6, "HD/BDVTU", "1/1/2020"], [30, "2020/NĐ-CP", "05/3/2020"]])
    preview = read_register(path, store)
    assert [r.doc.canonical for r in preview.to_add] == ["4094/KH-UBND", "06-HD/BDVTU", "30/2020/NĐ-CP"]


def test_outgoing_register_is_recognised_from_its_title(tmp_path, store):
    path = tmp_path / "di.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["SỔ ĐĂNG KÝ VĂN BẢN ĐI"])
    book.active.append(["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản",
                        "Người ký", "Nơi nhận văn bản"])
    book.active.append(["617/KH-PGDĐT", datetime.date(2020, 5, 25), "Kế hoạch", "Nguyễn Văn A", "Các trường"])
    book.save(path)
    preview = read_register(path, store)
    assert preview.direction == "out" and preview.to_add[0].doc.direction == "out"
    assert preview.to_add[0].doc.date == "2020-05-25"
    forced = read_register(path, store, direction="den")
    assert forced.to_add[0].doc.direction == "in"


def test_month_headings_totals_and_signature_block_are_skipped_not_reported(tmp_path, store):
    path = _sheet(tmp_path / "di.xlsx", ["Số, ký hiệu", "Ngày", "Trích yếu", "Nơi nhận"], [
        ["Tháng 3"],  # row 2: a group heading
        ["106/KH-PGDĐT", "05/3/2020", "Cải cách hành chính", "Các trường"],
        ["Tháng 4"],
        ["410/KH-PGDĐT", "04/4/2020", "Tuyên truyền", "Các trường"],
        ["Tổng cộng: 2 văn bản"],  # row 6, in the number column itself
        [None, None, "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"],  # row 7: the signature block
        [None, None, "Nguyễn Văn A", "Trần Thị B"],
    ])
    preview = read_register(path, store)
    assert [r.doc.canonical for r in preview.to_add] == ["106/KH-PGDĐT", "410/KH-PGDĐT"]
    assert preview.problems == []
    assert [(s.row, s.reason.key) for s in preview.skipped] == [
        (2, "import.skip_heading"), (4, "import.skip_heading"), (6, "import.skip_total"),
        (7, "import.skip_footer"), (8, "import.skip_footer")]


def test_excel_serial_numbers_in_a_date_column_are_dates(tmp_path, store):
    path = _sheet(tmp_path / "r.xlsx", ["Số, ký hiệu", "Ngày văn bản"], [["1/UBND-VP", 44022], ["2/UBND-VP", 12]])
    preview = read_register(path, store)
    assert preview.to_add[0].doc.date == "2020-07-10"
    assert [p.row for p in preview.problems] == [3]


# ------------------------------------------------------------------ files that cannot be read
def _bad(tmp_path: Path, name: str, data: bytes | None) -> Path:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize("make, key", [
    (lambda p: _bad(p, "none.xlsx", None), "register.missing"),
    (lambda p: p, "register.is_dir"),
    (lambda p: _bad(p, "text.xlsx", "Số, ký hiệu\n".encode()), "register.not_xlsx"),
    # A real password-protected workbook (msoffcrypto-tool, password "secret"): an OLE2 box, not a zip.
    (lambda p: Path(__file__).parents[1] / "data" / "mat-khau.xlsx", "register.encrypted"),
    (lambda p: _bad(p, "old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "register.xls_renamed"),
    (lambda p: _bad(p, "so.xls", b"x"), "register.old_format"),
    (lambda p: _bad(p, "empty.csv", b"\xef\xbb\xbf\r\n"), "register.empty"),
])
def test_unreadable_files_give_one_reason(tmp_path, store, make, key):
    with pytest.raises(RegisterError) as caught:
        read_register(make(tmp_path), store)
    assert caught.value.key == key
    assert "\n" not in str(caught.value)


def test_a_workbook_with_broken_xml_inside_is_not_readable_rather_than_a_crash(tmp_path, store):
    good = _sheet(tmp_path / "good.xlsx", ["Số, ký hiệu", "Ngày"], [["1/UBND-VP", "01/02/2020"]])
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, b"<worksheet><sheetData><row><c" if name.endswith("sheet1.xml") else data)
    assert len(read_register(good, store).to_add) == 1
    with pytest.raises(RegisterError) as caught:
        read_register(broken, store)
    assert caught.value.key == "register.not_xlsx"


def test_a_word_file_renamed_xlsx_an_empty_sheet_and_a_missing_sheet(tmp_path, store):
    docx = tmp_path / "bao-cao.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(RegisterError) as caught:
        read_register(docx, store)
    assert caught.value.key == "register.not_xlsx"

    empty = tmp_path / "trong.xlsx"
    openpyxl.Workbook().save(empty)
    with pytest.raises(RegisterError, match="không có dữ liệu"):
        read_register(empty, store)
    with pytest.raises(RegisterError, match="không có trang tính “Sổ đi”; các trang: Sheet"):
        read_register(empty, store, sheet="Sổ đi")

    no_header = _sheet(tmp_path / "x.xlsx", ["Họ tên", "Địa chỉ"], [["A", "B"]])
    with pytest.raises(RegisterError, match="“Họ tên”, “Địa chỉ”"):
        read_register(no_header, store)


def test_the_first_sheet_with_a_header_is_used_unless_one_is_named(tmp_path, store):
    path = tmp_path / "r.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Hướng dẫn"
    book.active.append(["Điền sổ theo mẫu"])
    den = book.create_sheet("Đến")
    den.append(["Số, ký hiệu", "Ngày"])
    den.append(["1/UBND-VP", "01/02/2020"])
    di = book.create_sheet("Đi")
    di.append(["Số, ký hiệu", "Ngày"])
    di.append(["2/PGDĐT-VP", "01/02/2020"])
    book.save(path)
    assert read_register(path, store).sheet == "Đến"
    assert read_register(path, store, sheet="di").to_add[0].doc.canonical == "2/PGDĐT-VP"


# ------------------------------------------------------------------ attachments
def test_attachments_are_stored_resolved_and_missing_ones_reported(tmp_path, store):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4")
    doc = Document(number="4094/KH-UBND", date="2020-07-10")
    assert attach(doc, [tmp_path / "." / "scan.pdf", scan]) == [str(scan.resolve())]
    with pytest.raises(Exception, match="Không tìm thấy tệp"):
        attach(doc, [tmp_path / "khong-co.pdf"])
    store.add(doc)
    assert integrity.check(store) == []
    scan.unlink()
    problems = integrity.check(store)
    assert [str(p) for p in problems] == [f"Văn bản #1 (4094/KH-UBND): tệp đính kèm không còn: {scan.resolve()}"]
    assert [m.render("en") for m in missing_attachments(store.all(Document))] == [
        f"Document #1 (4094/KH-UBND): attached file is gone: {scan.resolve()}"]
    kept = replace(store.get(Document, 1))
    assert detach(kept, ["1"]) == [str(scan.resolve())] and kept.attachments == []


def test_register_messages_exist_in_both_languages():
    for key in ("register.encrypted", "import.row_column", "label.import", "check.attachment_missing"):
        assert all(MESSAGES[key])


def test_the_data_layer_and_the_cli_start_without_spreadsheet_or_calendar_libraries():
    import subprocess
    import sys

    code = ("import sys, db.registers, db.integrity, tui.cli; "
            "print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert not loaded & {"openpyxl", "icalendar", "textual"}
