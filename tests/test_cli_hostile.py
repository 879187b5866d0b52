"""Every option of every command, fed hostile values: one line on stderr or success, never a traceback.

The commands are discovered from the typer app, so a command added later is
covered without editing this file. Runs in process (a subprocess per call would
take minutes); `DVK_HOSTILE_FULL=1` widens the value table for a long run.
"""
from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

import pytest

from db import messages
from tests.helpers import demo_store
from tui import cli

# Each value once in every option and every argument. Surrogates stand for bytes
# that were not UTF-8 (Python keeps them like this in sys.argv).
HOSTILE = [
    "",
    "-5",
    "0",
    "99999",
    str(10**20),
    "1/1/99",
    "31/02/2020",
    "\x1b]0;PWNED\x07",
    "a\udcff",
    "số " * 30 + "x",  # catastrophic backtracking before the linear-time parsers
]
HOSTILE_FULL = HOSTILE + [
    " ",
    "x" * 5000,
    "%s{0}{}[bold]",
    "../../../../etc/passwd",
    "\u0301\u0301a",
    "4094/KH-UBND\n2199-CV/HU",
    "\x9b31m",
    "-",
    "nan",
    "1e309",
]
# Commands that take over the terminal or a viewer are driven by the TUI tests instead.
SKIP = {("",), ("demo",)}
BENIGN = {"year": "2020", "ref": "4094/KH-UBND", "task_id": "1", "model_id": "1", "number": "1/KH-UBND",
          "title": "Việc", "name": "Mô hình", "part": "1", "path": "-", "source": "-", "query": "4094"}


def _commands():
    """(path, command) for every leaf command of the dvk app."""
    from typer.main import get_command

    root = get_command(cli.app)
    found = []

    def walk(group, path):
        for name, command in sorted(getattr(group, "commands", {}).items()):
            sub = (*path, name)
            if getattr(command, "commands", None):
                walk(command, sub)
            elif sub not in SKIP:
                found.append((sub, command))

    walk(root, ())
    return found


def _is_flag(param) -> bool:
    return bool(getattr(param, "is_flag", False)) or getattr(param, "count", False)


def _cases(values):
    for path, command in _commands():
        params = [p for p in command.params if getattr(p, "name", "") not in ("help",)]
        arguments = [p for p in params if not getattr(p, "opts", [""])[0].startswith("-")]
        options = [p for p in params if p not in arguments and not _is_flag(p)]
        base = [BENIGN.get(p.name, "1") for p in arguments if p.required]
        for i in range(len(arguments)):
            for value in values:
                yield path, [BENIGN.get(p.name, "1") for p in arguments[:i]] + [value]
        for opt in options:
            flag = [o for o in opt.opts if o.startswith("--")][0]
            for value in values:
                yield path, [*base, flag, value]


def run_cli(db: Path, argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv, sys.stdout, sys.stderr, sys.stdin
    sys.argv = ["dvk", "--db", str(db), *argv]
    sys.stdout, sys.stderr, sys.stdin = out, err, io.StringIO("")
    code = 0
    try:
        cli.main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        sys.argv, sys.stdout, sys.stderr, sys.stdin = saved
        messages.set_language("vi")
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    demo_store(folder).close()
    return folder / "dvk.json"


def test_every_option_with_hostile_values_fails_in_one_line_or_succeeds(pristine, tmp_path, monkeypatch):
    monkeypatch.setenv("DVK_LOG_DIR", str(tmp_path / "log"))
    monkeypatch.chdir(tmp_path)  # outputs such as `-o 0` land here, not in the repository
    values = HOSTILE_FULL if os.environ.get("DVK_HOSTILE_FULL") else HOSTILE
    db = tmp_path / "dvk.json"
    problems = []
    calls = 0
    for path, argv in _cases(values):
        if not db.exists() or calls % 15 == 0:  # fresh data now and then: write commands change it
            for leftover in tmp_path.glob("dvk.json*"):
                leftover.unlink() if leftover.is_file() else shutil.rmtree(leftover)
            shutil.copy(pristine, db)
        calls += 1
        code, out, err = run_cli(db, [*path, *argv])
        shown = f"dvk {' '.join(path)} {argv!r}"
        if "Traceback" in out + err or "lỗi không mong đợi" in err:
            problems.append(f"{shown}: {err.strip()[:300]}")
        elif code != 0 and not (err.startswith("dvk: ") and err.count("\n") == 1):
            problems.append(f"{shown}: exit {code}, stderr {err!r:.300}")
        elif "\x1b" in out or "\x07" in out or "\x1b" in err:
            problems.append(f"{shown}: a control character reached the terminal")
    assert calls > 200, calls  # the discovery found the commands
    assert not problems, f"{len(problems)} of {calls} calls:\n" + "\n".join(problems[:40])
    assert not (tmp_path / "log" / "crash.log").exists()


def test_a_title_with_escape_codes_is_refused_and_stored_text_is_shown_harmlessly(tmp_path):
    db = tmp_path / "d.json"
    code, _, err = run_cli(db, ["task", "add", "Báo cáo\x1b]0;PWNED\x07"])
    assert code == 1 and "U+001B" in err
    # A file written by an older dvk may still hold one: every list shows it as a symbol.
    from db import rules
    from db.models import Task
    from db.store import Store

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rules, "check_one_line", lambda value, field: None)
        with Store(tmp_path / "dvk.json") as store:
            store.add(Task(title="Báo cáo\x1b]0;PWNED\x07", due="2030-01-01"))
    for argv in (["task", "list", "--all"], ["find", "bao cao"], ["task", "list", "--all", "--json"]):
        code, out, err = run_cli(tmp_path / "dvk.json", argv)
        assert code == 0, err
        assert "\x1b" not in out and "\x07" not in out
        assert "PWNED" in out


def test_report_output_edges_are_one_line(pristine, tmp_path):
    db = tmp_path / "dvk.json"
    shutil.copy(pristine, db)
    cases = {
        str(tmp_path / "missing" / "r.md"): "không tồn tại",
        str(tmp_path): "là một thư mục",
        str(tmp_path / ("a" * 300 + ".md")): "Không ghi được tệp",
    }
    for target, words in cases.items():
        code, _, err = run_cli(db, ["report", "2020", "-o", target])
        assert code == 1 and err.startswith("dvk: ") and err.count("\n") == 1 and words in err, err


def test_usage_errors_are_one_vietnamese_line():
    code, _, err = run_cli(Path("unused.json"), ["task", "add", "x", "--section", "abc"])
    assert (code, err) == (2, "dvk: Giá trị của --section không hợp lệ: phải là số nguyên (xem “dvk task add --help”).\n")
    code, _, err = run_cli(Path("unused.json"), ["--lang", "en", "task", "add", "x", "--nope"])
    assert code == 2 and err == "dvk: There is no option --nope (see “dvk task add --help”).\n"
