"""Hostile inputs built from the number/date grammar's own tokens (issue 14 item 1).

Each family repeats a short unit until a target size, so a test can time the
same shape at 10 KB and at 100 KB: a linear parser takes about ten times as long.
"""
from __future__ import annotations

# (name, head, unit, tail): the input is head + unit * k + tail.
FAMILIES: list[tuple[str, str, str, str]] = [
    ("labels", "", "số ", "x"),
    ("labels-colon", "Số:", " số: ", "#"),
    ("ampersands", "Kế hoạch số 4094/KH-UBND của ", "&", "x"),
    ("labels-then-number", "", "số " * 21 + "#4094/KH-UBND ", ""),
    ("spaces", "4094", " ", "x"),
    ("spaced-slash", "1/", " ", "x"),
    ("long-date-spaces", "ngày 1 tháng 1", " ", "x"),
    ("comma-spaces", "10 tháng 7", " ,", " năm x"),
    ("open-groups", "4094/KH", "-UB", "-"),
    ("dashes", "1", "-", "x"),
    ("slashes", "1", "/", "x"),
    ("digit-dash", "", "1-", "x"),
    ("letters-dash", "12/", "A-", ""),
    ("digits", "", "1", "/KH-UBND"),
    ("ngay", "", "ngày ", "10/7/20"),
    ("space-joins", "Quyết định số ", "15/QĐ TTg ", ""),
    ("glued", "Thông báo số 70-TB/TW", "ngày", " 06 tháng 01 năm 2012"),
    ("dangling", "Số: 255/BC-", "-\n", "XMC"),
    ("table", "", "| 512/SGDĐT-TCHC | 04/06/2019 ", "|"),
    ("s-labels", "", "s6 s?: s ", "05ICT-TTg"),
    ("issuer-words", "Kế hoạch số 1/KH-UBND của Ủy ban", " nhân dân", " ,"),
    ("commas", "", ", ", "năm 2020"),
    ("place-dates", "Số: 1/KH-UBND ", "Thủ Thừa, ngày ", "3"),
    ("mixed", "", "số & / - KH 4094 ngày 10/7/2020 của Số: ", "x"),
]


def build(head: str, unit: str, tail: str, size: int) -> str:
    count = max(1, (size - len(head) - len(tail)) // max(1, len(unit)))
    return head + unit * count + tail
