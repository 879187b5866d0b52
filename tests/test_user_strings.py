"""Every word the CLI and the data layer show a person comes from the catalogue.

An AST scan of db/, the CLI modules and the export modules that speak to the
user. Rules:

1. A string literal (or the literal part of an f-string) that contains a letter
   and is passed to a user-output call — `typer.echo`, `say`, `print`,
   `sys.stdout.write`, `typer.confirm/prompt`, `print_table`, `Message`,
   `render`, `DvkError` and every subclass, `store.transaction` (the undo
   label), the `help=` of typer options,
   arguments, commands and groups — must be a catalogue key. Positions that
   carry a machine code (a form field name, a storage action) are listed in
   CODE_ARGS.
2. In the CLI modules, no string literal outside docstrings may hold a
   Vietnamese letter (that is how indirect text — a column heading kept in a
   constant, a label built in a helper — is caught); DATA_LITERALS lists the
   few that are user data, not interface words.
3. Every key the code names exists (first arguments of Message, render,
   DvkError…, and any literal shaped like a key of a catalogue family); every
   catalogue key is named somewhere in db/, tui/ or exports/ (a dead key
   fails). `f"noun.{table}"`, `"style." + code` and `coded("value.direction", …)`
   count as naming every key under that prefix; DYNAMIC_KEYS lists the rest.
"""
from __future__ import annotations

import ast
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from db.messages import MESSAGES

ROOT = Path(__file__).resolve().parents[1]

# Modules whose output reaches a person as CLI text or as an error. exports/ is scanned for what it
# prints or raises; the report's own text (exports/report.py, markdown, pdf, docx) is a Vietnamese
# administrative document and is not passed to these calls.
SCANNED = sorted([*ROOT.glob("db/**/*.py"), *ROOT.glob("tui/cli*.py"), ROOT / "tui/opener.py", *ROOT.glob("exports/*.py")])
CLI_MODULES = sorted([*ROOT.glob("tui/cli*.py"), ROOT / "tui/opener.py"])
# The other catalogue (TUI words) lives in tui/i18n.py, owned by the TUI; its keys are
# looked up in db/messages too, so code there counts as a user of db keys.
KEY_USERS = sorted({*SCANNED, *ROOT.glob("tui/**/*.py")})

OUTPUT_CALLS = {"echo", "secho", "say", "print", "confirm", "prompt", "fail", "_fail_line", "print_table",
                "Message", "render", "DvkError", "transaction"}  # transaction(label): the undo label
# Calls whose `help=` is shown by `--help`.
HELP_CALLS = {"Option", "Argument", "Typer", "command", "callback", "add_typer"}
# (call, argument position) that carry a code, never shown as it is.
CODE_ARGS = {("ValidationError", 0), ("StorageIOError", 1)}
# Non-catalogue literals with Vietnamese letters allowed in CLI modules: user data, not UI words.
DATA_LITERALS = {
    "Năm dân vận khéo",  # the default campaign name: data typed into the report, Vietnamese in every language
    "III=Đánh giá chung",  # an example of a heading value the user types (data)
}
# Keys whose names are computed at run time: (prefix, why).
DYNAMIC_KEYS = {
    "layout.": "choice labels of the report settings form: f\"{FieldSpec.name}.{choice}\" (db/report_fields.py)",
    "heading_case.": "same: choice labels of the report settings form",
    "placement.": "same: choice labels of the report settings form",
    "report.no_file": "raised by `dvk campaign text` on the report branch, merged separately",
}

_VI_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


_VI_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}


def vietnamese_letters(text: str) -> list[str]:
    """The letters of `text` only Vietnamese uses here: ă â đ ê ô ơ ư and any letter with a tone mark."""
    found = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isalpha() and (ch in _VI_LETTERS or set(unicodedata.normalize("NFD", ch)) & _VI_MARKS):
            found.append(ch)
    return found


def _has_vietnamese(text: str) -> bool:
    return bool(vietnamese_letters(text))


@lru_cache(maxsize=None)
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_std_write(node: ast.Call) -> bool:
    func = node.func
    return (isinstance(func, ast.Attribute) and func.attr == "write" and isinstance(func.value, ast.Attribute)
            and func.value.attr in ("stdout", "stderr") and isinstance(func.value.value, ast.Name)
            and func.value.value.id == "sys")


@lru_cache(maxsize=None)
def _error_classes() -> frozenset[str]:
    """DvkError and every class deriving from it, found in the scanned modules."""
    bases: dict[str, set[str]] = {}
    for path in SCANNED:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
    found = {"DvkError"}
    grew = True
    while grew:
        grew = False
        for name, parents in bases.items():
            if name not in found and parents & found:
                found.add(name)
                grew = True
    return frozenset(found)


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


# Calls that only pass text on (a literal inside them is still shown); any other call computes
# something else from its arguments (getattr(x, "name"), d.get("key"), b.decode("utf-8")).
TRANSPARENT = {"visible", "str", "one_line", "join", "format", "strip", "capitalize", "upper", "lower", "ljust"}


def _literals(node: ast.AST):
    """(text, node) of every string constant an expression can show; f-strings give their literal parts.

    Not followed: comparisons and conditions (`x if kind == "in" else y` shows x or y), subscripts'
    keys, f-string format specs, and the arguments of calls that are not in TRANSPARENT."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            yield node.value, node
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            yield from _literals(part.value if isinstance(part, ast.FormattedValue) else part)
    elif isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute):
            yield from _literals(node.func.value)
        if _call_name(node) in TRANSPARENT:
            for arg in [*node.args, *(kw.value for kw in node.keywords)]:
                yield from _literals(arg)
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif isinstance(node, ast.Subscript):
        yield from _literals(node.value)
    elif isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
        yield from _literals(node.elt)
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from _literals(value)
    elif isinstance(node, (ast.Compare, ast.Lambda, ast.DictComp)):
        return
    else:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                yield from _literals(child)


def _key_ok(text: str) -> bool:
    return text in MESSAGES


def _output_calls(tree: ast.Module):
    """(call, shown argument expressions) for every user-output call."""
    errors = _error_classes()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name in OUTPUT_CALLS or name in errors or _is_std_write(node):
            shown = [arg for i, arg in enumerate(node.args) if (name, i) not in CODE_ARGS]
            shown += [kw.value for kw in node.keywords if kw.arg not in ("err", "default", "abort", "lang")]
            yield node, shown
        if name in HELP_CALLS:
            yield node, [kw.value for kw in node.keywords if kw.arg in ("help", "short_help", "epilog")]


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_no_user_visible_literal_outside_the_catalogue():
    problems = []
    for path in SCANNED:
        tree = _tree(path)
        for call, shown in _output_calls(tree):
            for arg in shown:
                for text, node in _literals(arg):
                    if _has_letter(text) and not _key_ok(text) and not _f_key_prefix_ok(node, arg):
                        problems.append(f"{_rel(path)}:{node.lineno} {_call_name(call)}(… {text!r} …)")
    assert not problems, "literals shown to the user without the catalogue:\n" + "\n".join(sorted(set(problems)))


def _f_key_prefix_ok(node: ast.Constant, arg: ast.AST) -> bool:
    """`Message(f"noun.{table}")`: the literal part is a key prefix some catalogue key has."""
    for sub in ast.walk(arg):
        if isinstance(sub, ast.JoinedStr) and sub.values and sub.values[0] is node:
            return any(key.startswith(node.value) for key in MESSAGES)
    return False


def test_cli_modules_hold_no_vietnamese_words_outside_the_catalogue():
    problems = []
    for path in CLI_MODULES:
        tree = _tree(path)
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            text = node.value
            if id(node) in skip or text in DATA_LITERALS or _key_ok(text):
                continue
            if _has_vietnamese(text):
                problems.append(f"{_rel(path)}:{node.lineno} {text!r}")
    assert not problems, "Vietnamese text in CLI code (put it in db/messages.py):\n" + "\n".join(problems)


# ------------------------------------------------------------------ keys named in code <-> catalogue
KEY_CALLS = {"Message", "render", "say", "t", "_value"}  # first argument is a key (DvkError & co. too)
PREFIX_CALLS = {"coded"}  # coded("value.direction", code) -> "value.direction.<code>"
_KEY_SHAPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_\-]+)+$")
_FILE_SUFFIXES = {"css", "md", "pdf", "docx", "json", "xlsx", "csv", "ics", "txt", "py", "log", "lock"}


def _families() -> set[str]:
    return {key.split(".", 1)[0] for key in MESSAGES}


def _key_position(name: str) -> int | None:
    if name in KEY_CALLS or name in PREFIX_CALLS:
        return 0
    if name in _error_classes():
        return 1 if (name, 0) in CODE_ARGS else 0
    return None


def _named_keys(path: Path):
    """(key or prefix, is_prefix, node) for every key the module names."""
    tree = _tree(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _call_name(node)
            pos = _key_position(name)
            if pos is not None and len(node.args) > pos:
                arg = node.args[pos]
                for option in (arg.body, arg.orelse) if isinstance(arg, ast.IfExp) else (arg,):
                    if isinstance(option, ast.Constant) and isinstance(option.value, str):
                        if name in PREFIX_CALLS:
                            yield option.value + ".", True, option
                        else:
                            yield option.value, False, option
        if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            head = node.values[0].value
            if "." in head and _KEY_SHAPE.match(head + "x"):
                yield head, True, node
        if (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant)
                and isinstance(node.left.value, str) and node.left.value.endswith(".")
                and _KEY_SHAPE.match(node.left.value + "x")):
            yield node.left.value, True, node


def test_every_key_named_in_code_exists():
    """A key passed to Message/render/DvkError/say, or any literal shaped like a catalogue key, exists."""
    families = _families()
    problems = []
    for path in SCANNED:
        if path.name == "messages.py" and path.parent.name == "db":
            continue
        for key, is_prefix, node in _named_keys(path):
            if is_prefix:
                if not any(k.startswith(key) for k in MESSAGES):
                    problems.append(f"{_rel(path)}:{node.lineno} no key starts with {key!r}")
            elif key not in MESSAGES:
                problems.append(f"{_rel(path)}:{node.lineno} {key!r} is not in db/messages.py")
        skip = _docstrings(_tree(path))
        for node in ast.walk(_tree(path)):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
                    and _KEY_SHAPE.match(node.value) and node.value.split(".", 1)[0] in families
                    and node.value.rsplit(".", 1)[1] not in _FILE_SUFFIXES  # report.css is a file
                    and not any(k.startswith(node.value) for k in MESSAGES)):
                problems.append(f"{_rel(path)}:{node.lineno} {node.value!r} looks like a key but is not one")
    assert not problems, "\n".join(problems)


def test_every_catalogue_key_is_used():
    """A key nobody names is a message nobody sees: it goes, or is named in DYNAMIC_KEYS with the reason."""
    literals: set[str] = set()
    prefixes: set[str] = set(DYNAMIC_KEYS)
    for path in KEY_USERS:
        if path.name == "messages.py" and path.parent.name == "db":
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
        prefixes |= {key for key, is_prefix, _ in _named_keys(path) if is_prefix}
    dead = sorted(key for key in MESSAGES if key not in literals and not any(key.startswith(p) for p in prefixes))
    assert not dead, "catalogue keys no code uses:\n" + "\n".join(dead)
