"""`f` on a list: its filters in one dialog — a pick list each (type, issuer, year … / status,
assignee, section, overdue, priority / year, field, status). Ctrl+S applies, Esc keeps the
list as it was, Ctrl+D sets every filter back to "all".

One dialog instead of a row of pick lists on every list: the list keeps its lines for rows
(80×24 too), and a section opens without building five pick lists it may never use.
"""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from db.text import visible
from tui.widgets.form_field import ChoiceField
from tui.widgets.keys import localise_bindings

ALL = ""  # the value of "tất cả" in every pick list


class FilterDialog(ModalScreen[dict[str, str] | None]):
    BINDINGS = [
        Binding("ctrl+s", "apply", "key.apply", id="filter.apply"),
        Binding("ctrl+d", "reset", "key.reset_filters", id="filter.reset"),
        Binding("escape", "cancel", "key.cancel", id="filter.cancel"),
    ]

    def __init__(self, title: str, filters: list[tuple[str, str, list[tuple[str, str]]]],
                 values: dict[str, str]) -> None:
        """`filters`: (name, label, [(choice label, value)…]) in order; `values`: the current ones."""
        super().__init__()
        localise_bindings(self, self.app.t)
        self.title_text = title
        self.choices = {name: choices for name, _label, choices in filters}  # what each pick list offers
        self.fields = [ChoiceField(name, label, [(self.app.t("filter.any"), ALL)] + choices,
                                   values.get(name, ALL) if any(v == values.get(name) for _l, v in choices) else ALL)
                       for name, label, choices in filters]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog filter-dialog"):
            yield Label(visible(self.title_text), classes="dialog-title", markup=False)
            yield from self.fields
            yield Static(Text(self.app.t("filter.keys")), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.app.t("key.apply"), variant="primary", id="apply", compact=True)
                yield Button(self.app.t("key.reset_filters"), id="reset", compact=True)

    def on_mount(self) -> None:
        if self.fields:
            self.set_focus(self.fields[0].control)

    def values(self) -> dict[str, str]:
        return {f.field_name: f.value for f in self.fields if f.value != ALL}

    def action_apply(self) -> None:
        self.dismiss(self.values())

    def action_reset(self) -> None:
        self.dismiss({})

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#apply")
    def _apply_pressed(self) -> None:
        self.action_apply()

    @on(Button.Pressed, "#reset")
    def _reset_pressed(self) -> None:
        self.action_reset()
