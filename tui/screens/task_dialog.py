"""Add or edit a task: title, the document it carries out, due date, assignee, report section, repetition."""
from __future__ import annotations

from dataclasses import replace

from db.dates import format_ui, try_parse_date
from db.errors import DvkError
from db.models import PRIORITIES, RECURRENCES, Document, Task
from db.rules import iso_or_none
from db.store import Store
from tui.screens.form_dialog import Field, FormDialog
from tui.widgets.doc_field import DocField
from tui.widgets.form_field import ChoiceField, FormField
from tui.widgets.validators import DateValidator, Required


class TaskDialog(FormDialog[Task]):
    def __init__(self, title: str, save, task: Task, sections: list[str], store: Store) -> None:
        self.sections = sections
        self.store = store
        super().__init__(title, save, task)

    def build_fields(self) -> list[Field]:
        t, task = self.app.t, self.record
        due = try_parse_date(task.due) if task.due else None
        sections = [(t("section.none"), "")] + [(f"{i}. {name[:60]}", str(i)) for i, name in enumerate(self.sections, 1)]
        return [
            FormField("title", t("field.title"), task.title, validators=[Required(t("required"))]),
            DocField("source_doc", t("field.source_doc"), self._linked(task), search=self._search,
                     exact=self._exact, hint=t("hint.source_doc"), not_found=t("source_doc.not_found"),
                     pick_hint=t("source_doc.pick")),
            FormField("due", t("field.due"), format_ui(due) if due else "", hint=t("hint.date"),
                      validators=[DateValidator()], describe=self.describe_date),
            FormField("assignee", t("field.assignee"), task.assignee, hint=t("hint.optional")),
            ChoiceField("section", t("field.section"), sections, str(task.section or "")),
            ChoiceField("priority", t("field.priority"), [(t("priority." + p), p) for p in PRIORITIES],
                        task.priority if task.priority in PRIORITIES else "normal"),
            ChoiceField("recur", t("field.recur"), [(t("recur." + r), r) for r in RECURRENCES], task.recur),
        ]

    def _linked(self, task: Task) -> Document | None:
        if task.source_doc is None:
            return None
        try:
            return self.store.get(Document, task.source_doc)
        except DvkError:
            return None  # the document was deleted meanwhile: the field starts empty

    def _search(self, text: str) -> list[Document]:
        return [rec for _hit, rec in self.store.find(text, (Document.table,), limit=20)]

    def _exact(self, text: str) -> list[Document]:
        try:
            return self.store.document_by_number(text)
        except DvkError:
            return []  # not a number at all: nothing matches exactly

    def describe_date(self, value: str) -> str:
        parsed = try_parse_date(value)
        return format_ui(parsed) if parsed else ""

    def build(self) -> Task:
        section = self.value("section")
        doc_field = self.field("source_doc")
        doc = doc_field.doc if isinstance(doc_field, DocField) else None
        return replace(self.record, title=self.value("title"), due=iso_or_none(self.value("due"), "due"),
                       assignee=self.value("assignee"), section=int(section) if section else None,
                       recur=self.value("recur"), source_doc=doc.id if doc else None,
                       priority=self.value("priority"))
