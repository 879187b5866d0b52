"""Register files as offices make them: real .xlsx written by openpyxl, CSVs written by hand."""
from __future__ import annotations

import datetime
import unicodedata
from pathlib import Path

import openpyxl

TITLE = ["UBND HUYỆN THỦ THỪA", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]


def incoming_register(path: Path) -> Path:
    """The sổ đến of NĐ 30 Phụ lục IV as a Vietnamese office keeps it in Excel.

    Title rows, a two-row header whose "Văn bản" group is merged over "Số, ký hiệu"
    and "Ngày tháng" (and "Ngày đến", "Số đến"… merged down over both rows), the
    row of column numbers, then documents — some of them bad — and a total row.
    """
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sổ đến 2020"
    sheet.append(TITLE)
    sheet.append(["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"])
    sheet.append(["SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM 2020"])
    sheet.append([])
    sheet.append(["Ngày đến", "Số đến", "Tác giả", "Văn bản", None, "Tên loại và trích yếu nội dung",
                  "Đơn vị hoặc người nhận", "Ký nhận", "Ghi chú"])  # row 5
    sheet.append([None, None, None, "Số, ký hiệu", "Ngày tháng"])  # row 6
    for col in "ABCFGHI":
        sheet.merge_cells(f"{col}5:{col}6")
    sheet.merge_cells("D5:E5")
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"])  # row 7
    d = datetime.datetime
    rows = [
        # row 8: Excel date cells
        [d(2020, 7, 12), 1, "Ủy ban nhân dân huyện Thủ Thừa", "4094/KH-UBND", d(2020, 7, 10),
         "Kế hoạch thực hiện “Năm dân vận khéo” năm 2020", "Chị Lan", None, None],
        # row 9: dates typed as text, no số đến (the next one is given)
        ["20/05/2020", None, "Huyện ủy Thủ Thừa", "2199-CV/HU", "15/5/2020",
         "Về việc sao gửi Hướng dẫn 06-HD/BDVTU", "Anh Tâm", None, "Khẩn"],
        # row 10: 31/02 does not exist
        ["03/03/2020", 3, "Sở Giáo dục và Đào tạo", "12/SGDĐT-VP", "31/02/2020", "Ngày sai", "Anh Tâm", None, None],
        # row 11: the number is missing
        ["04/03/2020", 4, "Sở Giáo dục và Đào tạo", None, "02/03/2020", "Thiếu số", "Anh Tâm", None, None],
        # row 12: a number nobody can read
        ["05/03/2020", 5, "Sở Nội vụ", "KH-UBND", "02/03/2020", "Số hỏng", "Anh Tâm", None, None],
        # row 13: a due date ("Hạn" written in Ghi chú is just a note)
        [d(2020, 3, 6), 6, "Ủy ban nhân dân tỉnh Long An", "30/2020/NĐ-CP", d(2020, 3, 5),
         "Nghị định về công tác văn thư", None, None, "lưu"],
    ]
    for row in rows:
        sheet.append(row)
    sheet.append([])  # row 14 blank
    sheet.append(["Tổng cộng: 6 văn bản"])  # row 15
    sheet.merge_cells("A15:F15")
    book.save(path)
    return path


def to_cp1258(text: str) -> bytes:
    """Text as Windows-1258 spells it: â ê ô ơ ư ă đ precomposed, tone marks as separate combining bytes."""
    shape = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn: part of the letter in cp1258
    out: list[str] = []
    base = 0
    for ch in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(ch):
            base = len(out)
            out.append(ch)
        elif ch in shape:
            out[base] = unicodedata.normalize("NFC", out[base] + ch)
        else:
            out.append(ch)  # the tone mark stays a combining character, after the letter
    return "".join(out).encode("cp1258")


CSV_ROWS = [
    "Số/Ký hiệu;Ngày ban hành;Nơi gửi;Trích yếu;Người xử lý;Hạn xử lý",
    "4094/KH-UBND;10/07/2020;Ủy ban nhân dân huyện Thủ Thừa;Kế hoạch thực hiện Năm dân vận khéo;Nguyễn Thị Lan;31/12/2020",
    "617/KH-PGDĐT;25/05/2020;Phòng Giáo dục và Đào tạo;Kế hoạch của Phòng;Trần Văn Tâm;",
]
