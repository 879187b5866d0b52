"""Văn bản → import: bring an office's Excel/CSV register in, after seeing what will happen.

Two dialogs, one after the other:

    ImportDialog         which file (Documents folder proposed, its registers listed),
                         which sheet of an .xlsx, incoming or outgoing book
    ImportPreviewDialog  what `db.registers.read_register` found: how many will be added,
                         duplicates, every row that cannot be read (row number, reason);
                         y imports them in a worker, as ONE transaction (one Ctrl+Z)

Nothing is written before the user says yes in the preview; Esc there goes back
to the file with everything kept. Reading and importing run in thread workers
with a progress bar: a 5,000-row register takes a few seconds.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, ProgressBar, RichLog, Select, Static
from textual.widgets.option_list import Option

from db.errors import DvkError
from db.messages import Message
from db.registers import ImportPreview, ImportResult, apply_import, read_register
from db.registers.sources import SUFFIXES
from db.text import fold, visible
from tui.widgets.form_field import ChoiceField, FormField
from tui.widgets.keys import localise_bindings
from tui.widgets.styles import theme_style
from tui.widgets.text import shown

if TYPE_CHECKING:
    from tui.app import DvkApp

AUTO = "auto"  # Select value: the first sheet with a header row / the kind the file's title says
MAX_CANDIDATES = 40
CSS = Path(__file__).with_name("registers.tcss")
ORDER = {"import.problems": 1, "import.row": 1, "import.row_column": 1,
         "import.duplicates": 2, "import.duplicate_row": 2, "import.more": 2, "import.skipped": 3}


def register_files(typed: str) -> list[Path]:
    """The registers (.xlsx, .csv) in the folder of the typed path whose names start as typed, newest first."""
    path = Path(typed.strip() or ".").expanduser()
    folder, start = (path, "") if typed.endswith(os.sep) or path.is_dir() else (path.parent, path.name)
    try:
        found = [p for p in folder.iterdir()
                 if p.suffix.lower() in SUFFIXES and p.is_file() and fold(p.name).startswith(fold(start))]
    except OSError:
        return []
    found.sort(key=_newest_first)
    return found[:MAX_CANDIDATES]


def _newest_first(path: Path) -> tuple[float, str]:
    try:
        return -path.stat().st_mtime, path.name
    except OSError:
        return 0.0, path.name


def sheet_names(path: Path) -> list[str]:
    """Sheet names of an .xlsx (read-only open: the workbook part, not the cells); [] if it is not one."""
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return []
    import warnings

    import openpyxl  # deferred: only the import dialog needs it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True)
        try:
            return list(book.sheetnames)
        finally:
            book.close()
    except Exception:  # noqa: BLE001 — a file that is not an .xlsx is told when it is read
        return []


class ImportDialog(ModalScreen[ImportResult | None]):
    """Which register to read. Enter on the path (or on a listed file) shows the preview."""

    CSS_PATH = CSS
    BINDINGS = [
        Binding("ctrl+s", "preview", "import_dialog.key.preview", id="import_dialog.preview"),
        Binding("escape", "cancel", "key.cancel", id="import_dialog.cancel"),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        localise_bindings(self, self.app.t)
        self.folder = folder
        self.reading = False
        self.sheet_choices: list[str] = []  # sheets of the .xlsx typed, once read

    def compose(self) -> ComposeResult:
        t = self.app.t
        with Vertical(classes="dialog import-dialog"):
            yield Label(t("import_dialog.title"), classes="dialog-title", markup=False)
            yield FormField("register", t("import_dialog.field.file"), str(self.folder) + os.sep, hint=t("import_dialog.hint.file"))
            yield OptionList(id="import-files", compact=True)
            yield ChoiceField("sheet", t("import_dialog.field.sheet"), [(t("import_dialog.sheet.auto"), AUTO)], AUTO)
            yield ChoiceField("kind", t("import_dialog.field.kind"), [
                (t("import_dialog.kind.auto"), AUTO), (t("import_dialog.kind.in"), "in"), (t("import_dialog.kind.out"), "out")], AUTO)
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static(id="import-error")
            yield Static(Text(t("import_dialog.keys")), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#field-sheet").display = False
        self._list_files()
        field = self.query_one(FormField)
        field.input.focus()
        field.input.cursor_position = len(field.value)

    # ------------------------------------------------------------------ choosing the file
    @property
    def typed_path(self) -> Path:
        return Path(self.query_one(FormField).value.strip()).expanduser()

    @on(Input.Changed, "#input-register")
    def _path_changed(self) -> None:
        self.query_one("#import-error", Static).update("")
        self._list_files()
        self._load_sheets(self.typed_path)

    def _list_files(self) -> None:
        files = register_files(self.query_one(FormField).value)
        listing = self.query_one("#import-files", OptionList)
        listing.clear_options()
        listing.add_options(Option(shown(p.name), id=str(p)) for p in files)
        listing.display = bool(files)
        if files:
            listing.highlighted = 0

    def on_key(self, event: events.Key) -> None:
        """↓ from the path goes down to the files of its folder."""
        listing = self.query_one("#import-files", OptionList)
        if event.key == "down" and self.focused is self.query_one(FormField).input and listing.display:
            event.stop()
            listing.focus()

    @on(OptionList.OptionSelected, "#import-files")
    def _file_picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        field = self.query_one(FormField)
        with self.prevent(Input.Changed):
            field.input.value = event.option.id or ""
        self._load_sheets(self.typed_path, then_preview=True)

    @work(thread=True, exclusive=True, group="sheets")
    def _load_sheets(self, path: Path, then_preview: bool = False) -> None:
        names = sheet_names(path)
        self.app.call_from_thread(self._show_sheets, names, then_preview)

    def _show_sheets(self, names: list[str], then_preview: bool) -> None:
        self.sheet_choices = names
        field = self.query_one("#field-sheet", ChoiceField)
        options = [(Text(self.app.t("import_dialog.sheet.auto")), AUTO)] + [(shown(n), n) for n in names]
        keep = field.select.value
        with self.prevent(Select.Changed):
            field.select.set_options(options)
            field.select.value = keep if keep in names else AUTO
        field.display = len(names) > 1  # one sheet: nothing to choose
        if then_preview:
            self.action_preview()

    @on(Input.Submitted, "#input-register")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_preview()

    # ------------------------------------------------------------------ reading
    def action_preview(self) -> None:
        if self.reading:
            return
        value = self.query_one(FormField).value.strip()
        if not value:
            self.query_one("#import-error", Static).update(Text(self.app.t("import_dialog.no_file")))
            return
        sheet = self.query_one("#field-sheet", ChoiceField).value
        kind = self.query_one("#field-kind", ChoiceField).value
        self.reading = True
        self._progress(0, 0)
        self.read(self.typed_path, None if sheet == AUTO else sheet, None if kind == AUTO else kind)

    @work(thread=True, exclusive=True, group="import-read")
    def read(self, path: Path, sheet: str | None, kind: str | None) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            preview = read_register(path, self.app.store, sheet=sheet, direction=kind, progress=progress)
        except DvkError as err:
            self.app.call_from_thread(self._failed, str(err))
            return
        self.app.call_from_thread(self._read, preview)

    def _progress(self, done: int, total: int) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.add_class("-running")
        bar.update(total=total or None, progress=done)

    def _failed(self, message: str) -> None:
        self.reading = False
        self.query_one("#import-progress", ProgressBar).remove_class("-running")
        self.query_one("#import-error", Static).update(shown(message))

    def _read(self, preview: ImportPreview) -> None:
        self.reading = False
        self.query_one("#import-progress", ProgressBar).remove_class("-running")

        def done(result: ImportResult | None) -> None:
            if result is not None:
                self.dismiss(result)

        self.app.push_screen(ImportPreviewDialog(preview), done)

    def action_cancel(self) -> None:
        if not self.reading:
            self.dismiss(None)


class ImportPreviewDialog(ModalScreen[ImportResult | None]):
    """What the register holds; y adds the new documents in one step, Esc goes back (nothing written)."""

    CSS_PATH = CSS
    BINDINGS = [
        Binding("y,ctrl+s", "confirm", "import_dialog.key.confirm", id="import_preview.confirm"),
        Binding("escape", "back", "key.back", id="import_preview.back"),
    ]

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__()
        localise_bindings(self, self.app.t)
        self.preview = preview
        self.importing = False
        self.preview_lines: list[str] = []  # what the list shows, one line each (tests read it)

    def compose(self) -> ComposeResult:
        t = self.app.t
        with Vertical(classes="dialog import-preview"):
            yield Label(t("import_dialog.preview_title", file=visible(self.preview.path.name)), classes="dialog-title",
                        markup=False)
            yield Static(id="import-summary")
            # RichLog draws only the lines in view: with 5,000 bad rows the preview opens 0.5 s sooner
            # than with one Static holding them all (measured)
            yield RichLog(id="import-lines", wrap=True, markup=False, highlight=False, auto_scroll=False,
                          min_width=20)
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static(id="import-error")
            yield Static(id="import-keys", classes="dialog-hint")

    def on_mount(self) -> None:
        t, preview = self.app.t, self.preview
        lang = t.lang
        # every row that cannot be read comes before the duplicates: those are the rows to fix
        lines = sorted(preview.lines(duplicates_shown=len(preview.duplicates)), key=lambda m: ORDER.get(m.key, 0))
        self.preview_lines = [visible(line.render(lang)) for line in lines]
        self.query_one("#import-summary", Static).update(self._summary())
        log = self.query_one("#import-lines", RichLog)
        for message, line in zip(lines, self.preview_lines):
            log.write(Text(line, style=self._style(message)))
        keys = "import_dialog.keys_confirm" if preview.to_add else "import_dialog.keys_nothing"
        self.query_one("#import-keys", Static).update(Text(t(keys, count=len(preview.to_add))))
        log.focus()

    def _summary(self) -> Text:
        t, preview = self.app.t, self.preview
        text = Text(t("import_dialog.summary_add", count=len(preview.to_add)), style=theme_style(self.app, "success", True))
        if preview.duplicates:
            text.append("  ·  " + t("import_dialog.summary_duplicates", count=len(preview.duplicates)),
                        style=theme_style(self.app, "warning"))
        if preview.problems:
            text.append("  ·  " + t("import_dialog.summary_problems", count=len(preview.problems)),
                        style=theme_style(self.app, "error", True))
        return text

    def _style(self, message: Message):
        if message.key in ("import.row", "import.row_column", "import.problems"):
            return theme_style(self.app, "error")
        if message.key in ("import.duplicates", "import.duplicate_row", "import.more", "import.kind_guessed"):
            return theme_style(self.app, "warning")
        if message.key == "import.will_add":
            return theme_style(self.app, "success", bold=True)
        return ""

    # ------------------------------------------------------------------ importing
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.importing:
            return False  # the worker owns the store until it is done
        if action == "confirm" and (not self.preview.to_add or self.app.readonly):
            return None  # dimmed: nothing to add, or a read-only file
        return True

    def action_confirm(self) -> None:
        self.importing = True
        self.refresh_bindings()
        self.query_one("#import-error", Static).update("")
        self._progress(0, len(self.preview.to_add))
        self.run_import()

    @work(thread=True, exclusive=True, group="import-apply")
    def run_import(self) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            result = apply_import(self.app.store, self.preview, progress=progress)
        except DvkError as err:
            self.app.call_from_thread(self._failed, str(err))
            return
        self.app.call_from_thread(self.dismiss, result)

    def _progress(self, done: int, total: int) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.add_class("-running")
        bar.update(total=total or None, progress=done)

    def _failed(self, message: str) -> None:
        self.importing = False
        self.refresh_bindings()
        self.query_one("#import-progress", ProgressBar).remove_class("-running")
        self.query_one("#import-error", Static).update(shown(self.app.t("import_dialog.failed", message=message)))

    def action_back(self) -> None:
        self.dismiss(None)


def open_import(screen) -> None:
    """From Văn bản: the file dialog; after an import the list shows the first new document."""
    app: "DvkApp" = screen.app

    def done(result: ImportResult | None) -> None:
        if result is None:
            return
        if result.added:
            screen.changed(select=result.added[0].id)
            app.tell(app.t("import_dialog.done_tui", count=len(result.added), file=result.label.params.get("file", "")))
        else:
            app.tell(app.t("import.nothing"), severity="warning")

    app.push_screen(ImportDialog(app.export_dir), done)
