"""Nhiệm vụ: tasks by due date; one key moves a task todo → doing → done; results in a text dialog."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Iterable

from rich.text import Text
from textual.binding import Binding

from db import rules
from db.errors import DvkError
from db.models import Campaign, Document, Task
from tui.cli_format import ui_date
from tui.screens.confirm import ConfirmDialog
from tui.screens.list_screen import ListScreen, Related
from tui.screens.task_dialog import TaskDialog
from tui.screens.text_dialog import TextDialog
from tui.widgets.doc_field import doc_line
from tui.widgets.styles import theme_style
from tui.widgets.text import shown

if TYPE_CHECKING:
    from tui.app import DvkApp

NEXT_STATUS = {"todo": "doing", "doing": "done", "done": "todo", "cancelled": "todo"}


def task_line(app: "DvkApp", task: Task) -> Text:
    """One line naming a task in a list: due date, status, title."""
    t, today = app.t, app.store.today()
    line = Text()  # styles on spans only: a Text's own style would colour the whole line
    line.append(f"{ui_date(task.due) or '—':10}  ", style=_due_style(app, task, today))
    line.append(f"{t('status.' + task.status):9} ", style=theme_style(app, "success") if task.status == "done" else "")
    line.append_text(shown(task.title))
    return line


def _due_style(app: "DvkApp", task: Task, today) -> str:
    if rules.is_overdue(task, today):
        return theme_style(app, "error", bold=True)
    if rules.is_due_soon(task, today):
        return theme_style(app, "warning")
    return ""


def _campaign_of(app: "DvkApp", task: Task) -> Campaign | None:
    if task.campaign is not None:
        try:
            return app.store.get(Campaign, task.campaign)
        except DvkError:
            pass
    return app.current_campaign()


def task_dialog(app: "DvkApp", title: str, save: Callable[[Task], Task], task: Task) -> TaskDialog:
    campaign = _campaign_of(app, task)
    return TaskDialog(title, save, task, list(campaign.sections) if campaign else [], app.store)


class TasksScreen(ListScreen):
    SECTION = "tasks"
    TABLE = Task.table
    COLUMNS = (
        ("due", "task.col.due", 10),
        ("status", "task.col.status", 10),
        ("flag", "task.col.flag", 11),
        ("title", "task.col.title", None),
        ("assignee", "task.col.assignee", 14),
        ("section", "task.col.section", 4),
    )
    EDIT_ACTIONS = ListScreen.EDIT_ACTIONS | {"toggle", "result"}
    BINDINGS = [
        Binding("x,space", "toggle", "key.toggle_status", id="tasks.toggle"),
        Binding("r", "result", "key.result", id="tasks.result"),
        Binding("v", "open_document", "key.open_document", id="tasks.document"),
    ]

    def all_records(self) -> list[Task]:
        """Open tasks by due date (overdue on top), then finished ones, newest first."""
        tasks = self.store.tasks()
        live = [task for task in tasks if rules.is_live(task)]
        finished = [task for task in reversed(tasks) if not rules.is_live(task)]
        return live + finished

    def row(self, task: Task) -> Iterable[Text]:
        t, today = self.app.t, self.store.today()
        style = _due_style(self.app, task, today)
        flag = t("flag.overdue") if rules.is_overdue(task, today) else t("flag.soon") if rules.is_due_soon(task, today) else ""
        status_style = theme_style(self.app, "success") if task.status == "done" else ""
        return (Text(ui_date(task.due), style=style), Text(t("status." + task.status), style=status_style),
                Text(flag, style=style), shown(task.title), shown(task.assignee), Text(str(task.section or "")))

    def detail(self, task: Task) -> Text:
        t = self.app.t
        text = shown(task.title, style="bold")
        facts = [t("status." + task.status)]
        if task.due:
            facts.append(t("task.detail.due", due=ui_date(task.due)))
        if task.assignee:
            facts.append(task.assignee)
        campaign = _campaign_of(self.app, task)
        if task.section and campaign and task.section <= len(campaign.sections):
            facts.append(t("task.detail.section", number=task.section))
        text.append_text(shown("  · " + " · ".join(facts)))
        text.append_text(shown("\n" + (t("task.detail", result=task.result) if task.result else t("task.no_result")),
                               multiline=True))
        return text

    def related(self, task: Task) -> Related:
        doc = self._document(task)
        items = [(Document.table, doc.id, shown(doc_line(doc, 120)))] if doc else []
        return self.app.t("task.document"), items

    def _document(self, task: Task) -> Document | None:
        if task.source_doc is None:
            return None
        try:
            return self.store.get(Document, task.source_doc)
        except DvkError:
            return None

    # ------------------------------------------------------------------ status and result
    def action_toggle(self) -> None:
        task = self.current()
        if task is None:
            return
        status = NEXT_STATUS[task.status]
        if self.app.attempt(lambda: self.store.set_task_status(task.id, status)):
            self.changed(select=task.id)
            self.app.tell(self.app.t("task.status_set", title=task.title, status=self.app.t("status." + status)))

    def action_result(self) -> None:
        task = self.current()
        if task is None:
            return

        def done(text: str | None) -> None:
            if text is None or text == task.result:
                return
            if self.app.attempt(lambda: self.store.save(replace(task, result=text))):
                self.changed(select=task.id)
                self.app.tell(self.app.t("task.result_saved"))

        self.app.push_screen(TextDialog(self.app.t("task.title.result", title=task.title), task.result), done)

    def action_open_document(self) -> None:
        task = self.current()
        doc = self._document(task) if task else None
        if doc is None:
            self.app.tell(self.app.t("task.no_document"), severity="warning")
            return
        self.app.run_worker(self.app.open_record(Document.table, doc.id))

    # ------------------------------------------------------------------ add / edit / delete
    def action_add(self) -> None:
        campaign = self.app.current_campaign()
        task = Task(campaign=campaign.id if campaign else None)
        self.app.push_screen(task_dialog(self.app, self.app.t("task.title.add"), self.store.add, task),
                             self._saved("task.added"))

    def action_edit(self) -> None:
        task = self.current()
        if task is not None:
            self.app.push_screen(task_dialog(self.app, self.app.t("task.title.edit"), self.store.save, task),
                                 self._saved("task.saved"))

    def _saved(self, message: str):
        def done(task: Task | None) -> None:
            if task is not None:
                self.changed(select=task.id)
                self.app.tell(self.app.t(message))
        return done

    def action_delete(self) -> None:
        task = self.current()
        if task is None:
            return

        def answer(yes: bool | None) -> None:
            if yes and self.app.attempt(lambda: self.store.delete(Task, task.id)):
                self.changed()
                self.app.tell(self.app.t("task.deleted"))

        self.app.push_screen(ConfirmDialog(self.app.t("task.confirm_delete", title=task.title)), answer)
