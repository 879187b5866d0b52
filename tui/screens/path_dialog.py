"""Ask where to write an export: a full path, proposed in the user's Documents folder.

Enter writes; an existing file is only replaced after a yes; a folder that does
not exist is refused on the field, with the text kept.
"""
from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from db.text import visible
from tui.screens.confirm import ConfirmDialog
from tui.widgets.form_field import FormField
from tui.widgets.keys import localise_bindings
from tui.widgets.validators import Check


def _target(value: str) -> Path:
    return Path(value.strip()).expanduser()


def _writable_place(value: str) -> bool:
    path = _target(value)
    return bool(value.strip()) and path.parent.is_dir() and not path.is_dir()


class PathDialog(ModalScreen[object]):
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="path.cancel")]

    def __init__(self, title: str, default: Path) -> None:
        super().__init__()
        localise_bindings(self, self.app.t)
        self.title_text = title
        self.default = default

    def compose(self) -> ComposeResult:
        t = self.app.t
        with Vertical(classes="dialog path-dialog"):
            yield Label(visible(self.title_text), classes="dialog-title", markup=False)
            yield from self.compose_choices()
            yield FormField("path", t("field.path"), str(self.default), hint=t("path.keys"),
                            validators=[Check(_writable_place, t("report.path_invalid"))])

    def compose_choices(self) -> ComposeResult:
        """Fields above the path (a format to choose…) in dialogs built on this one."""
        yield from ()

    def result(self, path: Path) -> object:
        """What the dialog answers once the path is accepted."""
        return path

    def on_mount(self) -> None:
        self.query_one(FormField).input.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = self.query_one(FormField)
        if not field.check():
            return
        path = _target(field.value)
        if not path.exists():
            self.dismiss(self.result(path))
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.dismiss(self.result(path))

        self.app.push_screen(ConfirmDialog(self.app.t("report.overwrite", path=str(path))), answer)

    def action_cancel(self) -> None:
        self.dismiss(None)
