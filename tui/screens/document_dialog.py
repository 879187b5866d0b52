"""Add or edit a document: the number is read live, dates day-first, and the register fields
of the incoming book (số đến, ngày đến, người xử lý, ghi chú), tags and attached files.

Before the store sees the document, an arrived incoming one without a số đến
gets the next number of its arrival year (`assign_arrival_number`) and the
register rules are checked (`check_register_fields`): the Store does not run
them itself, so a clash (số đến used twice a year) is shown on its field here.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from textual import on
from textual.validation import ValidationResult, Validator
from textual.widgets import Select

from db.dates import format_ui, parse_date, try_parse_date
from db.models import Document
from db.numbers import ISSUER_NAMES, try_parse_number
from db.registers import assign_arrival_number, check_register_fields, next_arrival_number, parse_arrival_number
from db.rules import ValidationError, iso_or_none, likely_direction
from tui.screens.attachments import AttachmentsField
from tui.screens.form_dialog import Field, FormDialog
from tui.widgets.form_field import ChoiceField, FieldChanged, FormField
from tui.widgets.validators import DateValidator, DocNumberValidator, Required

_TAG_SPLIT = re.compile(r"[,;]")


def ui(iso: str | None) -> str:
    return format_ui(parse_date(iso)) if iso else ""


def parse_tags(text: str) -> list[str]:
    """`họp, dân vận; họp` -> ["họp", "dân vận"]: commas or semicolons, each tag once, in order."""
    tags: list[str] = []
    for tag in (" ".join(part.split()) for part in _TAG_SPLIT.split(text)):
        if tag and tag not in tags:
            tags.append(tag)
    return tags


class ArrivalNumberValidator(Validator):
    def validate(self, value: str) -> ValidationResult:
        try:
            parse_arrival_number(value)
        except ValidationError as err:
            return self.failure(str(err))
        return self.success()


class DocumentDialog(FormDialog[Document]):
    def __init__(self, title: str, save: Callable[[Document], Document], doc: Document | None = None) -> None:
        self.store_save = save
        self._direction_chosen = False  # the user picked it: the number no longer decides
        super().__init__(title, self.checked_save, doc or Document())
        self._direction_set = self.record.direction  # the value put there by the dialog itself

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
            FormField("arrival_date", t("field.arrival_date"), ui(doc.arrival_date), hint=t("hint.arrival_date"),
                      validators=[DateValidator()], describe=self.describe_date),
            FormField("arrival_number", t("field.arrival_number"),
                      "" if doc.arrival_number is None else str(doc.arrival_number),
                      hint=t("hint.arrival_number"), validators=[ArrivalNumberValidator()]),
            FormField("handler", t("field.handler"), doc.handler, hint=t("hint.optional")),
            FormField("tags", t("field.tags"), ", ".join(doc.tags), hint=t("hint.tags")),
            FormField("note", t("field.note"), doc.note, hint=t("hint.optional")),
            AttachmentsField("attachments", t("field.attachments"), doc.attachments,
                             placeholder=t("hint.attachment_path", example=str(self.app.export_dir / "4094-scan.pdf"))),
        ]

    def on_mount(self) -> None:
        super().on_mount()
        self._arrival_placeholder()

    # ------------------------------------------------------------------ live readings
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
        """The number decides the type and issuer shown as placeholders; the arrival date the next số đến."""
        name = getattr(event.field, "field_name", "")
        if name == "arrival_date":
            self._arrival_placeholder()
        if name != "number":
            return
        self._guess_direction(event.field.value)
        parsed = try_parse_number(event.field.value)
        type_field, issuer_field = self.field("type_name"), self.field("issuer_name")
        type_field.input.placeholder = parsed.type_name if parsed else ""
        issuer_field.input.placeholder = ISSUER_NAMES.get(parsed.issuer, "") if parsed else ""

    def _guess_direction(self, number: str) -> None:
        """A new document numbered with the unit's own code is one of its outgoing ones: the
        direction follows the number until the user picks one."""
        if self.record.id or self._direction_chosen:
            return
        field = self.field("direction")
        if field is None:
            return
        guess = likely_direction(number, self.app.store.profile())
        self._direction_set = guess
        field.select.value = guess

    @on(Select.Changed, "#input-direction")
    def _direction_changed(self, event: Select.Changed) -> None:
        if event.value != self._direction_set:  # not the record's own nor our guess: the user's
            self._direction_chosen = True
        self._arrival_placeholder()

    def _arrival_placeholder(self) -> None:
        """An empty số đến shows the number it will get: the next one of the arrival year."""
        field = self.field("arrival_number")
        arrived = try_parse_date(self.value("arrival_date"))
        if field is None:
            return
        if arrived is None or self.value("direction") != "in":
            field.input.placeholder = ""
            return
        others = (d for d in self.app.store.all(Document) if d.id != self.record.id)
        field.input.placeholder = self.app.t("placeholder.arrival_number",
                                             number=next_arrival_number(others, arrived.year))

    # ------------------------------------------------------------------ saving
    def build(self) -> Document:
        parsed = try_parse_number(self.value("number"))
        issuer = self.value("issuer_name") or (ISSUER_NAMES.get(parsed.issuer, "") if parsed else "")
        files = self.field("attachments")
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
            arrival_date=iso_or_none(self.value("arrival_date"), "arrival_date"),
            arrival_number=parse_arrival_number(self.value("arrival_number")),
            handler=self.value("handler"),
            note=self.value("note"),
            tags=parse_tags(self.value("tags")),
            attachments=list(files.paths) if isinstance(files, AttachmentsField) else self.record.attachments,
            # recomputed by the store's validation when the number changed; kept otherwise so an
            # unchanged form compares equal to the record and saves nothing
            parts=self.record.parts if self.value("number") == self.record.number else {},
        )

    def checked_save(self, doc: Document) -> Document:
        """Number an arrived incoming document, check the register rules, then store it."""
        others = self.app.store.all(Document)
        assign_arrival_number(doc, others)
        check_register_fields(doc, others)
        return self.store_save(doc)
