"""A searchable list of records: search box, table, count line, detail of the highlighted row.

At most CAP rows are ever in the table, searched or not: DataTable measures every
cell it holds, and 10 000 documents took 2–4 s to show (measured, Textual 8.2);
500 take ~0.1 s. The count line says how many more there are and that typing
finds them — the search and the filters run over everything.
"""
from __future__ import annotations

from typing import ClassVar, Iterable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from db.errors import DvkError
from db.models import Record
from tui.screens.base import SectionScreen
from tui.widgets.record_list import RecordList
from tui.widgets.record_table import RecordTable

Related = tuple[str, list[tuple[str, int, Text]]]  # (pane title, items for a RecordList)

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
        Binding("ctrl+e", "export_list", "key.export_list", id="list.export"),
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
        yield Static(id="empty")
        yield Static(id="count")
        with Vertical(id="detail-pane"):
            yield Static(id="detail")
            yield RecordList(id="related")

    def compose_filters(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        table = self.table
        fixed = sum(width or 0 for _key, _label, width in self.COLUMNS)
        # The one column without a width takes what the terminal has left (cells pad 1 each side).
        flex = max(16, self.app.size.width - fixed - 2 * len(self.COLUMNS) - 2)
        for key, label, width in self.COLUMNS:
            table.add_column(self.app.t(label), key=key, width=width or flex)
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

    def related(self, rec: Record) -> Related | None:
        """Records linked to this one, listed under its detail (Tab, Enter opens one)."""
        return None

    def empty_hint(self) -> str:
        """What to do when there is nothing here at all."""
        return self.app.t(f"empty.{self.SECTION}")

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
        capped = total > CAP
        self._rows = records[:CAP] if capped else records
        table.clear()
        nothing = not records and not query and not self.has_filters() and not self.all_records()
        table.display = not nothing
        empty = self.query_one("#empty", Static)
        empty.display = nothing
        if nothing:
            empty.update(Text(self.empty_hint()))
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
        pane = self.query_one("#related", RecordList)
        links = self.related(rec) if rec else None
        pane.display = links is not None
        if links is not None:
            title, items = links
            pane.border_title = title
            pane.show(items)

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

    def on_key(self, event: events.Key) -> None:
        """Esc from the search box or a filter (and ↓ from the search box) goes back to the rows."""
        in_search = self.focused is self.query_one("#search", Input)
        if (event.key == "escape" and self.focused is not self.table) or (event.key == "down" and in_search):
            event.stop()
            self.table.focus()

    def show_record(self, rec_id: int) -> None:
        """Put the cursor on this record, clearing the search if it hides it."""
        self.refresh_if_stale()
        self.table.display = True
        if not self.table.select_key(str(rec_id)):
            self.clear_search()
            self.table.select_key(str(rec_id))
        self.table.focus()
        self.show_detail()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_export_list(self) -> None:
        from tui.screens.export_list import export_list  # the list as it is filtered, to xlsx/csv/ics

        export_list(self)

    # ------------------------------------------------------------------ editing (per list)
    def action_add(self) -> None: ...

    def action_edit(self) -> None: ...

    def action_delete(self) -> None: ...

    def changed(self, select: int | None = None) -> None:
        """After this screen changed data: tell the app, re-read, keep the cursor on `select`."""
        self.app.bump()
        self._seen_version = self.app.data_version
        self.apply(select=str(select) if select is not None else None)
        if select is not None and not self.table.select_key(str(select)):
            self.clear_search()  # a record just saved but hidden by the search: show it
            self.table.select_key(str(select))
            self.show_detail()

    def clear_search(self) -> None:
        with self.prevent(Input.Changed):
            self.query_one("#search", Input).value = ""
        self.apply()
