"""The `dvk` command. A bare `dvk` opens the TUI; subcommands work from scripts.

Heavy imports (Textual, WeasyPrint) happen inside the command that needs them,
so `dvk task list` starts in a fraction of a second.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn, Optional

import typer

from db import rules
from db.errors import DvkError
from db.messages import Message, one_line, render, set_language
from db.paths import default_db_path, resolve_db_path
from db.text import visible
from tui.cli_output import crash_log, guard_streams, has_bad_utf8, release_streams, write_output
from tui.cli_common import Options, open_store, options, print_json, print_notices, print_table, quiet_broken_pipe, say
from tui.cli_format import DOCUMENT_COLUMNS, document_row, record_json, ui_date
from tui.cli_campaign import campaign_app, profile
from tui.cli_export import export_app
from tui.cli_import import import_register
from tui.cli_records import doc_app, model_app, task_app
from tui.cli_refs import refs

app = typer.Typer(
    help="dvk — theo dõi “Năm dân vận khéo”: văn bản, nhiệm vụ, mô hình, báo cáo cuối năm.",
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(doc_app, name="doc")
app.add_typer(task_app, name="task")
app.add_typer(model_app, name="model")
app.add_typer(campaign_app, name="campaign")
app.command("profile")(profile)
app.command("refs")(refs)
app.add_typer(export_app, name="export")
app.command("import")(import_register)


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: Optional[Path] = typer.Option(None, "--db", help="Tệp dữ liệu (mặc định: DVK_DB hoặc thư mục dữ liệu người dùng)"),
    lang: Optional[str] = typer.Option(None, "--lang", help="Ngôn ngữ giao diện: vi | en"),
) -> None:
    if lang is not None and lang not in ("vi", "en"):
        raise DvkError("cli.lang")
    from tui.settings import resolve_language  # the language chosen last time in the app

    lang = resolve_language(lang)
    set_language(lang)
    ctx.obj = Options(db=resolve_db_path(db), lang=lang)
    if ctx.invoked_subcommand is None:
        open_tui(ctx.obj.db, lang)


def open_tui(path: Path, lang: str) -> None:
    from tui.app import run_app  # deferred: Textual costs ~150 ms to import

    release_streams()
    run_app(path, lang)


def demo_path() -> Path:
    return default_db_path().with_name("demo.json")


@app.command()
def demo(
    ctx: typer.Context,
    db: Optional[Path] = typer.Option(None, "--db", help="Nơi tạo dữ liệu mẫu (mặc định: demo.json cạnh dữ liệu thật)"),
    no_open: bool = typer.Option(False, "--no-open", help="Chỉ tạo, không mở giao diện"),
    reset: bool = typer.Option(False, "--reset", help="Xóa và tạo lại dữ liệu mẫu"),
) -> None:
    """Tạo dữ liệu mẫu năm 2020 (Phòng GD&ĐT Thủ Thừa) và mở giao diện."""
    from db.demo import load_demo
    from db.store import Store

    root_db = ctx.find_root().params.get("db")
    path = Path(db or root_db or demo_path()).expanduser()
    # --reset happens under the write lock (refused while the TUI has the file open);
    # the old data is backed up first.
    store = Store(path, reset=reset)
    try:
        if store.all_count() == 0:
            load_demo(store)
            say("cli.demo_created", path=path)
        elif not no_open:
            say("cli.demo_opened", path=path)
        else:
            raise DvkError("storage.demo_has_data", path=path)
    finally:
        store.close()
        print_notices(store.notices)
    if not no_open:
        open_tui(path, options(ctx).lang)


@app.command()
def find(ctx: typer.Context, query: str = typer.Argument(..., help="Số (4094, kh-ubnd, qd pgddt 1746) hoặc chữ (dan van kheo)"),
         limit: int = typer.Option(20, "--limit", "-n"), as_json: bool = typer.Option(False, "--json")) -> None:
    """Tìm văn bản, nhiệm vụ, mô hình theo số hoặc nội dung (không dấu cũng được)."""
    with open_store(ctx) as store:
        hits = store.find(query, limit=rules.check_count(limit, "limit"))
        today = store.today()
    if as_json:
        print_json([{**record_json(rec, today), "score": hit.score} for hit, rec in hits])
        return
    rows = []
    for hit, rec in hits:
        label = {"documents": "Văn bản", "tasks": "Nhiệm vụ", "models": "Mô hình"}[hit.table]
        if hit.table == "documents":
            rows.append([label, f"#{rec.id}", f"{rec.type_name} {rec.canonical}", ui_date(rec.date), rec.summary])
        elif hit.table == "tasks":
            rows.append([label, f"#{rec.id}", rec.title, ui_date(rec.due), rec.status])
        else:
            rows.append([label, f"#{rec.id}", rec.name, str(rec.year or ""), rec.unit])
    print_table(f"Kết quả cho “{query}” ({len(rows)})", ["Loại", "#", "Tên / số", "Ngày", "Chi tiết"], rows)


@app.command()
def check(ctx: typer.Context) -> None:
    """Kiểm tra tính toàn vẹn: tệp dữ liệu, nhật ký, tổng kiểm tra, từng bản ghi (không sửa gì)."""
    from db.integrity import check_file

    path = options(ctx).db
    if not path.exists():
        raise DvkError("cli.no_data", path=path)
    problems = check_file(path)
    for problem in problems:
        typer.echo(visible(str(problem)))
    if problems:
        raise typer.Exit(1)
    say("check.ok")


@app.command()
def backup(ctx: typer.Context) -> None:
    """Sao lưu tệp dữ liệu ngay (chỉ khi tệp toàn vẹn)."""
    from db.datafile import backup_now

    path = options(ctx).db
    if not path.exists():
        raise DvkError("cli.no_data", path=path)
    target, notices = backup_now(path)
    print_notices(notices)
    say("cli.backup_done", path=target)


@app.command()
def restore(ctx: typer.Context, backup: Optional[Path] = typer.Argument(None, help="Bản sao lưu (mặc định: bản mới nhất đọc được)")) -> None:
    """Khôi phục từ bản sao lưu; tệp hiện tại được giữ lại bên cạnh, không xóa."""
    from db.datafile import restore_backup

    used, aside = restore_backup(options(ctx).db, backup)
    if aside:
        say("cli.restore_aside", backup=used, aside=aside)
    else:
        say("cli.restore_done", backup=used)


@app.command()
def paths(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """Các đường dẫn dvk dùng."""
    from db.backups import backup_dir

    db = options(ctx).db
    info = {"db": str(db), "journal": f"{db}.journal", "audit": f"{db}.audit", "backups": str(backup_dir(db)),
            "demo": str(demo_path()), "default_db": str(default_db_path())}
    if as_json:
        print_json(info)
    else:
        for key, value in info.items():
            typer.echo(visible(f"{key:10} {value}"))


@app.command()
def undo(ctx: typer.Context) -> None:
    """Hoàn tác thay đổi gần nhất."""
    with open_store(ctx, write=True) as store:
        label = store.undo()
    if label:
        say("cli.undo_done", label=label)
    else:
        say("cli.undo_nothing")


@app.command()
def redo(ctx: typer.Context) -> None:
    """Làm lại thay đổi vừa hoàn tác."""
    with open_store(ctx, write=True) as store:
        label = store.redo()
    if label:
        say("cli.redo_done", label=label)
    else:
        say("cli.redo_nothing")


@app.command()
def report(
    ctx: typer.Context,
    year: int = typer.Argument(..., help="Năm của phong trào"),
    campaign: Optional[str] = typer.Option(None, "--campaign", "-c", help="Tên phong trào (nếu có nhiều trong năm)"),
    fmt: str = typer.Option("md", "--format", "-f", help="md | pdf | docx"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Tệp ra (mặc định: in Markdown ra màn hình)"),
) -> None:
    """Xuất báo cáo cuối năm: Markdown, PDF (thể thức NĐ 30/2020), DOCX."""
    from exports.render import render as render_report

    if fmt not in ("md", "pdf", "docx"):
        raise DvkError("Định dạng phải là md, pdf hoặc docx.")
    if fmt != "md" and output is None:
        raise DvkError(f"Cần --output/-o cho định dạng {fmt}.")
    with open_store(ctx) as store:
        data = render_report(store, year, campaign, fmt)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    write_output(output, data)
    typer.echo(f"Đã xuất báo cáo {year} ra {output}")


def main() -> None:
    """Entry point: every way a command can fail ends in ONE line on stderr and a non-zero exit."""
    guard_streams()
    bad = has_bad_utf8(sys.argv[1:])
    if bad is not None:
        _fail_line(DvkError("cli.bad_utf8", arg=bad).render(), 1)
    try:
        code = app(standalone_mode=False, prog_name="dvk")
    except DvkError as err:
        _fail_line(str(err), 1)
    except KeyboardInterrupt:
        _fail_line(render("cli.aborted"), 130)
    except BrokenPipeError:  # `dvk task list | head`: the reader went away
        quiet_broken_pipe()
        sys.exit(141)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against a traceback
        if _is_usage_error(exc):
            _fail_line(usage_line(exc), getattr(exc, "exit_code", 2) or 2)
        if type(exc).__name__ == "Abort":
            _fail_line(render("cli.aborted"), 1)
        log = crash_log(exc)
        error = f"{type(exc).__name__}: {exc}"[:200]
        _fail_line(render("cli.unexpected", error=error, log=log) if log else render("cli.unexpected_nolog", error=error), 1)
    sys.exit(code if isinstance(code, int) else 0)


def _fail_line(text: str, code: int) -> NoReturn:
    try:
        sys.stdout.flush()  # what the command printed before failing comes first
    except (OSError, ValueError):
        pass
    sys.stderr.write(f"dvk: {one_line(text)}\n")
    sys.exit(code)


def _is_usage_error(exc: BaseException) -> bool:
    # Typer vendors Click (typer._click) in new releases and uses Click in older ones: match by shape.
    return any(cls.__name__ == "UsageError" for cls in type(exc).__mro__) and hasattr(exc, "format_message")


def _param_hint(param: object, hint: object) -> str:
    opts = [o for o in getattr(param, "opts", []) or [] if str(o).startswith("-")]
    if opts:
        return "/".join(opts)
    if param is not None and getattr(param, "name", None):
        return str(param.name).upper()
    return (" / ".join(hint) if isinstance(hint, (list, tuple)) else str(hint or "")).replace("'", "")


def usage_line(exc: Exception) -> str:
    """Click's usage errors (several English lines) as one line in the user's language."""
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or "dvk"
    name = type(exc).__name__
    detail = one_line(exc.format_message())  # type: ignore[attr-defined]
    if name == "NoSuchOption":
        return render("cli.usage.no_option", option=getattr(exc, "option_name", ""), command=command)
    hint = _param_hint(getattr(exc, "param", None), getattr(exc, "param_hint", None))
    if name == "MissingParameter":
        return render("cli.usage.missing", param=hint, command=command)
    if name == "BadParameter":
        reason = Message("cli.usage.not_int") if "valid int" in detail else Message("cli.usage.other_reason",
                                                                                  detail=detail.split(": ", 1)[-1])
        return render("cli.usage.bad_value", param=hint, reason=reason, command=command)
    if detail.startswith("No such command"):
        return render("cli.usage.no_command", name=detail.split("'")[1] if "'" in detail else detail, command=command)
    return render("cli.usage.other", detail=detail, command=command)
