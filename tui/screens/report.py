"""Báo cáo: the year-end report, set up and written here — an outline of its parts on the left
(Enter edits one), the report as it will print on the right, exports to md / pdf / docx.

The outline is built from the field table in `report_fields.py`; each part shows
whether it is filled, so an empty report says what is still to write.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from rich.markdown import Markdown
from textual.widgets import OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from db.errors import DvkError
from db.models import Campaign, Record, Task
from db.rules import ValidationError
from db.text import fold, visible
from tui.screens.base import SectionScreen
from tui.screens.bases_dialog import BasesDialog, Picked
from tui.screens.campaign_dialog import CampaignDialog
from tui.screens.part_dialog import PartDialog
from tui.screens.path_dialog import PathDialog
from tui.screens.report_fields import (
    PROFILE, TEXT_KINDS, Part, generated_text, is_filled, report_parts, stored, target_record,
)
from tui.widgets.styles import theme_style
from tui.widgets.text import shown

FORMATS = {"md": "Markdown", "pdf": "PDF", "docx": "DOCX"}
OUTLINE_WIDTH = 40  # until the outline has been laid out once
MIN_TITLE = 15


def _cut(text: str, room: int) -> str:
    if len(text) <= room:
        return text
    return text[: room - 1] + "…" if room > 1 else ""


class ReportScreen(SectionScreen):
    SECTION = "report"
    EDIT_ACTIONS = frozenset({"edit_part", "new_campaign", "profile"})
    BINDINGS = [
        Binding("e", "edit_part", "key.edit_part", id="report.edit"),
        Binding("n", "new_campaign", "key.new_campaign", id="report.new_campaign"),
        Binding("u", "profile", "key.profile", id="report.profile"),
        Binding("c", "next_campaign", "key.campaign", id="report.campaign"),
        Binding("m", "export('md')", "key.export_md", id="report.md"),
        Binding("p", "export('pdf')", "key.export_pdf", id="report.pdf"),
        Binding("w", "export('docx')", "key.export_docx", id="report.docx"),
        Binding("j", "scroll(1)", "key.down", show=False, id="report.down"),
        Binding("k", "scroll(-1)", "key.up", show=False, id="report.up"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.campaign_id: int | None = None
        self.parts: list[Part] = []
        self.last_export: Path | None = None
        self.preview_markdown = ""  # what the preview shows, as Markdown
        self.preview_period = ""  # the reporting period line above it

    def compose_body(self) -> ComposeResult:
        yield Static(id="report-title")
        yield ProgressBar(id="export-progress", show_eta=False)
        with Horizontal(id="report-body"):
            yield OptionList(id="outline")
            with VerticalScroll(id="preview"):
                yield Static(id="report-empty")
                yield Static(id="report-period")
                # one Rich renderable, not Textual's Markdown widget: that one is a widget per block,
                # and every dialog opened over this screen restyled them all (≈1 s a dialog, measured)
                yield Static(id="report-md")

    def on_mount(self) -> None:
        self.query_one("#outline", OptionList).focus()

    # ------------------------------------------------------------------ which campaign
    def campaign(self) -> Campaign | None:
        campaigns = self.store.campaigns()
        chosen = [c for c in campaigns if c.id == self.campaign_id]
        return chosen[0] if chosen else self.app.current_campaign()

    def action_next_campaign(self) -> None:
        campaigns = self.store.campaigns()
        if not campaigns:
            self.app.tell(self.app.t("report.none"), severity="warning")
            return
        current = self.campaign()
        at = campaigns.index(current) if current in campaigns else -1
        self.campaign_id = campaigns[(at + 1) % len(campaigns)].id
        self.reload()

    # ------------------------------------------------------------------ showing
    def reload(self) -> None:
        t = self.app.t
        campaign = self.campaign()
        self._outline(campaign)
        title = self.query_one("#report-title", Static)
        empty = self.query_one("#report-empty", Static)
        markdown = self.query_one("#report-md", Static)
        empty.display = campaign is None
        markdown.display = campaign is not None
        self.query_one("#report-period", Static).display = campaign is not None
        if campaign is None:
            title.update(Text(t("report.none")))
            empty.update(Text(t("report.start", year=self.store.today().year)))
            return
        line = t("report.title", campaign=campaign.name, year=campaign.year)
        if self.last_export is not None:
            line += "  ·  " + t("report.last_export", path=str(self.last_export))
        title.update(shown(line))
        self.preview(campaign)

    def _outline(self, campaign: Campaign | None) -> None:
        outline = self.query_one("#outline", OptionList)
        keep = outline.highlighted
        self.parts = report_parts(campaign) if campaign else [PROFILE]
        outline.clear_options()
        outline.add_options(Option(self._part_line(part, campaign), id=part.key) for part in self.parts)
        outline.highlighted = min(keep or 0, len(self.parts) - 1)

    def on_resize(self) -> None:
        if self.is_mounted and self.parts:
            self._outline(self.campaign())  # the titles are cut to the outline's width

    def _part_line(self, part: Part, campaign: Campaign | None) -> Text:
        t = self.app.t
        count, note = self._fill_state(part, campaign)
        mark = Text("● ", style=theme_style(self.app, "success")) if count else Text("○ ", style=theme_style(
            self.app, "warning"))
        note = note or t("part.empty")
        # one line per part: the title gives way to the note ("2 đoạn · 3 kết quả"), down to
        # MIN_TITLE characters; then the note is cut too (a narrow terminal, a long note)
        width = self.query_one("#outline", OptionList).scrollable_content_region.width or OUTLINE_WIDTH
        room = width - len(mark) - 3  # the scrollbar may take two columns
        title = _cut(self._part_title(part, campaign), max(MIN_TITLE, room - len(note) - 2))
        line = mark + shown(title)
        line.append("  " + _cut(note, room - len(title) - 2), style="dim")
        return line

    def _part_title(self, part: Part, campaign: Campaign | None) -> str:
        if part.section and campaign:
            return f"{part.section}. {campaign.sections[part.section - 1]}"
        return self.app.t(part.title)

    def _fill_state(self, part: Part, campaign: Campaign | None) -> tuple[int, str]:
        """(how much is filled, a few words saying so) for the outline."""
        if part.editor == "bases":
            count = len(campaign.bases) if campaign else 0
            return count, self._count("part.documents", count) if count else ""
        record = target_record(part, campaign, self.store.profile()) if campaign or part.target == "profile" else None
        if record is None:
            return 0, ""
        texts = [spec for spec in part.fields if spec.kind in TEXT_KINDS]
        if len(texts) == 1 and all(spec.kind == "choice" for spec in part.fields if spec is not texts[0]):
            return self._text_state(part, texts[0], record, campaign)
        filled = sum(is_filled(record, spec) for spec in part.fields)
        if not filled and all(spec.generated for spec in part.fields):
            return 1, self.app.t("part.default")  # dvk's own wording until the unit writes its own
        return filled, f"{filled}/{len(part.fields)}"

    def _text_state(self, part: Part, spec, record: Record, campaign: Campaign | None) -> tuple[int, str]:
        """A part that is one text (a narrative, a list of lines): how many items, and whose words."""
        items = len(stored(record, spec) or [])
        words = [self._count(f"part.{spec.kind}", items)] if items else []
        if spec.generated:
            if items:
                words.append(self.app.t("part.written"))
            else:
                generated = len([x for x in generated_text(spec, record, self.store).splitlines() if x.strip()])
                items = generated
                words = [self._count(f"part.{spec.kind}", generated), self.app.t("part.generated")] if generated else []
        results = self._results(campaign, part.section) if part.section else 0
        if results:
            words.append(self._count("part.results", results))
        placement = campaign.placement.get(str(part.section), "after") if campaign and part.section else "after"
        if placement != "after":
            words.append(self.app.t(f"part.placement.{placement}"))
        return items + results, " · ".join(words)

    def _count(self, key: str, count: int) -> str:
        return self.app.t(key + (".one" if count == 1 else ""), count=count)

    def _results(self, campaign: Campaign | None, section: int) -> int:
        if campaign is None:
            return 0
        return sum(1 for task in self.store.all(Task) if task.campaign == campaign.id and task.section == section
                   and task.status == "done" and task.result.strip())

    @work(exclusive=True, group="preview")
    async def preview(self, campaign: Campaign) -> None:
        import asyncio

        from exports.render import render_report, report_for

        def build() -> tuple[str, object]:
            report = report_for(self.store, campaign.year, campaign.name)
            return render_report(report, "md").decode("utf-8"), report.period

        try:
            text, period = await asyncio.to_thread(build)
        except DvkError as err:
            self.app.tell(str(err), severity="error")
            return
        self.preview_markdown = visible(text, multiline=True)
        self.preview_period = self._period_line(period)
        self.query_one("#report-period", Static).update(Text(self.preview_period, style="dim"))
        self.query_one("#report-md", Static).update(Markdown(self.preview_markdown))

    def _period_line(self, period) -> str:
        """The data the report counts (NĐ 09/2019 unless the campaign sets its own), above the preview."""
        if period is None:
            return ""
        key = "report.period_default" if period.default else "report.period_own"
        return self.app.t(key, period=period.cited())

    def show_part(self, key: str) -> None:
        """Highlight one part of the outline (the dashboard's section rows land here)."""
        self.refresh_if_stale()
        outline = self.query_one("#outline", OptionList)
        keys = [part.key for part in self.parts]
        if key in keys:
            outline.highlighted = keys.index(key)
        outline.focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#preview", VerticalScroll).scroll_relative(y=lines, animate=False)

    # ------------------------------------------------------------------ editing
    def _changed(self, message: str) -> None:
        self.app.bump()
        self.refresh_if_stale()
        self.app.tell(message)

    @on(OptionList.OptionSelected, "#outline")
    def _part_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.check_action("edit_part", ()):
            self.edit(self.parts[event.option_index])

    def action_edit_part(self) -> None:
        outline = self.query_one("#outline", OptionList)
        if outline.highlighted is not None and self.parts:
            self.edit(self.parts[outline.highlighted])

    def action_profile(self) -> None:
        self.edit(PROFILE)

    def edit(self, part: Part) -> None:
        t = self.app.t
        campaign = self.campaign()
        if campaign is None and part.target != "profile":
            self.app.tell(t("report.none"), severity="warning")
            return
        title = self._part_title(part, campaign)
        if part.editor == "bases":
            ask = t("bases.ask_regenerate", count=len(campaign.basis_lines)) if campaign.basis_lines else None
            self.app.push_screen(BasesDialog(title, self.store, list(campaign.bases), self._bases_note(campaign), ask),
                                 lambda picked: self._bases_chosen(campaign, title, picked))
            return
        record = target_record(part, campaign, self.store.profile())
        save = self.store.set_profile if part.target == "profile" else self.store.save

        def saved(result: Record | None) -> None:
            if result is not None:
                self._changed(t("report.part_saved", part=title))

        self.app.push_screen(PartDialog(title, save, record, part), saved)

    def _bases_note(self, campaign: Campaign) -> str:
        if not campaign.basis_lines:
            return self.app.t("bases.following")
        return self.app.t("bases.overridden", count=len(campaign.basis_lines))

    def _bases_chosen(self, campaign: Campaign, title: str, picked: Picked | None) -> None:
        """Picked documents reach the report only through dvk's căn cứ wording: when the unit's own
        wording is stored it prints instead, so the dialog asked whether to let the new picks through;
        picks and wording are saved together (one undo step)."""
        t = self.app.t
        if picked is None or picked.ids == campaign.bases:
            return
        lines = [] if picked.use_generated else campaign.basis_lines
        if self.app.attempt(lambda: self.store.save(replace(campaign, bases=picked.ids, basis_lines=lines))):
            kept = bool(lines)
            self._changed(t("bases.kept_wording") if kept else t("report.part_saved", part=title))

    def action_new_campaign(self) -> None:
        t = self.app.t

        def add(campaign: Campaign) -> Campaign:
            for other in self.store.campaigns():
                if other.year == campaign.year and fold(other.name) == fold(campaign.name):
                    raise ValidationError("name", "campaign.exists", name=campaign.name, year=campaign.year)
            return self.store.add(campaign)

        def added(campaign: Campaign | None) -> None:
            if campaign is not None:
                self.campaign_id = campaign.id
                self._changed(t("report.campaign_added", name=campaign.name, year=campaign.year))

        self.app.push_screen(CampaignDialog(t("report.title.new_campaign"), add, self.store.today().year), added)

    # ------------------------------------------------------------------ export
    def action_export(self, fmt: str) -> None:
        campaign = self.campaign()
        if campaign is None:
            self.app.tell(self.app.t("report.none"), severity="warning")
            return
        default = self.app.export_dir / f"bao-cao-{campaign.year}.{fmt}"

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.export(campaign, fmt, path)

        self.app.push_screen(PathDialog(self.app.t("report.ask_path", fmt=FORMATS[fmt]), default), chosen)

    @work(thread=True, exclusive=True, group="export")
    def export(self, campaign: Campaign, fmt: str, path: Path) -> None:
        from exports.files import write_atomic
        from exports.render import render  # deferred: the PDF renderer pulls in WeasyPrint

        self.app.call_from_thread(self._progress_start, fmt)
        try:
            data = render(self.store, campaign.year, campaign.name, fmt,
                          progress=lambda done: self.app.call_from_thread(self._progress, done))
            write_atomic(path, data)  # never a half-written report under the real name
        except (DvkError, OSError) as err:
            self.app.call_from_thread(self._progress_end, self.app.t("report.failed", message=str(err)), "error")
            return
        self.app.call_from_thread(self._exported, path)

    def _progress_start(self, fmt: str) -> None:
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.add_class("-running")
        self.app.tell(self.app.t("report.exporting", fmt=FORMATS[fmt]))

    def _progress(self, done: float) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=1.0, progress=done)

    def _exported(self, path: Path) -> None:
        self.app.export_dir = path.parent
        self.last_export = path
        self._progress_end(self.app.t("report.exported", path=str(path)), "information")
        self.reload()

    def _progress_end(self, message: str, severity: str) -> None:
        self.query_one("#export-progress", ProgressBar).remove_class("-running")
        self.app.tell(message, severity=severity, timeout=10)
