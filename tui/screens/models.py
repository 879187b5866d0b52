"""Mô hình: the registered "Dân vận khéo" models and their status through the year."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from rich.text import Text
from textual.binding import Binding

from db.models import MODEL_STATUSES, DvkModel
from db.rules import MODEL_TRANSITIONS
from tui.screens.choice import ChoiceDialog
from tui.screens.confirm import ConfirmDialog
from tui.screens.list_screen import ListScreen
from tui.screens.model_dialog import ModelDialog
from tui.screens.text_dialog import TextDialog
from tui.widgets.text import shown


class ModelsScreen(ListScreen):
    SECTION = "models"
    TABLE = DvkModel.table
    COLUMNS = (
        ("year", "model.col.year", 4),
        ("name", "model.col.name", None),
        ("unit", "model.col.unit", 22),
        ("field", "model.col.field", 16),
        ("status", "model.col.status", 14),
    )
    EDIT_ACTIONS = ListScreen.EDIT_ACTIONS | {"status", "result"}
    BINDINGS = [
        Binding("s", "status", "key.model_status", id="models.status"),
        Binding("r", "result", "key.result", id="models.result"),
    ]

    def all_records(self) -> list[DvkModel]:
        return self.store.models()

    def row(self, m: DvkModel) -> Iterable[Text]:
        t = self.app.t
        return (Text(str(m.year or "")), shown(m.name), shown(m.unit), shown(m.field),
                Text(t("mstatus." + m.status)))

    def detail(self, m: DvkModel) -> Text:
        t = self.app.t
        text = shown(m.name, style="bold")
        text.append_text(shown(" · " + " · ".join(x for x in (m.unit, m.field, t("kind." + m.kind),
                                                             t("mstatus." + m.status)) if x)))
        if m.result:
            text.append_text(shown("\n" + m.result, multiline=True))
        return text

    def action_status(self) -> None:
        model = self.current()
        if model is None:
            return
        t = self.app.t
        allowed = MODEL_TRANSITIONS.get(model.status, set())
        choices = [(s, t("mstatus." + s)) for s in MODEL_STATUSES if s in allowed]

        def chosen(status: str | None) -> None:
            if status and self.app.attempt(lambda: self.store.save(replace(model, status=status))):
                self.changed(select=model.id)
                self.app.tell(t("model.status_set", name=model.name, status=t("mstatus." + status)))

        self.app.push_screen(ChoiceDialog(t("model.title.status", name=model.name), choices), chosen)

    def action_result(self) -> None:
        model = self.current()
        if model is None:
            return

        def done(text: str | None) -> None:
            if text is not None and text != model.result and self.app.attempt(
                    lambda: self.store.save(replace(model, result=text))):
                self.changed(select=model.id)
                self.app.tell(self.app.t("model.result_saved"))

        self.app.push_screen(TextDialog(self.app.t("model.title.result", name=model.name), model.result), done)

    def action_add(self) -> None:
        campaign = self.app.current_campaign()
        model = DvkModel(campaign=campaign.id if campaign else None,
                         year=campaign.year if campaign else self.store.today().year)
        self.app.push_screen(ModelDialog(self.app.t("model.title.add"), self.store.add, model), self._saved("model.added"))

    def action_edit(self) -> None:
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
        model = self.current()
        if model is None:
            return

        def answer(yes: bool | None) -> None:
            if yes and self.app.attempt(lambda: self.store.delete(DvkModel, model.id)):
                self.changed()
                self.app.tell(self.app.t("model.deleted"))

        self.app.push_screen(ConfirmDialog(self.app.t("model.confirm_delete", name=model.name)), answer)
