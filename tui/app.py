"""The dvk Textual app: five sections as modes over one Store.

`make_app` is the one factory for the CLI, the tests and the snapshots; it opens
the Store first, so a corrupt file raises DvkError before any terminal is taken
over and the CLI prints its one line.

The UI never waits on the disk: every change goes through `write()` (a worker
thread, one change at a time, in the order the keys were pressed); on a large
file the lists and the dashboard are computed in worker threads too, and the
first screen paints before they are (`small_data` says which: a stat of the file).

A second session on the same file opens read-only: it follows what the writer
commits (a stat every second), says who holds the file when a change key is
pressed, and becomes writable by itself when the writer closes.
"""
from __future__ import annotations

import asyncio
import gc
import time
from datetime import date
from pathlib import Path
from typing import Any, Callable, TypeVar

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea
from textual.worker import get_current_worker

from db.errors import DataFileLocked, DvkError, ReadOnlyMedium
from db.messages import Message, set_language
from db.models import Campaign, Document, DvkModel, Task
from db.store import Store
from db.text import visible
from tui.commands import DvkCommands
from tui.i18n import LANGS, Catalogue
from tui.screens.dashboard import DashboardScreen
from tui.screens.documents import DocumentsScreen
from tui.screens.help import HelpScreen
from tui.screens.models import ModelsScreen
from tui.screens.report import ReportScreen
from tui.screens.tasks import TasksScreen
from tui.settings import Settings
from tui.widgets.keys import localise_bindings, relocalise_bindings
from tui.widgets.record_list import OpenRecord, SectionPicked

T = TypeVar("T")
SMALL_FILE = 2_000_000  # bytes of snapshot + journal (~5 000 records): lists are computed inline below this
KEYS_WAIT = 1.0  # seconds keys wait for a screen being built before they go anyway
POLL_SECONDS = 1.0  # a read-only session looks for the writer's changes this often (two stats)


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
    COMMANDS = {DvkCommands}
    BINDINGS = [
        # The section strip under the header shows 1–5: the footer keeps its room for the section's keys.
        # Priority (acted on as they arrive, so "2/4094" typed at once searches Văn bản); they step
        # aside in a text box and in dialogs (check_action).
        Binding("1", "switch_mode('dashboard')", "section.dashboard", id="section.dashboard", show=False,
                priority=True),
        Binding("2", "switch_mode('documents')", "section.documents", id="section.documents", show=False,
                priority=True),
        Binding("3", "switch_mode('tasks')", "section.tasks", id="section.tasks", show=False, priority=True),
        Binding("4", "switch_mode('models')", "section.models", id="section.models", show=False, priority=True),
        Binding("5", "switch_mode('report')", "section.report", id="section.report", show=False, priority=True),
        Binding("question_mark,f1", "help", "key.help", id="app.help"),
        Binding("ctrl+z", "undo", "key.undo", id="app.undo"),
        Binding("ctrl+y", "redo", "key.redo", id="app.redo"),
        Binding("q", "quit", "key.quit", id="app.quit"),
    ]

    def __init__(self, store: Store, db_path: Path, lang: str = "vi", locked: DvkError | None = None,
                 export_dir: Path | None = None, settings: Settings | None = None) -> None:
        self.t = Catalogue(lang)
        set_language(lang)  # errors raised in db/ render in the same language
        super().__init__()
        self.store = store
        self.db_path = db_path
        self.locked = locked
        self.settings = settings or Settings(lang=lang)
        # where the export dialog proposes to write; it follows the folder the user last chose
        self.export_dir = export_dir or default_export_dir()
        self.data_version = 0
        self.small_data = data_size(db_path) < SMALL_FILE
        self.ready = self.small_data  # large file: the first reads (tables, sorted views, index) are warming
        self._warming = False
        self._write_lock = asyncio.Lock()
        self._held_keys: list[events.Key] = []
        self._held_since = 0.0
        self._key_timer = None
        self.title = self.t("app.title")
        localise_bindings(self, _AppWords(self.t))
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    @property
    def readonly(self) -> bool:
        return self.store.readonly

    def on_mount(self) -> None:
        if self.locked is not None:
            self.tell(self.readonly_reason(), severity="warning", timeout=15)
        if isinstance(self.locked, DataFileLocked):
            self.set_interval(POLL_SECONDS, self._poll)

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
        """Run a store change now; a DvkError becomes an error toast instead of a crash."""
        try:
            change()
        except DvkError as err:
            self.tell(self.t("error.store", message=str(err)), severity="error", timeout=10)
            return False
        return True

    def write(self, change: Callable[[], T], done: Callable[[T], Any] | None = None,
              failed: Callable[[DvkError], bool] | None = None) -> None:
        """Run a store change in a worker thread — never in the keystroke's path — one at a
        time and in the order asked (two quick `x` step a task twice). Then, on the UI
        thread: the data version moves on and `done(result)` runs; a DvkError goes to
        `failed(err)`, and is a toast unless `failed` returns True."""
        self.run_worker(self._write(change, done, failed), group="write", exit_on_error=False)

    async def _write(self, change, done, failed) -> None:
        async with self._write_lock:  # FIFO: changes reach the store in the order they were asked
            try:
                result = await asyncio.to_thread(change)
            except DvkError as err:
                if failed is None or not failed(err):
                    self.tell(self.t("error.store", message=str(err)), severity="error", timeout=10)
                return
        self.bump()
        if done is not None:
            done(result)

    # ------------------------------------------------------------------ a large file: warm up
    def start_warming(self) -> None:
        """Once the first screen shows its figures (one reader at a time: they share the interpreter)."""
        if not self.ready and not self._warming:
            self._warming = True
            self._warm()

    @work(thread=True, group="warm", exit_on_error=False)
    def _warm(self) -> None:
        """Build what the first key will need — both tables, their sorted views, the search index —
        while the first screen is already on: one search keystroke then costs milliseconds."""
        try:
            self.store.slice(Task, 0, 1)
            self.store.slice(Document, 0, 1)
            self.store.all(DvkModel)
            _ = self.store.index
        except DvkError as err:
            self.call_from_thread(self.tell, self.t("error.store", message=str(err)), "error", 10)
        self.call_from_thread(self._warmed)

    def _warmed(self) -> None:
        # Millions of objects now live as long as the session (records, sorted views, the index):
        # out of the collector's sight, a full collection no longer costs ~0.7 s in the middle of
        # a keystroke at 100 000 + 100 000 records.
        gc.freeze()
        self.ready = True

    # ------------------------------------------------------------------ read-only sessions
    def readonly_reason(self) -> str:
        """Why this session cannot write, naming the session that holds the file."""
        if isinstance(self.locked, ReadOnlyMedium):
            return self.t("readonly.medium", reason=str(self.locked))
        holder = self.store.lock_holder()
        if holder is None or holder.pid is None:
            who = self.t("readonly.who_unknown")
        elif holder.host:
            who = self.t("readonly.who_host", pid=holder.pid, host=holder.host)
        else:
            who = self.t("readonly.who", pid=holder.pid)
        return self.t("readonly.locked", who=who)

    def readonly_banner(self) -> str:
        return self.t("readonly.banner", reason=self.readonly_reason())

    def refuse_readonly(self) -> None:
        """A change key pressed on a read-only file: say why, and who holds it."""
        self.tell(self.readonly_reason(), severity="warning", timeout=8)

    def _poll(self) -> None:
        if self.readonly and not self.workers_in("poll"):
            self._poll_store()

    def workers_in(self, group: str) -> bool:
        return any(w.group == group and not w.is_finished for w in self.workers)

    @work(thread=True, group="poll", exit_on_error=False)
    def _poll_store(self) -> None:
        """Two stats when nothing changed; the writer's new journal lines when it committed;
        the write lock when the writer has closed."""
        became_writer = changed = False
        try:
            changed = self.store.reload_if_changed()
            if self.store.lock_holder() is None:
                became_writer = self.store.try_become_writer()
        except DvkError as err:
            self.call_from_thread(self.tell, self.t("error.store", message=str(err)), "error", 10)
            return
        if not get_current_worker().is_cancelled and (changed or became_writer):
            self.call_from_thread(self._followed, became_writer)

    def _followed(self, became_writer: bool) -> None:
        self.bump()
        if became_writer:
            self.locked = None
            self.tell(self.t("readonly.now_writable"), timeout=10)
        screen = self.screen
        if hasattr(screen, "update_banner"):
            screen.update_banner()
        screen.refresh_bindings()
        if hasattr(screen, "refresh_if_stale"):
            screen.refresh_if_stale()

    def poll_now(self) -> None:
        """Look for the writer's changes at once (tests; the timer does it every second)."""
        self._poll_store()

    # ------------------------------------------------------------------ actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("undo", "redo") and self.readonly:
            return None
        if action == "switch_mode" and (isinstance(self.focused, (Input, TextArea))
                                        or isinstance(self.screen, ModalScreen)):
            return False  # a digit typed in a field, or pressed in a dialog
        return True

    async def on_event(self, event: events.Event) -> None:
        """Keys that arrive while the screen on top is still being built (a section opened, a dialog
        pushed by the key before) wait for it, in order, and then go where its focus is."""
        if isinstance(event, events.Key) and not event.is_forwarded and (self._held_keys or not self._can_take_keys()):
            self._held_keys.append(event)
            if self._key_timer is None:
                self._held_since = time.monotonic()
                self._key_timer = self.set_interval(0.005, self._release_keys)
            return
        await super().on_event(event)

    def _can_take_keys(self) -> bool:
        screen = self.screen
        return screen.is_mounted and (screen.focused is not None or not screen.focus_chain)

    async def _release_keys(self) -> None:
        late = time.monotonic() - self._held_since > KEYS_WAIT
        while self._held_keys and (late or self._can_take_keys()):
            await super().on_event(self._held_keys.pop(0))
        if not self._held_keys and self._key_timer is not None:
            self._key_timer.stop()
            self._key_timer = None

    def action_undo(self) -> None:
        self._step("undo")

    def action_redo(self) -> None:
        self._step("redo")

    def _step(self, kind: str) -> None:
        """Undo or redo one change; the toast names it as a person would ("đánh dấu xong ‘…’")."""
        def done(label: Message | None) -> None:
            if label is None:
                self.tell(self.t(f"{kind}.nothing"))
                return
            self.tell(self.t(f"{kind}.done", label=label.render(self.t.lang)))
            screen = self.screen
            if hasattr(screen, "refresh_if_stale"):
                screen.refresh_if_stale()

        self.write(self.store.undo if kind == "undo" else self.store.redo, done)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_help_quit(self) -> None:
        """Ctrl+C (Textual says, in English, how to quit): our words."""
        self.tell(self.t("quit.how"))

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

    async def run_in_section(self, mode: str, action: str) -> None:
        """Go to a section and run one of its actions (the palette's "add a document"…)."""
        await self.switch_mode(mode)
        await self.screen.run_action(action)

    # ------------------------------------------------------------------ language and theme
    async def set_lang(self, lang: str) -> None:
        """Every word in the other language now: the sections are built again; remembered."""
        if lang not in LANGS or lang == self.t.lang:
            return
        self.t = Catalogue(lang)
        set_language(lang)
        self.title = self.t("app.title")
        relocalise_bindings(self, _AppWords(self.t))
        current = self.current_mode
        for mode in self.MODES:
            if mode != current:
                await self.remove_mode(mode)
                self.add_mode(mode, self.MODES[mode])
        other = "dashboard" if current != "dashboard" else "documents"
        await self.switch_mode(other)
        await self.remove_mode(current)
        self.add_mode(current, self.MODES[current])
        await self.switch_mode(current)
        self._remember(lang=lang)
        self.tell(self.t("lang.switched"))

    def set_theme(self, theme: str) -> None:
        if theme in self.available_themes:
            self.theme = theme
            self._remember(theme=theme)
            screen = self.screen
            if hasattr(screen, "table"):
                screen.table.refresh_rows()  # cells carry the theme's colours

    def _remember(self, **changes: str) -> None:
        for name, value in changes.items():
            setattr(self.settings, name, value)
        if not self.settings.save():
            self.tell(self.t("settings.not_saved", reason=self.settings.problem), severity="warning")

    def on_unmount(self) -> None:
        self.store.close()


class _AppWords:
    """Textual's own binding descriptions ("palette", "Quit") get our words too."""

    BUILTIN = {"palette": "key.palette", "Quit": "key.quit"}

    def __init__(self, t: Catalogue) -> None:
        self.t = t

    def __call__(self, text: str) -> str:
        return self.t(self.BUILTIN.get(text, text))


def data_size(path: Path) -> int:
    """Bytes of the snapshot and its journal (0 for a new file)."""
    total = 0
    for name in (path.name, path.name + ".journal"):
        try:
            total += (path.with_name(name)).stat().st_size
        except OSError:
            pass
    return total


def open_store(db_path: Path, today: date | None = None) -> tuple[Store, DvkError | None]:
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


def make_app(db_path: Path | str, lang: str | None = None, today: date | None = None,
             export_dir: Path | None = None) -> DvkApp:
    """`lang` None: the language chosen last time (settings file), else Vietnamese."""
    path = Path(db_path).expanduser()
    settings = Settings.load()
    lang = lang or settings.lang
    store, locked = open_store(path, today)
    return DvkApp(store, path, lang, locked, export_dir, settings)


def run_app(path: Path, lang: str | None = None) -> None:
    make_app(path, lang).run()
