"""One labelled form row: label, input, and a line that says what was understood or what is wrong."""
from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.validation import Validator
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from tui.widgets.text import shown

Describe = Callable[[str], str]


class FieldChanged(Message):
    """A field's value changed (the form may recompute dependent hints)."""

    def __init__(self, field: Widget) -> None:
        super().__init__()
        self.field = field


class FormField(Vertical):
    """A text field; `describe(value)` gives the live reading shown when the value is valid."""

    DEFAULT_CSS = """
    FormField { height: auto; }
    FormField > Horizontal { height: auto; }
    FormField .field-label { width: 18; padding: 0 1 0 0; }
    FormField Input { width: 1fr; }
    FormField .field-note { padding: 0 0 0 18; color: $text-muted; height: auto; }
    FormField .field-note.-invalid { color: $error; }
    FormField .field-note.-ok { color: $success; }
    """

    def __init__(self, name: str, label: str, value: str = "", *, validators: list[Validator] | None = None,
                 describe: Describe | None = None, hint: str = "", placeholder: str = "") -> None:
        super().__init__(id=f"field-{name}")
        self.field_name = name
        self.label = label
        self.hint = hint
        self.describe = describe
        self.input = Input(value, placeholder=placeholder, validators=validators or [], compact=True,
                           id=f"input-{name}", validate_on=["changed", "submitted", "blur"])
        self.note = Static(Text(hint), classes="field-note")

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.label, classes="field-label", markup=False)
            yield self.input
        yield self.note

    def on_mount(self) -> None:
        if self.input.value:
            self.check()

    @property
    def control(self) -> Widget:
        """The widget that takes the keys (focused when the form points at this field)."""
        return self.input

    @property
    def value(self) -> str:
        return self.input.value

    @property
    def is_valid(self) -> bool:
        return self.check()

    def check(self) -> bool:
        """Validate now and update the note; returns validity."""
        result = self.input.validate(self.input.value)
        if result is not None and not result.is_valid:
            self.show_error(result.failure_descriptions[0])
            return False
        reading = self.describe(self.input.value) if self.describe and self.input.value.strip() else ""
        self._note(reading or self.hint, "-ok" if reading else "")
        return True

    def show_error(self, message: str) -> None:
        self._note("✗ " + message, "-invalid")

    def _note(self, text: str, state: str) -> None:
        self.note.update(shown(text))  # may quote what the user typed: never markup, no control codes
        self.note.set_class(state == "-invalid", "-invalid")
        self.note.set_class(state == "-ok", "-ok")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.check()
        self.post_message(FieldChanged(self))


class ChoiceField(Horizontal):
    """A labelled Select over fixed values."""

    DEFAULT_CSS = """
    ChoiceField { height: auto; margin: 0 0 1 0; }
    ChoiceField .field-label { width: 18; padding: 0 1 0 0; }
    ChoiceField Select { width: 1fr; }
    """

    def __init__(self, name: str, label: str, options: list[tuple[str, str]], value: str) -> None:
        super().__init__(id=f"field-{name}")
        self.field_name = name
        self.label = label
        self.select: Select[str] = Select([(shown(text), val) for text, val in options], value=value,
                                          allow_blank=False, compact=True, id=f"input-{name}")

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label", markup=False)
        yield self.select

    @property
    def control(self) -> Widget:
        return self.select

    @property
    def value(self) -> str:
        return self.select.value  # type: ignore[return-value]

    @property
    def is_valid(self) -> bool:
        return True

    def show_error(self, message: str) -> None:
        self.notify(message, severity="error", markup=False)



class TextAreaField(Vertical):
    """A labelled multi-line field: paragraphs (blank line between) or one item per line."""

    DEFAULT_CSS = """
    TextAreaField { height: auto; margin: 0 0 1 0; }
    TextAreaField .field-label { width: 1fr; }
    TextAreaField TextArea { height: 8; }
    TextAreaField.-tall TextArea { height: 14; }
    TextAreaField .field-note { color: $text-muted; height: auto; }
    TextAreaField .field-note.-invalid { color: $error; }
    """

    def __init__(self, name: str, label: str, value: str = "", *, hint: str = "", tall: bool = False) -> None:
        super().__init__(id=f"field-{name}", classes="-tall" if tall else "")
        self.field_name = name
        self.label = label
        self.hint = hint
        self.area = TextArea(value, soft_wrap=True, id=f"input-{name}", tab_behavior="focus")
        self.note = Static(Text(hint), classes="field-note")

    def compose(self) -> ComposeResult:
        if self.label:  # the only field of a dialog needs no label under the dialog's title
            yield Label(self.label, classes="field-label", markup=False)
        yield self.area
        yield self.note

    def on_mount(self) -> None:
        self.area.move_cursor(self.area.document.end)  # most edits add to the end

    @property
    def control(self) -> Widget:
        return self.area

    @property
    def value(self) -> str:
        return self.area.text

    @property
    def is_valid(self) -> bool:
        return True

    def show_error(self, message: str) -> None:
        self.note.update(shown("✗ " + message))
        self.note.add_class("-invalid")
