"""Pick the documents the report cites as its legal bases (căn cứ), in citation order.

Space (or Enter) ticks a document; ticked ones are numbered in the order they
will be cited; Ctrl+↑/↓ moves the highlighted one earlier or later. `/` goes to
the box above, which narrows the list (number-aware, accents optional).
"""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from db.models import Document
from db.store import Store
from db.text import visible
from tui.screens.confirm import ConfirmDialog
from tui.widgets.doc_field import doc_line
from tui.widgets.keys import localise_bindings
from tui.widgets.text import shown


@dataclass
class Picked:
    ids: list[int]  # the bases, in citation order
    use_generated: bool = False  # drop the unit's own căn cứ wording, so dvk's lines from the picks print


class BasesDialog(ModalScreen[Picked | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="bases.save"),
        Binding("escape", "cancel", "key.cancel", id="bases.cancel"),
        Binding("ctrl+up", "move(-1)", "key.move_up", id="bases.up"),
        Binding("ctrl+down", "move(1)", "key.move_down", id="bases.down"),
        Binding("slash", "filter", "key.search", id="bases.filter"),
    ]

    def __init__(self, title: str, store: Store, chosen: list[int], note: str = "", ask: str | None = None) -> None:
        super().__init__()
        localise_bindings(self, self.app.t)
        self.title_text = title
        self.note_text = note  # whether the picks reach the report (the unit's own căn cứ wording wins)
        self.ask = ask  # asked on save when the picks changed and stored wording would hide them
        self.store = store
        self.chosen = [doc_id for doc_id in chosen if self._doc(doc_id) is not None]
        self.initial = list(self.chosen)

    def _doc(self, doc_id: int) -> Document | None:
        found = [d for d in self.store.all(Document) if d.id == doc_id]
        return found[0] if found else None

    def compose(self) -> ComposeResult:
        t = self.app.t
        with Vertical(classes="dialog bases-dialog"):
            yield Label(visible(self.title_text), classes="dialog-title", markup=False)
            if self.note_text:
                yield Static(Text(self.note_text), id="bases-note")
            yield Input(placeholder=t("bases.filter"), id="bases-filter", compact=True)
            yield SelectionList[int](id="bases-list", compact=True)
            yield Static(id="bases-count")
            yield Static(Text(t("bases.keys")), classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(SelectionList).focus()

    # ------------------------------------------------------------------ the list
    def _candidates(self) -> list[Document]:
        query = self.query_one("#bases-filter", Input).value.strip()
        if query:
            return [rec for _hit, rec in self.store.find(query, (Document.table,), limit=200)]
        by_id = {d.id: d for d in self.store.all(Document)}
        first = [by_id[i] for i in self.chosen if i in by_id]
        rest = [d for d in self.store.documents() if d.id not in self.chosen]
        return first + rest

    def _prompt(self, doc: Document) -> Text:
        mark = f"{self.chosen.index(doc.id) + 1:>2}. " if doc.id in self.chosen else "    "
        text = Text(mark, style="bold")
        text.append_text(shown(doc_line(doc, 80)))
        return text

    def _fill(self, keep: int | None = None) -> None:
        selections = self.query_one(SelectionList)
        highlighted = keep if keep is not None else selections.highlighted
        with self.prevent(SelectionList.SelectionToggled, SelectionList.SelectedChanged):
            selections.clear_options()
            selections.add_options(Selection(self._prompt(doc), doc.id, doc.id in self.chosen)
                                   for doc in self._candidates())
        if selections.option_count:
            selections.highlighted = min(highlighted or 0, selections.option_count - 1)
        self.query_one("#bases-count", Static).update(Text(self.app.t("bases.count", count=len(self.chosen))))

    @on(Input.Changed, "#bases-filter")
    def _filter(self) -> None:
        self._fill(keep=0)

    @on(Input.Submitted, "#bases-filter")
    def _filter_done(self) -> None:
        self.query_one(SelectionList).focus()

    @on(SelectionList.SelectionToggled)
    def _toggled(self, event: SelectionList.SelectionToggled) -> None:
        doc_id = event.selection.value
        if doc_id in self.chosen:
            self.chosen.remove(doc_id)
        else:
            self.chosen.append(doc_id)
        self._fill()

    # ------------------------------------------------------------------ actions
    def action_move(self, step: int) -> None:
        selections = self.query_one(SelectionList)
        if selections.highlighted is None:
            return
        doc_id = selections.get_option_at_index(selections.highlighted).value
        if doc_id not in self.chosen:
            return
        at = self.chosen.index(doc_id)
        to = max(0, min(len(self.chosen) - 1, at + step))
        self.chosen.insert(to, self.chosen.pop(at))
        query = self.query_one("#bases-filter", Input).value.strip()
        # without a filter the ticked documents lead the list in citation order: follow the moved one
        self._fill(keep=to if not query else selections.highlighted)

    def action_filter(self) -> None:
        self.query_one("#bases-filter", Input).focus()

    def action_save(self) -> None:
        if self.ask is None or self.chosen == self.initial:
            self.dismiss(Picked(list(self.chosen)))
            return

        def answer(use_generated: bool | None) -> None:
            self.dismiss(Picked(list(self.chosen), use_generated=bool(use_generated)))

        self.app.push_screen(ConfirmDialog(self.ask), answer)

    def action_cancel(self) -> None:
        self.dismiss(None)
