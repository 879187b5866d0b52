"""Edit one part of the report (profile, layout, number and date, statistics, a narrative…) from its field specs.

Fields with dvk's own wording (`FieldSpec.generated`: căn cứ lines, the 1.1
lines, intro, closing, part titles, the reporting period) show that wording
greyed while they are empty, and a note under each says which text the report
will print: the one typed here, which overrides dvk's, or dvk's, which follows
the data. Ctrl+R puts dvk's wording, made from what the dialog holds now, in
the field. Saving asks before keeping typed wording that no longer matches
figures just changed in the same dialog (the UX trap of issue 11).
"""
from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import Select, TextArea

from db.models import Record
from tui.screens.confirm import ConfirmDialog
from tui.screens.form_dialog import Field, FormDialog
from tui.screens.report_fields import FieldSpec, Part, follows_data, generated_text, parse, problem, read, write
from tui.widgets.form_field import ChoiceField, FieldChanged, FormField, TextAreaField
from tui.widgets.keys import localise_bindings
from tui.widgets.validators import Check


class PartDialog(FormDialog[Record]):
    BINDINGS = [Binding("ctrl+r", "regenerate", "key.regenerate", id="part.regenerate")]

    def __init__(self, title: str, save: Callable[[Record], Record], record: Record, part: Part) -> None:
        self.part = part
        self.generated_specs = [spec for spec in part.fields if spec.generated]
        self.asked_stale = False
        self.offered: dict[str, list[str]] = {}  # values each choice field offers now
        self.wording: dict[str, tuple[Record, str]] = {}  # dvk's wording per field, and the record it came from
        super().__init__(title, save, record)

    def build_fields(self) -> list[Field]:
        return [self._field(spec) for spec in self.part.fields]

    def _field(self, spec: FieldSpec) -> Field:
        t, name = self.app.t, spec.path.replace(".", "-")
        value = read(self.record, spec)
        label = t(spec.label, number=self.part.section)
        hint = t(spec.hint) if spec.hint else ""
        if spec.kind in ("choice", "int_choice"):
            choices = spec.choices_of(self.record) if spec.choices_of else spec.choices
            options = [(t(text), val) for text, val in choices]
            values = [val for _text, val in options]
            self.offered[spec.path] = values
            return ChoiceField(name, label, options, value if value in values else _nearest(value, values))
        if spec.kind in ("lines", "paragraphs"):
            alone = len(self.part.fields) == 1
            kind = LinesField if spec.kind == "lines" else TextAreaField
            return kind(name, "" if alone else label, value, hint=hint, tall=spec.kind == "paragraphs")
        # `problem` returns the reason or None; Check wants "is it fine" plus one message, so the
        # validator's message is filled in from the reason each time it fails.
        check = _SpecCheck(spec, t)
        return FormField(name, label, value, hint=hint, validators=[check])

    def on_mount(self) -> None:
        super().on_mount()
        self.initial = {spec.path: self._text(spec) for spec in self.generated_specs}
        self._follow()

    # ------------------------------------------------------------------ reading the form as it is now
    def _widget(self, spec: FieldSpec) -> Field:
        return self.fields[self.part.fields.index(spec)]

    def _text(self, spec: FieldSpec) -> str:
        return self._widget(spec).value

    def current(self, upto: FieldSpec | None = None) -> Record:
        """The record with every valid field written (fields before `upto` only, when given)."""
        record = self.record
        for spec, field in zip(self.part.fields, self.fields):
            if spec is upto:
                break
            if not isinstance(field, FormField) or problem(spec, field.value, self.app.t) is None:
                record = write(record, spec, parse(spec, field.value))
        return record

    def generated(self, spec: FieldSpec) -> str:
        """dvk's wording from the form as it is now (remembered while the data it uses is unchanged:
        the căn cứ lines read every document, and this runs at each keystroke)."""
        record = self.current(upto=spec)
        known = self.wording.get(spec.path)
        if known is None or known[0] != record:
            known = (record, generated_text(spec, record, self.app.store))
            self.wording[spec.path] = known
        return known[1]

    # ------------------------------------------------------------------ dvk's wording, live
    def _follow(self) -> None:
        """Grey dvk's wording into empty fields and say, under each, which text will print."""
        t = self.app.t
        for spec in self.generated_specs:
            field, wording = self._widget(spec), self.generated(spec)
            text = field.value
            if isinstance(field, TextAreaField):
                field.area.placeholder = wording
            elif isinstance(field, FormField):
                field.input.placeholder = wording
            if spec.kind == "date":
                continue  # the hint says what an empty date means
            short = "" if isinstance(field, TextAreaField) else "_short"  # one line under an Input
            if not text.strip():
                note = t("generated.following" + short)
            elif follows_data(spec, text, wording):
                note = t("generated.same" + short)
            else:
                note = t("generated.override" + short)
            hint = t(spec.hint) if spec.hint else ""
            _set_note(field, (hint + "\n" if hint else "") + note)

    def on_field_changed(self, event: FieldChanged) -> None:
        if self.generated_specs and self.is_mounted:
            self._follow()

    @on(TextArea.Changed)
    def _area_changed(self) -> None:
        if self.generated_specs and self.is_mounted and hasattr(self, "initial"):
            self._follow()

    @on(Select.Changed)
    def _choice_changed(self) -> None:
        """A choice that bounds another (the layout bounds the body size) narrows it at once."""
        for spec, field in zip(self.part.fields, self.fields):
            if spec.choices_of and isinstance(field, ChoiceField):
                options = [(Text(self.app.t(text)), val) for text, val in spec.choices_of(self.current(upto=spec))]
                values = [val for _text, val in options]
                if values == self.offered.get(spec.path):
                    continue
                self.offered[spec.path] = values
                keep = _nearest(field.value, values)
                with self.prevent(Select.Changed):
                    field.select.set_options(options)
                    field.select.value = keep

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "regenerate" and not self.generated_specs:
            return False  # a part without dvk wording: the key is not offered
        return True

    def action_regenerate(self) -> None:
        """Put dvk's wording, made from the form as it is now, into every field that has one."""
        for spec in self.generated_specs:
            _set_value(self._widget(spec), self.generated(spec))
        self._follow()
        self.app.tell(self.app.t("generated.done"))

    # ------------------------------------------------------------------ saving
    def build(self) -> Record:
        record = self.record
        for spec, field in zip(self.part.fields, self.fields):
            text = field.value
            if spec.generated and follows_data(spec, text, generated_text(spec, record, self.app.store)):
                text = ""  # dvk's own words: stored empty, so they keep following the data
            record = write(record, spec, parse(spec, text))
        return record

    def stale_overrides(self) -> list[FieldSpec]:
        """Typed wording left as it was while the data it is made from changed in this dialog."""
        stale = []
        for spec in self.generated_specs:
            text = self._text(spec)
            if not text.strip() or text != self.initial.get(spec.path):
                continue
            before = generated_text(spec, self.record, self.app.store)
            if self.generated(spec) != before and not follows_data(spec, text, self.generated(spec)):
                stale.append(spec)
        return stale

    def action_save(self) -> None:
        stale = [] if self.asked_stale else self.stale_overrides()
        if not stale:
            super().action_save()
            return
        self.asked_stale = True
        t = self.app.t
        names = ", ".join(t(spec.label, number=self.part.section) for spec in stale)

        def answer(yes: bool | None) -> None:
            if yes:
                for spec in stale:
                    _set_value(self._widget(spec), self.generated(spec))
            super(PartDialog, self).action_save()

        self.app.push_screen(ConfirmDialog(t("generated.stale", fields=names)), answer)


class LinesArea(TextArea):
    """One item per line (căn cứ, Nơi nhận…): Ctrl+↑/↓ moves the line under the cursor, to reorder them."""

    BINDINGS = [
        Binding("ctrl+up", "move_line(-1)", "key.move_up", id="lines.up"),
        Binding("ctrl+down", "move_line(1)", "key.move_down", id="lines.down"),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        localise_bindings(self, self.app.t)

    def action_move_line(self, step: int) -> None:
        row, column = self.cursor_location
        lines = self.text.split("\n")
        to = row + step
        if not 0 <= to < len(lines):
            return
        lines[row], lines[to] = lines[to], lines[row]
        self.replace("\n".join(lines), self.document.start, self.document.end)  # one step of the area's undo
        self.move_cursor((to, column))


class LinesField(TextAreaField):
    def __init__(self, name: str, label: str, value: str = "", *, hint: str = "", tall: bool = False) -> None:
        super().__init__(name, label, value, hint=hint, tall=tall)
        self.area = LinesArea(value, soft_wrap=True, id=f"input-{name}", tab_behavior="focus")


def _set_value(field: Field, text: str) -> None:
    if isinstance(field, TextAreaField):
        field.area.text = text
    elif isinstance(field, FormField):
        field.input.value = text


def _set_note(field: Field, text: str) -> None:
    note = getattr(field, "note", None)
    if note is not None and not note.has_class("-invalid"):
        from tui.widgets.text import shown

        note.update(shown(text, multiline=True))


def _nearest(value: str, values: list[str]) -> str:
    """The allowed value nearest a number no longer allowed (15 pt when a layout stops at 14)."""
    if value in values or not values:
        return value if value in values else ""
    if value.isdigit() and all(v.isdigit() for v in values):
        return min(values, key=lambda v: abs(int(v) - int(value)))
    return values[0]


class _SpecCheck(Check):
    def __init__(self, spec: FieldSpec, t: Callable[[str], str]) -> None:
        super().__init__(self._ok, "")
        self.spec = spec
        self.t = t

    def _ok(self, value: str) -> bool:
        reason = problem(self.spec, value, self.t)
        self.message = reason or ""
        return reason is None
