"""What every section screen shares: header, section strip, read-only banner, footer, refresh on change."""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.widgets.keys import localise_bindings
from tui.widgets.section_bar import SectionBar

if TYPE_CHECKING:
    from db.store import Store
    from tui.app import DvkApp


class SectionScreen(Screen):
    SECTION: ClassVar[str] = ""
    EDIT_ACTIONS: ClassVar[frozenset[str]] = frozenset()
    """Actions that change data: dimmed in the footer and refused when the file is read-only."""

    app: "DvkApp"

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self, self.app.t)
        self._seen_version = -1

    @property
    def store(self) -> "Store":
        return self.app.store

    def compose(self) -> ComposeResult:
        yield Header()
        yield SectionBar(self.SECTION)
        if self.app.readonly:
            yield Static(Text(self.app.t("readonly.banner")), id="readonly-banner")
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_screen_resume(self) -> None:
        self.sub_title = self.app.t("section." + self.SECTION)
        self.refresh_if_stale()

    def refresh_if_stale(self) -> None:
        if self._seen_version != self.app.data_version:
            self._seen_version = self.app.data_version
            self.reload()

    def reload(self) -> None:
        """Re-read what this screen shows from the store."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.EDIT_ACTIONS and self.app.readonly:
            return None  # shown dimmed: the banner says why
        return True
