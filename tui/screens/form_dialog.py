"""Base of the add/edit dialogs: fields validated as you type, Save refused until all are valid.

The dialog calls the `save` function it was given (store.add / store.save) in a
worker thread (app.write: a keystroke never waits for the disk), so a store
error — a duplicate number, a read-only file — is shown here, on the field it
concerns, and the typed text is never lost. A duplicate number offers to open
the document that has it.

The record being edited is `self.record` (never `self.task`/`self.model`…:
Textual's own classes use many short names; see tests/tui/test_names.py).
"""
from __future__ import annotations

from typing import Callable, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from db.errors import DvkError
from db.rules import ValidationError
from db.text import visible
from tui.screens.confirm import ConfirmDialog
from tui.widgets.form_field import ChoiceField, FormField, TextAreaField
from tui.widgets.keys import localise_bindings
from tui.widgets.text import shown

R = TypeVar("R")
Field = FormField | ChoiceField | TextAreaField


class FormDialog(ModalScreen[R | None], Generic[R]):
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="form.save"),
        Binding("escape", "cancel", "key.cancel", id="form.cancel"),
    ]

    def __init__(self, title: str, save: Callable[[R], R], record: R) -> None:
        super().__init__()
        localise_bindings(self, self.app.t)
        self.title_text = title
        self.save_fn = save
        self.record = record
        self.saving = False
        self.fields: list[Field] = self.build_fields()

    def build_fields(self) -> list[Field]:
        raise NotImplementedError

    def build(self) -> R:
        """The record from the field values (fields are valid here)."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="dialog"):
            yield Label(visible(self.title_text), classes="dialog-title", markup=False)
            yield from self.fields
            yield Static(id="form-error")
            yield Static(Text(self.app.t("form.keys")), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.app.t("key.save"), variant="primary", id="save", compact=True)
                yield Button(self.app.t("key.cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.set_focus(self.fields[0].control)  # at once: keys typed right after `a` go into it

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.field_name == name), None)

    def value(self, name: str) -> str:
        found = self.field(name)
        return found.value.strip() if found else ""

    def error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(shown(message, multiline=True))

    # ------------------------------------------------------------------ actions
    def action_save(self) -> None:
        """Check the fields here; the write itself runs off the UI thread (app.write), and the
        dialog closes when it is on disk — or stays, showing why, with everything typed kept."""
        if self.saving:
            return
        invalid = [f for f in self.fields if not f.is_valid]
        if invalid:
            self.error(self.app.t("form.fix"))
            invalid[0].control.focus()
            return
        try:
            built = self.build()
        except ValidationError as err:
            self._refused(err)
            return
        except DvkError as err:
            self.error(str(err))
            return
        if getattr(self.record, "id", 0) and built == self.record:
            self.dismiss(None)  # nothing changed: no write, no empty undo step
            return
        self.saving = True
        self.app.write(lambda: self.save_fn(built), self._saved, self._refused)

    def _saved(self, saved: R) -> None:
        self.saving = False
        if self.is_attached:
            self.dismiss(saved)

    def _refused(self, err: DvkError) -> bool:
        """A store error shown on the field it concerns; a duplicate number offers the document
        that has it. True: handled here (no error toast)."""
        self.saving = False
        if not self.is_attached:
            return False
        if isinstance(err, ValidationError):
            target = self.field(err.field)
            if err.key == "store.duplicate_number" and "id" in err.params:
                self._offer_existing(err, target)
                return True
            if target is not None:
                target.show_error(str(err))
                target.control.focus()
        self.error(str(err))
        return True

    def _offer_existing(self, err: ValidationError, target: Field | None) -> None:
        t = self.app.t
        words = t("doc.duplicate", number=err.params.get("number", ""), year=err.params.get("year", ""))
        if target is not None:
            target.show_error(words)
            target.control.focus()
        self.error(words)
        existing = int(err.params["id"])  # type: ignore[arg-type]

        def answer(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)
                self.app.call_later(self.app.open_document, existing)

        self.app.push_screen(ConfirmDialog(t("doc.duplicate_open", words=words)), answer)

    def action_cancel(self) -> None:
        if not self.saving:  # a save on its way finishes and closes the dialog itself
            self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last field it saves."""
        event.stop()
        position = next((i for i, f in enumerate(self.fields) if f.control is event.input), len(self.fields) - 1)
        if position + 1 < len(self.fields):
            self.fields[position + 1].control.focus()
        else:
            self.action_save()
