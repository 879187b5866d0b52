"""What every section screen shares: header, section strip, read-only banner, footer, refresh on change."""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header, LoadingIndicator, Static

from tui.widgets.footer import KeyFooter
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
        banner = Static(id="readonly-banner")
        banner.display = False
        yield banner
        busy = LoadingIndicator(id="busy")  # not `widget.loading`: a widget covered so cannot keep the focus
        busy.display = False
        yield busy
        yield from self.compose_body()
        yield KeyFooter()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:  # Textual runs every class's on_mount: the sections' own ones too
        self.update_banner()

    def on_screen_resume(self) -> None:
        self.sub_title = self.app.t("section." + self.SECTION)
        self.update_banner()
        self.refresh_bindings()
        self.refresh_if_stale()

    def busy(self, on: bool) -> None:
        """The loading indicator under the section strip (data being read in a worker thread)."""
        self.query_one("#busy", LoadingIndicator).display = on

    def update_banner(self) -> None:
        """The read-only banner says who holds the file; it goes when this session may write."""
        banner = self.query_one("#readonly-banner", Static)
        banner.display = self.app.readonly
        if self.app.readonly:
            banner.update(Text(self.app.readonly_banner()))

    def refresh_if_stale(self) -> None:
        if self._seen_version != self.app.data_version:
            self._seen_version = self.app.data_version
            self.reload()

    def reload(self) -> None:
        """Re-read what this screen shows from the store."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.EDIT_ACTIONS and self.app.readonly:
            return None  # shown dimmed: the banner says why, and pressing it says so too
        return True

    def on_key(self, event: events.Key) -> None:
        """A dimmed key pressed on a read-only file: say why nothing happens, and who holds the file."""
        active = self.active_bindings.get(event.key)
        if active is not None and not active.enabled and self.app.readonly:
            event.stop()
            self.app.refuse_readonly()
