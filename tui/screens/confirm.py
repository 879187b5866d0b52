"""Yes/no question before anything destructive."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.widgets.keys import localise_bindings
from tui.widgets.text import shown


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS = [
        Binding("y,enter", "answer(True)", "key.yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "key.no", id="confirm.no"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        localise_bindings(self, self.app.t)
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Static(shown(self.message, multiline=True), classes="confirm-message")  # quotes user text
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.app.t("key.yes") + " (y)", variant="error", id="yes", compact=True)
                yield Button(self.app.t("key.no") + " (n)", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
