"""The dvk Textual app: five sections as modes over one Store.

`make_app` is the one factory for the CLI, the tests and the snapshots; it opens
the Store first, so a corrupt file raises DvkError before any terminal is taken
over and the CLI prints its one line.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette

from db.errors import DataFileLocked, DvkError, ReadOnlyMedium
from db.messages import Message, set_language
from db.models import Campaign, Document, DvkModel, Task
from db.store import Store
from db.text import visible
from tui.commands import DocumentProvider
from tui.i18n import Catalogue
from tui.screens.dashboard import DashboardScreen
from tui.screens.documents import DocumentsScreen
from tui.screens.help import HelpScreen
from tui.screens.models import ModelsScreen
from tui.screens.report import ReportScreen
from tui.screens.tasks import TasksScreen
from tui.widgets.keys import localise_bindings
from tui.widgets.record_list import OpenRecord, SectionPicked

SECTIONS_GROUP = Binding.Group("group.sections", compact=True)


class DvkApp(App[None]):
    CSS_PATH = "app.tcss"
    MODES = {
        "dashboard": DashboardScreen,
        "documents": DocumentsScreen,
        "tasks": TasksScreen,
        "models": ModelsScreen,
        "report": ReportScreen,
    }
    DEFAULT_MODE = "dashboard"
    # Our provider only: Textual's system commands (Keys, Quit, Theme…) have English-only titles.
    COMMANDS = {DocumentProvider}
    BINDINGS = [
        Binding("1", "switch_mode('dashboard')", "section.dashboard", id="section.dashboard", group=SECTIONS_GROUP),
        Binding("2", "switch_mode('documents')", "section.documents", id="section.documents", group=SECTIONS_GROUP),
        Binding("3", "switch_mode('tasks')", "section.tasks", id="section.tasks", group=SECTIONS_GROUP),
        Binding("4", "switch_mode('models')", "section.models", id="section.models", group=SECTIONS_GROUP),
        Binding("5", "switch_mode('report')", "section.report", id="section.report", group=SECTIONS_GROUP),
        Binding("question_mark,f1", "help", "key.help", id="app.help"),
        Binding("ctrl+z", "undo", "key.undo", id="app.undo"),
        Binding("ctrl+y", "redo", "key.redo", id="app.redo"),
        Binding("q", "quit", "key.quit", id="app.quit"),
    ]

    def __init__(self, store: Store, db_path: Path, lang: str = "vi", locked: DataFileLocked | None = None,
                 export_dir: Path | None = None) -> None:
        self.t = Catalogue(lang)
        set_language(lang)  # errors raised in db/ render in the same language
        super().__init__()
        self.store = store
        self.db_path = db_path
        self.locked = locked
        # where the export dialog proposes to write; it follows the folder the user last chose
        self.export_dir = export_dir or default_export_dir()
        self.data_version = 0
        self.title = self.t("app.title")
        localise_bindings(self, _AppWords(self.t))

    @property
    def readonly(self) -> bool:
        return self.store.readonly

    def on_mount(self) -> None:
        if self.locked is not None:
            self.tell(self.t("readonly.notify", reason=str(self.locked)), severity="warning", timeout=15)

    def tell(self, message: str, severity: str = "information", timeout: float = 5) -> None:
        """A toast of our words with user text inside: control characters shown, never markup."""
        self.notify(visible(message, multiline=True), severity=severity, timeout=timeout,  # type: ignore[arg-type]
                    markup=False)

    # ------------------------------------------------------------------ shared state
    def bump(self) -> None:
        """Data changed: every section re-reads when it is next shown."""
        self.data_version += 1

    def current_campaign(self) -> Campaign | None:
        """This year's campaign, else the newest one."""
        campaigns = self.store.campaigns()
        this_year = [c for c in campaigns if c.year == self.store.today().year]
        return (this_year or campaigns or [None])[0]

    def attempt(self, change: Callable[[], object]) -> bool:
        """Run a store change; a DvkError becomes an error toast instead of a crash."""
        try:
            change()
        except DvkError as err:
            self.tell(self.t("error.store", message=str(err)), severity="error", timeout=10)
            return False
        return True

    # ------------------------------------------------------------------ actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("undo", "redo") and self.readonly:
            return None
        return True

    def action_undo(self) -> None:
        self._step("undo")

    def action_redo(self) -> None:
        self._step("redo")

    def _step(self, kind: str) -> None:
        """Undo or redo one change; the toast names it as a person would ("đánh dấu xong ‘…’")."""
        try:
            label: Message | None = self.store.undo() if kind == "undo" else self.store.redo()
        except DvkError as err:
            self.tell(self.t("error.store", message=str(err)), severity="error")
            return
        if label is None:
            self.tell(self.t(f"{kind}.nothing"))
            return
        self.bump()
        self.tell(self.t(f"{kind}.done", label=label.render(self.t.lang)))
        screen = self.screen
        if hasattr(screen, "refresh_if_stale"):
            screen.refresh_if_stale()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=self.t("palette.placeholder")))

    async def open_document(self, doc_id: int) -> None:
        await self.open_record(Document.table, doc_id)

    async def open_record(self, table: str, rec_id: int) -> None:
        """Show this record in its own section, cursor on it."""
        mode = {Document.table: "documents", Task.table: "tasks", DvkModel.table: "models"}[table]
        await self.switch_mode(mode)
        self.screen.show_record(rec_id)

    async def on_open_record(self, message: OpenRecord) -> None:
        await self.open_record(message.table, message.rec_id)

    async def on_section_picked(self, message: SectionPicked) -> None:
        await self.switch_mode("report")
        self.screen.show_part(f"section.{message.number}")

    def on_unmount(self) -> None:
        self.store.close()


class _AppWords:
    """Textual's own binding descriptions ("palette", "Quit") get our words too."""

    BUILTIN = {"palette": "key.palette", "Quit": "key.quit"}

    def __init__(self, t: Catalogue) -> None:
        self.t = t

    def __call__(self, text: str) -> str:
        return self.t(self.BUILTIN.get(text, text))


def open_store(db_path: Path, today: date | None = None) -> tuple[Store, DataFileLocked | None]:
    """Writable if we can; read-only when another session holds the lock or the disk is read-only.
    Other DvkErrors propagate."""
    clock = (lambda: today) if today else date.today
    try:
        return Store(db_path, today=clock), None
    except (DataFileLocked, ReadOnlyMedium) as locked:  # held by another session, or a read-only disk
        return Store(db_path, readonly=True, today=clock), locked


def default_export_dir() -> Path:
    """The user's Documents folder when there is one, else the folder dvk was started in.

    Never the data folder: it is hidden (~/.local/share/dvk) and a report saved
    there is a report the user cannot find.
    """
    from platformdirs import user_documents_path

    documents = user_documents_path()
    return documents if documents.is_dir() else Path.cwd()


def make_app(db_path: Path | str, lang: str = "vi", today: date | None = None,
             export_dir: Path | None = None) -> DvkApp:
    path = Path(db_path).expanduser()
    store, locked = open_store(path, today)
    return DvkApp(store, path, lang, locked, export_dir)


def run_app(path: Path, lang: str = "vi") -> None:
    make_app(path, lang).run()
