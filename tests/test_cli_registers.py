"""`dvk import`, `dvk export`, attached files: as a user runs them, in a real subprocess."""
from __future__ import annotations

import csv
import io
import json
import os
import stat
import zipfile
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar

from db.models import Document
from db.store import Store
from tests.register_files import incoming_register
from tests.test_cli import dvk


def _data_file(tmp_path):
    db = tmp_path / "d.json"
    with Store(db) as store:
        store.add(Document(number="1/KH-UBND", date="2020-01-02"))
    return db


def _one_line_error(out) -> str:
    assert out.returncode != 0
    assert out.stderr.startswith("dvk: ") and out.stderr.count("\n") == 1, out.stderr
    assert "Traceback" not in out.stderr
    return out.stderr


def test_import_previews_asks_then_adds_everything_in_one_undo_step(tmp_path):
    db = _data_file(tmp_path)
    before = db.read_bytes()
    register = incoming_register(tmp_path / "so-den.xlsx")

    dry = dvk("import", str(register), "--dry-run", db=db)
    assert dry.returncode == 0, dry.stderr
    assert "Sẽ thêm 3 văn bản." in dry.stdout
    assert "  Dòng 10, cột “Ngày tháng”: Ngày 31/02/2020 không tồn tại" in dry.stdout.splitlines()
    assert "chưa ghi gì" in dry.stdout and db.read_bytes() == before

    declined = dvk("import", str(register), db=db, input="n\n")
    assert declined.returncode == 1 and "Thêm 3 văn bản vào dữ liệu?" in declined.stdout
    assert db.read_bytes() == before
    no_answer = dvk("import", str(register), db=db, input="")
    assert no_answer.returncode == 1 and db.read_bytes() == before

    done = dvk("import", str(register), db=db, input="y\n")
    assert done.returncode == 0, done.stderr
    assert "Đã nhập 3 văn bản từ so-den.xlsx" in done.stdout
    docs = json.loads(dvk("doc", "list", "--json", db=db).stdout)
    assert len(docs) == 4
    cv = next(d for d in docs if d["canonical"] == "2199-CV/HU")
    assert (cv["arrival_number"], cv["arrival_date"], cv["handler"]) == (7, "2020-05-20", "Anh Tâm")

    again = dvk("import", str(register), "--yes", db=db)
    assert again.returncode == 0 and "Không có văn bản mới" in again.stdout and "(cùng số, cùng năm; bỏ qua): 3" in again.stdout

    undone = dvk("undo", db=db)
    assert "nhập 3 văn bản từ “so-den.xlsx”" in undone.stdout
    assert [d["canonical"] for d in json.loads(dvk("doc", "list", "--json", db=db).stdout)] == ["1/KH-UBND"]


def test_import_into_a_new_data_file_with_yes(tmp_path):
    db = tmp_path / "moi.json"
    out = dvk("import", str(incoming_register(tmp_path / "so.xlsx")), "--yes", db=db)
    assert out.returncode == 0, out.stderr
    assert len(json.loads(dvk("doc", "list", "--json", db=db).stdout)) == 3


def test_the_preview_shows_control_characters_instead_of_obeying_them(tmp_path):
    register = tmp_path / "r.csv"
    register.write_text("Số, ký hiệu;Ngày;Cột lạ\x1b[2J\x07\n1/UBND-VP;01/02/2020;x\n", encoding="utf-8")
    out = dvk("import", str(register), "--dry-run", db=tmp_path / "d.json")
    assert out.returncode == 0, out.stderr
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout
    assert "C “Cột lạ␛[2J␇”" in out.stdout


def _encrypted(path):
    path.write_bytes((Path(__file__).parent / "data" / "mat-khau.xlsx").read_bytes())  # password "secret"
    return path


def _word_renamed(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return path


def _empty_book(path):
    openpyxl.Workbook().save(path)
    return path


@pytest.mark.parametrize("make, words", [
    (lambda p: p / "khong-co.xlsx", "Không tìm thấy tệp"),
    (lambda p: p, "là một thư mục"),
    (lambda p: (p / "x.xlsx").write_text("not excel") and p / "x.xlsx", "không phải tệp Excel"),
    (lambda p: _word_renamed(p / "bc.xlsx"), "không phải tệp Excel"),
    (lambda p: _encrypted(p / "mk.xlsx"), "mật khẩu"),
    (lambda p: _empty_book(p / "trong.xlsx"), "không có dữ liệu"),
])
def test_files_that_cannot_be_imported_are_one_line_and_nothing_is_written(tmp_path, make, words):
    db = _data_file(tmp_path)
    before = db.read_bytes()
    folder = tmp_path / "in"
    folder.mkdir()
    err = _one_line_error(dvk("import", str(make(folder)), "--yes", db=db))
    assert words in err
    assert db.read_bytes() == before


def test_export_docs_uses_the_list_filters_and_reads_back(tmp_path, demo_db):
    out = tmp_path / "di.xlsx"
    done = dvk("export", "docs", "--direction", "di", "-o", str(out), db=demo_db)
    assert done.returncode == 0, done.stderr
    listed = json.loads(dvk("doc", "list", "--direction", "di", "--json", db=demo_db).stdout)
    sheet = openpyxl.load_workbook(out).active
    assert [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)] == [d["canonical"] for d in listed]
    assert f"Đã xuất {len(listed)} văn bản ra" in done.stdout

    back = dvk("import", str(out), "--dry-run", db=demo_db)
    assert f"Trùng với văn bản đã có (cùng số, cùng năm; bỏ qua): {len(listed)}." in back.stdout


def test_export_tasks_csv_is_utf8_with_bom_and_semicolons_on_request(tmp_path, demo_db):
    out = tmp_path / "nhiemvu.csv"
    done = dvk("export", "tasks", "--all", "--sep", ";", "-o", str(out), db=demo_db)
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    everything = json.loads(dvk("task", "list", "--all", "--json", db=demo_db).stdout)
    assert rows[0][:3] == ["#", "Nhiệm vụ", "Hạn"] and len(rows) == len(everything) + 1


def test_export_ics_and_bad_targets(tmp_path, demo_db):
    out = tmp_path / "han.ics"
    done = dvk("export", "ics", "-o", str(out), db=demo_db)
    assert done.returncode == 0, done.stderr
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert events and f"Đã xuất {len(events)} hạn" in done.stdout
    assert "không tồn tại" in _one_line_error(dvk("export", "ics", "-o", str(tmp_path / "no" / "x.ics"), db=demo_db))
    assert "thư mục" in _one_line_error(dvk("export", "docs", "-o", str(tmp_path), db=demo_db))
    assert "xlsx hoặc csv" in _one_line_error(dvk("export", "docs", "-f", "pdf", "-o", str(tmp_path / "x"), db=demo_db))


def test_doc_register_fields_attachments_open_and_check(tmp_path):
    db = tmp_path / "d.json"
    add = dvk("doc", "add", "15/SGDĐT-VP", "-d", "02/03/2020", "--arrival-date", "05/03/2020",
              "--handler", "Chị Lan", "--note", "bản chính", "--json", db=db)
    assert add.returncode == 0, add.stderr
    first = json.loads(add.stdout)
    assert (first["arrival_number"], first["arrival_date"], first["handler"]) == (1, "2020-03-05", "Chị Lan")
    second = json.loads(dvk("doc", "add", "16/SGDĐT-VP", "-d", "02/03/2020", "--ngay-den", "06/03/2020",
                            "--json", db=db).stdout)
    assert second["arrival_number"] == 2
    assert "đã dùng cho văn bản #1" in _one_line_error(
        dvk("doc", "edit", str(second["id"]), "--arrival-number", "1", db=db))
    assert "trước ngày" in _one_line_error(dvk("doc", "edit", "15/SGDĐT-VP", "--arrival-date", "01/03/2020", db=db))

    scan = tmp_path / "bản quét.pdf"
    scan.write_bytes(b"%PDF-1.4")
    assert dvk("doc", "attach", "15/SGDĐT-VP", str(scan), db=db).returncode == 0
    shown = dvk("doc", "show", "15/SGDĐT-VP", db=db).stdout
    assert f"Tệp đính kèm 1:   {scan.resolve()}" in shown and "Số đến:           1, ngày đến 05/03/2020" in shown
    assert json.loads(dvk("doc", "list", "--handler", "lan", "--json", db=db).stdout)[0]["attachments"] == [
        str(scan.resolve())]

    # A stand-in for the desktop's viewer: records what it was asked to open.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    opened = tmp_path / "opened.txt"
    viewer = bin_dir / "xdg-open"
    viewer.write_text(f"#!/bin/sh\nprintf '%s' \"$1\" > '{opened}'\n")
    viewer.chmod(viewer.stat().st_mode | stat.S_IEXEC)
    env_path = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"
    out = _run_with_path(env_path, "doc", "open", "15/SGDĐT-VP", db=db)
    assert out.returncode == 0, out.stderr
    for _ in range(50):
        if opened.exists():
            break
        import time
        time.sleep(0.1)
    assert opened.read_text() == str(scan.resolve())

    assert dvk("check", db=db).returncode == 0
    scan.unlink()
    check = dvk("check", db=db)
    assert check.returncode == 1 and f"tệp đính kèm không còn: {scan.resolve()}" in check.stdout
    assert "không còn" in _one_line_error(dvk("doc", "open", "15/SGDĐT-VP", db=db))
    assert dvk("doc", "detach", "15/SGDĐT-VP", "1", db=db).returncode == 0
    assert dvk("check", db=db).returncode == 0
    assert "chưa có tệp đính kèm" in _one_line_error(dvk("doc", "open", "15/SGDĐT-VP", db=db))


def _run_with_path(path_value: str, *args, db):
    import subprocess

    from tests.test_cli import DVK

    env = {**os.environ, "DVK_DB": "", "PATH": path_value}
    return subprocess.run(DVK + ["--db", str(db), *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-registers") / "demo.json"
    done = dvk("demo", "--no-open", "--db", str(path))
    assert done.returncode == 0, done.stderr
    return path
