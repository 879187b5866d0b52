"""What every CLI command shares: the data file, opening the store, printing."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import typer

from db.errors import DvkError
from db.paths import resolve_db_path
from db.store import Store
from db.text import visible
from tui.cli_output import json_safe, raw_stdout


@dataclass
class Options:
    db: Path
    lang: str = "vi"


def options(ctx: typer.Context) -> Options:
    return ctx.find_root().obj


@contextmanager
def open_store(ctx: typer.Context, *, write: bool = False) -> Iterator[Store]:
    """Read-only commands take no lock, so they work while the TUI has the file open."""
    path = options(ctx).db
    if not write and not path.exists():
        raise DvkError(f"Chưa có tệp dữ liệu {path}. Chạy “dvk demo” để thử với dữ liệu mẫu, hoặc thêm văn bản đầu tiên.")
    store = Store(path, readonly=not write)
    try:
        yield store
    finally:
        store.close()


def print_json(data: Any) -> None:
    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def print_table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(visible(title)), title_justify="left", expand=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(Text(visible(str(cell))) for cell in row))  # user text is never markup, never a control code
    Console(file=raw_stdout()).print(table)
    if not rows:
        typer.echo("(không có)")


def fail(message: str) -> None:
    raise DvkError(message)
