"""Add or edit a "Dân vận khéo" model."""
from __future__ import annotations

from dataclasses import replace

from db.models import MODEL_FIELDS, MODEL_KINDS, DvkModel
from tui.screens.form_dialog import Field, FormDialog
from tui.widgets.form_field import ChoiceField, FormField
from tui.widgets.validators import Check, Required


def _is_year(value: str) -> bool:
    value = value.strip()
    return not value or (value.isdigit() and len(value) == 4)


class ModelDialog(FormDialog[DvkModel]):
    def __init__(self, title: str, save, model: DvkModel) -> None:
        super().__init__(title, save, model)

    def build_fields(self) -> list[Field]:
        t, m = self.app.t, self.record
        return [
            FormField("name", t("field.name"), m.name, validators=[Required(t("required"))]),
            FormField("unit", t("field.unit"), m.unit, hint=t("hint.optional")),
            FormField("year", t("field.year"), str(m.year or ""), validators=[Check(_is_year, t("year.invalid"))]),
            ChoiceField("field", t("field.field"), [(self._field_label(f), f) for f in MODEL_FIELDS], m.field),
            ChoiceField("kind", t("field.kind"), [(t("kind." + k), k) for k in MODEL_KINDS], m.kind),
        ]

    def _field_label(self, value: str) -> str:
        from tui.screens.models import field_label  # the list and the dialog name fields alike

        return field_label(self.app, value)

    def build(self) -> DvkModel:
        year = self.value("year")
        return replace(self.record, name=self.value("name"), unit=self.value("unit"),
                       year=int(year) if year else None, field=self.value("field"), kind=self.value("kind"))
