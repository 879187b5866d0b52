"""Mô hình: the registered "Dân vận khéo" models and their status through the year;
filters by year, field and status (db/filters.py ModelFilter)."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from rich.text import Text
from textual.binding import Binding

from db.filters import ModelFilter
from db.models import MODEL_FIELDS, MODEL_STATUSES, DvkModel
from db.rules import MODEL_TRANSITIONS
from tui.screens.choice import ChoiceDialog
from tui.screens.confirm import ConfirmDialog
from tui.screens.list_screen import ColumnSpec, FilterSpec, ListScreen, Options, folded
from tui.screens.model_dialog import ModelDialog
from tui.screens.text_dialog import TextDialog
from tui.widgets.text import shown

if TYPE_CHECKING:
    from tui.app import DvkApp

# Catalogue keys of the model fields (stored as the Vietnamese words of db.models.MODEL_FIELDS).
FIELD_KEYS = dict(zip(MODEL_FIELDS, ("mfield.economy", "mfield.society", "mfield.defence", "mfield.politics")))


def field_label(app: "DvkApp", value: str) -> str:
    """A model's field in the app's language (a value from an older file is shown as stored)."""
    key = FIELD_KEYS.get(value)
    return app.t(key) if key else value


class ModelsScreen(ListScreen):
    SECTION = "models"
    TABLE = DvkModel.table
    COLUMNS = (
        ColumnSpec("year", "model.col.year", 4),
        ColumnSpec("name", "model.col.name", None, min_width=20),
        ColumnSpec("unit", "model.col.unit", 22, drop=1, grow=12),
        ColumnSpec("field", "model.col.field", 16, drop=2),
        ColumnSpec("status", "model.col.status", 14),
    )
    FILTERS = (
        FilterSpec("year", "field.year", "filter.year"),
        FilterSpec("field", "field.field", "filter.field", tuple((key, value) for value, key in FIELD_KEYS.items())),
        FilterSpec("status", "model.col.status", "filter.status", tuple((f"mstatus.{s}", s) for s in MODEL_STATUSES)),
    )
    EDIT_ACTIONS = ListScreen.EDIT_ACTIONS | {"status", "result"}
    BINDINGS = [
        Binding("s", "status", "key.model_status", id="models.status", priority=True),
        Binding("r", "result", "key.result", id="models.result", priority=True),
    ]

    def natural_order(self) -> list[DvkModel]:
        return self.store.models()

    def row(self, m: DvkModel) -> Sequence[Text]:
        t = self.app.t
        return (Text(str(m.year or "")), shown(m.name), shown(m.unit), shown(field_label(self.app, m.field)),
                Text(t("mstatus." + m.status)))

    def sort_key(self, column: str):
        statuses = {s: i for i, s in enumerate(MODEL_STATUSES)}
        return {
            "year": lambda m: (m.year or 0, folded(m.name), m.id),
            "name": lambda m: (folded(m.name), m.id),
            "unit": lambda m: (folded(m.unit), folded(m.name), m.id),
            "field": lambda m: (folded(m.field), folded(m.name), m.id),
            "status": lambda m: (statuses.get(m.status, 9), folded(m.name), m.id),
        }[column]

    def make_filter(self, values: dict[str, str]) -> ModelFilter:
        year = values.get("year")
        return ModelFilter(year=int(year) if year else None, field=values.get("field", ""),
                           status=values.get("status", ""))

    def filter_options(self, models: list[DvkModel]) -> dict[str, Options]:
        years = sorted({str(m.year) for m in models if m.year}, reverse=True)
        return {"year": [(y, y) for y in years]}

    def detail(self, m: DvkModel) -> Text:
        t = self.app.t
        text = shown(m.name, style="bold")
        text.append_text(shown(" · " + " · ".join(x for x in (m.unit, field_label(self.app, m.field),
                                                             t("kind." + m.kind), t("mstatus." + m.status)) if x)))
        if m.result:
            text.append_text(shown("\n" + m.result, multiline=True))
        return text

    def action_status(self) -> None:
        if self.defer(self.action_status):
            return
        model = self.current()
        if model is None:
            return
        t = self.app.t
        allowed = MODEL_TRANSITIONS.get(model.status, set())
        choices = [(s, t("mstatus." + s)) for s in MODEL_STATUSES if s in allowed]

        def chosen(status: str | None) -> None:
            if status:
                self.app.write(lambda: self.store.save(replace(self.store.get(DvkModel, model.id), status=status)),
                               lambda saved: self._status_set(saved))

        self.app.push_screen(ChoiceDialog(t("model.title.status", name=model.name), choices), chosen)

    def _status_set(self, model: DvkModel) -> None:
        t = self.app.t
        self.changed(select=model.id)
        self.app.tell(t("model.status_set", name=model.name, status=t("mstatus." + model.status)))

    def action_result(self) -> None:
        if self.defer(self.action_result):
            return
        model = self.current()
        if model is None:
            return

        def done(text: str | None) -> None:
            if text is not None and text != model.result:
                self.app.write(lambda: self.store.save(replace(self.store.get(DvkModel, model.id), result=text)),
                               lambda saved: self._result_saved(saved))

        self.app.push_screen(TextDialog(self.app.t("model.title.result", name=model.name), model.result), done)

    def _result_saved(self, model: DvkModel) -> None:
        self.changed(select=model.id)
        self.app.tell(self.app.t("model.result_saved"))

    def action_add(self) -> None:
        campaign = self.app.current_campaign()
        model = DvkModel(campaign=campaign.id if campaign else None,
                         year=campaign.year if campaign else self.store.today().year)
        self.app.push_screen(ModelDialog(self.app.t("model.title.add"), self.store.add, model), self._saved("model.added"))

    def action_edit(self) -> None:
        if self.defer(self.action_edit):
            return
        model = self.current()
        if model is not None:
            self.app.push_screen(ModelDialog(self.app.t("model.title.edit"), self.store.save, model),
                                 self._saved("model.saved"))

    def _saved(self, message: str):
        def done(model: DvkModel | None) -> None:
            if model is not None:
                self.changed(select=model.id)
                self.app.tell(self.app.t(message))
        return done

    def action_delete(self) -> None:
        if self.defer(self.action_delete):
            return
        model = self.current()
        if model is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.write(lambda: self.store.delete(DvkModel, model.id), lambda _none: self._deleted())

        self.app.push_screen(ConfirmDialog(self.app.t("model.confirm_delete", name=model.name)), answer)

    def _deleted(self) -> None:
        self.changed()
        self.app.tell(self.app.t("model.deleted"))
