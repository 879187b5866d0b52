"""A register file as a grid of cell values: .xlsx through openpyxl, .csv through the csv module.

CSV files come in three encodings in Vietnamese offices: UTF-8, UTF-8 with a
BOM (what Excel writes for "CSV UTF-8") and Windows-1258 (plain "CSV" from a
Vietnamese Windows Excel). cp1258 spells accented letters as a base letter
plus a combining tone mark, so the text is normalised to NFC before anyone
compares it. The rule is fixed, not guessed: a BOM says what it is; bytes that
are valid UTF-8 are UTF-8 (cp1258 Vietnamese text practically never is);
anything else is cp1258. A statistical detector would have to choose between
cp1258 and cp1252 on a few hundred bytes, where this rule cannot be wrong for
the files offices make.

Every failure is a :class:`RegisterError` with one line for the user.
"""
from __future__ import annotations

import csv
import io
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db.errors import DvkError
from db.text import nfc

SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: old .xls, or an encrypted .xlsx
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


class RegisterError(DvkError):
    """The register file cannot be read at all (as opposed to one bad row)."""


@dataclass
class Grid:
    """The cells of one sheet, row by row; `row_numbers[i]` is what Excel shows for `rows[i]`."""

    rows: list[list[Any]]
    row_numbers: list[int]
    sheet: str | None = None  # None for CSV
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None  # CSV only
    epoch_1904: bool = False  # serial dates of a Mac workbook count from 1904


def check_file(path: Path) -> Path:
    path = Path(path).expanduser()
    if not path.exists():
        raise RegisterError("register.missing", path=path)
    if path.is_dir():
        raise RegisterError("register.is_dir", path=path)
    if path.suffix.lower() not in SUFFIXES:
        if path.suffix.lower() in (".xls", ".ods", ".numbers"):
            raise RegisterError("register.old_format", path=path, suffix=path.suffix)
        raise RegisterError("register.suffix", path=path)
    return path


def read_grids(path: Path, sheet: str | None = None) -> list[Grid]:
    """Every sheet asked for: the named one, or all of them (the caller picks the first with a header)."""
    path = check_file(path)
    try:
        if path.suffix.lower() in (".csv", ".txt"):
            return [read_csv(path)]
        return read_xlsx(path, sheet)
    except PermissionError:
        raise RegisterError("register.permission", path=path) from None
    except OSError as err:
        raise RegisterError("register.os_error", path=path, detail=err.strerror or str(err)) from None


# ------------------------------------------------------------------ xlsx
# _FOREIGN: a register comes from outside (another program, a colleague's e-mail). When
# openpyxl cannot make sense of it — bad zip, broken XML (ParseError, lxml's
# XMLSyntaxError), missing parts (KeyError), odd values (ValueError, TypeError…) — the
# one thing to tell the person is "this is not an .xlsx dvk can read", never a traceback.
def read_xlsx(path: Path, sheet: str | None = None) -> list[Grid]:
    with open(path, "rb") as f:
        head = f.read(8)
    if head == _CFB_MAGIC:
        data = path.read_bytes()
        key = "register.encrypted" if _ENCRYPTED_MARK in data else "register.xls_renamed"
        raise RegisterError(key, path=path)
    if not zipfile.is_zipfile(path):
        raise RegisterError("register.not_xlsx", path=path)

    import openpyxl  # deferred: ~0.2 s, only an import needs it
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no default style", unsupported extensions: noise for the user
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError:
        raise
    except Exception:  # noqa: BLE001 — see _FOREIGN
        raise RegisterError("register.not_xlsx", path=path) from None
    try:
        names = list(book.sheetnames)
        if sheet is not None:
            chosen = _sheet_named(names, sheet)
            if chosen is None:
                raise RegisterError("register.no_sheet", path=path, sheet=sheet, sheets=", ".join(names))
            wanted = [chosen]
        else:
            wanted = names
        epoch_1904 = bool(getattr(book, "epoch", None) and book.epoch.year == 1904)
        grids = []
        for name in wanted:
            ws = book[name]
            if not hasattr(ws, "iter_rows"):
                continue  # a chart sheet
            ws.reset_dimensions()  # some writers record a wrong size; read what is there
            rows, numbers = [], []
            for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
                values = [_xlsx_value(v) for v in row]
                if any(v is not None and v != "" for v in values):
                    rows.append(values)
                    numbers.append(number)
            grids.append(Grid(rows, numbers, sheet=name, sheets=names, epoch_1904=epoch_1904))
        return grids
    except (DvkError, OSError):
        raise
    except Exception:  # noqa: BLE001 — see _FOREIGN
        raise RegisterError("register.not_xlsx", path=path) from None
    finally:
        book.close()


def _sheet_named(names: list[str], wanted: str) -> str | None:
    from db.text import fold

    for name in names:
        if name == wanted:
            return name
    for name in names:
        if fold(name).strip() == fold(wanted).strip():
            return name
    return None


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    return value


# ------------------------------------------------------------------ csv
def decode(data: bytes) -> tuple[str, str]:
    """(text in NFC, encoding name) by the rule in the module docstring."""
    if data.startswith(b"\xef\xbb\xbf"):
        return nfc(data[3:].decode("utf-8", errors="replace")), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return nfc(data.decode("utf-16")), "utf-16"  # Excel's "Unicode text"
    try:
        return nfc(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return nfc(data.decode("cp1258")), "cp1258"
    except UnicodeDecodeError:
        raise RegisterError("register.encoding") from None


def _delimiter(text: str) -> str:
    """Vietnamese regional settings make Excel separate fields with ";"; others use "," (or tab)."""
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ",;\t"}
        return max(counts, key=counts.get) if any(counts.values()) else ","


def read_csv(path: Path) -> Grid:
    data = path.read_bytes()
    if not data.strip():
        raise RegisterError("register.empty", path=path, sheet=path.name)
    if data[:8] == _CFB_MAGIC or data[:4] == b"PK\x03\x04":
        raise RegisterError("register.not_csv", path=path)
    text, encoding = decode(data)
    if "\x00" in text:
        raise RegisterError("register.not_csv", path=path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows, numbers = [], []
    try:
        for number, row in enumerate(reader, start=1):
            if any(cell.strip() for cell in row):
                rows.append([_unescaped(cell) for cell in row])
                numbers.append(number)
    except csv.Error:
        raise RegisterError("register.not_csv", path=path) from None
    return Grid(rows, numbers, encoding=encoding)


def _unescaped(cell: str) -> str:
    """Drop the apostrophe an export puts before text a spreadsheet would run as a formula."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r":
        return cell[1:]
    return cell


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how Excel names the column the user will look at."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
