"""No widget, screen or app of ours stores anything under a name Textual already uses.

`TaskDialog.task = …` crashed the app (Textual's `task` is a read-only property);
`self.app`, `self.screen`, `self.name`, `self.log` would break it more quietly.
This walks every Textual subclass in tui/, reads the attributes it sets (class
body and `self.x = …` anywhere in its methods) and fails on any that a Textual
base class already has, unless it is a hook meant to be overridden.
"""
from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap

import textual.command
from textual.dom import DOMNode
from textual.reactive import Reactive

import tui

HOOKS = {
    "compose", "render", "render_line", "check_action", "get_system_commands",  # Textual's documented override points
    "search", "discover", "startup", "shutdown",  # command palette Provider hooks
    "border_title", "border_subtitle",  # meant to be assigned
}
HANDLER_PREFIXES = ("on_", "_on_", "action_", "watch_", "compute_", "validate_", "key_")


def our_classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, (DOMNode, textual.command.Provider)):
                found.append(cls)
    return found


def textual_names(cls: type) -> dict[str, object]:
    names: dict[str, object] = {}
    for base in cls.__mro__:
        if base.__module__.startswith("textual"):
            for name in dir(base):
                names.setdefault(name, inspect.getattr_static(base, name, None))
    return names


def class_body_names(cls: type) -> set[str]:
    """Methods and class attributes the class body defines."""
    names: set[str] = set()
    for node in _class_node(cls).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        names.update(target.id for target in _targets(node) if isinstance(target, ast.Name))
    return names


def assigned_names(cls: type) -> set[str]:
    """Every `self.<name> = …` in the class's own methods."""
    names: set[str] = set()
    for node in ast.walk(_class_node(cls)):
        for target in _targets(node):
            for item in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(item, ast.Attribute) and isinstance(item.value, ast.Name) and item.value.id == "self":
                    names.add(item.attr)
    return names


def _class_node(cls: type) -> ast.ClassDef:
    node = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]
    assert isinstance(node, ast.ClassDef)
    return node


def _targets(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return list(node.targets)
    if isinstance(node, ast.AugAssign) or (isinstance(node, ast.AnnAssign) and node.value is not None):
        return [node.target]  # a bare annotation (`app: "DvkApp"`) only narrows the type
    return []


def allowed(name: str, base_value: object) -> bool:
    """A name our class may define: dunders, CONFIG constants, handlers and documented hooks."""
    return name.startswith("__") or name.isupper() or name.startswith(HANDLER_PREFIXES) or name in HOOKS


def settable(base_value: object) -> bool:
    """Textual offers this for assignment: a reactive (title, highlighted…) or a property with a setter
    (display, id). `task`, `app`, `screen`, `name` and `log` are read-only: assigning them is the bug."""
    return isinstance(base_value, Reactive) or (isinstance(base_value, property) and base_value.fset is not None)


def clashes_of(cls: type) -> list[str]:
    base = textual_names(cls)
    defined = {n for n in class_body_names(cls) & set(base) if not allowed(n, base[n])}
    assigned = {n for n in assigned_names(cls) & set(base) if not (allowed(n, base[n]) or settable(base[n]))}
    return sorted(defined | assigned)


def test_the_walk_finds_our_dialogs_and_screens():
    names = {cls.__name__ for cls in our_classes()}
    assert {"TaskDialog", "DocumentDialog", "DvkApp", "DocumentsScreen", "FormField"} <= names


def test_no_subclass_shadows_a_textual_name():
    clashes = [f"{cls.__module__}.{cls.__name__}.{name}" for cls in our_classes() for name in clashes_of(cls)]
    assert not clashes, "attributes shadowing Textual names: " + ", ".join(clashes)


def test_the_check_catches_the_task_crash():
    """The very bug that ended the app: a dialog keeping its record under `task`."""
    from textual.screen import ModalScreen

    class Shadowing(ModalScreen):
        def __init__(self, record) -> None:
            super().__init__()
            self.task = record
            self.name = "dialog"
            self.display = True  # a setter Textual offers: fine

        def log(self) -> None: ...

    assert clashes_of(Shadowing) == ["log", "name", "task"]
