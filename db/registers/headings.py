"""Which column of a register holds what: the headings offices actually write.

A register kept in Excel has its title rows ("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", the year),
then one or two header rows (a group heading such as "Văn bản" merged over
"Số, ký hiệu" / "Ngày tháng" / "Tác giả"), often a row of column numbers
"(1) (2) (3)", then the documents. Headings are compared folded (no accents,
no case, punctuation as spaces), so "Số, ký hiệu", "SO KY HIEU" and "Số/Ký hiệu"
are one heading. The sổ đến of NĐ 30/2020 Phụ lục IV calls the issuer "Tác giả";
e-office exports call it "Nơi gửi" or "Cơ quan ban hành" — all are known here.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from db.text import fold

# Field names a column can map to (Document attributes, plus the split number).
NUMBER, SEQ, SYMBOL = "number", "seq", "symbol"
ORDINAL = "ordinal"  # STT: counts rows, never data
FIELDS = (
    NUMBER, SEQ, SYMBOL, "date", "arrival_number", "arrival_date", "issuer_name", "summary", "type_name",
    "handler", "due", "note", "direction", "handling", "tags", "attachments", ORDINAL,
)

# Folded heading -> field. Vietnamese as registers write it, and the English
# headings of an export made with `--lang en`, so every export reads back.
_ALIASES: dict[str, tuple[str, ...]] = {
    NUMBER: (
        "so ky hieu", "so va ky hieu", "so ky hieu van ban", "so hieu", "so hieu van ban", "so van ban",
        "so ky hieu vb", "so kh", "so ky hieu cua van ban", "number", "document number", "number and symbol",
    ),
    SEQ: ("so",),
    SYMBOL: ("ky hieu", "ky hieu van ban", "symbol"),
    "date": (
        "ngay van ban", "ngay ban hanh", "ngay thang van ban", "ngay thang", "ngay thang nam", "ngay ky",
        "ngay thang nam van ban", "ngay vb", "ngay", "ngay thang ban hanh", "date", "document date", "date issued",
    ),
    "arrival_number": ("so den", "so vao so", "arrival number", "arrival no"),
    "arrival_date": ("ngay den", "ngay nhan", "ngay nhan van ban", "ngay den van ban", "arrival date",
                     "date received", "received"),
    "issuer_name": (
        "co quan ban hanh", "noi gui", "noi ban hanh", "co quan gui", "don vi gui", "tac gia",
        "co quan to chuc ban hanh", "noi phat hanh", "don vi ban hanh", "co quan ban hanh van ban",
        "issuer", "issuing body", "sender", "from",
    ),
    "summary": (
        "trich yeu", "trich yeu noi dung", "ten loai va trich yeu noi dung", "ten loai va trich yeu noi dung van ban",
        "noi dung", "trich yeu van ban", "noi dung trich yeu", "trich yeu noi dung van ban", "summary", "subject",
    ),
    "type_name": ("ten loai", "loai van ban", "loai", "the loai", "ten loai van ban", "type", "document type"),
    "handler": (
        "nguoi xu ly", "can bo xu ly", "don vi xu ly", "don vi hoac nguoi nhan", "don vi nguoi nhan", "nguoi nhan",
        "phan cong xu ly", "don vi ca nhan xu ly", "nguoi phu trach", "don vi hoac nguoi xu ly", "nguoi don vi xu ly",
        "handler", "handled by", "assigned to",
    ),
    "due": ("han xu ly", "thoi han xu ly", "han giai quyet", "thoi han giai quyet", "han", "thoi han", "han tra loi",
            "due", "deadline", "due date"),
    "note": ("ghi chu", "note", "notes", "remarks"),
    "direction": ("chieu", "chieu van ban", "direction"),
    "handling": ("tinh trang xu ly", "trang thai xu ly", "handling"),
    "tags": ("nhan", "the", "tags"),
    "attachments": ("tep dinh kem", "tap tin dinh kem", "dinh kem", "file dinh kem", "ban dien tu", "attachments"),
    ORDINAL: ("stt", "tt", "so tt", "so thu tu", "ma", "ma so", "id", "no"),
}
ALIASES: dict[str, str] = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
# One-word headings that are too general to be found inside a longer one
# ("Số lượng bản" is not the number, "Ngày chuyển" is not the document date).
_EXACT_ONLY = {alias for alias in ALIASES if " " not in alias}

_NON_WORD = re.compile(r"[^0-9a-z#]+")
_COLUMN_NUMBER = re.compile(r"^\(?\s*\d{1,2}\s*\)?$")
# A cell that is a date or starts like a document number belongs to a data row.
_DATA_CELL = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}|^\d+\s*[/-]\s*\w")


def normalise(heading: Any) -> str:
    """Folded heading: `Số, ký\\nhiệu` -> `so ky hieu`; `#` stays (it is the id column of an export)."""
    if heading is None:
        return ""
    text = fold(str(heading))
    return " ".join(_NON_WORD.sub(" ", text).split())


def match_heading(heading: Any) -> tuple[str | None, int]:
    """(field, strength) for one heading; strength 3 = exact, 2 = starts with, 1 = contains, 0 = unknown."""
    text = normalise(heading)
    if not text:
        return None, 0
    if text == "#":
        return ORDINAL, 3
    if text in ALIASES:
        return ALIASES[text], 3
    padded = f" {text} "
    best: tuple[int, int, str] | None = None
    for alias, name in ALIASES.items():
        if alias in _EXACT_ONLY:
            continue
        if text.startswith(alias + " "):
            strength = 2
        elif f" {alias} " in padded:
            strength = 1
        else:
            continue
        candidate = (strength, len(alias), name)
        if best is None or candidate > best:
            best = candidate
    return (best[2], best[0]) if best else (None, 0)


@dataclass
class Column:
    index: int  # 0-based
    heading: str  # as written in the file (joined when the header spans two rows)
    field: str | None  # None: the column is not used


@dataclass
class Header:
    rows: tuple[int, ...]  # indexes into the grid, not sheet row numbers
    columns: list[Column]
    skip_after: int = 0  # a row of column numbers "(1) (2) (3)" under the header
    fields: dict[str, int] = field(default_factory=dict)  # field -> column index

    @property
    def data_start(self) -> int:
        return self.rows[-1] + 1 + self.skip_after

    def used(self) -> list[Column]:
        return [c for c in self.columns if c.field and c.field != ORDINAL]

    def unused(self) -> list[Column]:
        return [c for c in self.columns if not c.field and c.heading]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _assign(headings: list[str]) -> tuple[list[Column], dict[str, int]]:
    """Columns with fields; when two columns claim one field the stronger (then the first) keeps it."""
    claims: dict[str, tuple[int, int]] = {}  # field -> (strength, column)
    matched = [match_heading(h) for h in headings]
    for index, (name, strength) in enumerate(matched):
        if name and (name not in claims or strength > claims[name][0]):
            claims[name] = (strength, index)
    owners = {index: name for name, (_, index) in claims.items()}
    # "Số" alone is the whole number unless a "Ký hiệu" column holds the symbol.
    if SEQ in claims and SYMBOL not in claims and NUMBER not in claims:
        owners[claims[SEQ][1]] = NUMBER
    elif SEQ in claims and NUMBER in claims:
        del owners[claims[SEQ][1]]
    columns = [Column(i, h, owners.get(i)) for i, h in enumerate(headings)]
    return columns, {c.field: c.index for c in columns if c.field}


def _score(fields: dict[str, int]) -> int:
    has_number = NUMBER in fields or (SEQ in fields and SYMBOL in fields)
    return len(set(fields) - {ORDINAL}) if has_number else 0


def _combined(upper: Sequence[Any], lower: Sequence[Any], width: int) -> list[str]:
    """Two header rows as one: per column, the row whose heading is recognised wins
    (a group heading merged over several columns sits above the real ones)."""
    out = []
    for i in range(width):
        top = _cell_text(upper[i]) if i < len(upper) else ""
        bottom = _cell_text(lower[i]) if i < len(lower) else ""
        if bottom and match_heading(bottom)[0]:
            out.append(bottom)
        elif top and match_heading(top)[0]:
            out.append(top)
        else:
            out.append(bottom or top)
    return out


def is_column_numbers(row: Sequence[Any]) -> bool:
    """A row of "(1) (2) (3)" or "1 2 3" under the header, as NĐ 30 registers print it."""
    cells = [_cell_text(v) for v in row if _cell_text(v)]
    if len(cells) < 3 or not all(_COLUMN_NUMBER.match(c) for c in cells):
        return False
    numbers = [int(re.sub(r"\D", "", c)) for c in cells]
    return numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def _looks_like_data(row: Sequence[Any]) -> bool:
    for value in row:
        if isinstance(value, (datetime.date, datetime.time)):
            return True
        if isinstance(value, str) and _DATA_CELL.search(value):
            return True
    return False


def find_header(grid: Sequence[Sequence[Any]], scan: int = 30) -> Header | None:
    """The header row (or pair of rows) with the most recognised headings; it must
    include the document number. None when no row in the first `scan` rows does."""
    best: tuple[int, int, Header] | None = None  # (score, -rows used, header)
    limit = min(scan, len(grid))
    for r in range(limit):
        if _looks_like_data(grid[r]):
            continue
        width = len(grid[r])
        single = [_cell_text(v) for v in grid[r]]
        columns, fields = _assign(single)
        candidates = [(_score(fields), -1, Header((r,), columns, fields=fields))]
        if r + 1 < len(grid) and not _looks_like_data(grid[r + 1]):
            width = max(width, len(grid[r + 1]))
            pair = _combined(grid[r], grid[r + 1], width)
            columns2, fields2 = _assign(pair)
            candidates.append((_score(fields2), -2, Header((r, r + 1), columns2, fields=fields2)))
        for score, rows, header in candidates:
            if score >= 2 and (best is None or (score, rows) > best[:2]):
                best = (score, rows, header)
    if best is None:
        return None
    header = best[2]
    after = header.rows[-1] + 1
    if after < len(grid) and is_column_numbers(grid[after]):
        header.skip_after = 1
    return header


def headings_seen(grid: Sequence[Sequence[Any]], scan: int = 10) -> list[str]:
    """Texts of the first rows, to tell the user what was found when no header is recognised."""
    seen: list[str] = []
    for row in grid[:scan]:
        for value in row:
            text = _cell_text(value)
            if text and text not in seen:
                seen.append(text)
    return seen
