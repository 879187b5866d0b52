"""Every stored record checked against its model, and built without copies.

A hand-edited file can hold ``"title": 5``, ``"due": "2020-13-45"`` or a list where
text belongs; such a record would crash the screens, the report and undo far from
the cause. ``problems()`` names each bad field; ``build()`` makes the dataclass
from the parsed dict itself (its lists and dicts are used as they are: the parsed
dict is thrown away, so nothing is held twice).

The checks are generated from the dataclass annotations, so a field added to a
model is checked without touching this file. Fields holding ISO dates are listed
in ``ISO_DATE_FIELDS`` (a date is text in the model).
"""
from __future__ import annotations

import types
import typing
from dataclasses import MISSING, fields
from datetime import date
from typing import Any, Callable, Union

from db.models import RECORD_TYPES, Record

# table -> fields holding an ISO date ("" and None mean "no date").
ISO_DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "documents": ("date", "due"),
    "tasks": ("due", "done_on"),
}

Check = Callable[[Any], bool]
_MISSING = object()


def _is_iso(value: Any) -> bool:
    if type(value) is not str:
        return False
    if value == "":
        return True  # "no date", like None
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return False  # fromisoformat would also take 20201231 or 2020-W01-1
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_for(tp: Any) -> Check | None:
    """A predicate for values of type ``tp``; None = anything goes."""
    if tp is Any or tp is object:
        return None
    if tp is type(None):
        return lambda v: v is None
    if tp is str:
        return lambda v: type(v) is str
    if tp is bool:
        return lambda v: type(v) is bool
    if tp is int:
        return lambda v: type(v) is int
    if tp is float:
        return lambda v: type(v) in (int, float)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (Union, types.UnionType):
        checks = [_check_for(a) for a in args]
        if any(c is None for c in checks):
            return None
        return lambda v: any(c(v) for c in checks)
    if origin is list:
        item = _check_for(args[0]) if args else None
        if item is None:
            return lambda v: type(v) is list
        return lambda v: type(v) is list and all(item(x) for x in v)
    if origin is dict:
        val = _check_for(args[1]) if len(args) == 2 else None
        if val is None:
            return lambda v: type(v) is dict and all(type(k) is str for k in v)
        return lambda v: type(v) is dict and all(type(k) is str and val(x) for k, x in v.items())
    if isinstance(tp, type):
        return lambda v: isinstance(v, tp)
    return None


def _inline(tp: Any) -> str | None:
    """A Python expression true when ``v`` does NOT fit ``tp`` (for the generated check),
    or None when a closure must do it."""
    simple = {str: "type(v) is not str", int: "type(v) is not int", bool: "type(v) is not bool",
              float: "type(v) not in (int, float)"}
    if tp in simple:
        return simple[tp]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (Union, types.UnionType) and len(args) == 2 and type(None) in args:
        other = args[0] if args[1] is type(None) else args[1]
        inner = _inline(other)
        return f"(v is not None and {inner})" if inner else None
    if origin is list and args and args[0] in simple:
        return f"(type(v) is not list or (v and not all({simple[args[0]].replace(' not ', ' ')} for v in v)))"
    if origin is dict and (len(args) < 2 or args[1] is Any):
        return "type(v) is not dict"  # JSON object keys are always text
    return None


class _Model:
    """What `problems` and `build` need about one record type, computed once.

    The check is generated as one Python function per model (a closure per field
    costs 10× more, and every record of the file goes through it at open)."""

    def __init__(self, cls: type[Record]) -> None:
        self.cls = cls
        hints = typing.get_type_hints(cls)
        dates = set(ISO_DATE_FIELDS.get(cls.table, ()))
        self.names = frozenset(f.name for f in fields(cls) if f.name != "id")
        self.required = [f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING
                         and f.name != "id"]
        env: dict[str, Any] = {"_M": _MISSING, "_fromiso": date.fromisoformat}
        body = ["def check(raw):", "    bad = None", "    get = raw.get"]
        for number, f in enumerate(fields(cls)):
            if f.name == "id":
                continue
            name = repr(f.name)
            if f.name in dates:  # inline: a date field in every record
                body += [f"    v = get({name})",
                         "    if v is not None and v != '':",
                         "        if type(v) is not str or len(v) != 10 or v[4] != '-' or v[7] != '-':",
                         f"            bad = (bad or []) + [{name}]",
                         "        else:",
                         "            try:",
                         "                _fromiso(v)",
                         "            except ValueError:",
                         f"                bad = (bad or []) + [{name}]"]
                continue
            else:
                wrong = _inline(hints[f.name])
                if wrong is None:
                    check = _check_for(hints[f.name])
                    if check is None:
                        continue
                    env[f"_c{number}"] = check
                    wrong = f"not _c{number}(v)"
            body += [f"    v = get({name}, _M)",
                     f"    if v is not _M and {wrong}:",
                     f"        bad = (bad or []) + [{name}]"]
        for name in self.required:
            body += [f"    if {name!r} not in raw:", f"        bad = (bad or []) + [{name!r}]"]
        body.append("    return bad")
        exec("\n".join(body), env)  # noqa: S102 - code built above from the model's own field names
        self.problems: Callable[[dict], list[str] | None] = env["check"]  # None when all is well

    def build(self, rec_id: int, raw: dict) -> Record:
        if raw.keys() <= self.names:
            return self.cls(id=rec_id, **raw)
        return self.cls(id=rec_id, **{k: v for k, v in raw.items() if k in self.names})  # keys from a newer dvk


_MODELS: dict[str, _Model] = {}


def model(table: str) -> _Model | None:
    found = _MODELS.get(table)
    if found is None and table in RECORD_TYPES:
        found = _MODELS[table] = _Model(RECORD_TYPES[table])
    return found


def problems(table: str, raw: dict) -> list[str]:
    """Names of the fields of ``raw`` that do not fit the model of ``table`` (none for unknown tables)."""
    found = model(table)
    return found.problems(raw) if found else []


def build(table: str, rec_id: int, raw: dict) -> Record:
    return _MODELS[table].build(rec_id, raw) if table in _MODELS else model(table).build(rec_id, raw)  # type: ignore[union-attr]


def describe_value(value: Any, limit: int = 40) -> str:
    """A short, safe rendering of a bad value for `dvk check`."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
