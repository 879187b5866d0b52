"""Add or edit a document: the number is read live, dates day-first."""
from __future__ import annotations

from dataclasses import replace

from db.dates import format_ui, parse_date, try_parse_date
from db.models import Document
from db.numbers import ISSUER_NAMES, try_parse_number
from db.rules import iso_or_none
from tui.screens.form_dialog import Field, FormDialog
from tui.widgets.form_field import ChoiceField, FieldChanged, FormField
from tui.widgets.validators import DateValidator, DocNumberValidator, Required


def ui(iso: str | None) -> str:
    return format_ui(parse_date(iso)) if iso else ""


class DocumentDialog(FormDialog[Document]):
    def __init__(self, title: str, save, doc: Document | None = None) -> None:
        super().__init__(title, save, doc or Document())

    def build_fields(self) -> list[Field]:
        t, doc = self.app.t, self.record
        return [
            FormField("number", t("field.number"), doc.number, hint=t("hint.number"),
                      validators=[DocNumberValidator()], describe=self.describe_number),
            FormField("date", t("field.date"), ui(doc.date), hint=t("hint.date"),
                      validators=[DateValidator()], describe=self.describe_date),
            FormField("type_name", t("field.type"), doc.type_name, hint=t("hint.optional")),
            FormField("issuer_name", t("field.issuer"), doc.issuer_name, hint=t("hint.optional")),
            FormField("summary", t("field.summary"), doc.summary, validators=[Required(t("required"))]),
            ChoiceField("direction", t("field.direction"),
                        [(t("direction.in"), "in"), (t("direction.out"), "out")], doc.direction),
            ChoiceField("handling", t("field.handling"),
                        [(t("handling.none"), ""), (t("handling.pending"), "pending"), (t("handling.done"), "done")],
                        doc.handling),
            FormField("due", t("field.due"), ui(doc.due), hint=t("hint.optional"),
                      validators=[DateValidator()], describe=self.describe_date),
        ]

    def describe_number(self, value: str) -> str:
        parsed = try_parse_number(value)
        if parsed is None:
            return ""
        t = self.app.t
        return t("parse.ok", canonical=parsed.canonical, type=parsed.type_name or "?",
                 issuer=ISSUER_NAMES.get(parsed.issuer, parsed.issuer), style=t("style." + parsed.style))

    def describe_date(self, value: str) -> str:
        parsed = try_parse_date(value)
        return format_ui(parsed) if parsed else ""

    def on_field_changed(self, event: FieldChanged) -> None:
        """The number decides the type and issuer shown as placeholders."""
        if getattr(event.field, "field_name", "") != "number":
            return
        parsed = try_parse_number(event.field.value)
        type_field, issuer_field = self.field("type_name"), self.field("issuer_name")
        type_field.input.placeholder = parsed.type_name if parsed else ""
        issuer_field.input.placeholder = ISSUER_NAMES.get(parsed.issuer, "") if parsed else ""

    def build(self) -> Document:
        parsed = try_parse_number(self.value("number"))
        issuer = self.value("issuer_name") or (ISSUER_NAMES.get(parsed.issuer, "") if parsed else "")
        return replace(
            self.record,
            number=self.value("number"),
            date=iso_or_none(self.value("date"), "date"),
            type_name=self.value("type_name") or (parsed.type_name if parsed else ""),
            issuer_name=issuer,
            summary=self.value("summary"),
            direction=self.value("direction"),
            handling=self.value("handling"),
            due=iso_or_none(self.value("due"), "due"),
            parts={},  # recomputed by the store's validation
        )
