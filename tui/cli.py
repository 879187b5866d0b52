"""The `dvk` command. A bare `dvk` opens the TUI; subcommands work from scripts.

Heavy imports (Textual, WeasyPrint) happen inside the command that needs them,
so `dvk task list` starts in a fraction of a second.

Everything printed, `--help` included, comes from the catalogue (db/messages.py)
in the language of `--lang` / DVK_LANG; `--json` keeps the stored codes.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn, Optional

import typer

from db import rules
from db.errors import DvkError
from db.messages import LANGS, Message, one_line, render, set_language
from db.paths import default_db_path, resolve_db_path
from db.text import visible
from tui.cli_output import crash_log, guard_streams, has_bad_utf8, release_streams, write_output
from tui.cli_common import Options, open_store, options, print_json, print_notices, print_table, quiet_broken_pipe, say
from tui.cli_format import headings, record_json, status_text, ui_date
from tui.cli_campaign import campaign_app, profile
from tui.cli_export import export_app
from tui.cli_help import use_catalogue_help
from tui.cli_import import import_register
from tui.cli_records import doc_app, model_app, task_app
from tui.cli_refs import refs

app = typer.Typer(
    help="cli.help.app",
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(doc_app, name="doc")
app.add_typer(task_app, name="task")
app.add_typer(model_app, name="model")
app.add_typer(campaign_app, name="campaign")
app.command("profile", help="cli.help.profile")(profile)
app.command("refs", help="cli.help.refs")(refs)
app.add_typer(export_app, name="export")
app.command("import", help="cli.help.import")(import_register)


def _language(value: Optional[str]) -> str:
    """`--lang` (or DVK_LANG), else the language last chosen in the app: checked and applied as
    soon as it is read, so the help and the usage errors that follow it are in that language."""
    if value is not None and value not in LANGS:
        raise DvkError("cli.lang")
    if value is None:
        from tui.settings import resolve_language

        value = resolve_language(None)
    set_language(value)
    return value


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: Optional[Path] = typer.Option(None, "--db", help="cli.help.db"),
    lang: Optional[str] = typer.Option(None, "--lang", envvar="DVK_LANG", is_eager=True, callback=_language,
                                       help="cli.help.lang"),
) -> None:
    ctx.obj = Options(db=resolve_db_path(db), lang=lang)
    if ctx.invoked_subcommand is None:
        open_tui(ctx.obj.db, lang)


def open_tui(path: Path, lang: str) -> None:
    from tui.app import run_app  # deferred: Textual costs ~150 ms to import

    release_streams()
    run_app(path, lang)


def demo_path() -> Path:
    return default_db_path().with_name("demo.json")


@app.command(help="cli.help.demo")
def demo(
    ctx: typer.Context,
    db: Optional[Path] = typer.Option(None, "--db", help="cli.help.demo.db"),
    no_open: bool = typer.Option(False, "--no-open", help="cli.help.demo.no_open"),
    reset: bool = typer.Option(False, "--reset", help="cli.help.demo.reset"),
) -> None:
    """Create the sample year (the lock is taken first) and open the app on it."""
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


@app.command(help="cli.help.find")
def find(ctx: typer.Context, query: str = typer.Argument(..., help="cli.help.find.query"),
         limit: int = typer.Option(20, "--limit", "-n", help="cli.help.find.limit"),
         as_json: bool = typer.Option(False, "--json", help="cli.help.json")) -> None:
    with open_store(ctx) as store:
        hits = store.find(query, limit=rules.check_count(limit, "limit"))
        today = store.today()
    if as_json:
        print_json([{**record_json(rec, today), "score": hit.score} for hit, rec in hits])
        return
    rows = []
    for hit, rec in hits:
        label = render(f"noun.{hit.table}").capitalize()
        if hit.table == "documents":
            rows.append([label, f"#{rec.id}", f"{rec.type_name} {rec.canonical}", ui_date(rec.date), rec.summary])
        elif hit.table == "tasks":
            rows.append([label, f"#{rec.id}", rec.title, ui_date(rec.due), status_text(rec.status)])
        else:
            rows.append([label, f"#{rec.id}", rec.name, str(rec.year or ""), rec.unit])
    columns = headings("cli.col.kind", "col.ordinal", "cli.col.name", "cli.col.date", "cli.col.detail")
    print_table(render("cli.find_title", query=query, count=len(rows)), columns, rows)


@app.command(help="cli.help.check")
def check(ctx: typer.Context) -> None:
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


@app.command(help="cli.help.backup")
def backup(ctx: typer.Context) -> None:
    from db.datafile import backup_now

    path = options(ctx).db
    if not path.exists():
        raise DvkError("cli.no_data", path=path)
    target, notices = backup_now(path)
    print_notices(notices)
    say("cli.backup_done", path=target)


@app.command(help="cli.help.restore")
def restore(ctx: typer.Context, backup: Optional[Path] = typer.Argument(None, help="cli.help.restore.backup")) -> None:
    from db.datafile import restore_backup

    used, aside = restore_backup(options(ctx).db, backup)
    if aside:
        say("cli.restore_aside", backup=used, aside=aside)
    else:
        say("cli.restore_done", backup=used)


@app.command(help="cli.help.paths")
def paths(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="cli.help.json")) -> None:
    from db.backups import backup_dir

    db = options(ctx).db
    info = {"db": str(db), "journal": f"{db}.journal", "audit": f"{db}.audit", "backups": str(backup_dir(db)),
            "demo": str(demo_path()), "default_db": str(default_db_path())}
    if as_json:
        print_json(info)
    else:
        for key, value in info.items():
            typer.echo(visible(f"{key:10} {value}"))


@app.command(help="cli.help.undo")
def undo(ctx: typer.Context) -> None:
    with open_store(ctx, write=True) as store:
        label = store.undo()
    if label:
        say("cli.undo_done", label=label)
    else:
        say("cli.undo_nothing")


@app.command(help="cli.help.redo")
def redo(ctx: typer.Context) -> None:
    with open_store(ctx, write=True) as store:
        label = store.redo()
    if label:
        say("cli.redo_done", label=label)
    else:
        say("cli.redo_nothing")


@app.command(help="cli.help.report")
def report(
    ctx: typer.Context,
    year: int = typer.Argument(..., help="cli.help.report.year"),
    campaign: Optional[str] = typer.Option(None, "--campaign", "-c", help="cli.help.report.campaign"),
    fmt: str = typer.Option("md", "--format", "-f", help="cli.help.report.format"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="cli.help.report.output"),
) -> None:
    """The report itself stays Vietnamese whatever the language: it is an administrative document."""
    from exports.render import render as render_report

    if fmt not in ("md", "pdf", "docx"):
        raise DvkError("cli.report_format")
    if fmt != "md" and output is None:
        raise DvkError("cli.report_needs_output", fmt=fmt)
    with open_store(ctx) as store:
        data = render_report(store, year, campaign, fmt)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    write_output(output, data)
    say("cli.report_done", year=year, path=output)


use_catalogue_help(app)


def language_from(argv: list[str], environ: dict[str, str] | os._Environ) -> str:
    """The language asked for, looked up before parsing so that even a usage error in the
    arguments comes out in it: `--lang X` / `--lang=X`, else DVK_LANG, else the language last
    chosen in the app (tui/settings.py), else Vietnamese. An unknown value is left to `--lang`
    itself to refuse."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    env = environ.get("DVK_LANG", "")
    if env in LANGS:
        return env
    from tui.settings import resolve_language

    return resolve_language(None)


def main() -> None:
    """Entry point: every way a command can fail ends in ONE line on stderr and a non-zero exit."""
    guard_streams()
    set_language(language_from(sys.argv[1:], os.environ))
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
        if type(exc).__name__ == "NoArgsIsHelpError":  # `dvk doc`: the group's help, as click prints it
            sys.stderr.write(exc.format_message() + "\n")  # type: ignore[attr-defined]
            sys.exit(2)
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
    sys.stderr.write(render("cli.program_line", text=one_line(text)) + "\n")
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
    if name == "BadOptionUsage":
        option = getattr(exc, "option_name", "")
        if "requires" in detail:
            return render("cli.usage.needs_value", option=option, command=command)
        if "does not take" in detail:
            return render("cli.usage.takes_no_value", option=option, command=command)
    extra = "Got unexpected extra argument(s) ("
    if detail.startswith(extra) and detail.endswith(")"):
        return render("cli.usage.extra", args=detail[len(extra):-1], command=command)
    if detail.startswith("Missing command"):
        return render("cli.usage.no_subcommand", command=command)
    if detail.startswith("No such command"):
        return render("cli.usage.no_command", name=detail.split("'")[1] if "'" in detail else detail, command=command)
    return render("cli.usage.other", detail=detail, command=command)
