"""The filters of the lists, in one place: `dvk doc list`, `dvk export docs` and the
screens select the same records for the same words."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from db import rules
from db.errors import DvkError
from db.models import Document, DvkModel, Task
from db.numbers import type_code_for_name
from db.text import fold

_IN = ("in", "den", "nhan", "van ban den")
_OUT = ("out", "di", "ban hanh", "van ban di")


def parse_direction(value: str) -> str:
    """`den`/`đến`/`in` -> "in", `di`/`đi`/`out` -> "out" (any case, with or without accents)."""
    folded = " ".join(fold(str(value)).split())
    if folded in _IN:
        return "in"
    if folded in _OUT:
        return "out"
    raise DvkError("filter.direction", value=value)


@dataclass
class DocumentFilter:
    type_: str = ""  # KH, QĐ, CV… or a type name
    issuer: str = ""  # issuer symbol or part of the issuer's name
    year: int | None = None  # year of the document date
    direction: str = ""  # den | di (as typed)
    handler: str = ""  # part of the handler's name

    def __post_init__(self) -> None:
        self._direction = parse_direction(self.direction) if self.direction else ""

    def matches(self, doc: Document) -> bool:
        if self.type_:
            code = type_code_for_name(self.type_) or self.type_
            if fold(code) != fold(doc.parts.get("type_code") or "") and fold(self.type_) not in fold(doc.type_name):
                return False
        if self.issuer and fold(self.issuer) not in fold(doc.issuer_name) \
                and fold(self.issuer) != fold(doc.parts.get("issuer", "")):
            return False
        if self.year and not (doc.date or "").startswith(str(self.year)):
            return False
        if self.handler and fold(self.handler) not in fold(doc.handler):
            return False
        return not self._direction or doc.direction == self._direction

    def apply(self, docs: Iterable[Document]) -> list[Document]:
        return [d for d in docs if self.matches(d)]


def select_tasks(store, *, overdue: bool = False, due_within: int | None = None, all_: bool = False) -> list[Task]:
    """The tasks `dvk task list` shows for these options (live ones by default, by due date)."""
    if overdue:
        return store.overdue()
    if due_within is not None:
        return store.due_within(rules.check_days(due_within, "due_within"))
    return [t for t in store.tasks() if all_ or rules.is_live(t)]


def select_models(models: Iterable[DvkModel], year: int | None = None) -> list[DvkModel]:
    return [m for m in models if not year or m.year == year]
