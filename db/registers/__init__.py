"""Registers in and out: the office's Excel/CSV document book, số đến, attached files.

    headings.py     which column holds what (Vietnamese headings, with or without accents)
    sources.py      .xlsx / .csv (UTF-8, UTF-8 BOM, cp1258) -> a grid of cells
    importer.py     grid -> checked documents, preview, one-transaction import
    fields.py       số đến numbering and the checks of the register fields
    attachments.py  attached file paths: attach, detach, missing ones

Plain Python; openpyxl is imported only when an .xlsx file is read.
"""
from typing import TYPE_CHECKING, Any

# Names are loaded on first use (PEP 562): `dvk task add` imports db.registers.attachments
# through the CLI and must not pay ~15 ms for the spreadsheet importer it never runs.
_WHERE = {
    "attach": "attachments", "detach": "attachments", "missing_attachments": "attachments", "resolved": "attachments",
    "assign_arrival_number": "fields", "check_register_fields": "fields", "next_arrival_number": "fields",
    "parse_arrival_number": "fields",
    "Duplicate": "importer", "ImportPreview": "importer", "ImportResult": "importer", "ImportRow": "importer",
    "RowProblem": "importer", "Skipped": "importer", "apply_import": "importer", "classify": "importer",
    "read_register": "importer",
    "RegisterError": "sources",
}

if TYPE_CHECKING:
    from db.registers.attachments import attach, detach, missing_attachments, resolved
    from db.registers.fields import (
        assign_arrival_number, check_register_fields, next_arrival_number, parse_arrival_number,
    )
    from db.registers.importer import (
        Duplicate, ImportPreview, ImportResult, ImportRow, RowProblem, Skipped, apply_import, classify, read_register,
    )
    from db.registers.sources import RegisterError


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'db.registers' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module("." + module, __name__), name)


__all__ = [
    "Duplicate", "ImportPreview", "ImportResult", "ImportRow", "RegisterError", "RowProblem", "Skipped",
    "apply_import", "assign_arrival_number", "attach", "check_register_fields", "classify", "detach",
    "missing_attachments", "next_arrival_number", "parse_arrival_number", "read_register", "resolved",
]
