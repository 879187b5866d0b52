"""Read a register into documents, show what would happen, then add them in one step.

Two calls, so a person always sees before anything is written:

    preview = read_register(path, store)            # nothing written
    for line in preview.lines(): print(line)        # counts, duplicates, every bad row
    result = apply_import(store, preview)           # one transaction = one undo step

`apply_import` classifies the rows again against the store as it is then, so a
document added between preview and confirmation is counted as a duplicate,
never added twice. Both calls take `progress(done, total)`; raising inside it
cancels (during apply the transaction rolls back: nothing is written).
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from db import rules
from db.dates import DateError, format_ui, parse_date
from db.errors import DvkError
from db.filters import parse_direction
from db.messages import Message
from db.models import Document
from db.registers.fields import check_register_fields, parse_arrival_number, used_arrival_numbers
from db.registers.headings import NUMBER, ORDINAL, SEQ, SYMBOL, Column, Header, find_header, headings_seen
from db.registers.sources import Grid, RegisterError, column_letter, read_grids
from db.text import control_chars, fold, nfc

Progress = Callable[[int, int], None]
_EVERY = 250  # rows between progress calls

# Excel serial numbers of 1950-01-01 .. 2100-12-31: a bare number in a date column
# outside this range is not a date someone meant.
_SERIAL_MIN, _SERIAL_MAX = 18264, 73415
_TIME_SUFFIX = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?$")
_SPACES = re.compile(r"\s+")
_ATTACHMENT_SPLIT = re.compile(r"[\n;]+")


# ------------------------------------------------------------------ results
@dataclass
class RowProblem:
    """A row that cannot be read, and why (one line)."""

    row: int  # as Excel numbers it
    reason: Message | DvkError
    column: str = ""  # the heading as written in the file

    def message(self) -> Message:
        if self.column:
            return Message("import.row_column", row=self.row, column=self.column, reason=self.reason)
        return Message("import.row", row=self.row, reason=self.reason)


@dataclass
class Skipped:
    """A row that is not a document (a total, a month heading, the signature block)."""

    row: int
    reason: Message


@dataclass
class ImportRow:
    row: int
    doc: Document
    auto_arrival: bool = False  # số đến given by dvk, not read from the file


@dataclass
class Duplicate:
    row: int
    doc: Document
    existing: int  # id of the document already in the store


@dataclass
class ImportPreview:
    """Everything a person needs to decide; nothing has been written."""

    path: Path
    sheet: str | None
    sheets: list[str]
    encoding: str | None
    header_rows: list[int]  # sheet row numbers of the header
    direction: str  # "in" | "out": the register's kind (a Chiều column overrides it per row)
    direction_guessed: bool
    columns: list[Column]  # used columns
    unused: list[Column]
    parsed: list[ImportRow] = field(default_factory=list)  # every readable row, before classification
    to_add: list[ImportRow] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    _read_problems: list[RowProblem] = field(default_factory=list, repr=False)

    @property
    def auto_arrivals(self) -> int:
        return sum(1 for r in self.to_add if r.auto_arrival)

    def lines(self, duplicates_shown: int = 10) -> list[Message]:
        """The preview as one-line messages, in reading order."""
        out: list[Message] = []
        kind = Message(f"import.kind.{self.direction}")
        rows = "–".join(str(r) for r in (self.header_rows[0], self.header_rows[-1])) \
            if len(self.header_rows) > 1 else str(self.header_rows[0])
        if self.sheet is not None:
            out.append(Message("import.source_sheet", file=self.path.name, sheet=self.sheet, rows=rows, kind=kind))
        else:
            encoding = Message(f"import.encoding.{self.encoding}") if self.encoding else "?"
            out.append(Message("import.source_csv", file=self.path.name, encoding=encoding, rows=rows, kind=kind))
        if self.direction_guessed:
            out.append(Message("import.kind_guessed"))
        out.append(Message("import.columns", columns=Joined([_column_text(c) for c in self.columns])))
        if self.unused:
            out.append(Message("import.unused", columns="; ".join(
                f"{column_letter(c.index)} “{c.heading}”" for c in self.unused)))
        out.append(Message("import.will_add", count=len(self.to_add)))
        if self.auto_arrivals:
            out.append(Message("import.auto_arrival", count=self.auto_arrivals))
        if self.duplicates:
            out.append(Message("import.duplicates", count=len(self.duplicates)))
            for dup in self.duplicates[:duplicates_shown]:
                out.append(Message("import.duplicate_row", row=dup.row, number=dup.doc.canonical,
                                   year=(dup.doc.date or "")[:4] or "?", id=dup.existing))
            if len(self.duplicates) > duplicates_shown:
                out.append(Message("import.more", count=len(self.duplicates) - duplicates_shown))
        if self.problems:
            out.append(Message("import.problems", count=len(self.problems)))
            out += [problem.message() for problem in self.problems]
        for skip in self.skipped:
            out.append(Message("import.skipped", row=skip.row, reason=skip.reason))
        return out


class Joined:
    """Several messages shown as one parameter, rendered in the language asked for."""

    def __init__(self, items: Sequence[Message | str], sep: str = "; ") -> None:
        self.items, self.sep = list(items), sep

    def render(self, lang: str | None = None) -> str:
        return self.sep.join(i.render(lang) if isinstance(i, Message) else str(i) for i in self.items)

    __str__ = render


def _column_text(column: Column) -> Message:
    return Message("import.column", letter=column_letter(column.index), heading=column.heading,
                   field=Message(f"col.{column.field}"))


@dataclass
class ImportResult:
    added: list[Document]
    duplicates: int
    problems: int
    label: Message


# ------------------------------------------------------------------ reading
def read_register(path: str | Path, store, *, sheet: str | None = None, direction: str | None = None,
                  progress: Progress | None = None) -> ImportPreview:
    """Read and check a register against `store` (any object with `.all(Document)`); writes nothing.

    `direction` is "in"/"out" (or den/di as typed); None guesses from the title
    rows and columns ("SỔ ĐĂNG KÝ VĂN BẢN ĐI", a "Số đến" column…), default "in".
    """
    path = Path(path).expanduser()
    wanted = parse_direction(direction) if direction else None
    grids = read_grids(path, sheet)
    grid, header = _pick(path, grids, sheet)
    kind, evidence = (wanted, True) if wanted else _guess_direction(grid, header)
    preview = ImportPreview(
        path=path, sheet=grid.sheet, sheets=grid.sheets, encoding=grid.encoding,
        header_rows=[grid.row_numbers[r] for r in header.rows], direction=kind, direction_guessed=not evidence,
        columns=header.used(), unused=header.unused(),
    )
    _read_rows(preview, grid, header, progress)
    classify(preview, store.all(Document))
    return preview


def _pick(path: Path, grids: list[Grid], sheet: str | None) -> tuple[Grid, Header]:
    if all(not g.rows for g in grids):
        name = sheet or (grids[0].sheet if grids and grids[0].sheet else path.name)
        raise RegisterError("register.empty", path=path, sheet=name)
    for grid in grids:
        header = find_header(grid.rows)
        if header is not None:
            return grid, header
    first = next(g for g in grids if g.rows)
    seen = ", ".join(f"“{h}”" for h in headings_seen(first.rows)[:8])
    raise RegisterError("register.no_header", path=path, seen=seen or "—")


def _guess_direction(grid: Grid, header: Header) -> tuple[str, bool]:
    """(kind, whether anything said so): a "Số đến" column or a title "… VĂN BẢN ĐI"; else incoming."""
    if "arrival_number" in header.fields or "arrival_date" in header.fields:
        return "in", True
    title = " ".join(fold(str(v)) for row in grid.rows[: header.rows[0]] for v in row if v is not None)
    if "van ban di" in title or "so di" in title:
        return "out", True
    if "van ban den" in title or "so den" in title:
        return "in", True
    return "in", False


def _read_rows(preview: ImportPreview, grid: Grid, header: Header, progress: Progress | None) -> None:
    fields = header.fields
    ordinal = fields.get(ORDINAL)
    headings = {c.field: c.heading for c in header.columns if c.field}
    base = preview.path.parent.resolve()
    rows = grid.rows[header.data_start:]
    numbers = grid.row_numbers[header.data_start:]
    number_cols = [fields[f] for f in (NUMBER, SEQ, SYMBOL) if f in fields]
    last_numbered = max((i for i, row in enumerate(rows)
                         if any(not _blank(_at(row, c)) and not _is_total(_at(row, c)) for c in number_cols)),
                        default=-1)
    total = len(rows)
    for i, (row, number) in enumerate(zip(rows, numbers)):
        if progress and i % _EVERY == 0:
            progress(i, total)
        content = [v for c, v in enumerate(row) if c != ordinal and not _blank(v)]
        if not content:
            continue  # an empty row, or one with only its STT pre-printed
        try:
            doc = _document(row, fields, preview.direction, base)
        except _CellError as err:
            if err.column == NUMBER:
                skip = _not_a_document(content, after_last=i > last_numbered, empty=err.empty)
                if skip is not None:
                    preview.skipped.append(Skipped(number, skip))
                    continue
            column = headings.get(err.column) or (headings.get(SEQ, "") if err.column == NUMBER else "")
            preview._read_problems.append(RowProblem(number, err.reason, column))
            continue
        preview.parsed.append(ImportRow(number, doc))
    if progress:
        progress(total, total)


def _is_total(value: Any) -> bool:
    """"Tổng cộng: 125 văn bản", "Cộng", "Tổng số" — wherever the merged cell put it."""
    return fold(_text(value)).strip().startswith(("tong", "cong"))


def _not_a_document(content: list[Any], after_last: bool, empty: bool) -> Message | None:
    """Why a row without a readable number is not a document, or None when it is a
    document whose number is missing (`empty`) or wrong."""
    if _is_total(content[0]):
        return Message("import.skip_total")
    if not empty:  # "Tháng 3", "Quý II" alone in the number column: a group heading
        alone = len(content) == 1 and not _text(content[0])[:1].isdigit()
        return Message("import.skip_heading") if alone else None
    if after_last:
        return Message("import.skip_footer")
    if len(content) == 1:
        return Message("import.skip_heading")
    return None


class _CellError(Exception):
    def __init__(self, column: str, reason: Message | DvkError, empty: bool = False) -> None:
        super().__init__(column)
        self.column, self.reason, self.empty = column, reason, empty


def _at(row: Sequence[Any], index: int | None) -> Any:
    return row[index] if index is not None and index < len(row) else None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    """One-line text of a cell: Alt+Enter breaks and tabs become spaces."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return format_ui(value.date())
    if isinstance(value, datetime.date):
        return format_ui(value)
    return _SPACES.sub(" ", nfc(str(value))).strip()


def _field_text(row: Sequence[Any], fields: dict[str, int], name: str) -> str:
    text = _text(_at(row, fields.get(name)))
    if control_chars(text):
        raise _CellError(name, Message("register.control_chars"))
    return text


def _number(row: Sequence[Any], fields: dict[str, int]) -> str:
    if NUMBER in fields:
        return _field_text(row, fields, NUMBER)
    seq, symbol = _field_text(row, fields, SEQ), _field_text(row, fields, SYMBOL)
    cell = _at(row, fields[SEQ])
    if isinstance(cell, (int, float)) and not isinstance(cell, bool) and 0 < cell < 10:
        seq = f"{int(cell):02d}"  # Excel dropped the leading zero NĐ 30 writes below 10
    if not seq or not symbol:
        return seq or symbol
    if symbol[0].isdigit():  # "2020/NĐ-CP": a legal number's year
        return f"{seq}/{symbol}"
    if "/" in symbol:  # "HD/BDVTU": a Party number, "06-HD/BDVTU"
        return f"{seq}-{symbol}"
    return f"{seq}/{symbol}"


def _date(value: Any, name: str) -> str | None:
    if _blank(value):
        return None
    try:
        if isinstance(value, datetime.datetime):
            return value.date().isoformat()
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if _SERIAL_MIN <= value <= _SERIAL_MAX:
                from openpyxl.utils.datetime import from_excel  # numbers appear only in xlsx files

                return from_excel(value).date().isoformat()
            raise DateError("date.unreadable", text=_text(value))
        text = _TIME_SUFFIX.sub("", _text(value))
        return parse_date(text).isoformat()
    except DateError as err:
        raise _CellError(name, err) from None


def _document(row: Sequence[Any], fields: dict[str, int], direction: str, base: Path) -> Document:
    number = _number(row, fields)
    if not number:
        raise _CellError(NUMBER, Message("import.no_number"), empty=True)
    doc = Document(number=number, direction=direction)
    doc.date = _date(_at(row, fields.get("date")), "date")
    doc.arrival_date = _date(_at(row, fields.get("arrival_date")), "arrival_date")
    doc.due = _date(_at(row, fields.get("due")), "due")
    for name in ("issuer_name", "summary", "type_name", "handler", "note"):
        setattr(doc, name, _field_text(row, fields, name))
    if "direction" in fields and _field_text(row, fields, "direction"):
        try:
            doc.direction = parse_direction(_field_text(row, fields, "direction"))
        except DvkError as err:
            raise _CellError("direction", err) from None
    doc.handling = "pending" if doc.due else ""
    if "handling" in fields:
        state = _field_text(row, fields, "handling")
        if state:
            doc.handling = _handling(state)
    if "arrival_number" in fields:
        try:
            doc.arrival_number = parse_arrival_number(_at(row, fields["arrival_number"]))
        except rules.ValidationError as err:
            raise _CellError("arrival_number", err) from None
    if "tags" in fields:
        doc.tags = [t.strip() for t in re.split(r"[,;]", _field_text(row, fields, "tags")) if t.strip()]
    if "attachments" in fields:
        raw = _at(row, fields["attachments"])
        if not _blank(raw):
            from db.registers.attachments import resolved

            doc.attachments = [resolved(p.strip(), base) for p in _ATTACHMENT_SPLIT.split(nfc(str(raw))) if p.strip()]
    try:
        rules.validate_document(doc)
        check_register_fields(doc)
    except rules.ValidationError as err:
        raise _CellError(_FIELD_COLUMN.get(err.field, err.field), err) from None
    return doc


_FIELD_COLUMN = {"number": NUMBER, "date": "date", "due": "due"}
_HANDLING = {"da xu ly": "done", "xong": "done", "done": "done", "handled": "done",
             "can xu ly": "pending", "cho xu ly": "pending", "dang xu ly": "pending", "chua xu ly": "pending",
             "pending": "pending", "khong": "", "none": ""}


def _handling(text: str) -> str:
    key = " ".join(fold(text).split())
    if key in _HANDLING:
        return _HANDLING[key]
    raise _CellError("handling", Message("register.handling", value=text))


# ------------------------------------------------------------------ classifying
def classify(preview: ImportPreview, existing: Iterable[Document]) -> ImportPreview:
    """Sort the readable rows into to_add / duplicates / problems against `existing` documents.

    Same number and year as a stored document: a duplicate, skipped. Same number and
    year as an earlier row of the file, or a số đến already used that year: a problem.
    Arrived incoming rows without a số đến get the next free one of their year.
    """
    existing = list(existing)
    by_key: dict[tuple[str, str], int] = {}
    for doc in existing:
        if doc.parts.get("seq"):
            by_key.setdefault((doc.parts.get("key", ""), (doc.date or "")[:4]), doc.id)
    used: dict[str, dict[int, int]] = {}  # year -> number -> id (or -row for rows of this file)

    def used_in(year: str) -> dict[int, int]:
        if year not in used:
            used[year] = used_arrival_numbers(existing, year)
        return used[year]

    to_add: list[ImportRow] = []
    duplicates: list[Duplicate] = []
    problems: list[RowProblem] = list(preview._read_problems)
    first_row: dict[tuple[str, str], int] = {}
    headings = {c.field: c.heading for c in preview.columns}
    for item in preview.parsed:
        doc = replace(item.doc)  # store.add sets ids on what it is given; the preview stays as read
        key = (doc.parts.get("key", ""), (doc.date or "")[:4])
        if doc.parts.get("seq") and key in by_key:
            duplicates.append(Duplicate(item.row, doc, by_key[key]))
            continue
        if doc.parts.get("seq") and key in first_row:
            problems.append(RowProblem(item.row, Message("import.duplicate_in_file", row=first_row[key]),
                                       headings.get(NUMBER, headings.get(SEQ, ""))))
            continue
        year = (doc.arrival_date or "")[:4]
        if doc.arrival_number is not None and doc.direction == "in" and year:
            taken = used_in(year).get(doc.arrival_number)
            if taken is not None:
                reason = (Message("import.arrival_in_file", number=doc.arrival_number, year=year, row=-taken)
                          if taken < 0 else
                          Message("register.arrival_taken", number=doc.arrival_number, year=year, id=taken))
                problems.append(RowProblem(item.row, reason, headings.get("arrival_number", "")))
                continue
            used_in(year)[doc.arrival_number] = -item.row
        first_row[key] = item.row
        to_add.append(ImportRow(item.row, doc))
    highest: dict[str, int] = {}
    for item in to_add:  # numbers given in the file are all known now: count on from the highest
        doc = item.doc
        year = (doc.arrival_date or "")[:4]
        if doc.direction == "in" and doc.arrival_number is None and year:
            if year not in highest:
                highest[year] = max(used_in(year), default=0)
            highest[year] += 1
            doc.arrival_number = highest[year]
            item.auto_arrival = True
    problems.sort(key=lambda p: p.row)
    preview.to_add, preview.duplicates, preview.problems = to_add, duplicates, problems
    return preview


# ------------------------------------------------------------------ writing
def apply_import(store, preview: ImportPreview, *, progress: Progress | None = None) -> ImportResult:
    """Add every row still new, as ONE transaction (one undo step). Re-checks against the store first."""
    classify(preview, store.all(Document))
    label = Message("label.import", count=len(preview.to_add), file=preview.path.name)
    added: list[Document] = []
    total = len(preview.to_add)
    if total:
        with store.transaction(label):
            for i, item in enumerate(preview.to_add):
                if progress and i % _EVERY == 0:
                    progress(i, total)
                added.append(store.add(item.doc))
    if progress:
        progress(total, total)
    return ImportResult(added, len(preview.duplicates), len(preview.problems), label)
