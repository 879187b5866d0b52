"""Export a list as it is shown — searched and filtered — to .xlsx or .csv, or the deadlines to .ics.

A short choice (format), then the same path dialog as the report's exports
(Documents folder proposed, asks before replacing a file), then the file is
written in a thread worker (exports/tables.py, exports/calendar.py; atomic,
never half a file) and a toast says where it went.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from db.errors import DvkError
from db.messages import Message
from db.models import Document, Record
from tui.screens.choice import ChoiceDialog
from tui.screens.path_dialog import PathDialog

if TYPE_CHECKING:
    from tui.app import DvkApp
    from tui.screens.list_screen import ListScreen

NOUNS = {"documents": "noun.documents", "tasks": "noun.tasks", "models": "noun.models"}
CALENDAR_FROM = ("documents", "tasks")  # the lists whose records have deadlines


def listed_records(screen: "ListScreen") -> list[Record]:
    """Every record the list holds under its search and filters, in its order — not only the rows
    drawn (the table shows at most a few hundred). A list that knows this itself says so through
    `filtered_records()`; otherwise it is worked out the way `ListScreen.apply` does."""
    own = getattr(screen, "filtered_records", None)
    if callable(own):
        return list(own())
    query = screen.query_text
    if query:
        records = [rec for _hit, rec in screen.store.find(query, (screen.TABLE,), limit=1_000_000)]
    else:
        records = screen.all_records()
    if screen.has_filters():
        records = [rec for rec in records if screen.keep(rec)]
    return records


def export_list(screen: "ListScreen") -> None:
    app: "DvkApp" = screen.app
    t, table = app.t, screen.TABLE
    records = listed_records(screen)
    noun = Message(NOUNS[table]).render(t.lang)
    choices = [("xlsx", t("export_list.choice.xlsx", count=len(records), noun=noun)),
               ("csv", t("export_list.choice.csv", count=len(records), noun=noun))]
    if table in CALENDAR_FROM:
        choices.append(("ics", t("export_list.choice.ics")))

    def chosen(fmt: str | None) -> None:
        if fmt is None:
            return
        stem = t("export_list.file.calendar" if fmt == "ics" else f"export_list.file.{table}")
        default = app.export_dir / f"{stem}.{fmt}"

        def where(path: Path | None) -> None:
            if path is not None:
                write_export(app, table, records, fmt, path)

        app.push_screen(PathDialog(t("export_list.ask_path", fmt=fmt), default), where)

    app.push_screen(ChoiceDialog(t("export_list.title", noun=noun), choices), chosen)


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
