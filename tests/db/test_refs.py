"""db.refs.extract_refs: the sample report's 16 references, sloppy forms, distractors, properties, CLI."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.refs import Reference, extract_refs

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "bench" / "refs_corpus" / "01-sample-report-2020.md").read_text(encoding="utf-8")
DISTRACTORS = (ROOT / "bench" / "refs_corpus" / "06-nhieu-so-gay-nhieu.md").read_text(encoding="utf-8")

SAMPLE_REFS = [
    ("4094/KH-UBND", date(2020, 7, 10)),
    ("2199-CV/HU", date(2020, 5, 15)),
    ("06-HD/BDVTU", None),
    ("617/KH-PGDĐT", date(2020, 5, 25)),
    ("69-KH/TU", date(2018, 8, 13)),
    ("14-CT/TU", date(2016, 6, 13)),
    ("48-KH/HU", date(2018, 1, 22)),
    ("212/KH-UBND", date(2018, 3, 1)),
    ("02-ĐA/TU", date(2017, 12, 29)),
    ("18-NQ/TW", None),
    ("19-NQ/TW", None),
    ("106/KH-PGDĐT", date(2020, 2, 5)),
    ("410/KH-PGDĐT", date(2020, 4, 4)),
    ("1746/QĐ-PGDĐT", date(2019, 12, 31)),
    ("1353/KH-PGDĐT", date(2020, 10, 5)),
    ("1058/QĐ-PGDĐT", date(2018, 10, 8)),
]


def by_number(refs: list[Reference]) -> dict[str, Reference]:
    return {ref.number.canonical: ref for ref in refs}


# --- the sample report ------------------------------------------------------------


def test_sample_report_yields_exactly_its_sixteen_references_in_order():
    refs = extract_refs(SAMPLE)
    assert [(r.number.canonical, r.date) for r in refs] == SAMPLE_REFS


def test_sample_report_details():
    refs = by_number(extract_refs(SAMPLE))
    assert refs["2199-CV/HU"].raw == "Công Văn số 2199-CV/HU, ngày 15/5/2020"  # ", ngày" and the first raw
    assert refs["2199-CV/HU"].issuer_name == "Huyện ủy Thủ Thừa"
    assert refs["2199-CV/HU"].type_name == "Công văn"
    assert refs["4094/KH-UBND"].issuer_name == "Ủy ban Nhân dân huyện Thủ Thừa"
    assert refs["1746/QĐ-PGDĐT"].raw.endswith("ngày 31 tháng 12 năm 2019")
    assert refs["19-NQ/TW"].type_name == "Nghị quyết"
    assert refs["18-NQ/TW"].issuer_name == refs["19-NQ/TW"].issuer_name == "Ban Chấp hành Trung ương Đảng"
    assert refs["410/KH-PGDĐT"].raw.startswith("KH số số 410")
    assert refs["410/KH-PGDĐT"].type_name == "Kế hoạch"
    assert refs["1353/KH-PGDĐT"].raw.startswith("Kế hoạch số 1353/ KH-PGDĐT")
    assert refs["69-KH/TU"].issuer_name == "BTV Tỉnh ủy"
    assert refs["212/KH-UBND"].issuer_name == "UBND huyện"
    assert refs["02-ĐA/TU"].issuer_name == "Tỉnh ủy"
    assert refs["1058/QĐ-PGDĐT"].issuer_name == ""
    for ref in refs.values():
        assert SAMPLE[ref.start:ref.end] == ref.raw


def test_sample_report_in_nfd_gives_the_same_references_with_spans_into_nfd():
    nfd = unicodedata.normalize("NFD", SAMPLE)
    refs = extract_refs(nfd)
    assert [(r.number.canonical, r.date) for r in refs] == SAMPLE_REFS
    for ref in refs:
        assert nfd[ref.start:ref.end] == ref.raw
    assert by_number(refs)["2199-CV/HU"].issuer_name == "Huyện ủy Thủ Thừa"


# --- the forms a parser must accept ---------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Nghị quyết số 18-NQ/TW, 19-NQ/TW của Ban Chấp hành Trung ương",
     [("18-NQ/TW", None, "Nghị quyết"), ("19-NQ/TW", None, "Nghị quyết")]),
    ("Căn cứ Kế hoạch số 12/KH-UBND và 13/KH-UBND của UBND tỉnh;",
     [("12/KH-UBND", None, "Kế hoạch"), ("13/KH-UBND", None, "Kế hoạch")]),
    ("(KH số 106/KH-PGDĐT, ngày 05/02/2020 về cải cách)", [("106/KH-PGDĐT", date(2020, 2, 5), "Kế hoạch")]),
    ("theo CV số 25/UBND-VP ngày 3/4/2021", [("25/UBND-VP", date(2021, 4, 3), "Công văn")]),
    ("tại QĐ số 99/QĐ-UBND ngày 01/02/2021", [("99/QĐ-UBND", date(2021, 2, 1), "Quyết định")]),
    ("KH số số 410/KH-PGDĐT, ngày 04/4/2020", [("410/KH-PGDĐT", date(2020, 4, 4), "Kế hoạch")]),
    ("xây dựng kế hoạch số Kế hoạch số 1353/ KH-PGDĐT ngày 05/10/2020",
     [("1353/KH-PGDĐT", date(2020, 10, 5), "Kế hoạch")]),
    ("Căn cứ Công Văn số 2199-CV/HU, ngày 15/5/2020", [("2199-CV/HU", date(2020, 5, 15), "Công văn")]),
    ("Quyết định số 44 /2005/QĐ-UBND ngày 12 tháng 8 năm 2005", [("44/2005/QĐ-UBND", date(2005, 8, 12), "Quyết định")]),
    ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ", [("30/2020/NĐ-CP", date(2020, 3, 5), "Nghị định")]),
    ("Luật số 80/2015/QH13 ngày 22/6/2015", [("80/2015/QH13", date(2015, 6, 22), "Luật")]),
    ("Kế hoạch 4094/KH-UBND ngày 10/7/2020", [("4094/KH-UBND", date(2020, 7, 10), "Kế hoạch")]),
    ("Quyet dinh so 1746/QD-PGDDT ngay 31/12/2019 cua Phong GD&DT",
     [("1746/QĐ-PGDĐT", date(2019, 12, 31), "Quyết định")]),
    ("Cong van so 2199-CV/HU, ngay 15 thang 5 nam 2020", [("2199-CV/HU", date(2020, 5, 15), "Công văn")]),
    ("Nghị quyết số 15- Nq/tw; Chương trình số 65-Ctr/TU", [("15-NQ/TW", None, "Nghị quyết"), ("65-CTr/TU", None, "Chương trình")]),
    ("Quyết định số 84 QĐ/TWĐTN ngày 12/3/2019", [("84-QĐ/TWĐTN", date(2019, 3, 12), "Quyết định")]),
    ("Hướng dẫn số 42 -HD/TWTN-BKT; Kết luận số 21-KL/TW ngày 25/10/2021",
     [("42-HD/TWTN-BKT", None, "Hướng dẫn"), ("21-KL/TW", date(2021, 10, 25), "Kết luận")]),
    ("Nghị quyết 25-NQ/TW ngày 3-6-2013", [("25-NQ/TW", date(2013, 6, 3), "Nghị quyết")]),
    ("văn bản số 777/TTg-TCCV ngày 02/6/2021", [("777/TTg-TCCV", date(2021, 6, 2), "Công văn")]),
    ("Thông báo kết luận số 212-TB/TU ngày 23/01/2022", [("212-TB/TU", date(2022, 1, 23), "Thông báo")]),
    ("Công văn số 12/UBND-VX và 15/UBND-VX cùng ngày 08/4/2021",
     [("12/UBND-VX", date(2021, 4, 8), "Công văn"), ("15/UBND-VX", date(2021, 4, 8), "Công văn")]),
])
def test_tricky_forms(text, expected):
    refs = extract_refs(text)
    assert [(r.number.canonical, r.date, r.type_name) for r in refs] == expected
    for ref in refs:
        assert text[ref.start:ref.end] == ref.raw


@pytest.mark.parametrize("text, issuer", [
    ("Kế hoạch số 48-KH/HU ngày 22/01/2018 của Huyện ủy Thủ Thừa; Kế hoạch", "Huyện ủy Thủ Thừa"),
    ("Kế hoạch số 212/KH-UBND ngày 01/3/2018 của Ủy ban Nhân dân huyện Thủ Thừa về “Sắp xếp”", "Ủy ban Nhân dân huyện Thủ Thừa"),
    ("Chỉ thị số 14-CT/TU ngày 13/6/2016 của Ban Thường vụ Tỉnh ủy.", "Ban Thường vụ Tỉnh ủy"),
    ("Kế hoạch số 617/KH-PGDĐT ngày 25/5/2020 của Phòng GD&ĐT Thủ Thừa kế hoạch thực hiện", "Phòng GD&ĐT Thủ Thừa"),
    ("Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Bộ Chính trị ban hành Quy chế", "Bộ Chính trị"),
    ("Kế hoạch số 128/KH-UBND ngày 12/3/2021 của UBND huyện Thủ Thừa, Phòng Giáo dục", "UBND huyện Thủ Thừa"),
    ("Đề án số 02-ĐA/TU của Tỉnh ủy ngày 29/12/2017", "Tỉnh ủy"),
    ("Kế hoạch số 1/KH-UBND của Sở Giáo dục và Đào tạo (khóa XII)", "Sở Giáo dục và Đào tạo"),
    ("Kế hoạch số 1/KH-UBND ngày 2/3/2020 về việc của UBND tỉnh", ""),
    ("Kế hoạch số 1/KH-UBND của chúng tôi", ""),
])
def test_issuer_names(text, issuer):
    [ref] = extract_refs(text)
    assert ref.issuer_name == issuer


def test_issuer_given_before_the_date_still_gets_the_date():
    [ref] = extract_refs("Đề án số 02-ĐA/TU của Tỉnh ủy ngày 29/12/2017")
    assert ref.date == date(2017, 12, 29)


def test_duplicates_kept_once_with_the_first_raw_and_short_mentions_folded_in():
    text = ("Căn cứ Kế hoạch 4094/KH-UBND ngày 10/7/2020; theo Kế hoạch số 4094/KH-UBND, ngày 10/7/2020 "
            "của UBND huyện. Kế hoạch 4094/KH-UBND nêu trên.")
    [ref] = extract_refs(text)
    assert ref.raw == "Kế hoạch 4094/KH-UBND ngày 10/7/2020"
    assert ref.issuer_name == "UBND huyện"  # filled in from the later mention


def test_same_number_different_dates_are_two_documents():
    refs = extract_refs("Kế hoạch số 01-KH/HU ngày 5/1/2016 và Kế hoạch số 01-KH/HU ngày 7/1/2021")
    assert [r.date for r in refs] == [date(2016, 1, 5), date(2021, 1, 7)]


def test_own_number_in_the_header_is_returned_marked_own_with_the_header_date():
    text = "PHÒNG GIÁO DỤC\nSố: 15/BC-PGDĐT\nThủ Thừa, ngày 10 tháng 10 năm 2020\nCăn cứ Kế hoạch số 4094/KH-UBND;"
    own, cited = extract_refs(text)
    assert (own.number.canonical, own.own, own.date, own.issuer_name) == ("15/BC-PGDĐT", True, date(2020, 10, 10), "")
    assert (cited.number.canonical, cited.own, cited.date) == ("4094/KH-UBND", False, None)


# --- what must not be taken for a reference ------------------------------------------------


def test_distractor_text_yields_nothing():
    assert extract_refs(DISTRACTORS) == []


@pytest.mark.parametrize("text", [
    "ngày 10/7/2020", "tỷ lệ 194/80", "điện thoại 0272.3123456", "0272 3 123 456", "giai đoạn 2019-2025",
    "năm học 2020-2021", "1.1. Đặc điểm", "1.500.000 đồng", "lúc 7/30", "Đề án 02 của Tỉnh ủy",
    "Số: /BC-PGDĐT", "Kế hoạch số    /KH-SGDĐT", "1/ KẾT QUẢ THỰC HIỆN", "mô hình số 3/MH", "40 km/h",
    "V/v triển khai", "T/M BAN THƯỜNG VỤ", "COVID-19", "lớp 10/2", "ngày 2-9", "Kế hoạch số 12/ ngày 5/3/2020",
    "số 12/3 đường Trần Văn Nam", "khu phố 5/KP2", "QCVN 01:2021/BYT",
])
def test_ordinary_numbers_are_not_references(text):
    assert extract_refs(text) == []


# --- properties ----------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "Kế hoạch số ", "KH số ", "số ", "Công Văn số ", "Nghị quyết ", " và ", ", ", "; ", " ngày ", "ngày 10/7/2020",
    "4094/KH-UBND", "2199-CV/HU", "30/2020/NĐ-CP", "1353/ KH-PGDĐT", "194/80", "2019-2025", "0272.3123456",
    "của Huyện ủy Thủ Thừa", " tháng 12 năm 2019", "\n", "Số: ", "/", "-", "ĐA", "q", "12", "  ",
])
_TEXTS = st.one_of(st.text(max_size=120), st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=14).map("".join))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_never_raises_and_spans_reparse_to_the_same_number(text):
    for variant in (text, unicodedata.normalize("NFD", text)):
        refs = extract_refs(variant)
        for ref in refs:
            assert 0 <= ref.start < ref.end <= len(variant)
            assert variant[ref.start:ref.end] == ref.raw
            again = [r.number.canonical for r in extract_refs(ref.raw)]
            assert ref.number.canonical in again


# --- CLI ----------------------------------------------------------------------------------

DVK = [sys.executable, "-c", "from tui.cli import main; main()"]


def dvk(*args, db: Path, input: str | None = None):
    env = {**os.environ, "DVK_DB": ""}
    return subprocess.run(DVK + ["--db", str(db), *args], capture_output=True, text=True, input=input,
                          env=env, timeout=60, cwd=ROOT)


def test_cli_refs_add_is_idempotent_and_one_undo(tmp_path):
    db = tmp_path / "refs.json"
    first = dvk("refs", "-", "--add", "--json", db=db, input=SAMPLE)
    assert first.returncode == 0, first.stderr
    rows = json.loads(first.stdout)
    assert [r["status"] for r in rows] == ["added"] * 16
    by = {r["canonical"]: r for r in rows}
    assert by["2199-CV/HU"]["date"] == "2020-05-15" and by["2199-CV/HU"]["issuer_name"] == "Huyện ủy Thủ Thừa"

    second = dvk("refs", "-", "--add", db=db, input=SAMPLE)
    assert second.returncode == 0, second.stderr
    assert "Không có văn bản mới" in second.stdout and "Đã có sẵn 16" in second.stdout

    undone = dvk("undo", db=db)
    assert undone.returncode == 0 and "Nhập căn cứ từ văn bản" in undone.stdout
    listed = dvk("doc", "list", "--json", db=db)
    assert json.loads(listed.stdout) == []


def test_cli_refs_missing_file_is_one_line(tmp_path):
    out = dvk("refs", str(tmp_path / "nope.md"), db=tmp_path / "x.json")
    assert out.returncode == 1
    assert out.stderr.startswith("dvk: ") and out.stderr.count("\n") == 1 and "nope.md" in out.stderr


# --- patterns of real texts (issue 12), with examples written for these tests ---------------


def _one(text: str) -> Reference:
    [ref] = extract_refs(text)
    assert text[ref.start:ref.end] == ref.raw
    return ref


@pytest.mark.parametrize("text, canonical, when", [
    ("ỦY BAN NHÂN DÂN\nHUYỆN THỦ THỪA\nSố: 75/KH-UBND\nThủ Thừa, ngày 3 tháng 4 năm 2021\nKẾ HOẠCH",
     "75/KH-UBND", date(2021, 4, 3)),
    ("HUYỆN ỦY THỦ THỪA\n*\nSố 12-BC/HU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nThủ Thừa, ngày 14 tháng 01 năm 2021",
     "12-BC/HU", date(2021, 1, 14)),
    ("| UBND TỈNH LONG AN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| Số: 44/TB-UBND | Tân An, ngày 9 tháng 2 năm 2022 |",
     "44/TB-UBND", date(2022, 2, 9)),
    ("Số:\n318/SGDĐT-VP\n|\nTân\nAn, ngày 17 tháng 3 năm 2023\n|", "318/SGDĐT-VP", date(2023, 3, 17)),
    ("QUỐC HỘI\nLuật số: 05/2022/QH15\nHà Nội, ngày 15 tháng 6 năm 2022", "05/2022/QH15", date(2022, 6, 15)),
    ("QUYẾT ĐỊNH CỦA BỘ TRƯỞNG BỘ GIÁO DỤC SỐ 31/2001/QĐ-BGDĐT NGÀY 4 THÁNG 7 NĂM 2001 VỀ VIỆC",
     "31/2001/QĐ-BGDĐT", date(2001, 7, 4)),
])
def test_the_documents_own_number_is_marked_own_with_the_header_date(text, canonical, when):
    ref = _one(text)
    assert (ref.number.canonical, ref.own, ref.date, ref.issuer_name) == (canonical, True, when, "")


def test_a_capitalised_title_citing_another_document_is_not_own():
    text = "Số: 20/KH-PGDĐT\nThủ Thừa, ngày 2 tháng 3 năm 2021\nKẾ HOẠCH THỰC HIỆN CHỈ THỊ SỐ 05-CT/TU NGÀY 23/5/2021"
    own, cited = extract_refs(text)
    assert (own.own, cited.own, cited.number.canonical, cited.date) == (True, False, "05-CT/TU", date(2021, 5, 23))


@pytest.mark.parametrize("text, canonical, when", [
    ("Số: 75 - KH/UBND-VPThủ Thừa, ngày 3 tháng 4 năm 2021", "75-KH/UBND-VP", date(2021, 4, 3)),
    ("UBND HUYỆN THỦ THỪA***Số: 18/BC-PGDĐTPHÒNG GIÁO DỤC VÀ ĐÀO TẠO Thủ Thừa, ngày 5 tháng 6 năm 2021",
     "18/BC-PGDĐT", date(2021, 6, 5)),
    ("TỈNH ĐOÀN***Số: 31 - HD/TĐTN-BTCĐOÀN TNCS HỒ CHÍ MINH Tân An, ngày 8 tháng 3 năm 2022",
     "31-HD/TĐTN-BTC", date(2022, 3, 8)),
])
def test_a_flattened_header_does_not_swallow_the_next_word(text, canonical, when):
    ref = _one(text)
    assert (ref.number.canonical, ref.own, ref.date) == (canonical, True, when)


@pytest.mark.parametrize("text, canonical, when", [
    ("Căn cứ Quyết định số 15/QĐ TTg ngày 20/01/2020 của Thủ tướng", "15/QĐ-TTg", date(2020, 1, 20)),
    ("thực hiện Chỉ thị số 03/CT BYT ngày 5/2/2021;", "03/CT-BYT", date(2021, 2, 5)),
    ("Thông tư liên tịch số 11/2016/TTLT-BGD ĐT-BNV ngày 3/8/2016", "11/2016/TTLT-BGDĐT-BNV", date(2016, 8, 3)),
    ("Kế hoạch số 208/KH- PGDĐT ngày 7/9/2021", "208/KH-PGDĐT", date(2021, 9, 7)),
])
def test_a_space_for_a_hyphen_or_inside_a_known_code(text, canonical, when):
    ref = _one(text)
    assert (ref.number.canonical, ref.date) == (canonical, when)


@pytest.mark.parametrize("text", ["Kế hoạch số 12/KH ngày 5/3/2021", "số 12/QĐ về việc", "Quyết định số 7/QĐ Ban hành"])
def test_a_type_code_alone_is_not_completed_from_an_ordinary_word(text):
    assert extract_refs(text) == []


def test_symbols_joined_by_ampersand_are_kept_whole_with_their_date():
    ref = _one("Công văn số 512/SXD-QLN&KDBĐS ngày 2 tháng 5 năm 2019 của Sở Xây dựng")
    assert (ref.number.canonical, ref.date, ref.issuer_name) == ("512/SXD-QLN&KDBĐS", date(2019, 5, 2), "Sở Xây dựng")
    assert ref.number.key == "512/sxd-qln&kdbds"


@pytest.mark.parametrize("text, canonical, when, type_name", [
    ("Nghị định số 15/HĐBT ngày 10/02/1988 của Hội đồng Bộ trưởng", "15/HĐBT", date(1988, 2, 10), "Nghị định"),
    ("theo Quyết định số 120-CP ngày 15/4/1977;", "120-CP", date(1977, 4, 15), "Quyết định"),
    ("Nghị quyết liên tịch số 02/2003/NQLT về phối hợp", "02/2003/NQLT", None, "Nghị quyết liên tịch"),
    ("Thông tư liên tịch số 08/2011/TTLT-BGDĐT-BNV ngày 2/3/2011", "08/2011/TTLT-BGDĐT-BNV", date(2011, 3, 2),
     "Thông tư liên tịch"),
])
def test_old_and_irregular_forms(text, canonical, when, type_name):
    ref = _one(text)
    assert (ref.number.canonical, ref.date, ref.type_name) == (canonical, when, type_name)


def test_an_old_dashed_number_needs_a_type_word_or_a_label():
    assert extract_refs("khoảng 120-CP và 12-TTg") == []


@pytest.mark.parametrize("text, canonical, when", [
    ("Ngày 5-3-2001, Ban Bí thư đã ban hành Chỉ thị số 07-CT/TW về tăng cường", "07-CT/TW", date(2001, 3, 5)),
    ("ngày 20/8/2021, UBND huyện ký Kế hoạch số 317/KH-UBND", "317/KH-UBND", date(2021, 8, 20)),
    ("| 512/SGDĐT-TCHC | 04/06/2019 | Về việc tuyển dụng |", "512/SGDĐT-TCHC", date(2019, 6, 4)),
    ("| 3/2021/TT-BGDĐT | 5 tháng 2 năm 2021 |", "3/2021/TT-BGDĐT", date(2021, 2, 5)),
])
def test_a_date_before_the_number_or_in_the_next_table_cell(text, canonical, when):
    ref = _one(text)
    assert (ref.number.canonical, ref.date) == (canonical, when)


@pytest.mark.parametrize("text", [
    "Ngày 17/9/2015, Huyện ủy họp bàn Kế hoạch số 12-KH/HU",  # the meeting's day, not the plan's
    "Ngày 2/9/2021. Ban hành Kế hoạch số 13-KH/HU",  # another sentence
])
def test_a_date_before_counts_only_for_the_issuing_of_that_document(text):
    assert _one(text).date is None


def test_a_two_digit_year_leaves_the_date_empty():
    ref = _one("Chỉ thị số 07-CT/TW ngày 5/3/01 của Ban Bí thư")
    assert (ref.number.canonical, ref.date) == ("07-CT/TW", None)


@pytest.mark.parametrize("text, canonical, when, repairs", [
    ("Chi thi s6 05ICT-TTg ngay 0614/2021 cua Thu tuong", "05/CT-TTg", date(2021, 4, 6),
     ("slash_misread", "date_digit")),
    ("Cn c Ngh nh s 178/2007/N-CP ngy 03 thỏng 12 nm 2007 ca", "178/2007/NĐ-CP", date(2007, 12, 3), ("lost_d",)),
    ("Quy?t ?nh s?: 514-Q/TWTN-BKT ng?y 21/3/2014", "514-QĐ/TWTN-BKT", date(2014, 3, 21), ("lost_d",)),
    ("S: 47/2011/TTLT-BGDT-BNV H Ni, ngy 19 tháng 10 năm 2011", "47/2011/TTLT-BGDĐT-BNV", date(2011, 10, 19),
     ("lost_d",)),
    ("Số: 255 / BC-BCĐPCGD-\n\nNga Sơn, ngày 13 tháng 11 năm 2020\n\nXMC\n\nBÁO CÁO", "255/BC-BCĐPCGD-XMC",
     date(2020, 11, 13), ("line_join",)),
])
def test_damaged_text_is_repaired_with_a_confidence(text, canonical, when, repairs):
    ref = _one(text)
    assert (ref.number.canonical, ref.date, ref.repairs) == (canonical, when, repairs)
    assert 0 < ref.confidence < 1


def test_clean_text_carries_full_confidence():
    assert {r.confidence for r in extract_refs(SAMPLE)} == {1.0}
    assert {r.repairs for r in extract_refs(SAMPLE)} == {()}


@pytest.mark.parametrize("text", [
    "sá##j5GDĐT-GDTrH\n\nV/v hướng dẫn",  # the number is gone: nothing is made up
    "Chi thi s6 ##ICT-TTg ngay 06/4/2021",
    "Quyết định số 1I2/QĐ-UBND",
    "ngay 1112/2021 (11/2 or 1/12: unreadable)",
    "Quy?t ?nh s?: 514-X/TWTN-BKT",  # no single Đ makes X a type
])
def test_damage_that_cannot_be_read_back_yields_no_number(text):
    assert extract_refs(text) == []


def test_a_clean_unknown_code_keeps_its_spelling_where_the_text_has_its_đ():
    refs = extract_refs("Đoàn trường thực hiện Hướng dẫn số 42-HD/TWTN-BKT và Công văn số 9/BGDT-VP của Đoàn")
    assert [(r.number.canonical, r.repairs) for r in refs] == [("42-HD/TWTN-BKT", ()), ("9/BGDT-VP", ())]


DAMAGED = ("Số: 75/KH-UBND\nThủ Thừa, ngày 3 tháng 4 năm 2021\n"
           "Chi thi s6 05ICT-TTg ngay 0614/2021; Kế hoạch số 4094/KH-UBND ngày 10/7/2020\n")


def test_cli_refs_json_marks_own_numbers_and_repair_confidence(tmp_path):
    out = dvk("refs", "-", "--json", db=tmp_path / "x.json", input=DAMAGED)
    assert out.returncode == 0, out.stderr
    rows = {r["canonical"]: r for r in json.loads(out.stdout)}
    assert rows["75/KH-UBND"]["own"] is True and rows["75/KH-UBND"]["date"] == "2021-04-03"
    assert rows["4094/KH-UBND"]["own"] is False and rows["4094/KH-UBND"]["confidence"] == 1.0
    assert rows["05/CT-TTg"]["confidence"] < 1 and rows["05/CT-TTg"]["repairs"] == ["slash_misread", "date_digit"]


def test_cli_refs_add_never_adds_a_repaired_number_unasked(tmp_path):
    db = tmp_path / "refs.json"
    out = dvk("refs", "-", "--add", db=db, input=DAMAGED)
    assert out.returncode == 0, out.stderr
    assert "Bỏ qua 1 số" in out.stdout and "05/CT-TTg" in out.stdout
    listed = [d["number"] for d in json.loads(dvk("doc", "list", "--json", db=db).stdout)]
    assert sorted(listed) == ["4094/KH-UBND", "75/KH-UBND"]

    forced = dvk("refs", "-", "--add", "--add-repaired", "--json", db=db, input=DAMAGED)
    statuses = {r["canonical"]: r["status"] for r in json.loads(forced.stdout)}
    assert statuses == {"75/KH-UBND": "existing", "05/CT-TTg": "added", "4094/KH-UBND": "existing"}


def test_cli_refs_add_asks_about_each_repaired_number(monkeypatch):
    from tui import cli_refs

    asked = []
    monkeypatch.setattr(cli_refs.typer, "confirm", lambda text, default: asked.append(text) or False)
    refs = extract_refs(DAMAGED)
    keep, skipped = cli_refs._keep_repaired(refs, accept=False, interactive=True)
    assert [r.number.canonical for r in skipped] == ["05/CT-TTg"] and len(asked) == 1
    assert "05/CT-TTg" in asked[0] and "56%" in asked[0]
    monkeypatch.setattr(cli_refs.typer, "confirm", lambda text, default: True)
    keep, skipped = cli_refs._keep_repaired(refs, accept=False, interactive=True)
    assert len(keep) == 3 and skipped == []
