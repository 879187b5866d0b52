"""Tổng quan, the start of the day: what is late, what is due this week, which documents wait to be
handled, how each report section stands — and, on a new data file, what to do first.

Every deadline is a line in a focusable list (Tab between panels); Enter opens it in its section.
On a large file the figures are gathered in a worker thread (`gather`) while the panels show a
loading indicator: the screen is on before 100 000 tasks are read.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from db import links, rules
from db.errors import DvkError
from db.models import DIRECTIONS, HANDLING, MODEL_STATUSES, TASK_STATUSES, Campaign, Document, DvkModel, Task
from tui.cli_format import ui_date
from tui.screens.base import SectionScreen
from tui.screens.tasks import task_line
from tui.widgets.record_list import RecordList, SectionPicked
from tui.widgets.record_table import RecordTable
from tui.widgets.styles import theme_style
from tui.widgets.text import shown

SHOWN = 100  # lines per panel


@dataclass
class Figures:
    """Everything the dashboard shows, read from the store in one go (safe in a worker thread)."""

    overdue: list[Task] = field(default_factory=list)
    overdue_count: int = 0
    soon: list[Task] = field(default_factory=list)
    soon_count: int = 0
    waiting: list[Document] = field(default_factory=list)
    waiting_count: int = 0
    campaign: Campaign | None = None
    done: Counter = field(default_factory=Counter)  # report section -> finished tasks
    live: Counter = field(default_factory=Counter)  # report section -> open tasks
    tasks: Counter = field(default_factory=Counter)  # status -> tasks
    handling: Counter = field(default_factory=Counter)
    directions: Counter = field(default_factory=Counter)
    models: Counter = field(default_factory=Counter)
    missing: list[str] = field(default_factory=list)  # catalogue keys of the first steps not done yet


def gather(store, campaign: Campaign | None) -> Figures:
    out = Figures(campaign=campaign)
    # every task and document is read anyway (the counts): built first, one record at a time from
    # the file, the overdue ones are then picked from them — not from a parsed copy of the table
    tasks = store.all(Task)
    docs = store.all(Document)
    overdue = store.overdue()
    soon = store.due_within(rules.DUE_SOON_DAYS)
    out.overdue, out.overdue_count = overdue[:SHOWN], len(overdue)
    out.soon, out.soon_count = soon[:SHOWN], len(soon)
    waiting = links.documents_waiting(docs)
    out.waiting, out.waiting_count = waiting[:SHOWN], len(waiting)
    for task in tasks:
        out.tasks[task.status] += 1
        if campaign is not None and task.campaign == campaign.id and task.section:
            if task.status == "done":
                out.done[task.section] += 1
            elif rules.is_live(task):
                out.live[task.section] += 1
    for doc in docs:
        out.handling[doc.handling] += 1
        out.directions[doc.direction] += 1
    models = store.all(DvkModel)
    out.models.update(m.status for m in models)
    profile = store.profile()
    steps = [
        ("next.campaign", not store.campaigns()),
        ("next.profile", not (profile.unit_name and profile.parent_body)),
        ("next.document", not docs),
        ("next.task", not tasks),
        ("next.model", not models),
    ]
    out.missing = [key for key, todo in steps if todo]
    return out


class DashboardScreen(SectionScreen):
    SECTION = "dashboard"

    def compose_body(self) -> ComposeResult:
        t = self.app.t
        with Horizontal(id="dash"):
            with VerticalScroll(id="dash-left"):
                yield RecordList(id="overdue", classes="panel", empty=t("dash.none"))
                yield RecordList(id="soon", classes="panel", empty=t("dash.none"))
                yield RecordList(id="waiting", classes="panel", empty=t("dash.none_waiting"))
            with VerticalScroll(id="dash-right"):
                yield Static(id="next-steps", classes="panel")
                yield RecordTable(id="sections", classes="panel")
                yield Static(id="counts", classes="panel")

    def on_mount(self) -> None:
        t = self.app.t
        table = self.query_one("#sections", RecordTable)
        # counts first: on a narrow terminal the long section names are what gets cut
        table.add_column(t("dash.col.done"), key="done")
        table.add_column(t("dash.col.live"), key="live")
        table.add_column(t("dash.col.section"), key="section")
        self.query_one("#next-steps", Static).display = False
        self.query_one("#overdue", RecordList).focus()

    def reload(self) -> None:
        campaign = self.app.current_campaign()
        if self.app.small_data:
            self.show(gather(self.store, campaign))
            return
        self.busy(True)
        self._gather(campaign)

    @work(thread=True, exclusive=True, group="dashboard", exit_on_error=False)
    def _gather(self, campaign: Campaign | None) -> None:
        try:
            figures = gather(self.store, campaign)
        except DvkError as err:
            self.app.call_from_thread(self.app.tell, self.app.t("error.store", message=str(err)), "error", 10)
            return
        finally:
            self.app.call_from_thread(self.app.start_warming)  # the rest of the first reads, after these
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, figures)

    def show(self, figures: Figures) -> None:
        t = self.app.t
        self.busy(False)
        self._tasks("#overdue", t("dash.overdue", count=figures.overdue_count), figures.overdue)
        self._tasks("#soon", t("dash.soon", count=figures.soon_count), figures.soon)
        self._waiting(figures)
        self._next_steps(figures)
        self._sections(figures)
        self._counts(figures)

    def _tasks(self, selector: str, title: str, tasks: list[Task]) -> None:
        panel = self.query_one(selector, RecordList)
        panel.border_title = title
        panel.show([(Task.table, task.id, task_line(self.app, task)) for task in tasks])

    def _waiting(self, figures: Figures) -> None:
        t, today = self.app.t, self.store.today()
        panel = self.query_one("#waiting", RecordList)
        panel.border_title = t("dash.waiting", count=figures.waiting_count)
        items = []
        for doc in figures.waiting:
            style = (theme_style(self.app, "error", bold=True) if links.is_document_overdue(doc, today)
                     else theme_style(self.app, "warning") if links.is_document_due_soon(doc, today) else "")
            line = Text()
            line.append(f"{ui_date(doc.due):10}  ", style=style)
            line.append_text(shown(f"{doc.canonical} — {doc.summary}"))
            items.append((Document.table, doc.id, line))
        panel.show(items)

    def _next_steps(self, figures: Figures) -> None:
        """On a new data file: the first things to do, each with its keys; hidden once all are done."""
        t = self.app.t
        steps = [t(key, year=self.store.today().year) for key in figures.missing]
        panel = self.query_one("#next-steps", Static)
        panel.display = bool(steps)
        panel.border_title = t("next.title")
        panel.update(Text("\n".join(f"• {step}" for step in steps)))

    def _sections(self, figures: Figures) -> None:
        t = self.app.t
        table = self.query_one("#sections", RecordTable)
        table.clear()
        campaign = figures.campaign
        table.display = campaign is not None
        if campaign is None:
            return
        table.border_title = t("dash.sections", campaign=campaign.name, year=campaign.year)
        for number, name in enumerate(campaign.sections, 1):
            live = figures.live[number]
            live_style = theme_style(self.app, "warning") if live else ""
            table.add_row(Text(str(figures.done[number]), justify="right"), Text(str(live), style=live_style,
                          justify="right"), shown(f"{number}. {name}"), key=str(number))

    @on(DataTable.RowSelected, "#sections")
    def _section_picked(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(SectionPicked(int(event.row_key.value)))

    def _counts(self, figures: Figures) -> None:
        t = self.app.t
        tasks, handling, directions, models = figures.tasks, figures.handling, figures.directions, figures.models
        lines = [
            t("count.tasks", total=sum(tasks.values()),
              detail=_join(f"{tasks[s]} {t('status.' + s)}" for s in TASK_STATUSES if tasks[s])),
            t("count.documents", total=sum(directions.values()),
              detail=_join([f"{directions[d]} {t('direction.' + d)}" for d in DIRECTIONS if directions[d]]
                           + [f"{handling[h]} {t('handling.' + h)}" for h in HANDLING if h and handling[h]])),
            t("count.models", total=sum(models.values()),
              detail=_join(f"{models[s]} {t('mstatus.' + s)}" for s in MODEL_STATUSES if models[s])),
        ]
        panel = self.query_one("#counts", Static)
        panel.border_title = t("count.title")
        panel.update(Text("\n".join(lines)))


def _join(parts) -> str:
    return " · ".join(parts)
