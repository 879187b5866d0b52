"""Tổng quan: what is late, what is due this week, how each report section stands."""
from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from db import rules
from db.dates import format_ui, parse_date
from db.models import MODEL_STATUSES, Document, DvkModel, Task
from tui.screens.base import SectionScreen
from tui.widgets.record_table import RecordTable
from tui.widgets.styles import theme_style


class DashboardScreen(SectionScreen):
    SECTION = "dashboard"

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="dash"):
            with VerticalScroll(id="dash-left"):
                yield Static(id="overdue", classes="panel overdue")
                yield Static(id="soon", classes="panel soon")
            with Vertical(id="dash-right"):
                yield RecordTable(id="sections", classes="panel")
                yield Static(id="models", classes="panel")
                yield Static(id="counts")

    def on_mount(self) -> None:
        t = self.app.t
        table = self.query_one("#sections", RecordTable)
        # counts first: on a narrow terminal the long section names are what gets cut
        table.add_column(t("dash.col.done"), key="done")
        table.add_column(t("dash.col.live"), key="live")
        table.add_column(t("dash.col.section"), key="section")

    def reload(self) -> None:
        t, store = self.app.t, self.store
        overdue = store.overdue()
        soon = store.due_within(rules.DUE_SOON_DAYS)
        self._task_panel("#overdue", t("dash.overdue", count=len(overdue)), overdue)
        self._task_panel("#soon", t("dash.soon", count=len(soon)), soon)
        self._sections()
        self._models()
        self.query_one("#counts", Static).update(Text(t(
            "dash.counts", documents=len(store.all(Document)), tasks=len(store.all(Task)),
            models=len(store.all(DvkModel)))))

    def _task_panel(self, selector: str, title: str, tasks: list[Task]) -> None:
        panel = self.query_one(selector, Static)
        panel.border_title = title
        t = self.app.t
        lines = [t("dash.task_line", due=format_ui(parse_date(task.due)), title=task.title,
                   assignee=task.assignee or "—") for task in tasks[:50]]
        panel.update(Text("\n".join(lines) if lines else t("dash.none")))  # titles are user text

    def _sections(self) -> None:
        t = self.app.t
        table = self.query_one("#sections", RecordTable)
        table.clear()
        campaign = self.app.current_campaign()
        if campaign is None:
            table.border_title = t("dash.no_campaign")
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
                          justify="right"), Text(f"{number}. {name}"), key=str(number))

    def _models(self) -> None:
        t = self.app.t
        counts = Counter(m.status for m in self.store.all(DvkModel))
        panel = self.query_one("#models", Static)
        panel.border_title = t("dash.models")
        lines = [f"{t('mstatus.' + s)}: {counts[s]}" for s in MODEL_STATUSES if counts[s]]
        panel.update(Text("\n".join(lines) if lines else t("dash.none")))
