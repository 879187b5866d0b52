"""Nhiệm vụ: tasks by due date; one key moves a task todo → doing → done; results in a text dialog.

Filters: status, assignee, report section, overdue, priority (db/filters.py TaskFilter).
A recurring task carries ↻ before its title.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Sequence

from rich.text import Text
from textual.binding import Binding

from db import rules
from db.errors import DvkError
from db.filters import OPEN, TaskFilter
from db.models import PRIORITIES, TASK_STATUSES, Campaign, Document, Task
from tui.cli_format import ui_date
from tui.screens.confirm import ConfirmDialog
from tui.screens.list_screen import ColumnSpec, FilterSpec, ListScreen, Options, Related, folded, one_of
from tui.screens.task_dialog import TaskDialog
from tui.screens.text_dialog import TextDialog
from tui.widgets.doc_field import doc_line
from tui.widgets.styles import theme_style
from tui.widgets.text import shown

if TYPE_CHECKING:
    from tui.app import DvkApp

NEXT_STATUS = {"todo": "doing", "doing": "done", "done": "todo", "cancelled": "todo"}
RECURRING = "↻ "
OVERDUE = "overdue"


def task_line(app: "DvkApp", task: Task) -> Text:
    """One line naming a task in a list: due date, status, title."""
    t, today = app.t, app.store.today()
    line = Text()  # styles on spans only: a Text's own style would colour the whole line
    line.append(f"{ui_date(task.due) or '—':10}  ", style=_due_style(app, task, today))
    line.append(f"{t('status.' + task.status):9} ", style=theme_style(app, "success") if task.status == "done" else "")
    if task.recur:
        line.append(RECURRING)
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


def priority_cell(app: "DvkApp", task: Task) -> Text:
    """High and low are named; normal, the usual case, stays blank so the others stand out."""
    if task.priority == "normal":
        return Text("")
    word = app.t("priority." + task.priority) if task.priority in PRIORITIES else task.priority
    if task.priority == "high":
        return Text(word, style=theme_style(app, "warning", bold=True))
    return Text(word, style="dim")


class TasksScreen(ListScreen):
    SECTION = "tasks"
    TABLE = Task.table
    COLUMNS = (
        ColumnSpec("due", "task.col.due", 10),
        ColumnSpec("status", "task.col.status", 10),
        ColumnSpec("priority", "task.col.priority", 7, drop=3),
        ColumnSpec("flag", "task.col.flag", 11, drop=4),
        ColumnSpec("title", "task.col.title", None, min_width=24),
        ColumnSpec("assignee", "task.col.assignee", 14, drop=2, grow=10),
        ColumnSpec("section", "task.col.section", 4, drop=5, justify="right"),
    )
    FILTERS = (
        FilterSpec("status", "task.col.status", "filter.status",
                   (("status.open", OPEN),) + tuple((f"status.{s}", s) for s in TASK_STATUSES)),
        FilterSpec("assignee", "field.assignee", "filter.assignee"),
        FilterSpec("section", "field.section", "filter.section"),
        FilterSpec("overdue", "field.due", "filter.due", (("flag.overdue_filter", OVERDUE),)),
        FilterSpec("priority", "field.priority", "filter.priority",
                   tuple((f"priority.{p}", p) for p in PRIORITIES)),
    )
    EDIT_ACTIONS = ListScreen.EDIT_ACTIONS | {"toggle", "result"}
    BINDINGS = [
        Binding("x,space", "toggle", "key.toggle_status", id="tasks.toggle", priority=True),
        Binding("r", "result", "key.result", id="tasks.result", priority=True),
        Binding("v", "open_document", "key.open_document", id="tasks.document", priority=True),
    ]

    def natural_order(self) -> list[Task]:
        """Open tasks by due date (overdue on top), then finished ones, newest first."""
        tasks = self.store.tasks()
        live = [task for task in tasks if rules.is_live(task)]
        finished = [task for task in reversed(tasks) if not rules.is_live(task)]
        return live + finished

    def row(self, task: Task) -> Sequence[Text]:
        t, today = self.app.t, self.store.today()
        style = _due_style(self.app, task, today)
        flag = t("flag.overdue") if rules.is_overdue(task, today) else t("flag.soon") if rules.is_due_soon(task, today) else ""
        status_style = theme_style(self.app, "success") if task.status == "done" else ""
        title = Text(RECURRING) + shown(task.title) if task.recur else shown(task.title)
        return (Text(ui_date(task.due), style=style), Text(t("status." + task.status), style=status_style),
                priority_cell(self.app, task), Text(flag, style=style), title, shown(task.assignee),
                Text(str(task.section or "")))

    def sort_key(self, column: str):
        today = self.store.today()
        statuses = {s: i for i, s in enumerate(TASK_STATUSES)}
        priorities = {p: i for i, p in enumerate(PRIORITIES)}
        return {
            "due": lambda k: (k.due or "9999", k.id),
            "status": lambda k: (statuses.get(k.status, 9), k.due or "9999", k.id),
            "priority": lambda k: (priorities.get(k.priority, 9), k.due or "9999", k.id),
            "flag": lambda k: (not rules.is_overdue(k, today), not rules.is_due_soon(k, today), k.due or "9999", k.id),
            "title": lambda k: (folded(k.title), k.id),
            "assignee": lambda k: (folded(k.assignee), k.due or "9999", k.id),
            "section": lambda k: (k.section or 999, k.due or "9999", k.id),
        }[column]

    def make_filter(self, values: dict[str, str]) -> TaskFilter:
        section = values.get("section")
        return TaskFilter(status=values.get("status", ""), assignee=values.get("assignee", ""),
                          section=int(section) if section else None, overdue=values.get("overdue") == OVERDUE,
                          priority=values.get("priority", ""), today=self.store.today(), exact=True)

    def filter_options(self, tasks: list[Task]) -> dict[str, Options]:
        campaign = self.app.current_campaign()
        sections = [(f"{i}. {name[:40]}", str(i)) for i, name in enumerate(campaign.sections, 1)] if campaign else []
        return {"assignee": [(v, v) for v in one_of(task.assignee for task in tasks)], "section": sections}

    def detail(self, task: Task) -> Text:
        t = self.app.t
        text = shown((RECURRING if task.recur else "") + task.title, style="bold")
        facts = [t("status." + task.status)]
        if task.due:
            facts.append(t("task.detail.due", due=ui_date(task.due)))
        if task.recur:
            facts.append(t("task.detail.recur", every=t("recur." + task.recur)))
        if task.priority != "normal":
            facts.append(t("task.detail.priority", priority=t("priority." + task.priority)))
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
        if self.defer(self.action_toggle):
            return
        task = self.current()
        if task is None:
            return
        store = self.store

        def step() -> Task:  # the next status of the task as it is when the write runs (keys pressed fast)
            return store.set_task_status(task.id, NEXT_STATUS[store.get(Task, task.id).status])

        def done(saved: Task) -> None:
            self.changed(select=saved.id)
            self.app.tell(self.app.t("task.status_set", title=saved.title, status=self.app.t("status." + saved.status)))

        self.app.write(step, done)

    def action_result(self) -> None:
        if self.defer(self.action_result):
            return
        task = self.current()
        if task is None:
            return

        def written(text: str | None) -> None:
            if text is None or text == task.result:
                return
            self.app.write(lambda: self.store.save(replace(self.store.get(Task, task.id), result=text)),
                           lambda saved: self._result_saved(saved))

        self.app.push_screen(TextDialog(self.app.t("task.title.result", title=task.title), task.result), written)

    def _result_saved(self, task: Task) -> None:
        self.changed(select=task.id)
        self.app.tell(self.app.t("task.result_saved"))

    def action_open_document(self) -> None:
        if self.defer(self.action_open_document):
            return
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
        if self.defer(self.action_edit):
            return
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
        if self.defer(self.action_delete):
            return
        task = self.current()
        if task is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.write(lambda: self.store.delete(Task, task.id), lambda _none: self._deleted())

        self.app.push_screen(ConfirmDialog(self.app.t("task.confirm_delete", title=task.title)), answer)

    def _deleted(self) -> None:
        self.changed()
        self.app.tell(self.app.t("task.deleted"))
