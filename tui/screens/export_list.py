"""Export a list as it is shown — searched and filtered — to .xlsx or .csv, or the deadlines to .ics.

The report's path dialog with a format choice on top (Documents folder
proposed, asks before replacing a file), then the file is
written in a thread worker (exports/tables.py, exports/calendar.py; atomic,
never half a file) and a toast says where it went.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.widgets import Select

from db.errors import DvkError
from db.messages import Message
from db.models import Document, Record
from tui.screens.path_dialog import PathDialog
from tui.widgets.form_field import ChoiceField, FormField

if TYPE_CHECKING:
    from tui.app import DvkApp
    from tui.screens.list_screen import ListScreen

NOUNS = {"documents": "noun.documents", "tasks": "noun.tasks", "models": "noun.models"}
CALENDAR_FROM = ("documents", "tasks")  # the lists whose records have deadlines


class ExportListDialog(PathDialog):
    """The path dialog with the format on top; changing the format changes the file name's suffix."""

    def __init__(self, title: str, default: Path, choices: list[tuple[str, str]], stems: dict[str, str]) -> None:
        super().__init__(title, default)
        self.choices = choices  # (format, label)
        self.stems = stems  # format -> the file name proposed for it

    def compose_choices(self) -> ComposeResult:
        yield ChoiceField("format", self.app.t("export_list.field.format"),
                          [(label, fmt) for fmt, label in self.choices], self.choices[0][0])

    @property
    def fmt(self) -> str:
        return self.query_one("#field-format", ChoiceField).value

    @on(Select.Changed, "#input-format")
    def _format_changed(self) -> None:
        field = self.query_one(FormField)
        typed = Path(field.value.strip() or self.stems[self.fmt])
        stem = typed.stem if typed.stem not in self.stems.values() else self.stems[self.fmt]
        field.input.value = str(typed.with_name(f"{stem}.{self.fmt}"))

    def result(self, path: Path) -> tuple[str, Path]:
        """A suffix typed by hand (vanban.csv) says the format, as `dvk export` reads it."""
        typed = path.suffix.lower().lstrip(".")
        return (typed if typed in self.stems else self.fmt), path


def export_list(screen: "ListScreen") -> None:
    app: "DvkApp" = screen.app
    t, table = app.t, screen.TABLE
    records = screen.filtered_records()  # every record under the search and filters, not only those drawn
    noun = Message(NOUNS[table]).render(t.lang)
    choices = [("xlsx", t("export_list.choice.xlsx", count=len(records))),
               ("csv", t("export_list.choice.csv", count=len(records)))]
    if table in CALENDAR_FROM:
        choices.append(("ics", t("export_list.choice.ics")))
    stems = {fmt: t("export_list.file.calendar" if fmt == "ics" else f"export_list.file.{table}")
             for fmt, _label in choices}

    def chosen(answer: tuple[str, Path] | None) -> None:
        if answer is not None:
            write_export(app, table, records, *answer)

    default = app.export_dir / f"{stems['xlsx']}.xlsx"
    app.push_screen(ExportListDialog(t("export_list.title", noun=noun), default, choices, stems), chosen)


def write_export(app: "DvkApp", table: str, records: list[Record], fmt: str, path: Path) -> None:
    lang = app.t.lang
    documents = {d.id: d for d in app.store.all(Document)} if table == "tasks" else {}
    app.tell(app.t("export_list.writing", path=str(path)))

    def work() -> None:
        from exports.files import write_atomic

        try:
            if fmt == "ics":
                from exports.calendar import deadlines_calendar

                data, count = deadlines_calendar(app.store, lang=lang)
                done = Message("export.ics_done", count=count, path=path)
            else:
                data, done = _table_bytes(table, records, documents, fmt, lang), Message(
                    "export.done", count=len(records), noun=Message(NOUNS[table]), path=path)
            write_atomic(path, data)
        except DvkError as err:
            app.call_from_thread(app.tell, app.t("export_list.failed", message=str(err)), "error", 10)
            return
        except OSError as err:
            message = str(Message("export.write_failed", path=path, detail=err.strerror or str(err)).render(lang))
            app.call_from_thread(app.tell, app.t("export_list.failed", message=message), "error", 10)
            return
        app.call_from_thread(_written, app, path, done.render(lang))

    app.run_worker(work, thread=True, group="export-list", exclusive=True)


def _table_bytes(table: str, records: list[Record], documents: dict[int, Document], fmt: str, lang: str) -> bytes:
    from exports.tables import documents_table, models_table, tasks_table, to_csv, to_xlsx

    if table == "documents":
        sheet = documents_table(records, lang)
    elif table == "tasks":
        sheet = tasks_table(records, documents, lang)
    else:
        sheet = models_table(records, lang)
    return to_xlsx(sheet) if fmt == "xlsx" else to_csv(sheet)


def _written(app: "DvkApp", path: Path, message: str) -> None:
    app.export_dir = path.parent  # the next export proposes the same folder
    app.tell(message, timeout=10)
