"""`dvk import FILE`: bring an office's Excel/CSV register in, after showing what will happen."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from db.messages import Message
from db.text import visible
from tui.cli_common import open_store, options


class _NoData:
    """What a preview compares against when there is no data file yet."""

    path = None

    @staticmethod
    def all(cls):
        return []


def say(message: Message | str, *, err: bool = False) -> None:
    typer.echo(visible(str(message)), err=err)


def import_register(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="cli.help.import.file", show_default=False),
    sheet: Optional[str] = typer.Option(None, "--sheet", help="cli.help.import.sheet"),
    direction: Optional[str] = typer.Option(None, "--direction", help="cli.help.import.direction"),
    dry_run: bool = typer.Option(False, "--dry-run", help="cli.help.import.dry_run"),
    yes: bool = typer.Option(False, "--yes", "-y", help="cli.help.import.yes"),
) -> None:
    """`dvk import`: preview, confirm, then add every readable row in one undoable step."""
    from db.registers import apply_import, read_register

    path = options(ctx).db
    if path.exists():
        with open_store(ctx) as store:  # read-only: the preview needs no lock, the TUI may stay open
            preview = read_register(file, store, sheet=sheet, direction=direction)
    else:
        preview = read_register(file, _NoData(), sheet=sheet, direction=direction)
    for line in preview.lines():
        say(line)
    if dry_run:
        say(Message("import.dry_run"))
        return
    if not preview.to_add:
        say(Message("import.nothing"))
        return
    if not yes:
        try:
            confirmed = typer.confirm(visible(str(Message("import.confirm", count=len(preview.to_add)))), default=False)
        except typer.Abort:  # no answer (end of input)
            typer.echo("")
            confirmed = False
        if not confirmed:
            say(Message("import.cancelled"))
            raise typer.Exit(1)
    with open_store(ctx, write=True) as store:
        result = apply_import(store, preview)  # checks again against the file as it is now
    if not result.added:
        say(Message("import.nothing"))
        return
    say(Message("import.done", count=len(result.added), file=preview.path.name))
