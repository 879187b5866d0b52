"""A short list of records (a document's tasks, today's deadlines); Enter opens the one picked.

The list only says what was picked (`OpenRecord`); the app decides how to get
there, so the dashboard, the document pane and the task pane all jump the same way.
"""
from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class OpenRecord(Message):
    """Open this record in its own section."""

    def __init__(self, table: str, rec_id: int) -> None:
        super().__init__()
        self.table = table
        self.rec_id = rec_id


class SectionPicked(Message):
    """A report section was picked (dashboard): open it on Báo cáo."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number


class RecordList(OptionList):
    """Options keyed `table:id`; `empty` is shown, greyed and unselectable, when there is nothing."""

    def __init__(self, *, empty: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.empty_text = empty

    def show(self, items: list[tuple[str, int, Text]]) -> None:
        keep = self.highlighted
        self.clear_options()
        if items:
            self.add_options(Option(prompt, id=f"{table}:{rec_id}") for table, rec_id, prompt in items)
            self.highlighted = min(keep or 0, len(items) - 1)
        elif self.empty_text:
            self.add_option(Option(Text(self.empty_text, style="italic"), disabled=True))

    @property
    def item_count(self) -> int:
        return sum(1 for option in self.options if not option.disabled)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            table, rec_id = event.option.id.split(":")
            self.post_message(OpenRecord(table, int(rec_id)))
