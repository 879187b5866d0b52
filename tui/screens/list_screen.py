"""A searchable list of records: search box, table, count line, detail of the highlighted row.

Rows are added once per data change; typing rebuilds only the matches, capped at
CAP rows, because adding 10 000 rows to a DataTable costs a visible pause.
"""
from __future__ import annotations

from typing import ClassVar, Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from db.errors import DvkError
from db.models import Record
from tui.screens.base import SectionScreen
from tui.widgets.record_table import RecordTable

CAP = 500
DEBOUNCE_ABOVE = 2000  # records; below this, filtering on every keystroke is instant
DEBOUNCE_SECONDS = 0.15


class ListScreen(SectionScreen):
    TABLE: ClassVar[str] = ""
    COLUMNS: ClassVar[tuple[tuple[str, str, int | None], ...]] = ()  # (key, catalogue key, width)
    EDIT_ACTIONS = frozenset({"add", "edit", "delete"})

    BINDINGS = [
        Binding("slash", "search", "key.search", id="list.search"),
        Binding("a", "add", "key.add", id="list.add"),
        Binding("e", "edit", "key.edit", id="list.edit"),
        Binding("d,delete", "delete", "key.delete", id="list.delete"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._timer: Timer | None = None
        self._rows: list[Record] = []

    # ------------------------------------------------------------------ layout
    def compose_body(self) -> ComposeResult:
        yield Input(placeholder=self.app.t("search.placeholder"), id="search", compact=True)
        yield from self.compose_filters()
        yield RecordTable(id="table")
        yield Static(id="count")
        yield Static(id="detail")

    def compose_filters(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        table = self.table
        for key, label, width in self.COLUMNS:
            table.add_column(self.app.t(label), key=key, width=width)
        table.focus()

    @property
    def table(self) -> RecordTable:
        return self.query_one("#table", RecordTable)

    @property
    def query_text(self) -> str:
        return self.query_one("#search", Input).value.strip()

    # ------------------------------------------------------------------ hooks for each list
    def all_records(self) -> list[Record]:
        raise NotImplementedError

    def row(self, rec: Record) -> Iterable[Text]:
        raise NotImplementedError

    def detail(self, rec: Record) -> Text:
        return Text("")

    def keep(self, rec: Record) -> bool:
        """Filters other than the search text."""
        return True

    def has_filters(self) -> bool:
        return False

    # ------------------------------------------------------------------ filling the table
    def reload(self) -> None:
        self.apply()

    def apply(self, select: str | None = None) -> None:
        table = self.table
        keep_key = select or table.current_key
        query = self.query_text
        if query:
            records = [rec for _hit, rec in self.store.find(query, (self.TABLE,), limit=1_000_000)]
        else:
            records = self.all_records()
        if self.has_filters():
            records = [rec for rec in records if self.keep(rec)]
        total = len(records)
        capped = (query or self.has_filters()) and total > CAP
        self._rows = records[:CAP] if capped else records
        table.clear()
        for rec in self._rows:
            table.add_row(*self.row(rec), key=str(rec.id))
        if keep_key is not None:
            table.select_key(keep_key)
        key = "list.capped" if capped else "list.count"
        count = self.app.t(key, shown=len(self._rows), total=total) if self._rows else self.app.t("list.empty")
        self.query_one("#count", Static).update(Text(count))
        self.show_detail()

    def current(self) -> Record | None:
        key = self.table.current_key
        if key is None:
            return None
        try:
            return self.store.get(type(self._rows[0]), int(key)) if self._rows else None
        except DvkError:
            return None

    def show_detail(self) -> None:
        rec = self.current()
        self.query_one("#detail", Static).update(self.detail(rec) if rec else Text(""))

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.show_detail()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        if self.check_action("edit", ()):
            self.action_edit()

    # ------------------------------------------------------------------ search
    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self.store.all_count() > DEBOUNCE_ABOVE:
            self._timer = self.set_timer(DEBOUNCE_SECONDS, self.apply)
        else:
            self.apply()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.table.focus()

    def on_key(self, event) -> None:
        if event.key in ("escape", "down") and self.focused is self.query_one("#search", Input):
            event.stop()
            self.table.focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    # ------------------------------------------------------------------ editing (per list)
    def action_add(self) -> None: ...

    def action_edit(self) -> None: ...

    def action_delete(self) -> None: ...

    def changed(self, select: int | None = None) -> None:
        """After this screen changed data: tell the app, re-read, keep the cursor on `select`."""
        self.app.bump()
        self._seen_version = self.app.data_version
        self.apply(select=str(select) if select is not None else None)
