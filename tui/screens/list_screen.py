"""A searchable, sortable, filterable list of records: search box, filters, table, count line, detail.

The table is virtual (tui/widgets/virtual_table.py): it holds the ids of the rows
in order and draws only those on screen, so 100 000 documents open at once. What
the rows are — search text, filters, sort — is a `ViewSpec`; turning it into ids
(`compute_view`) runs in a worker thread on a large file, inline on a small one
(a few milliseconds, and no flicker). While a view is being computed, keys that
act on "the highlighted row" wait for it (`defer`): `e` pressed just after a
search edits the row the search found, not the one that was under the cursor.

Filters are the rules of db/filters.py (the CLI lists use the same); each list
declares its pick lists (`FILTERS`) and builds its filter object (`make_filter`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Iterable, Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, Static, TextArea
from textual.worker import get_current_worker

from db.errors import DvkError
from db.models import Record
from db.text import fold
from tui.screens.base import SectionScreen
from tui.screens.choice import ChoiceDialog
from tui.screens.filter_dialog import FilterDialog
from tui.widgets.record_list import RecordList
from tui.widgets.text import shown
from tui.widgets.virtual_table import Column, VirtualTable

Related = tuple[str, list[tuple[str, int, Text]]]  # (pane title, items for a RecordList)
Options = list[tuple[str, str]]  # (label, value) of a pick list

DEBOUNCE_SECONDS = 0.02  # large files: a burst of keys (a paste) is searched once
LOADING_AFTER = 0.12  # a view slower than this shows the loading indicator
PAGE = 256  # ids read from the store at a time by StoreOrder
FIRST = 200  # a search on a large file shows its best FIRST hits at once, then all of them
NATURAL = "-natural-"  # the sort dialog's "the list's own order"
MIN_QUERY = 2  # large file: one letter matches most of 100 000 records; searching waits for the second


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str  # catalogue key
    width: int | None = None  # None: the column that takes the spare width
    drop: int = 0  # narrow terminal: the highest rank is hidden first (0: always shown)
    min_width: int = 16
    justify: str = "left"
    grow: int = 0  # wide terminal: this much more once the flexible column is roomy


@dataclass(frozen=True)
class FilterSpec:
    name: str
    label: str  # catalogue key of its label in the filter dialog ("Năm", "Người thực hiện")
    title: str  # catalogue key naming the filter on the count line ("năm", "người thực hiện")
    choices: tuple[tuple[str, str], ...] = ()  # fixed (catalogue key, value) choices; empty: from the data


@dataclass(frozen=True)
class ViewSpec:
    query: str
    filters: tuple[tuple[str, str], ...]  # (filter name, value) of the filters set
    sort: tuple[str, bool] | None  # (column, descending); None: the list's own order (or relevance)
    version: int  # the app's data version it was computed for


@dataclass
class View:
    keys: Sequence[int]
    total: int  # records in the list with no search and no filter
    cursor: int | None = None
    complete: bool = True  # False: the first hits of a search, the rest on its way


class StoreOrder(Sequence[int]):
    """The ids of a table in the store's own order (documents newest first, tasks by due
    date), read a page at a time: the first screen of a 100 000-row list costs one page."""

    def __init__(self, store, cls: type[Record]) -> None:
        self.store = store
        self.cls = cls
        self._len = store.count(cls)
        self._pages: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return self._len

    def _page(self, number: int) -> list[int]:
        page = self._pages.get(number)
        if page is None:
            page = [r.id for r in self.store.slice(self.cls, number * PAGE, (number + 1) * PAGE)]
            self._pages[number] = page
        return page

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError(index)
        return self._page(index // PAGE)[index % PAGE]

    def index(self, key: Any, start: int = 0, stop: int | None = None) -> int:
        every = [r.id for r in self.store.slice(self.cls, 0, None)]
        return every.index(key, start, len(every) if stop is None else stop)


class ListScreen(SectionScreen):
    TABLE: ClassVar[str] = ""
    COLUMNS: ClassVar[tuple[ColumnSpec, ...]] = ()
    FILTERS: ClassVar[tuple[FilterSpec, ...]] = ()
    EDIT_ACTIONS = frozenset({"add", "edit", "delete"})
    # actions of the one-letter keys (every list's own too): they step aside while a text box has the focus
    KEY_ACTIONS: ClassVar[tuple[str, ...]] = ("search", "add", "edit", "delete", "filters", "clear", "sort",
                                             "new_task", "toggle", "result", "open_document", "status",
                                             "import_register", "open_attachment")
    ROW_ACTIONS: ClassVar[frozenset[str]] = frozenset({"edit", "delete"})  # act on the highlighted row

    # Priority bindings: acted on as the app receives the key, not after it has travelled through
    # the focused widget — "/cai cach" or "a15/KH-UBND" typed in one burst reach the box the first
    # key opens. While a text box has the focus they step aside (check_action), so "a" types "a".
    BINDINGS = [
        Binding("slash", "search", "key.search", id="list.search", priority=True),
        Binding("a", "add", "key.add", id="list.add", priority=True),
        Binding("e", "edit", "key.edit", id="list.edit", priority=True),
        Binding("d,delete", "delete", "key.delete", id="list.delete", priority=True),
        Binding("f", "filters", "key.filters", id="list.filters", priority=True),
        Binding("c", "clear", "key.clear", id="list.clear", priority=True),
        Binding("S", "sort", "key.sort", id="list.sort", priority=True),
        Binding("ctrl+e", "export_list", "key.export_list", id="list.export"),
        Binding("enter,escape,down", "leave_search", "key.to_rows", show=False, id="list.leave_search",
                priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._timer: Timer | None = None
        self._loading: Timer | None = None
        self._pending: ViewSpec | None = None  # a view being computed in a worker
        self._shown: ViewSpec | None = None
        self._deferred: list[Callable[[], None]] = []
        self._labels: dict[str, dict[str, str]] = {}  # filter -> value -> label shown
        self._options: dict[str, Options] = {}  # pick lists read from the data (gathered in a worker)
        self.filters: dict[str, str] = dict(self.default_filters())  # filter name -> value chosen
        self.sort: tuple[str, bool] | None = None

    # ------------------------------------------------------------------ layout
    def compose_body(self) -> ComposeResult:
        yield Input(placeholder=self.app.t("search.placeholder"), id="search", compact=True)
        for spec in self.FILTERS:
            self._labels[spec.name] = {value: self.app.t(label) for label, value in spec.choices}
        yield VirtualTable(self.cells, id="table")
        yield Static(id="empty")
        yield Static(id="count")
        with Vertical(id="detail-pane"):
            yield Static(id="detail")
            yield RecordList(id="related")

    def on_mount(self) -> None:
        t = self.app.t
        self.table.set_columns([Column(c.key, t(c.label), c.width, c.drop, c.min_width, c.justify, c.grow)
                                for c in self.COLUMNS])
        self.set_focus(self.table)

    @property
    def table(self) -> VirtualTable:
        return self.query_one("#table", VirtualTable)

    @property
    def query_text(self) -> str:
        return self.query_one("#search", Input).value.strip()

    # ------------------------------------------------------------------ hooks for each list
    def natural_order(self) -> list[Record]:
        """Every record in the list's own order (runs in a worker on a large file)."""
        raise NotImplementedError

    def lazy_order(self) -> Sequence[int] | None:
        """The ids of the natural order without building the list (None: build it)."""
        return None

    def row(self, rec: Record) -> Sequence[Text]:
        raise NotImplementedError

    def sort_key(self, column: str) -> Callable[[Record], Any]:
        """Key of a column for sorting (text columns compare without accents, then as written)."""
        return lambda rec: ""

    def make_filter(self, values: dict[str, str]) -> Any:
        """A db.filters object for these pick-list values (each list has its own)."""
        return None

    def filter_options(self, records: list[Record]) -> dict[str, Options]:
        """Pick lists read from the data (types, issuers, years, assignees…)."""
        return {}

    def detail(self, rec: Record) -> Text:
        return Text("")

    def related(self, rec: Record) -> Related | None:
        """Records linked to this one, listed under its detail (Tab, Enter opens one)."""
        return None

    def empty_hint(self) -> str:
        """What to do when there is nothing here at all."""
        return self.app.t(f"empty.{self.SECTION}")

    def default_filters(self) -> dict[str, str]:
        return {}

    # ------------------------------------------------------------------ the view
    def cells(self, rec_id: int) -> Sequence[Text]:
        """The table's callback: cells of one row, drawn only when the row is on screen."""
        try:
            rec = self.store.get(self.record_class(), rec_id)
        except DvkError:
            return [Text("—")]
        return self.row(rec)

    def record_class(self) -> type[Record]:
        from db.models import RECORD_TYPES

        return RECORD_TYPES[self.TABLE]

    def spec(self) -> ViewSpec:
        return ViewSpec(self.query_text, tuple(sorted(self.filters.items())), self.sort, self.app.data_version)

    def compute_view(self, spec: ViewSpec, keep: int | None, select: int | None, first: int | None = None) -> View:
        """The ids to show for `spec` (safe in a worker thread: reads the store only).
        `first`: only the best `first` hits of the search (complete if there are no more)."""
        keys: Sequence[int] | None = None
        complete = True
        if not spec.query and not spec.filters and spec.sort is None:
            keys = self.lazy_order()
        if keys is None:
            if spec.query:
                limit = first or 10**9
                records = [rec for _hit, rec in self.store.find(spec.query, (self.TABLE,), limit=limit)]
                complete = len(records) < limit
            else:
                records = self.natural_order()
            chosen = self.make_filter(dict(spec.filters)) if spec.filters else None
            if chosen is not None:
                records = [rec for rec in records if chosen.matches(rec)]
            if spec.sort is not None:
                column, descending = spec.sort
                records = sorted(records, key=self.sort_key(column), reverse=descending)
            keys = [rec.id for rec in records]
        cursor = None
        for wanted in (select, keep):
            if wanted is not None:
                try:
                    cursor = keys.index(wanted)  # type: ignore[union-attr]
                    break
                except ValueError:
                    continue
        return View(keys, self.store.count(self.record_class()), cursor, complete)

    def gather_options(self) -> dict[str, Options]:
        """The pick lists read from every record (in a worker thread on a large file)."""
        return self.filter_options(self.natural_order())

    def apply(self, select: int | str | None = None) -> None:
        """Recompute the rows (search, filters, sort); the cursor goes to `select`, else stays on its record."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        spec = self.spec()
        keep = self.table.current_id
        wanted = int(select) if select is not None else None
        if spec.query and len(spec.query.replace(" ", "")) < MIN_QUERY and not self.app.small_data:
            self.query_one("#count", Static).update(shown(self.app.t("list.type_more")))
            return
        if self.app.small_data:
            self._show(spec, self.compute_view(spec, keep, wanted), wanted)
            return
        self._pending = spec
        if self._loading is None:
            self._loading = self.set_timer(LOADING_AFTER, self._show_loading)
        self._compute(spec, keep, wanted)

    def refresh_options(self) -> None:
        if self.app.small_data:
            self._options_ready(self.gather_options())
        else:
            self._gather_options()

    def _options_ready(self, options: dict[str, Options]) -> None:
        self._set_options(options)
        self.show_detail()  # the pane under the detail may read what was gathered with them

    @work(thread=True, exclusive=True, group="options", exit_on_error=False)
    def _gather_options(self) -> None:
        try:
            options = self.gather_options()
        except DvkError:
            return  # the list itself reports it
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._options_ready, options)

    @work(thread=True, exclusive=True, group="view", exit_on_error=False)
    def _compute(self, spec: ViewSpec, keep: int | None, select: int | None, first: bool = True) -> None:
        """A search shows its best hits first; the full list is computed once they are painted
        (computing it at once would hold the interpreter while the first hits wait to be drawn)."""
        worker = get_current_worker()
        try:
            if first and spec.query and spec.sort is None:
                view = self.compute_view(spec, keep, select, first=FIRST)
                if not view.complete:
                    if not worker.is_cancelled:
                        self.app.call_from_thread(self._show, spec, view, select, False)
                        self.app.call_from_thread(self.call_after_refresh, self._compute_rest, spec, keep, select)
                    return
            else:
                view = self.compute_view(spec, keep, select)
        except DvkError as err:
            self.app.call_from_thread(self._failed, spec, err)
            return
        except Exception:  # a bug: the list must not wait for it forever (the error is in the log)
            self.app.call_from_thread(self._failed, spec, None)
            raise
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, spec, view, select)

    def _compute_rest(self, spec: ViewSpec, keep: int | None, select: int | None) -> None:
        if spec == self._pending:
            self._compute(spec, keep, select, first=False)

    def _show_loading(self) -> None:
        self._loading = None
        if self._pending is not None:
            self.busy(True)
            self.table.add_class("-stale")

    def _failed(self, spec: ViewSpec, err: DvkError | None) -> None:
        if spec == self._pending:
            self._pending = None
            self.busy(False)
            self.table.remove_class("-stale")
            message = str(err) if err is not None else self.app.t("error.unexpected")
            self.app.tell(self.app.t("error.store", message=message), severity="error", timeout=10)
            self._deferred.clear()

    def _show(self, spec: ViewSpec, view: View, select: int | None = None, final: bool = True) -> None:
        if spec != self.spec() or (self._pending is not None and spec != self._pending):
            return  # the search, filters or data changed since: a newer view is on its way
        if final:
            self._pending = None
        if self._loading is not None:
            self._loading.stop()
            self._loading = None
        table = self.table
        if final:
            self.busy(False)
            table.remove_class("-stale")
        self._shown = spec
        nothing = view.total == 0
        table.display = not nothing
        empty = self.query_one("#empty", Static)
        empty.display = nothing
        if nothing:
            empty.update(Text(self.empty_hint()))
        table.set_sort(spec.sort)
        table.set_rows(view.keys, cursor=view.cursor)
        self._count_line(spec, len(view.keys), view.total, view.complete)
        self.show_detail()
        if not final:
            return
        deferred, self._deferred = self._deferred, []
        for action in deferred:
            action()

    def _count_line(self, spec: ViewSpec, shown_rows: int, total: int, complete: bool = True) -> None:
        t = self.app.t
        parts = [t("list.query", query=spec.query)] if spec.query else []
        titles = {f.name: f.title for f in self.FILTERS}
        for name, value in spec.filters:
            label = self._labels.get(name, {}).get(value, value)
            parts.append(t("list.filter", name=t(titles[name]), value=label))
        if parts:
            line = t("list.filtered", what=", ".join(parts), shown=shown_rows if complete else f"{shown_rows}+",
                     total=total)
        elif total:
            line = t("list.count", total=total)
        else:
            line = ""
        if not shown_rows and total:
            line = t("list.none_match", line=line)
        self.query_one("#count", Static).update(shown(line))

    def _set_options(self, options: dict[str, Options]) -> None:
        for name, choices in options.items():
            self._options[name] = choices
            self._labels.setdefault(name, {}).update((value, label) for label, value in choices)

    @property
    def view_pending(self) -> bool:
        return self._pending is not None

    @property
    def loaded(self) -> bool:
        """Rows are on screen for what the search box and filters say (nothing still computing)."""
        return self._shown is not None and self._pending is None and self._timer is None

    def defer(self, action: Callable[[], None]) -> bool:
        """True (and `action` kept for later) while the rows are being recomputed."""
        if self._pending is None:
            return False
        self._deferred.append(action)
        return True

    def reload(self) -> None:
        self.apply()
        self.refresh_options()

    # ------------------------------------------------------------------ the highlighted row
    def current(self) -> Record | None:
        key = self.table.current_id
        if key is None:
            return None
        try:
            return self.store.get(self.record_class(), key)
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

    @on(VirtualTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.show_detail()

    @on(VirtualTable.RowSelected)
    def _selected(self) -> None:
        if self.check_action("edit", ()):
            self.action_edit()

    @on(VirtualTable.HeaderClicked)
    def _header_clicked(self, event: VirtualTable.HeaderClicked) -> None:
        self.sort_by(event.column)

    # ------------------------------------------------------------------ search, filters, sort
    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self.app.small_data:
            self.apply()
        else:
            self._timer = self.set_timer(DEBOUNCE_SECONDS, self.apply)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.set_focus(self.table)

    def action_leave_search(self) -> None:
        """Enter, Esc or ↓ in the search box: back to the rows (what was typed counts at once)."""
        if self._timer is not None:
            self.apply()
        self.set_focus(self.table)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = isinstance(self.focused, (Input, TextArea))
        if action == "leave_search":
            return typing and self.focused.id == "search"
        if typing and action.startswith(self.KEY_ACTIONS):
            return False  # the letter is typed in the box
        return super().check_action(action, parameters)

    def show_record(self, rec_id: int) -> None:
        """Put the cursor on this record, clearing the search and filters if they hide it."""
        self.refresh_if_stale()
        self.table.display = True
        if not self.view_pending and self.table.select_key(rec_id):
            self.table.focus()
            self.show_detail()
            return
        self.clear_search(select=rec_id)
        self.table.focus()

    def action_search(self) -> None:
        # set_focus, not focus(): focus() is applied after the keys already queued, which
        # would reach the table (`c` clears, `a` adds…) when "/cai" is typed in one burst
        self.set_focus(self.query_one("#search", Input))

    def action_filters(self) -> None:
        if not self.FILTERS:
            return
        t = self.app.t
        filters = []
        for spec in self.FILTERS:
            choices = [(t(label), value) for label, value in spec.choices] or self._options.get(spec.name, [])
            filters.append((spec.name, t(spec.label), choices))

        def chosen(values: dict[str, str] | None) -> None:
            if values is not None and values != self.filters:
                self.filters = values
                self.apply()

        self.app.push_screen(FilterDialog(t("filter.title", section=t("section." + self.SECTION)), filters,
                                          self.filters), chosen)

    def action_clear(self) -> None:
        self.clear_search()
        self.table.focus()

    def clear_search(self, select: int | None = None) -> None:
        """No search text, no filter: every record, the cursor on `select` (or where it was)."""
        with self.prevent(Input.Changed):
            self.query_one("#search", Input).value = ""
        self.filters = {}
        self.apply(select=select)

    def sortable(self) -> list[tuple[str, str]]:
        """(column key, its header) of the columns a list can be sorted by."""
        t = self.app.t
        return [(c.key, t(c.label)) for c in self.COLUMNS if t(c.label)]

    def sort_by(self, column: str | None) -> None:
        """Sort by this column (ascending; again: descending); None: the list's own order."""
        if column is None:
            self.sort = None
        elif self.sort and self.sort[0] == column:
            self.sort = (column, not self.sort[1])
        else:
            self.sort = (column, False)
        self.apply()

    def action_sort(self) -> None:
        t = self.app.t
        marks = {False: "▲", True: "▼"}
        choices = [(NATURAL, t("sort.natural"))]
        for key, label in self.sortable():
            mark = f" {marks[self.sort[1]]}" if self.sort and self.sort[0] == key else ""
            choices.append((key, label + mark))

        def chosen(column: str | None) -> None:
            if column == NATURAL:
                self.sort_by(None)
            elif column is not None:
                self.sort_by(column)

        self.app.push_screen(ChoiceDialog(t("sort.title"), choices), chosen)

    def filtered_records(self) -> list[Record]:
        """Every record under the search, filters and sort, in the list's order — not only the rows
        drawn (what ctrl+e exports)."""
        cls = self.record_class()
        records = []
        for rec_id in self.compute_view(self.spec(), None, None).keys:
            try:
                records.append(self.store.get(cls, rec_id))
            except DvkError:
                continue  # deleted by the other session since the view was computed
        return records

    def action_export_list(self) -> None:
        from tui.screens.export_list import export_list  # the list as it is filtered, to xlsx/csv/ics

        export_list(self)

    # ------------------------------------------------------------------ editing (per list)
    def action_add(self) -> None: ...

    def action_edit(self) -> None: ...

    def action_delete(self) -> None: ...

    def changed(self, select: int | None = None) -> None:
        """After this screen changed data: re-read, keep the cursor on `select` (clearing the
        search and filters when they hide a record just saved)."""
        self._seen_version = self.app.data_version
        self.table.refresh_rows()  # the row edited shows its new values now; the order follows
        self.apply(select=select)
        self.refresh_options()
        if select is not None:
            self._ensure_shown(select)

    def _ensure_shown(self, select: int) -> None:
        def check() -> None:
            if self.table.current_id != select:
                self.clear_search(select=select)

        if not self.defer(check):
            check()


def folded(text: str) -> tuple[str, str]:
    """Sort key of a text: accents and case ignored first (Đ with D), then as written."""
    return fold(text or ""), text or ""


def one_of(values: Iterable[str]) -> list[str]:
    """The distinct non-empty values, in accent-insensitive order."""
    return sorted({v for v in values if v}, key=folded)
