"""Tổng quan, the start of the day: what is late, what is due this week, which documents wait to be
handled, how each report section stands — and, on a new data file, what to do first.

Every deadline is a line in a focusable list (Tab between panels); Enter opens it in its section.
"""
from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from db import links, rules
from db.models import DIRECTIONS, HANDLING, MODEL_STATUSES, TASK_STATUSES, Document, DvkModel, Task
from tui.cli_format import ui_date
from tui.screens.base import SectionScreen
from tui.screens.tasks import task_line
from tui.widgets.record_list import RecordList, SectionPicked
from tui.widgets.record_table import RecordTable
from tui.widgets.styles import theme_style
from tui.widgets.text import shown


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
        self.query_one("#overdue", RecordList).focus()

    def reload(self) -> None:
        t, store = self.app.t, self.store
        overdue = store.overdue()
        soon = store.due_within(rules.DUE_SOON_DAYS)
        self._tasks("#overdue", t("dash.overdue", count=len(overdue)), overdue)
        self._tasks("#soon", t("dash.soon", count=len(soon)), soon)
        self._waiting()
        self._next_steps()
        self._sections()
        self._counts()

    def _tasks(self, selector: str, title: str, tasks: list[Task]) -> None:
        panel = self.query_one(selector, RecordList)
        panel.border_title = title
        panel.show([(Task.table, task.id, task_line(self.app, task)) for task in tasks[:100]])

    def _waiting(self) -> None:
        t, today = self.app.t, self.store.today()
        docs = links.documents_waiting(self.store.all(Document))
        panel = self.query_one("#waiting", RecordList)
        panel.border_title = t("dash.waiting", count=len(docs))
        items = []
        for doc in docs[:100]:
            style = (theme_style(self.app, "error", bold=True) if links.is_document_overdue(doc, today)
                     else theme_style(self.app, "warning") if links.is_document_due_soon(doc, today) else "")
            line = Text()
            line.append(f"{ui_date(doc.due):10}  ", style=style)
            line.append_text(shown(f"{doc.canonical} — {doc.summary}"))
            items.append((Document.table, doc.id, line))
        panel.show(items)

    def _next_steps(self) -> None:
        """On a new data file: the first things to do, each with its keys; hidden once all are done."""
        t, store = self.app.t, self.store
        profile = store.profile()
        missing = [
            ("next.campaign", not store.campaigns()),
            ("next.profile", not (profile.unit_name and profile.parent_body)),
            ("next.document", not store.all(Document)),
            ("next.task", not store.all(Task)),
            ("next.model", not store.all(DvkModel)),
        ]
        steps = [t(key, year=store.today().year) for key, todo in missing if todo]
        panel = self.query_one("#next-steps", Static)
        panel.display = bool(steps)
        panel.border_title = t("next.title")
        panel.update(Text("\n".join(f"• {step}" for step in steps)))

    def _sections(self) -> None:
        t = self.app.t
        table = self.query_one("#sections", RecordTable)
        table.clear()
        campaign = self.app.current_campaign()
        table.display = campaign is not None
        if campaign is None:
            return
        table.border_title = t("dash.sections", campaign=campaign.name, year=campaign.year)
        done: Counter[int] = Counter()
        live: Counter[int] = Counter()
        for task in self.store.all(Task):
            if task.campaign == campaign.id and task.section:
                if task.status == "done":
                    done[task.section] += 1
                elif rules.is_live(task):
                    live[task.section] += 1
        for number, name in enumerate(campaign.sections, 1):
            live_style = theme_style(self.app, "warning") if live[number] else ""
            table.add_row(Text(str(done[number]), justify="right"), Text(str(live[number]), style=live_style,
                          justify="right"), shown(f"{number}. {name}"), key=str(number))

    @on(DataTable.RowSelected, "#sections")
    def _section_picked(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(SectionPicked(int(event.row_key.value)))

    def _counts(self) -> None:
        t, store = self.app.t, self.store
        tasks = Counter(task.status for task in store.all(Task))
        docs = store.all(Document)
        handling = Counter(doc.handling for doc in docs)
        directions = Counter(doc.direction for doc in docs)
        models = Counter(m.status for m in store.all(DvkModel))
        lines = [
            t("count.tasks", total=sum(tasks.values()),
              detail=_join(f"{tasks[s]} {t('status.' + s)}" for s in TASK_STATUSES if tasks[s])),
            t("count.documents", total=len(docs),
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
