"""Lists to .xlsx / .csv: real dates, Vietnamese headings, sized and frozen, and back in again."""
from __future__ import annotations

import csv
import datetime
import io
from dataclasses import replace

import openpyxl
import pytest

from db.models import Document, DvkModel, Task
from db.registers import apply_import, read_register
from db.store import Store
from exports.tables import documents_table, models_table, tasks_table, to_csv, to_xlsx, write_table
from tests.helpers import demo_store

# What an export must carry for a document to come back the same.
FIELDS = ("canonical", "date", "type_name", "issuer_name", "summary", "direction", "due", "handling", "tags",
          "arrival_number", "arrival_date", "handler", "note", "attachments")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = demo_store(tmp_path_factory.mktemp("tables"))
    # Give a few documents the register fields, a formula-looking summary and an attachment.
    docs = sorted(store.all(Document), key=lambda d: d.id)
    scan = tmp_path_factory.mktemp("scans") / "4094 bản quét.pdf"
    scan.write_bytes(b"%PDF")
    edits = [
        replace(docs[0], arrival_number=12, arrival_date="2020-07-13", handler="Nguyễn Thị Lan",
                note="=HYPERLINK(\"http://x\")", attachments=[str(scan.resolve())], tags=["dân vận", "2020"]),
        replace(docs[1], arrival_number=13, arrival_date="2020-05-20", handler="Trần Văn Tâm",
                summary="- Sao gửi Hướng dẫn 06-HD/BDVTU", due="2020-06-01", handling="done"),
    ]
    for doc in edits:
        store.save(doc)
    yield store
    store.close()


def _sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def _key(doc: Document) -> tuple:
    return tuple(getattr(doc, name) if name != "canonical" else doc.canonical for name in FIELDS)


def test_xlsx_has_vietnamese_headings_real_dates_sized_columns_and_a_frozen_header(demo):
    docs = demo.documents()
    sheet = _sheet(to_xlsx(documents_table(docs, "vi")))
    headings = [c.value for c in sheet[1]]
    assert headings[:6] == ["#", "Số, ký hiệu", "Ngày văn bản", "Tên loại", "Cơ quan ban hành", "Trích yếu"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert sheet.auto_filter.ref == f"A1:O{len(docs) + 1}"
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "4094/KH-UBND")
    assert row[2].value == datetime.datetime(2020, 7, 10) and row[2].number_format == "dd/mm/yyyy"
    assert row[7].value == 12 and row[8].value == datetime.datetime(2020, 7, 13)
    assert row[14].value == "=HYPERLINK(\"http://x\")" and row[14].data_type == "s"  # text, never a formula
    width = {c: sheet.column_dimensions[c].width for c in "ABF"}
    assert width["A"] < width["B"] < width["F"] <= 60


def test_csv_is_utf8_with_bom_dates_day_first_and_formulas_defused(demo):
    data = to_csv(documents_table(demo.documents(), "vi"))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][1] == "Số, ký hiệu"
    plan = next(r for r in rows if r[1] == "4094/KH-UBND")
    assert plan[2] == "10/07/2020" and plan[14].startswith("'=")
    cv = next(r for r in rows if r[1] == "2199-CV/HU")
    assert cv[5] == "- Sao gửi Hướng dẫn 06-HD/BDVTU"  # a list item keeps its dash


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_round_trip_export_then_import_into_an_empty_store_gives_the_same_records(demo, tmp_path, fmt):
    path = write_table(documents_table(demo.documents()), tmp_path / f"vanban.{fmt}")
    with Store(tmp_path / "empty.json") as fresh:
        preview = read_register(path, fresh)
        assert preview.problems == [] and preview.skipped == [] and preview.duplicates == []
        apply_import(fresh, preview)
        assert sorted(map(_key, fresh.all(Document))) == sorted(map(_key, demo.all(Document)))
        again = read_register(path, fresh)
        assert again.to_add == [] and len(again.duplicates) == len(demo.all(Document))


def test_tasks_and_models_tables(demo):
    docs = {d.id: d for d in demo.all(Document)}
    tasks = demo.tasks()
    table = tasks_table(tasks, docs, "vi")
    assert table.headings[:4] == ["#", "Nhiệm vụ", "Hạn", "Trạng thái"]
    sourced = next(t for t in tasks if t.source_doc)
    row = next(r for r in table.rows if r[0] == sourced.id)
    assert row[5] == docs[sourced.source_doc].canonical
    assert row[2] == (datetime.date.fromisoformat(sourced.due) if sourced.due else None)
    sheet = _sheet(to_xlsx(table))
    assert sheet.title == "Nhiệm vụ" and sheet.max_row == len(tasks) + 1

    models = models_table(demo.models(), "en")
    assert models.headings[:3] == ["#", "Year", "Model"]
    assert models.rows[0][6] in ("registered", "in progress", "achieved", "not achieved", "replicated")


def test_control_characters_never_break_the_file():
    table = tasks_table([Task(id=1, title="Báo cáo\x1b[31m tháng\x07")])
    sheet = _sheet(to_xlsx(table))
    assert sheet["B2"].value == "Báo cáo[31m tháng"
    models = models_table([DvkModel(id=1, name="Mô hình", year=2020)])
    assert _sheet(to_xlsx(models))["C2"].value == "Mô hình"
