"""Lists as spreadsheets: documents, tasks and models to .xlsx or .csv.

The TUI and `dvk export` both build a :class:`Table` from the records they show
(already filtered) and write it with :func:`to_xlsx` / :func:`to_csv`:

    table = documents_table(docs)               # headings in the current language
    write_table(table, Path("vanban.xlsx"))     # format from the suffix, atomic write

In .xlsx dates are real Excel dates shown dd/mm/yyyy, columns are sized to their
content, the header row is bold, frozen and filtered. In .csv dates are written
dd/mm/yyyy and the file is UTF-8 with a BOM: without the BOM, Vietnamese Excel
reads UTF-8 as Windows-1258 and every accent is garbled. The document export
uses the headings the importer recognises, so a file exported by dvk imports back.
"""
from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from db.dates import format_ui
from db.messages import render
from db.models import Document, DvkModel, Task
from exports.files import clean_text, write_atomic

FORMATS = ("xlsx", "csv")
# Text Excel would run as a formula if it started a cell: shown as text instead.
_FORMULA_START = ("=", "+", "@", "\t", "\r")
_MAX_WIDTH, _MIN_WIDTH = 60, 6


@dataclass
class Table:
    title: str  # the sheet name
    headings: list[str]
    rows: list[list[Any]] = field(default_factory=list)  # str, int, datetime.date or None
    wrap: set[int] = field(default_factory=set)  # columns of long text, wrapped at the maximum width


def _date(iso: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(iso) if iso else None


def _value(key: str, lang: str | None) -> str:
    return render(key, lang)


def _headings(keys: Sequence[str], lang: str | None) -> list[str]:
    return [render(key, lang) for key in keys]


DOCUMENT_KEYS = (
    "col.ordinal", "col.number", "col.date", "col.type_name", "col.issuer_name", "col.summary", "col.direction",
    "col.arrival_number", "col.arrival_date", "col.handler", "col.due", "col.handling", "col.tags",
    "col.attachments", "col.note",
)


def documents_table(docs: Iterable[Document], lang: str | None = None) -> Table:
    rows = []
    for d in docs:
        rows.append([
            d.id, d.canonical, _date(d.date), d.type_name, d.issuer_name, d.summary,
            _value(f"value.direction.{d.direction}", lang), d.arrival_number, _date(d.arrival_date), d.handler,
            _date(d.due), _value(f"value.handling.{d.handling}", lang) if d.handling else "", ", ".join(d.tags),
            "\n".join(d.attachments), d.note,
        ])
    return Table(render("noun.documents", lang).capitalize(), _headings(DOCUMENT_KEYS, lang), rows, wrap={4, 5, 14})


TASK_KEYS = (
    "col.ordinal", "col.task.title", "col.task.due", "col.task.status", "col.task.assignee", "col.task.source",
    "col.task.section", "col.task.recur", "col.task.done_on", "col.task.result",
)


def tasks_table(tasks: Iterable[Task], documents: dict[int, Document] | None = None, lang: str | None = None) -> Table:
    """`documents` (id -> document) names each task's source document by its number."""
    documents = documents or {}
    rows = []
    for t in tasks:
        source = documents.get(t.source_doc) if t.source_doc is not None else None
        rows.append([
            t.id, t.title, _date(t.due), _value(f"task_status.{t.status}", lang), t.assignee,
            source.canonical if source else ("" if t.source_doc is None else f"#{t.source_doc}"),
            t.section, _value(f"value.recur.{t.recur}", lang) if t.recur else "", _date(t.done_on), t.result,
        ])
    return Table(render("noun.tasks", lang).capitalize(), _headings(TASK_KEYS, lang), rows, wrap={1, 9})


MODEL_KEYS = (
    "col.ordinal", "col.model.year", "col.model.name", "col.model.unit", "col.model.field", "col.model.kind",
    "col.model.status", "col.model.result",
)


def models_table(models: Iterable[DvkModel], lang: str | None = None) -> Table:
    rows = [[
        m.id, m.year, m.name, m.unit, m.field, _value(f"value.model_kind.{m.kind}", lang),
        _value(f"value.model_status.{m.status}", lang), m.result,
    ] for m in models]
    return Table(render("noun.models", lang).capitalize(), _headings(MODEL_KEYS, lang), rows, wrap={2, 7})


# ------------------------------------------------------------------ writers
def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return format_ui(value)
    return str(value)


def _widths(table: Table) -> list[float]:
    widths = []
    for i, heading in enumerate(table.headings):
        longest = max([len(heading)] + [max((len(line) for line in _shown(row[i]).splitlines()), default=0)
                                         for row in table.rows])
        widths.append(min(_MAX_WIDTH, max(_MIN_WIDTH, longest + 2)))
    return widths


def _sheet_title(title: str) -> str:
    for ch in "[]:*?/\\":
        title = title.replace(ch, " ")
    return title[:31] or "Sheet1"


def to_xlsx(table: Table) -> bytes:
    import openpyxl  # deferred: only an export needs it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(table.title))
    widths = _widths(table)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(1, len(table.headings)))
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    header = []
    for heading in table.headings:
        cell = WriteOnlyCell(sheet, value=clean_text(heading))
        cell.font, cell.fill, cell.alignment = bold, grey, Alignment(vertical="center", wrap_text=True)
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        cells = []
        for i, value in enumerate(row):
            if isinstance(value, str):
                value = clean_text(value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, datetime.date):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(value, str) and value.startswith(_FORMULA_START):
                cell.data_type = "s"  # user text, never a formula
            cell.alignment = wrap if (i in table.wrap and widths[i] >= _MAX_WIDTH) or "\n" in _shown(value) else top
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv_cell(value: Any) -> str:
    text = _shown(value)
    # A spreadsheet runs "=…", "+…", "@…", "-x…" as a formula; a leading apostrophe keeps
    # it text, and the importer drops it again. "- " starts a list item, left alone.
    if text.startswith(_FORMULA_START) or (text.startswith("-") and not text.startswith("- ") and len(text) > 1):
        return "'" + text
    return text


def to_csv(table: Table, sep: str = ",") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(table.headings)
    for row in table.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def format_for(path: Path, fmt: str | None = None) -> str:
    """The format asked for, else the one the file name says, else xlsx."""
    if fmt:
        return fmt.lower().lstrip(".")
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else "xlsx"


def write_table(table: Table, path: Path, fmt: str | None = None, sep: str = ",") -> Path:
    """Write atomically (a crash never leaves half a file); returns the path written."""
    fmt = format_for(path, fmt)
    data = to_xlsx(table) if fmt == "xlsx" else to_csv(table, sep)
    write_atomic(path, data)
    return path
