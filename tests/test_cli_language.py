"""One language at a time on the command line (issue 10).

The same representative commands — lists, a document shown, adds and edits,
undo, refs, import preview, export, errors, usage errors and `--help` — run in
process with `--lang en` and in Vietnamese. In English nothing but the user's own
data (and a few Vietnamese terms kept on purpose, KEPT_TERMS) carries a
Vietnamese letter; in Vietnamese no English word of the catalogue shows up.
"""
from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from db.messages import MESSAGES
from db.refs import extract_refs
from db.store import Store
from tests.helpers import demo_store
from tests.register_files import incoming_register
from tests.test_cli_hostile import run_cli
from tests.test_user_strings import vietnamese_letters

# Vietnamese words the English text keeps on purpose: official terms and examples of what the user types.
KEPT_TERMS = (
    "Dân vận khéo", "trích yếu", "Kính gửi", "Nơi nhận", "Số, ký hiệu", "ngày tháng 10 năm 2020",
    "UBND HUYỆN THỦ THỪA", "Phòng Giáo dục và Đào tạo", "Phòng GD&ĐT", "PGDĐT", "Thủ Thừa", "NĐ-CP", "QĐ",
)
REFS_TEXT = "Căn cứ Kế hoạch số 4094/KH-UBND ngày 10/7/2020 của UBND huyện; Công văn 05ICT-TTg; Quyết định 12/QĐ-UBND.\n"


def _commands(folder: Path) -> list[list[str]]:
    text = folder / "vanban.txt"
    register = folder / "so-den.xlsx"
    return [
        ["task", "list"], ["task", "list", "--all"], ["doc", "list"], ["doc", "show", "4094/KH-UBND"],
        ["model", "list"], ["campaign", "list"], ["find", "4094"], ["find", "dan van kheo"], ["paths"],
        ["refs", str(text)], ["refs", str(text), "--add"],
        ["doc", "add", "15/KH-PGDĐT", "-d", "1/2/2020", "-s", "Tóm tắt", "--due", "1/3/2020", "--arrival-date",
         "2/2/2020", "--handler", "Văn phòng", "--note", "ghi chú", "--tag", "nhãn"],
        ["doc", "show", "15/KH-PGDĐT"], ["doc", "edit", "15/KH-PGDĐT", "--handled"],
        ["doc", "rm", "15/KH-PGDĐT", "--yes"],
        ["task", "add", "Việc mới", "--due", "1/12/2020"], ["task", "add", "Việc khác"],
        ["task", "set", "1", "doing"], ["task", "done", "1"],
        ["model", "add", "Mô hình mới", "-f", "kinh te"], ["model", "set", "1", "--status", "replicated"],
        ["campaign", "add", "2021"], ["campaign", "set", "2021", "--staff", "5"],
        ["undo"], ["redo"], ["check"],
        ["import", str(register), "--dry-run"],
        ["export", "docs", "-o", str(folder / "vanban.xlsx")], ["export", "ics", "-o", str(folder / "han.ics")],
        # errors: one line each
        ["task", "done", "999"], ["doc", "show", "zzz"], ["doc", "add", "4094/", "-d", "10/7/2020"],
        ["task", "add", "X", "--due", "31/02/2020"], ["task", "add", "X", "--section", "abc"],
        ["task", "list", "--nope"], ["nosuch"], ["report", "2020", "-o"], ["task", "list", "extra"],
        ["task", "list", "--json=3"], ["report", "2020", "-f", "xx"], ["report", "2020", "-f", "pdf"],
        ["model", "set", "1", "--status", "xx"], ["model", "add", "X", "-f", "zzz"], ["task", "set", "2", "bogus"],
        ["campaign", "add", "2020"],
        # help
        ["--help"], ["doc", "add", "--help"], ["campaign", "set", "--help"], ["task"], ["export", "docs", "--help"],
    ]


def _run_all(folder: Path, lang_args: list[str]) -> tuple[str, list[str]]:
    """Every command on a fresh copy of the sample data; (all output, the user's data)."""
    (folder / "vanban.txt").write_text(REFS_TEXT, encoding="utf-8")
    incoming_register(folder / "so-den.xlsx")
    db = folder / "dvk.json"
    out = []
    for argv in _commands(folder):
        code, stdout, stderr = run_cli(db, [*lang_args, *argv])
        assert "Traceback" not in stderr, (argv, stderr)
        out.append(f"$ {' '.join(argv)}\n{stdout}{stderr}")
    return "\n".join(out), _user_data(folder, db)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _user_data(folder: Path, db: Path) -> list[str]:
    """What the user typed or holds: every text of every record, the arguments, the files read."""
    data: list[str] = []
    store = Store(db, readonly=True)
    try:
        for table in ("documents", "tasks", "models", "campaigns"):
            for rec in getattr(store, table)():
                data += _strings(rec.to_dict())
        data += _strings(store.profile().to_dict())
    finally:
        store.close()
    for argv in _commands(folder):
        data += argv
    for ref in extract_refs(REFS_TEXT):
        data += [ref.raw, " ".join(ref.raw.split()), ref.type_name, ref.issuer_name]
    book = openpyxl.load_workbook(folder / "so-den.xlsx")
    data += [str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    data += book.sheetnames
    return sorted({d for d in data if d and d.strip()}, key=len, reverse=True)


def _without(text: str, pieces) -> str:
    for piece in pieces:
        text = text.replace(piece, " ")
    return text


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    found = {}
    for lang, args in (("en", ["--lang", "en"]), ("vi", [])):
        folder = tmp_path_factory.mktemp(f"lang-{lang}")
        demo_store(folder).close()
        found[lang] = _run_all(folder, args)
    return found


def test_english_output_has_no_vietnamese_outside_user_data(outputs):
    text, data = outputs["en"]
    # Type names such as "Kế hoạch" come from the number's symbol: stored on each document, so in `data`
    # (the official Vietnamese name of the document type, like the number itself).
    bare = _without(_without(text, data), KEPT_TERMS)
    offending = [line for line in bare.splitlines() if vietnamese_letters(line)]
    assert not offending, "Vietnamese in English output:\n" + "\n".join(offending[:40])
    # and it is English indeed, not keys
    for word in ("Tasks (", "Documents (", "Status", "OVERDUE", "Usage:", "Options", "Show this message"):
        assert word in text, word
    assert "cli." not in _without(text, data)


def _english_words() -> set[str]:
    """Words of the catalogue's English side that its Vietnamese side never uses."""
    english, vietnamese = set(), set()
    for vi, en in MESSAGES.values():
        english |= {w.lower() for w in re.findall(r"[A-Za-z]{4,}", en)}
        vietnamese |= {w.lower() for w in re.findall(r"[A-Za-z]{4,}", vi)}
    return english - vietnamese


def _identifiers() -> set[str]:
    """Words of command and option names, and of `dvk paths` keys: typed, not translated."""
    from typer.main import get_command

    from tui import cli

    words = {"options", "command", "args", "journal", "audit", "backups", "default"}
    stack = [get_command(cli.app)]
    while stack:
        group = stack.pop()
        for name, command in getattr(group, "commands", {}).items():
            words |= set(re.findall(r"[a-z]+", name))
            stack.append(command)
        for param in getattr(group, "params", []):
            for opt in [*param.opts, *param.secondary_opts]:
                words |= set(re.findall(r"[a-z]+", opt.lower()))
    return words


def test_vietnamese_output_has_no_english_interface_words(outputs):
    text, data = outputs["vi"]
    bare = _without(text, data).lower()
    words = set(re.findall(r"[a-z]{4,}", bare)) - _identifiers()
    leaked = sorted(words & _english_words())
    assert not leaked, f"English words in Vietnamese output: {leaked}"
    for word in ("Nhiệm vụ (", "Văn bản (", "Trạng thái", "QUÁ HẠN", "Cách dùng:", "Tùy chọn"):
        assert word in text, word


def test_the_english_catalogue_keeps_only_the_listed_vietnamese_terms():
    """Every English message, not only the ones the commands above reach."""
    offending = [f"{key}: {en}" for key, (vi, en) in MESSAGES.items()
                 if vietnamese_letters(_without(en, KEPT_TERMS))]
    assert not offending, "\n".join(offending)


def test_dvk_lang_sets_the_default_and_lang_overrides_it(tmp_path, monkeypatch):
    demo_store(tmp_path).close()
    db = tmp_path / "dvk.json"
    monkeypatch.setenv("DVK_LANG", "en")
    assert run_cli(db, ["task", "list"])[1].startswith("Tasks (")
    assert run_cli(db, ["--lang", "vi", "task", "list"])[1].startswith("Nhiệm vụ (")
    code, out, err = run_cli(db, ["--help"])
    assert out.startswith("Usage: dvk") and "Show this message and exit." in out
    code, _, err = run_cli(db, ["task", "list", "--nope"])
    assert (code, err) == (2, "dvk: There is no option --nope (see “dvk task list --help”).\n")
    monkeypatch.setenv("DVK_LANG", "fr")
    code, _, err = run_cli(db, ["task", "list"])
    assert (code, err) == (1, "dvk: Ngôn ngữ phải là “vi” hoặc “en”.\n")
    monkeypatch.delenv("DVK_LANG")
    assert run_cli(db, ["task", "list"])[1].startswith("Nhiệm vụ (")
    code, out, _ = run_cli(db, ["--lang", "en", "--help"])
    assert out.startswith("Usage: dvk")
    code, out, _ = run_cli(db, ["--help"])
    assert out.startswith("Cách dùng: dvk") and "Xem hướng dẫn này rồi thoát." in out


def test_json_keeps_machine_values_in_every_language(tmp_path):
    import json

    demo_store(tmp_path).close()
    db = tmp_path / "dvk.json"
    en = json.loads(run_cli(db, ["--lang", "en", "task", "list", "--json"])[1])
    vi = json.loads(run_cli(db, ["task", "list", "--json"])[1])
    assert en == vi
    assert {t["status"] for t in en} <= {"todo", "doing", "done", "cancelled"}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", t["due"]) for t in en if t["due"])


def test_no_args_shows_the_group_help_not_a_one_line_error(tmp_path):
    code, out, err = run_cli(tmp_path / "none.json", ["--lang", "en", "doc"])
    assert code == 2 and err.startswith("Usage: dvk doc") and "\n  add " in err and "Add a document." in err


def _command_paths():
    from typer.main import get_command

    from tui import cli

    found = []

    def walk(command, path):
        found.append((path, command))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(get_command(cli.app), ())
    return found


def test_every_command_and_parameter_has_help_in_the_catalogue():
    missing = []
    for path, command in _command_paths():
        if command.help not in MESSAGES:
            missing.append(f"dvk {' '.join(path)}: {command.help!r}")
        for param in command.params:
            if getattr(param, "help", None) not in MESSAGES:
                missing.append(f"dvk {' '.join(path)} {param.name}: {getattr(param, 'help', None)!r}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_help_of_every_command_is_in_one_language(tmp_path, lang):
    other = "en" if lang == "vi" else "vi"
    foreign = {w.lower() for vi, en in MESSAGES.values() for w in re.findall(r"[A-Za-z]{4,}", en)} - \
        {w.lower() for vi, en in MESSAGES.values() for w in re.findall(r"[A-Za-z]{4,}", vi)} - _identifiers()
    for path, _ in _command_paths():
        code, out, err = run_cli(tmp_path / "none.json", ["--lang", lang, *path, "--help"])
        assert code == 0 and not err, (path, err)
        if lang == "en":
            bare = _without(_without(out, KEPT_TERMS), ["Năm dân vận khéo"])  # a default value: data
            assert not vietnamese_letters(bare), (path, other, out)
        else:
            leaked = set(re.findall(r"[a-z]{4,}", out.lower())) & foreign
            assert not leaked, (path, leaked, out)
