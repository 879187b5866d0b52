"""Rules for the register fields of a document: số đến, ngày đến, người xử lý, attachments.

NĐ 30/2020 Phụ lục IV: the incoming register numbers documents from 1 each year,
in the order they arrive; a number is used once a year. So an incoming document
that has arrived (it has a ngày đến) and no số đến gets the next free number of
its arrival year, and two documents of one year never share one.

These live here rather than in db/rules.py for now; `check_register_fields`
is what a form or command calls before `store.add/save`.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Iterable

from db.models import Document
from db.numbers import SEQ_MAX_DIGITS
from db.rules import ValidationError
from db.text import control_chars


def arrival_year(doc: Document) -> str:
    return (doc.arrival_date or "")[:4]


def used_arrival_numbers(docs: Iterable[Document], year: str, *, skip: int | None = None) -> dict[int, int]:
    """Arrival number -> document id, for the incoming documents that arrived in `year`."""
    return {
        d.arrival_number: d.id
        for d in docs
        if d.arrival_number is not None and d.direction == "in" and arrival_year(d) == year and d.id != skip
    }


def next_arrival_number(docs: Iterable[Document], year: str | int) -> int:
    used = used_arrival_numbers(docs, str(year))
    return max(used, default=0) + 1


def assign_arrival_number(doc: Document, docs: Iterable[Document]) -> bool:
    """Give an arrived incoming document the next số đến of its year; True when one was given."""
    if doc.direction != "in" or doc.arrival_number is not None or not doc.arrival_date:
        return False
    doc.arrival_number = next_arrival_number((d for d in docs if d.id != doc.id), arrival_year(doc))
    return True


def parse_arrival_number(value: Any) -> int | None:
    """A số đến as typed or as an Excel cell: 12, 12.0, "12", "012"; empty is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError("arrival_number", "register.arrival_number", value=value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        if not (text.isascii() and text.isdigit()):
            raise ValidationError("arrival_number", "register.arrival_number", value=text)
        number = int(text)
    if not 0 < number < 10 ** SEQ_MAX_DIGITS:  # numbered from 1 each year, like a document's own number
        raise ValidationError("arrival_number", "register.arrival_number", value=_short(value))
    return number


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 24 else text[:23] + "…"


def check_register_fields(doc: Document, docs: Iterable[Document] = ()) -> None:
    """Raise ValidationError when the register fields of `doc` do not hold together.

    `docs` are the other documents of the store (for the once-a-year số đến).
    """
    if doc.arrival_number is not None:
        if doc.direction != "in":
            raise ValidationError("arrival_number", "register.arrival_not_incoming")
        if not isinstance(doc.arrival_number, int) or isinstance(doc.arrival_number, bool) or doc.arrival_number <= 0:
            raise ValidationError("arrival_number", "register.arrival_number", value=doc.arrival_number)
        year = arrival_year(doc)
        if year:
            other = used_arrival_numbers(docs, year, skip=doc.id).get(doc.arrival_number)
            if other is not None:
                raise ValidationError("arrival_number", "register.arrival_taken",
                                      number=doc.arrival_number, year=year, id=other)
    if doc.arrival_date:
        if doc.direction != "in":
            raise ValidationError("arrival_date", "register.arrival_not_incoming")
        if doc.date and date.fromisoformat(doc.arrival_date) < date.fromisoformat(doc.date):
            raise ValidationError("arrival_date", "register.arrival_before_date")
    for name in ("handler", "note"):
        if control_chars(getattr(doc, name)):
            raise ValidationError(name, "register.control_chars")
    for path in doc.attachments:
        if not isinstance(path, str) or not path or not Path(path).is_absolute():
            raise ValidationError("attachments", "register.attachment_relative", path=path)
