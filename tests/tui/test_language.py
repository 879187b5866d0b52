"""One language at a time: every word the TUI shows comes from the catalogue, in both languages.

* every key of tui/i18n.py and db/messages.py renders in Vietnamese and English with the
  same placeholders (a missing translation or a stray `{name}` fails here);
* no user-visible string literal in the TUI's code outside the catalogue: an AST scan of
  tui/app.py, tui/commands.py, tui/screens and tui/widgets for words handed to Text, Label,
  Static, Button, Option, palette hits, toasts, titles, placeholders and Binding descriptions;
* with --lang en, what used to stay Vietnamese (undo toasts, validation errors, the
  read-only reason, model fields) is English.
"""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from db import messages as db_messages
from db.models import DvkModel
from db.store import Store
from tests.helpers import TODAY
from tests.tui.conftest import SIZE
from tests.tui.keys import record_toasts, type_text
from tui import i18n
from tui.app import make_app
from tui.screens.document_dialog import DocumentDialog

TUI = Path(i18n.__file__).resolve().parent
SCANNED = [TUI / "app.py", TUI / "commands.py", *sorted((TUI / "screens").glob("*.py")),
           *sorted((TUI / "widgets").glob("*.py"))]
# Calls whose text arguments a person reads (the positions of those arguments), and the keywords
# that carry text in any call. A form field's first argument is its name in the record, not text.
SHOWN_CALLS = {"Text": 0, "Label": 0, "Static": 0, "Button": 0, "Option": 0, "Hit": 1, "DiscoveryHit": 0,
               "Content": 0, "Markdown": 0, "notify": 0, "tell": 0, "shown": 0, "ChoiceDialog": 0,
               "ConfirmDialog": 0, "TextDialog": 0, "FormField": 1, "ChoiceField": 1, "TextAreaField": 1,
               "DocField": 1, "append": 0, "update": 0}
SHOWN_KEYWORDS = {"title", "placeholder", "prompt", "description", "tooltip", "help", "label", "message", "text",
                  "empty", "hint", "not_found", "pick_hint"}
SHOWN_ATTRIBUTES = {"title", "sub_title", "border_title", "border_subtitle", "placeholder", "tooltip"}
KEYS = set(i18n.MESSAGES) | set(db_messages.MESSAGES)


def fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def test_every_catalogue_key_renders_in_both_languages():
    for key in sorted(KEYS):
        pair = i18n.MESSAGES.get(key) or db_messages.MESSAGES[key]
        assert fields(pair[0]) == fields(pair[1]), f"{key}: the two languages take different parameters"
        params = {name: "X" for name in fields(pair[0]) if name}
        both = tuple(i18n.Catalogue(lang)(key, **params) if "key" not in params else text.format(**params)
                     for lang, text in zip(i18n.LANGS, pair))
        assert bool(both[0].strip()) == bool(both[1].strip()), f"{key}: one language is empty"
        assert "{" not in "".join(both), f"{key}: a placeholder was left unfilled"
        if key in i18n.MESSAGES and both[0].strip() and re.search(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", both[0],
                                                                      re.IGNORECASE):
            assert both[0] != both[1], f"{key}: the English text is the Vietnamese one"


def _literal_words(node: ast.AST) -> list[str]:
    """Text a person would read in a string literal or an f-string (its constant parts)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        parts = [node.value]
    elif isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    else:
        return []
    out = []
    for part in parts:
        if part in KEYS or re.fullmatch(r"[\w.]+\.", part):  # a catalogue key, or the start of one ("status.")
            continue
        if re.search(r"[^\W\d_]{2,}", part):  # two letters in a row: a word
            out.append(part)
    return out


def _name(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def literals_shown(source: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            args: list[ast.AST] = []
            if name == "Binding":
                args = node.args[2:3] + [k.value for k in node.keywords if k.arg == "description"]
            elif name in SHOWN_CALLS:
                position = SHOWN_CALLS[name]
                args = list(node.args[position:position + 1])
            args += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS and name != "Binding"]
            for arg in args:
                found += [(node.lineno, text) for text in _literal_words(arg)]
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr in SHOWN_ATTRIBUTES:
                    found += [(node.lineno, text) for text in _literal_words(node.value)]
    return found


def test_the_scan_catches_words_outside_the_catalogue():
    source = '''
Label("Xin chào")
self.notify(f"Saved {n} rows")
Binding("a", "add", "Add", id="x")
widget.border_title = "Tasks"
Static(Text(t("doc.added", number=n)))
Binding("a", "add", "key.add", id="x")
Text(f"{due:10}  ")
'''
    assert sorted(text for _line, text in literals_shown(source)) == [" rows", "Add", "Saved ", "Tasks", "Xin chào"]


def test_no_user_visible_literal_outside_the_catalogue():
    bad = [f"{path.relative_to(TUI.parent)}:{line}: {text!r}" for path in SCANNED
           for line, text in literals_shown(path.read_text(encoding="utf-8"))]
    assert not bad, "words shown to the user outside tui/i18n.py:\n" + "\n".join(bad)


async def test_english_mode_speaks_english_everywhere(data_file):
    app = make_app(data_file, lang="en", today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        said = record_toasts(app)
        await pilot.press("3", "x")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any(toast.startswith("Undone: mark ") for toast in said), said
        await pilot.press("ctrl+c")
        assert said[-1] == "Press q to quit dvk."
        await pilot.press("4")
        await pilot.pause()
        model = app.store.all(DvkModel)[0]
        app.screen.show_record(model.id)
        assert "culture and society" in str(app.screen.query_one("#detail").render())
        await pilot.press("2", "a")
        assert isinstance(app.screen, DocumentDialog)
        await type_text(pilot, "4094/KH-UBND")
        await pilot.press("enter")
        await type_text(pilot, "1/8/2020")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "Again")
        await pilot.press("ctrl+s")
        await pilot.pause()
        question = str(app.screen.query_one(".confirm-message").render())
        assert question.startswith("Document 4094/KH-UBND of 2020 already exists.") and "Open" in question


async def test_the_read_only_reason_is_english_with_lang_en(data_file):
    with Store(data_file):
        app = make_app(data_file, lang="en", today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            banner = str(app.screen.query_one("#readonly-banner").render())
            assert banner.startswith("READ-ONLY — another dvk session is writing this file (PID ")
