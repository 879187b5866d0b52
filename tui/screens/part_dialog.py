"""Edit one part of the report (profile, number and date, statistics, a narrative…) from its field specs."""
from __future__ import annotations

from typing import Callable

from db.models import Record
from tui.screens.form_dialog import Field, FormDialog
from tui.screens.report_fields import FieldSpec, Part, parse, problem, read, write
from tui.widgets.form_field import ChoiceField, FormField, TextAreaField
from tui.widgets.validators import Check


class PartDialog(FormDialog[Record]):
    def __init__(self, title: str, save: Callable[[Record], Record], record: Record, part: Part) -> None:
        self.part = part
        super().__init__(title, save, record)

    def build_fields(self) -> list[Field]:
        return [self._field(spec) for spec in self.part.fields]

    def _field(self, spec: FieldSpec) -> Field:
        t, name = self.app.t, spec.path.replace(".", "-")
        value = read(self.record, spec)
        label = t(spec.label, number=self.part.section)
        hint = t(spec.hint) if spec.hint else ""
        if spec.kind == "choice":
            return ChoiceField(name, label, [(t(text), val) for text, val in spec.choices], value)
        if spec.kind in ("lines", "paragraphs"):
            alone = len(self.part.fields) == 1
            return TextAreaField(name, "" if alone else label, value, hint=hint, tall=spec.kind == "paragraphs")
        # `problem` returns the reason or None; Check wants "is it fine" plus one message, so the
        # validator's message is filled in from the reason each time it fails.
        check = _SpecCheck(spec, t)
        return FormField(name, label, value, hint=hint, validators=[check])

    def build(self) -> Record:
        record = self.record
        for spec, field in zip(self.part.fields, self.fields):
            record = write(record, spec, parse(spec, field.value))
        return record


class _SpecCheck(Check):
    def __init__(self, spec: FieldSpec, t: Callable[[str], str]) -> None:
        super().__init__(self._ok, "")
        self.spec = spec
        self.t = t

    def _ok(self, value: str) -> bool:
        reason = problem(self.spec, value, self.t)
        self.message = reason or ""
        return reason is None
