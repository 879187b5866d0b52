"""Báo cáo: a live Markdown preview of the year-end report, and exports to md / pdf / docx."""
from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown, ProgressBar, Static

from db.errors import DvkError
from db.models import Campaign
from tui.screens.base import SectionScreen
from tui.screens.path_dialog import PathDialog

FORMATS = {"md": "Markdown", "pdf": "PDF", "docx": "DOCX"}


class ReportScreen(SectionScreen):
    SECTION = "report"
    BINDINGS = [
        Binding("c", "next_campaign", "key.campaign", id="report.campaign"),
        Binding("m", "export('md')", "key.export_md", id="report.md"),
        Binding("p", "export('pdf')", "key.export_pdf", id="report.pdf"),
        Binding("w", "export('docx')", "key.export_docx", id="report.docx"),
        Binding("j,down", "scroll(1)", "key.down", show=False, id="report.down"),
        Binding("k,up", "scroll(-1)", "key.up", show=False, id="report.up"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.campaign_index = 0

    def compose_body(self) -> ComposeResult:
        yield Static(id="report-title")
        yield ProgressBar(id="export-progress", show_eta=False)
        with VerticalScroll(id="preview"):
            yield Markdown(id="report-md")

    def on_mount(self) -> None:
        self.query_one("#preview").focus()

    def campaign(self) -> Campaign | None:
        campaigns = self.store.campaigns()
        if not campaigns:
            return None
        current = self.app.current_campaign()
        if self.campaign_index == 0 and current in campaigns:
            return current
        return campaigns[self.campaign_index % len(campaigns)]

    def reload(self) -> None:
        campaign = self.campaign()
        t = self.app.t
        if campaign is None:
            self.query_one("#report-title", Static).update(Text(t("report.none")))
            self.query_one("#report-md", Markdown).update("")
            return
        self.query_one("#report-title", Static).update(Text(t("report.title", campaign=campaign.name,
                                                                year=campaign.year)))
        self.preview(campaign)

    @work(exclusive=True, group="preview")
    async def preview(self, campaign: Campaign) -> None:
        import asyncio

        from exports.render import render

        try:
            text = await asyncio.to_thread(render, self.store, campaign.year, campaign.name, "md")
        except DvkError as err:
            self.notify(str(err), severity="error", markup=False)
            return
        await self.query_one("#report-md", Markdown).update(text.decode("utf-8"))

    def action_next_campaign(self) -> None:
        self.campaign_index += 1
        self.reload()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#preview", VerticalScroll).scroll_relative(y=lines, animate=False)

    # ------------------------------------------------------------------ export
    def action_export(self, fmt: str) -> None:
        campaign = self.campaign()
        if campaign is None:
            self.notify(self.app.t("report.none"), severity="warning")
            return
        default = self.app.db_path.with_name(f"bao-cao-{campaign.year}.{fmt}")

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.export(campaign, fmt, path)

        self.app.push_screen(PathDialog(self.app.t("report.ask_path", fmt=FORMATS[fmt]), default), chosen)

    @work(thread=True, exclusive=True, group="export")
    def export(self, campaign: Campaign, fmt: str, path: Path) -> None:
        from exports.render import render  # deferred: the PDF renderer pulls in WeasyPrint

        bar = self.query_one("#export-progress", ProgressBar)
        self.app.call_from_thread(self._progress_start, fmt)
        try:
            data = render(self.store, campaign.year, campaign.name, fmt,
                          progress=lambda done: self.app.call_from_thread(bar.update, total=1.0, progress=done))
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)  # never a half-written report under the real name
        except (DvkError, OSError) as err:
            self.app.call_from_thread(self._progress_end, self.app.t("report.failed", message=str(err)), "error")
            return
        self.app.call_from_thread(self._progress_end, self.app.t("report.exported", path=str(path)), "information")

    def _progress_start(self, fmt: str) -> None:
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.add_class("-running")
        self.notify(self.app.t("report.exporting", fmt=FORMATS[fmt]), markup=False)

    def _progress_end(self, message: str, severity: str) -> None:
        self.query_one("#export-progress", ProgressBar).remove_class("-running")
        self.notify(message, severity=severity, markup=False, timeout=10)  # type: ignore[arg-type]
