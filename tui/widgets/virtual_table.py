"""A table that draws only the rows on screen: 100 000 records open as fast as 10.

Textual's DataTable measures and stores every cell it is given (10 000 documents
took 2–4 s to show, Textual 8.2); textual-fastdatatable needs pyarrow and the whole
table materialised as columns first. Here the table holds only a sequence of row
keys (record ids, possibly a lazy view of the store) and asks `render_row(key)`
for the cells of the rows it is about to draw; drawn rows are cached until the
data changes.

Columns follow the terminal: the column without a width (the summary, the title)
takes the spare width, and when the terminal is too narrow the columns with the
highest `drop` rank are left out first, so 80 columns still show number, date,
summary and status without scrolling sideways. The header names the sorted
column with ▲/▼; a click on a header asks the screen to sort by it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.keys import localise_bindings

SORT_MARKS = {False: " ▲", True: " ▼"}
CACHE_ROWS = 400


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # header text, already in the app's language
    width: int | None = None  # None: takes the spare width (at least `min_width`)
    drop: int = 0  # narrow terminal: the highest rank is left out first; 0 = always shown
    min_width: int = 16
    justify: str = "left"
    grow: int = 0  # a wide terminal: up to this much wider, once the flexible column has ROOMY cells


ROOMY = 60


class VirtualTable(ScrollView, can_focus=True):
    """Rows are keys (record ids); `render_row(key)` gives their cells, in column order."""

    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    VirtualTable > .virtual-table--header { background: $panel; color: $foreground; text-style: bold; }
    VirtualTable > .virtual-table--odd { background: $surface-lighten-1 40%; }
    VirtualTable > .virtual-table--cursor {
        background: $block-cursor-blurred-background; color: $block-cursor-blurred-foreground;
    }
    VirtualTable:focus > .virtual-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    """
    COMPONENT_CLASSES = {"virtual-table--header", "virtual-table--odd", "virtual-table--cursor"}
    BINDINGS = [
        Binding("down,j", "cursor(1)", "key.down", show=False, id="table.down"),
        Binding("up,k", "cursor(-1)", "key.up", show=False, id="table.up"),
        Binding("pagedown", "page(1)", "key.page_down", show=False, id="table.page_down"),
        Binding("pageup", "page(-1)", "key.page_up", show=False, id="table.page_up"),
        Binding("home", "first", "key.first", show=False, id="table.first"),
        Binding("end", "last", "key.last", show=False, id="table.last"),
        Binding("enter", "select", "key.open", show=False, id="table.select"),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True, init=False)

    class RowHighlighted(Message):
        def __init__(self, table: "VirtualTable", key: int | None) -> None:
            super().__init__()
            self.table = table
            self.key = key

    class RowSelected(Message):
        def __init__(self, table: "VirtualTable", key: int) -> None:
            super().__init__()
            self.table = table
            self.key = key

    class HeaderClicked(Message):
        def __init__(self, table: "VirtualTable", column: str) -> None:
            super().__init__()
            self.table = table
            self.column = column

    def __init__(self, render_row: Callable[[int], Sequence[Text]], **kwargs) -> None:
        super().__init__(**kwargs)
        localise_bindings(self, self.app.t)
        self.render_row = render_row
        self._columns: list[Column] = []
        self._keys: Sequence[int] = ()
        self._layout: list[tuple[int, Column, int]] = []  # (index in columns, column, width) of shown columns
        self._layout_width = -1
        self._cache: dict[int, Strip] = {}
        self._header: Strip | None = None
        self.sort: tuple[str, bool] | None = None  # (column key, descending)

    # ------------------------------------------------------------------ data
    @property
    def columns(self) -> dict[str, Column]:
        return {c.key: c for c in self._columns}

    def set_columns(self, columns: Sequence[Column]) -> None:
        self._columns = list(columns)
        self._relayout(force=True)

    @property
    def keys(self) -> Sequence[int]:
        return self._keys

    def set_rows(self, keys: Sequence[int], cursor: int | None = None) -> None:
        """Show these rows; the cursor goes to `cursor` (an index), else stays where it was."""
        self._keys = keys
        self._cache.clear()
        self.virtual_size = Size(self._content_width(), len(keys) + 1)
        row = self.cursor_row if cursor is None else cursor
        self.cursor_row = max(0, min(row, len(keys) - 1))
        self.refresh()

    def refresh_rows(self) -> None:
        """The records behind the rows changed (same rows): draw them again."""
        self._cache.clear()
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def current_key(self) -> str | None:
        """The record id under the cursor, as text (None on an empty table)."""
        key = self.current_id
        return None if key is None else str(key)

    @property
    def current_id(self) -> int | None:
        if not self._keys or not 0 <= self.cursor_row < len(self._keys):
            return None
        return self._keys[self.cursor_row]

    def index_of(self, key: int | str) -> int | None:
        wanted = int(key)
        if self.current_id == wanted:
            return self.cursor_row
        try:
            return self._keys.index(wanted)  # type: ignore[attr-defined]
        except ValueError:
            return None

    def select_key(self, key: int | str) -> bool:
        index = self.index_of(key)
        if index is None:
            return False
        self.cursor_row = index
        return True

    def get_row_at(self, index: int) -> list[Text]:
        """The cells of row `index`, every column (shown or not)."""
        return list(self.render_row(self._keys[index]))

    def get_row(self, key: int | str) -> list[Text]:
        index = self.index_of(key)
        if index is None:
            raise KeyError(key)
        return self.get_row_at(index)

    def shown_columns(self) -> dict[str, int]:
        """Column key -> width in cells, of the columns the current width shows."""
        self._relayout()
        return {column.key: width for _i, column, width in self._layout}

    # ------------------------------------------------------------------ cursor
    def watch_cursor_row(self, row: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.RowHighlighted(self, self.current_id))

    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_y)
        visible = self._visible_rows()
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, force=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, force=True)

    def move_cursor(self, row: int) -> None:
        if self._keys:
            self.cursor_row = max(0, min(row, len(self._keys) - 1))

    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_page(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step * self._visible_rows())

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._keys) - 1)

    def action_select(self) -> None:
        key = self.current_id
        if key is not None:
            self.post_message(self.RowSelected(self, key))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            column = self._column_at(offset.x)
            if column is not None:
                self.post_message(self.HeaderClicked(self, column))
            return
        row = round(self.scroll_y) + offset.y - 1
        if 0 <= row < len(self._keys):
            if row == self.cursor_row:
                self.action_select()
            else:
                self.cursor_row = row

    def _column_at(self, x: int) -> str | None:
        left = 0
        for _index, column, width in self._layout:
            if left <= x < left + width + 2:
                return column.key
            left += width + 2
        return None

    # ------------------------------------------------------------------ layout
    def _content_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self.virtual_size = Size(self._content_width(), len(self._keys) + 1)
        self._scroll_to_cursor()

    def _relayout(self, force: bool = False) -> None:
        width = self._content_width()
        if width == self._layout_width and not force:
            return
        self._layout_width = width
        self._layout = layout_columns(self._columns, width)
        self._cache.clear()
        self._header = None
        self.refresh()

    def set_sort(self, sort: tuple[str, bool] | None) -> None:
        self.sort = sort
        self._header = None
        self.refresh()

    # ------------------------------------------------------------------ drawing
    def render_line(self, y: int) -> Strip:
        self._relayout()
        width = self._content_width()
        if y == 0:
            if self._header is None:
                style = self.get_component_rich_style("virtual-table--header")
                cells = [Text() for _column in self._columns]
                for index, column, cell_width in self._layout:
                    mark = SORT_MARKS[self.sort[1]] if self.sort and self.sort[0] == column.key else ""
                    label = column.label
                    if mark and len(label) + len(mark) > cell_width:  # the mark is never the part cut
                        label = label[: max(0, cell_width - len(mark) - 1)] + "…"
                    cells[index] = Text(label + mark)
                self._header = self._strip(cells, width).apply_style(style)
            return self._header
        row = round(self.scroll_y) + y - 1
        if not 0 <= row < len(self._keys):
            return Strip.blank(width, self.rich_style)
        key = self._keys[row]
        strip = self._cache.get(key)
        if strip is None:
            if len(self._cache) > CACHE_ROWS:
                self._cache.clear()
            cells = list(self.render_row(key))
            strip = self._strip(cells, width)
            self._cache[key] = strip
        if row == self.cursor_row:
            return Strip(Segment.apply_style(strip, post_style=self.get_component_rich_style(
                "virtual-table--cursor")), strip.cell_length)
        base = self.rich_style
        if row % 2:
            base = base + self.get_component_rich_style("virtual-table--odd")
        return strip.apply_style(base)

    def _strip(self, cells: Sequence[Text], width: int) -> Strip:
        """One line: the shown columns' cells, cut to their widths with "…", 1 cell apart."""
        line = Text(no_wrap=True, overflow="ellipsis")
        for index, column, cell_width in self._layout:
            cell = cells[index].copy() if index < len(cells) else Text()
            cell.no_wrap = True
            cell.truncate(cell_width, overflow="ellipsis", pad=True)
            if column.justify == "right":
                cell = Text(" " * (cell_width - cell.cell_len)) + cell if cell.cell_len < cell_width else cell
            line.append(" ")
            line.append_text(cell)
            line.append(" ")
        line.truncate(width, overflow="ellipsis", pad=True)
        return Strip(list(line.render(self.app.console)), width)


def layout_columns(columns: Sequence[Column], width: int) -> list[tuple[int, Column, int]]:
    """(index, column, width) of the columns that fit in `width` cells (1 cell of padding each side).

    Columns with the highest `drop` rank go first until the flexible one has at least its
    `min_width`; it then takes all the width left."""
    shown = list(enumerate(columns))
    flex = [c for c in columns if c.width is None]

    def needed(cols: list[tuple[int, Column]]) -> int:
        return sum((c.width if c.width is not None else c.min_width) + 2 for _i, c in cols)

    while needed(shown) > width:
        droppable = [(c.drop, i) for i, c in shown if c.drop]
        if not droppable:
            break
        _rank, gone = max(droppable)
        shown = [(i, c) for i, c in shown if i != gone]
    spare = width - sum(c.width + 2 for _i, c in shown if c.width is not None)
    flex_cell = max(1, spare - 2) if flex else 0
    extra = {}
    for index, column in shown:  # a wide terminal: a few columns (the issuer) take some room first
        if column.grow and flex_cell > ROOMY:
            extra[index] = min(column.grow, flex_cell - ROOMY)
            flex_cell -= extra[index]
    out = []
    for index, column in shown:
        if column.width is None:
            cell = max(column.min_width if spare >= column.min_width + 2 else 1, flex_cell) if flex else 1
            out.append((index, column, cell))
        else:
            out.append((index, column, column.width + extra.get(index, 0)))
    return out
