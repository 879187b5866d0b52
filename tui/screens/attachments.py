"""Attached files of a document: listed in its form and its detail, opened with the system viewer.

Only paths are kept (db/registers/attachments.py decides what a valid one is);
the file is never copied or read. A path that no longer leads to a file stays
listed, marked, so the user sees what went missing instead of losing the entry.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from db.errors import DvkError
from db.models import Document
from db.registers import attach, detach
from db.registers.attachments import is_present
from db.text import visible
from tui.screens.choice import ChoiceDialog
from tui.widgets.keys import localise_bindings
from tui.widgets.styles import theme_style
from tui.widgets.text import shown

if TYPE_CHECKING:
    from tui.app import DvkApp


def attachment_prompt(app: "DvkApp", position: int, path: str) -> Text:
    """`1. /…/4094-scan.pdf`, and `✗ không còn tệp` after one that went missing."""
    line = Text(f"{position}. ")
    line.append_text(shown(path))
    if not is_present(path):
        line.append("  ✗ " + app.t("attachments.missing_mark"), style=theme_style(app, "error", bold=True))
    return line


def attachment_summary(app: "DvkApp", doc: Document) -> Text | None:
    """One line for the document's detail pane: file names, the missing ones marked; None without files."""
    if not doc.attachments:
        return None
    line = Text(app.t("attachments.detail", count=len(doc.attachments)) + " ")
    for i, path in enumerate(doc.attachments):
        if i:
            line.append(", ")
        line.append_text(shown(Path(path).name))
        if not is_present(path):
            line.append(" ✗", style=theme_style(app, "error", bold=True))
    line.append("  " + app.t("attachments.open_hint"), style="dim")
    return line


class AttachmentList(OptionList):
    """The attached paths; Delete removes the highlighted one from the document (the file stays)."""

    BINDINGS = [Binding("delete,ctrl+d", "remove", "attachments.key.remove", id="attachments.remove")]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        localise_bindings(self, self.app.t)

    def action_remove(self) -> None:
        if self.highlighted is not None and self.option_count:
            self.parent.remove_at(self.highlighted)  # type: ignore[union-attr]


class AttachmentsField(Vertical):
    """Form row: the attached files, and a path box where Enter attaches one more."""

    DEFAULT_CSS = """
    AttachmentsField { height: auto; margin: 0 0 1 0; }
    AttachmentsField .field-label { width: 1fr; }
    AttachmentsField AttachmentList { height: auto; max-height: 5; border: none; background: $surface; }
    AttachmentsField Input { width: 1fr; }
    AttachmentsField .field-note { color: $text-muted; height: auto; }
    AttachmentsField .field-note.-invalid { color: $error; }
    """

    def __init__(self, name: str, label: str, paths: list[str], placeholder: str) -> None:
        super().__init__(id=f"field-{name}")
        self.field_name = name
        self.label_text = label
        self.paths = list(paths)
        self.files = AttachmentList(id="attachment-list", compact=True)
        self.path_input = Input(placeholder=placeholder, id=f"input-{name}", compact=True)
        self.note = Static(classes="field-note")

    def compose(self) -> ComposeResult:
        yield Label(self.label_text, classes="field-label", markup=False)
        yield self.files
        yield self.path_input
        yield self.note

    def on_mount(self) -> None:
        self._show()

    # ------------------------------------------------------------------ what the form reads
    @property
    def control(self) -> Widget:
        return self.path_input

    @property
    def value(self) -> str:
        return self.path_input.value

    @property
    def is_valid(self) -> bool:
        """A path typed but not yet added is added now (nothing typed is lost); a wrong one stops the save."""
        return not self.path_input.value.strip() or self.add_typed()

    def show_error(self, message: str) -> None:
        self.note.update(shown("✗ " + message))
        self.note.add_class("-invalid")

    # ------------------------------------------------------------------ editing
    def add_typed(self) -> bool:
        scratch = Document(attachments=list(self.paths))
        try:
            attach(scratch, [self.path_input.value.strip()])
        except DvkError as err:
            self.show_error(str(err))
            return False
        self.paths = scratch.attachments
        self.path_input.value = ""
        self._show()
        return True

    def remove_at(self, index: int) -> None:
        scratch = Document(attachments=list(self.paths))
        detach(scratch, [self.paths[index]])
        self.paths = scratch.attachments
        self._show(keep=index)

    def _show(self, keep: int | None = None) -> None:
        t = self.app.t
        self.files.clear_options()
        self.files.add_options(Option(attachment_prompt(self.app, i, p)) for i, p in enumerate(self.paths, 1))
        self.files.display = bool(self.paths)
        if self.paths:
            self.files.highlighted = min(keep or 0, len(self.paths) - 1)
        self.note.remove_class("-invalid")
        self.note.update(Text(t("attachments.form_hint") if self.paths else t("attachments.form_hint_empty")))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.note.has_class("-invalid"):
            self._show(keep=self.files.highlighted)  # typing again: the old error goes

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()  # Enter here attaches; it does not move on or save the form
        if self.path_input.value.strip():
            self.add_typed()


# ---------------------------------------------------------------------- opening
def open_attachment(app: "DvkApp", doc: Document | None) -> None:
    """`o` on a document: its one file opens at once; with several, a list asks which."""
    if doc is None:
        app.tell(app.t("doc.none_selected"), severity="warning")
        return
    if not doc.attachments:
        app.tell(app.t("attachments.none_tui", number=doc.canonical), severity="warning")
        return
    if len(doc.attachments) == 1:
        _open(app, doc.attachments[0])
        return
    choices = [(str(i), visible(attachment_prompt(app, i + 1, p).plain)) for i, p in enumerate(doc.attachments)]

    def chosen(value: str | None) -> None:
        if value is not None:
            _open(app, doc.attachments[int(value)])

    app.push_screen(ChoiceDialog(app.t("attachments.which_title", number=doc.canonical), choices), chosen)


def _open(app: "DvkApp", path: str) -> None:
    from tui.opener import open_file

    try:
        open_file(path)
    except DvkError as err:
        app.tell(str(err), severity="error", timeout=10)
        return
    app.tell(app.t("attach.opening", path=path))
