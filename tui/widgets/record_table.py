"""A row-cursor DataTable that moves with j/k as well as the arrows, Home/End to the first/last row."""
from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable

from tui.widgets.keys import localise_bindings


class RecordTable(DataTable):
    BINDINGS = [
        Binding("j", "cursor_down", "key.down", show=False, id="table.down"),
        Binding("k", "cursor_up", "key.up", show=False, id="table.up"),
        # a row list: Home/End go to the first/last row (DataTable's own only scroll sideways)
        Binding("home", "scroll_top", "key.first", show=False, id="table.first"),
        Binding("end", "scroll_bottom", "key.last", show=False, id="table.last"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        localise_bindings(self, self.app.t)

    @property
    def current_key(self) -> str | None:
        """Row key (the record id as text) under the cursor, or None on an empty table."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def select_key(self, key: str) -> bool:
        try:
            self.move_cursor(row=self.get_row_index(key), animate=False)
        except Exception:  # RowDoesNotExist: the row is filtered out
            return False
        return True
