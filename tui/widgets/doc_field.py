"""The "Văn bản" field of a task: type part of a number (`4094`), pick `4094/KH-UBND` from the list.

Typing shows up to eight matches under the field (the store's number-aware
search, so `4094`, `kh ubnd 4094` and `dan van` all work); ↓ goes into the list,
Enter picks. Enter in the field itself takes the first match, so `4094 Enter`
is all it takes. A number typed in full is resolved exactly.
"""
from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from db.models import Document
from tui.cli_format import ui_date
from tui.widgets.form_field import FormField
from tui.widgets.keys import localise_bindings
from tui.widgets.text import shown
from tui.widgets.validators import Check

MATCHES = 8


class MatchList(OptionList):
    """The matches under the field; Esc goes back to typing (the list stays) instead of closing the dialog."""

    BINDINGS = [Binding("escape", "back", "key.back", show=False, id="doc_field.back")]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        localise_bindings(self, self.app.t)

    def action_back(self) -> None:
        field = self.parent
        if isinstance(field, DocField):
            field.input.focus()


def doc_line(doc: Document, width: int = 60) -> str:
    summary = doc.summary if len(doc.summary) <= width else doc.summary[: width - 1] + "…"
    return " · ".join(x for x in (doc.canonical, ui_date(doc.date), summary) if x)


def _one_line(text: str, width: int) -> Text:
    """One line per match, cut to the list's width (an OptionList wraps long prompts)."""
    return shown(text if len(text) <= width else text[: width - 1] + "…")


class DocField(FormField):
    DEFAULT_CSS = """
    DocField MatchList { height: auto; max-height: 8; margin: 0 0 0 18; display: none; }
    """

    def __init__(self, name: str, label: str, doc: Document | None, *,
                 search: Callable[[str], list[Document]], exact: Callable[[str], list[Document]],
                 hint: str, not_found: str, pick_hint: str) -> None:
        self.search = search
        self.exact = exact
        self.pick_hint = pick_hint
        self.picked: Document | None = doc
        self._found: dict[str, Document] = {}
        super().__init__(name, label, doc.canonical if doc else "", hint=hint,
                         validators=[Check(self._resolves, not_found)], describe=self._describe)
        self.matches = MatchList(id=f"matches-{name}", compact=True)

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.label, classes="field-label", markup=False)
            yield self.input
        yield self.matches
        yield self.note

    # ------------------------------------------------------------------ reading the text
    @property
    def doc(self) -> Document | None:
        """The document this field names, or None when empty (or not found)."""
        return self._lookup(self.input.value)

    def _lookup(self, text: str) -> Document | None:
        text = text.strip()
        if not text:
            return None
        if self.picked is not None and text == self.picked.canonical:
            return self.picked
        found = self.exact(text)
        return found[0] if found else None

    def _resolves(self, value: str) -> bool:
        return not value.strip() or self._lookup(value) is not None

    def _describe(self, value: str) -> str:
        doc = self._lookup(value)
        return doc_line(doc) if doc else ""

    # ------------------------------------------------------------------ the list of matches
    def on_input_changed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        if self.picked is not None and text != self.picked.canonical:
            self.picked = None
        found = [] if not text or self.doc is not None else self.search(text)[:MATCHES]
        width = (self.input.size.width or 60) - 2
        self.matches.clear_options()
        self.matches.add_options(Option(_one_line(doc_line(doc), width), id=str(doc.id)) for doc in found)
        self._found = {str(doc.id): doc for doc in found}
        self.matches.display = bool(found)
        if found:
            self.matches.highlighted = 0
        super().on_input_changed(event)

    def check(self) -> bool:
        """While matches are offered, say how to pick one rather than "not found"."""
        if self.matches.display and self.doc is None and self._found:
            self._note(self.pick_hint, "")
            return False
        return super().check()

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused_input and self.matches.display:
            event.stop()
            self.matches.focus()

    @property
    def focused_input(self) -> bool:
        return self.screen.focused is self.input

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter with matches open takes the first one; the form then moves on as usual."""
        if self.matches.display and self.matches.option_count:
            self.pick(self._found[self.matches.get_option_at_index(0).id])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(self._found[event.option.id])
        self.input.focus()

    def pick(self, doc: Document) -> None:
        self.picked = doc
        self.input.value = doc.canonical  # Changed follows: the list closes, the note reads the document
        self.matches.display = False
        self.check()
