"""`?` / F1: the key map and a short how-to, written in Markdown (tui/help.md)."""
from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static
from rich.markdown import Markdown

from tui.widgets.keys import localise_bindings

HELP_DIR = Path(__file__).resolve().parent.parent


def help_text(lang: str) -> str:
    name = "help.md" if lang == "vi" else f"help.{lang}.md"
    return (HELP_DIR / name).read_text(encoding="utf-8")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "key.close", id="help.close"),
        Binding("j,down", "scroll(1)", "key.down", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "key.up", show=False, id="help.up"),
    ]

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self, self.app.t)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog help") as scroll:
            scroll.border_title = self.app.t("help.title")
            yield Static(Markdown(help_text(self.app.t.lang)))  # one renderable: opens in a blink

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
