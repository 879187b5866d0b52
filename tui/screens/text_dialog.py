"""Edit a longer text (a task's result) in a TextArea."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from db.text import visible
from tui.widgets.keys import localise_bindings


class TextDialog(ModalScreen[str | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="text.save"),
        Binding("escape", "cancel", "key.cancel", id="text.cancel"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        localise_bindings(self, self.app.t)
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog text-dialog"):
            yield Label(visible(self.title_text), classes="dialog-title", markup=False)
            yield TextArea(self.text, soft_wrap=True, id="text")
            yield Static(Text(self.app.t("text.keys")), classes="dialog-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
