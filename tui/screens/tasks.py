"""Nhiệm vụ: tasks by due date; one key moves a task todo → doing → done; results in a text dialog."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from rich.text import Text
from textual.binding import Binding

from db import rules
from db.models import Task
from tui.screens.confirm import ConfirmDialog
from tui.screens.list_screen import ListScreen
from tui.screens.task_dialog import TaskDialog
from tui.screens.text_dialog import TextDialog
from tui.widgets.styles import theme_style
from tui.cli_format import ui_date

NEXT_STATUS = {"todo": "doing", "doing": "done", "done": "todo", "cancelled": "todo"}


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
    ]

    def all_records(self) -> list[Task]:
        """Open tasks by due date (overdue on top), then finished ones, newest first."""
        tasks = self.store.tasks()
        live = [task for task in tasks if rules.is_live(task)]
        finished = [task for task in reversed(tasks) if not rules.is_live(task)]
        return live + finished

    def row(self, task: Task) -> Iterable[Text]:
        t, today = self.app.t, self.store.today()
        if rules.is_overdue(task, today):
            flag, style = t("flag.overdue"), theme_style(self.app, "error", bold=True)
        elif rules.is_due_soon(task, today):
            flag, style = t("flag.soon"), theme_style(self.app, "warning")
        else:
            flag, style = "", None
        status_style = theme_style(self.app, "success") if task.status == "done" else ""
        return (Text(ui_date(task.due), style=style or ""), Text(t("status." + task.status), style=status_style),
                Text(flag, style=style or ""), Text(task.title), Text(task.assignee),
                Text(str(task.section or "")))

    def detail(self, task: Task) -> Text:
        t = self.app.t
        text = Text(task.title, style="bold")
        text.append("\n" + (t("task.detail", result=task.result) if task.result else t("task.no_result")))
        return text

    # ------------------------------------------------------------------ status and result
    def action_toggle(self) -> None:
        task = self.current()
        if task is None:
            return
        status = NEXT_STATUS[task.status]
        if self.app.attempt(lambda: self.store.set_task_status(task.id, status)):
            self.changed(select=task.id)
            self.notify(self.app.t("task.status_set", title=task.title, status=self.app.t("status." + status)),
                        markup=False)

    def action_result(self) -> None:
        task = self.current()
        if task is None:
            return

        def done(text: str | None) -> None:
            if text is None or text == task.result:
                return
            if self.app.attempt(lambda: self.store.save(replace(task, result=text))):
                self.changed(select=task.id)
                self.notify(self.app.t("task.result_saved"))

        self.app.push_screen(TextDialog(self.app.t("task.title.result", title=task.title), task.result), done)

    # ------------------------------------------------------------------ add / edit / delete
    def _sections(self) -> list[str]:
        campaign = self.app.current_campaign()
        return list(campaign.sections) if campaign else []

    def action_add(self) -> None:
        campaign = self.app.current_campaign()
        task = Task(campaign=campaign.id if campaign else None)
        self.app.push_screen(TaskDialog(self.app.t("task.title.add"), self.store.add, task, self._sections()),
                             self._saved("task.added"))

    def action_edit(self) -> None:
        task = self.current()
        if task is not None:
            self.app.push_screen(TaskDialog(self.app.t("task.title.edit"), self.store.save, task, self._sections()),
                                 self._saved("task.saved"))

    def _saved(self, message: str):
        def done(task: Task | None) -> None:
            if task is not None:
                self.changed(select=task.id)
                self.notify(self.app.t(message))
        return done

    def action_delete(self) -> None:
        task = self.current()
        if task is None:
            return

        def answer(yes: bool | None) -> None:
            if yes and self.app.attempt(lambda: self.store.delete(Task, task.id)):
                self.changed()
                self.notify(self.app.t("task.deleted"))

        self.app.push_screen(ConfirmDialog(self.app.t("task.confirm_delete", title=task.title)), answer)
