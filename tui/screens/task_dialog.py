"""Add or edit a task: title, due date, assignee, report section, repetition."""
from __future__ import annotations

from dataclasses import replace

from db.dates import format_ui, try_parse_date
from db.models import RECURRENCES, Task
from db.rules import iso_or_none
from tui.screens.form_dialog import Field, FormDialog
from tui.widgets.form_field import ChoiceField, FormField
from tui.widgets.validators import DateValidator, Required


class TaskDialog(FormDialog[Task]):
    def __init__(self, title: str, save, task: Task, sections: list[str]) -> None:
        self.task = task
        self.sections = sections
        super().__init__(title, save)

    def build_fields(self) -> list[Field]:
        t, task = self.app.t, self.task
        due = try_parse_date(task.due) if task.due else None
        sections = [(t("section.none"), "")] + [(f"{i}. {name[:60]}", str(i)) for i, name in enumerate(self.sections, 1)]
        return [
            FormField("title", t("field.title"), task.title, validators=[Required(t("required"))]),
            FormField("due", t("field.due"), format_ui(due) if due else "", hint=t("hint.date"),
                      validators=[DateValidator()], describe=self.describe_date),
            FormField("assignee", t("field.assignee"), task.assignee, hint=t("hint.optional")),
            ChoiceField("section", t("field.section"), sections, str(task.section or "")),
            ChoiceField("recur", t("field.recur"), [(t("recur." + r), r) for r in RECURRENCES], task.recur),
        ]

    def describe_date(self, value: str) -> str:
        parsed = try_parse_date(value)
        return format_ui(parsed) if parsed else ""

    def build(self) -> Task:
        section = self.value("section")
        return replace(self.task, title=self.value("title"), due=iso_or_none(self.value("due"), "due"),
                       assignee=self.value("assignee"), section=int(section) if section else None,
                       recur=self.value("recur"))
