"""Ask where to write an export; the default sits next to the data file."""
from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui.widgets.form_field import FormField
from tui.widgets.keys import localise_bindings
from tui.widgets.validators import Check


class PathDialog(ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="path.cancel")]

    def __init__(self, title: str, default: Path) -> None:
        super().__init__()
        localise_bindings(self, self.app.t)
        self.title_text = title
        self.default = default

    def compose(self) -> ComposeResult:
        t = self.app.t
        exists = Check(lambda v: Path(v).expanduser().parent.is_dir(), t("report.path_invalid"))
        with Vertical(classes="dialog path-dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield FormField("path", t("field.path"), str(self.default), validators=[exists], hint=t("path.keys"))

    def on_mount(self) -> None:
        self.query_one(FormField).input.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        field = self.query_one(FormField)
        if field.check():
            self.dismiss(Path(field.value).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)
