"""`dvk export docs|tasks|models|ics`: lists to Excel/CSV, deadlines to a calendar."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from db.errors import DvkError
from db.filters import DocumentFilter, select_models, select_tasks
from db.messages import Message, language
from db.models import Document
from db.text import visible
from tui.cli_common import open_store

export_app = typer.Typer(help="cli.help.export", no_args_is_help=True)

OUTPUT = typer.Option(..., "--output", "-o", help="cli.help.export.output", show_default=False)
FORMAT = typer.Option(None, "--format", "-f", help="cli.help.export.format")
SEP = typer.Option(",", "--sep", help="cli.help.export.sep")


def say(message: Message | str) -> None:
    typer.echo(visible(str(message)))


def _check_target(output: Path) -> Path:
    output = output.expanduser()
    if output.is_dir():
        raise DvkError("export.is_dir", path=output)
    if not output.parent.is_dir():
        raise DvkError("export.no_folder", path=output.parent)
    return output


def _write(output: Path, data: bytes) -> None:
    from exports.files import write_atomic

    try:
        write_atomic(output, data)
    except OSError as err:
        raise DvkError("export.write_failed", path=output, detail=err.strerror or str(err)) from None


def _table_out(table, output: Path, fmt: Optional[str], sep: str, noun: str) -> None:
    from exports.tables import FORMATS, format_for, to_csv, to_xlsx

    fmt = format_for(output, fmt)
    if fmt not in FORMATS:
        raise DvkError("export.format")
    sep = "\t" if sep in ("tab", "\\t") else sep
    if sep not in (",", ";", "\t"):
        raise DvkError("export.sep")
    _write(output, to_xlsx(table) if fmt == "xlsx" else to_csv(table, sep))
    say(Message("export.done", count=len(table.rows), noun=Message(f"noun.{noun}"), path=output))


@export_app.command("docs", help="cli.help.export.docs")
def export_docs(
    ctx: typer.Context,
    output: Path = OUTPUT,
    fmt: Optional[str] = FORMAT,
    sep: str = SEP,
    type_: str = typer.Option("", "--type", "-t", help="cli.help.doc.type_filter"),
    issuer: str = typer.Option("", "--issuer", "-i", help="cli.help.doc.issuer_filter"),
    year: Optional[int] = typer.Option(None, "--year", "-y", help="cli.help.model.year"),
    direction: str = typer.Option("", "--direction", help="cli.help.doc.direction_filter"),
    handler: str = typer.Option("", "--handler", help="cli.help.doc.handler_filter"),
) -> None:
    """Documents with `dvk doc list`'s filters; the xlsx file imports back with `dvk import`."""
    from exports.tables import documents_table

    output = _check_target(output)
    chosen = DocumentFilter(type_, issuer, year, direction, handler)
    with open_store(ctx) as store:
        docs = chosen.apply(store.documents())
    _table_out(documents_table(docs, language()), output, fmt, sep, "documents")


@export_app.command("tasks", help="cli.help.export.tasks")
def export_tasks(
    ctx: typer.Context,
    output: Path = OUTPUT,
    fmt: Optional[str] = FORMAT,
    sep: str = SEP,
    overdue: bool = typer.Option(False, "--overdue", help="cli.help.task.overdue"),
    due_within: Optional[int] = typer.Option(None, "--due-within", help="cli.help.task.due_within"),
    all_: bool = typer.Option(False, "--all", help="cli.help.task.all"),
) -> None:
    """Tasks with `dvk task list`'s filters."""
    from exports.tables import tasks_table

    output = _check_target(output)
    with open_store(ctx) as store:
        tasks = select_tasks(store, overdue=overdue, due_within=due_within, all_=all_)
        documents = {d.id: d for d in store.all(Document)}
    _table_out(tasks_table(tasks, documents, language()), output, fmt, sep, "tasks")


@export_app.command("models", help="cli.help.export.models")
def export_models(
    ctx: typer.Context,
    output: Path = OUTPUT,
    fmt: Optional[str] = FORMAT,
    sep: str = SEP,
    year: Optional[int] = typer.Option(None, "--year", "-y", help="cli.help.model.year"),
) -> None:
    """Models with `dvk model list`'s filters."""
    from exports.tables import models_table

    output = _check_target(output)
    with open_store(ctx) as store:
        models = select_models(store.models(), year)
    _table_out(models_table(models, language()), output, fmt, sep, "models")


@export_app.command("ics", help="cli.help.export.ics")
def export_ics(ctx: typer.Context, output: Path = OUTPUT) -> None:
    """Deadlines as an .ics calendar; stable UIDs, so importing a newer file updates the old events."""
    from exports.calendar import deadlines_calendar

    output = _check_target(output)
    with open_store(ctx) as store:
        data, count = deadlines_calendar(store, lang=language())
    _write(output, data)
    say(Message("export.ics_done", count=count, path=output))
