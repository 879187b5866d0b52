"""The filters of the lists, in one place: `dvk doc list`, `dvk export docs` and the
screens select the same records for the same words."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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
    tag: str = ""  # one of the document's tags (accents and case ignored)
    exact: bool = False  # type_ and issuer name the whole type name / issuer name (a screen's pick lists)

    def __post_init__(self) -> None:
        self._direction = parse_direction(self.direction) if self.direction else ""

    def matches(self, doc: Document) -> bool:
        if self.exact:
            if self.type_ and fold(self.type_) != fold(doc.type_name):
                return False
            if self.issuer and fold(self.issuer) != fold(doc.issuer_name):
                return False
        else:
            if self.type_:
                code = type_code_for_name(self.type_) or self.type_
                if fold(code) != fold(doc.parts.get("type_code") or "") and fold(self.type_) not in fold(doc.type_name):
                    return False
            if self.issuer and fold(self.issuer) not in fold(doc.issuer_name) \
                    and fold(self.issuer) != fold(doc.parts.get("issuer", "")):
                return False
        if self.tag and fold(self.tag) not in {fold(tag) for tag in doc.tags}:
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


OPEN = "open"  # TaskFilter.status: to do or doing (the tasks still to work on)


def parse_priority(value: str) -> str:
    """`cao`/`high` -> "high", `thuong`/`thường`/`normal` -> "normal", `thap`/`low` -> "low"."""
    folded = fold(str(value)).strip()
    for stored, words in (("high", ("high", "cao")), ("normal", ("normal", "thuong", "binh thuong")),
                          ("low", ("low", "thap"))):
        if folded in words:
            return stored
    raise DvkError("filter.priority", value=value)


@dataclass
class TaskFilter:
    status: str = ""  # "" = any, "open" = to do or doing, else one of TASK_STATUSES
    assignee: str = ""  # part of the assignee's name (the whole name with exact)
    section: int | None = None  # report section number
    overdue: bool = False  # live and due before `today`
    priority: str = ""  # high | normal | low
    today: date | None = None  # what "overdue" counts from (default: the real today)
    exact: bool = False

    def matches(self, task: Task) -> bool:
        if self.status == OPEN:
            if not rules.is_live(task):
                return False
        elif self.status and task.status != self.status:
            return False
        if self.assignee:
            want, have = fold(self.assignee), fold(task.assignee)
            if (want != have) if self.exact else (want not in have):
                return False
        if self.section is not None and task.section != self.section:
            return False
        if self.priority and task.priority != self.priority:
            return False
        return not self.overdue or rules.is_overdue(task, self.today or date.today())

    def apply(self, tasks: Iterable[Task]) -> list[Task]:
        return [t for t in tasks if self.matches(t)]


@dataclass
class ModelFilter:
    year: int | None = None
    field: str = ""  # one of MODEL_FIELDS (accents and case ignored)
    status: str = ""  # one of MODEL_STATUSES

    def matches(self, model: DvkModel) -> bool:
        if self.year and model.year != self.year:
            return False
        if self.field and fold(self.field) != fold(model.field):
            return False
        return not self.status or model.status == self.status

    def apply(self, models: Iterable[DvkModel]) -> list[DvkModel]:
        return [m for m in models if self.matches(m)]
