"""Command palette (ctrl+p): the way to everything.

Type a document number (`4094`, `2199-CV/HU`, `qd 1746`), words of a task or a
model (`bao cao thang`: accents optional), or an action (`them van ban`, `xuat pdf`,
`tieng anh`, `giao dien`): the records come from the store's number-aware search,
re-ranked so that what the palette shows decides the order — a record whose number
or title matches comes before one that matched only in a field the palette does not
show (a task's result, a document's issuer). When nothing matches, the palette says
so in the app's language (Textual's own "No matches found" is English).
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Callable, Iterable

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from db.models import Document, DvkModel, Record, Task
from db.text import tokens, visible
from tui.widgets.section_bar import SECTIONS

if TYPE_CHECKING:
    from tui.app import DvkApp

LIMIT = 20
SEARCHED = 400  # hits read from the store before re-ranking: enough that a visible match is never cut
SUMMARY = 60


@dataclass(frozen=True)
class Action:
    label: str  # catalogue key
    run: Callable[["DvkApp"], object]
    writes: bool = False  # refused (with the reason) on a read-only file


def _section_action(mode: str, action: str) -> Callable[["DvkApp"], object]:
    return lambda app: app.run_in_section(mode, action)


def _switch_lang(app: "DvkApp") -> object:
    return app.set_lang("en" if app.t.lang == "vi" else "vi")


def _choose_theme(app: "DvkApp") -> None:
    from tui.screens.choice import ChoiceDialog

    themes = sorted(app.available_themes)
    choices = [(name, f"{name}  ●" if name == app.theme else name) for name in themes]

    def chosen(name: str | None) -> None:
        if name:
            app.set_theme(name)

    app.push_screen(ChoiceDialog(app.t("palette.theme_title"), choices), chosen)


ACTIONS = (
    Action("palette.add_doc", _section_action("documents", "add"), writes=True),
    Action("palette.add_task", _section_action("tasks", "add"), writes=True),
    Action("palette.add_model", _section_action("models", "add"), writes=True),
    Action("palette.export_pdf", _section_action("report", "export('pdf')")),
    Action("palette.export_docx", _section_action("report", "export('docx')")),
    Action("palette.export_md", _section_action("report", "export('md')")),
    Action("palette.theme", _choose_theme),
    Action("palette.lang", _switch_lang),
    Action("palette.help", lambda app: app.action_help()),
)


def visible_rank(query: list[str], rec: Record) -> tuple[int, int]:
    """(1 if the query reads as the record's number, query words found in what the palette shows)."""
    if isinstance(rec, Document):
        number, title = tokens(rec.canonical + " " + rec.number), tokens(rec.summary)
    elif isinstance(rec, Task):
        number, title = [], tokens(rec.title)
    else:
        number, title = [], tokens(getattr(rec, "name", ""))
    whole = bool(number) and "".join(query) == "".join(tokens(rec.canonical))  # type: ignore[union-attr]
    shown = number + title
    found = sum(1 for q in query if any(word.startswith(q) for word in shown))
    return int(whole), found


def _label(app: "DvkApp", rec: Record) -> tuple[str, str]:
    """(line shown, help line under it) of a record."""
    t = app.t
    if isinstance(rec, Document):
        summary = rec.summary if len(rec.summary) <= SUMMARY else rec.summary[: SUMMARY - 1] + "…"
        return (t("palette.open_doc", number=rec.canonical, summary=summary),
                " · ".join(x for x in (rec.type_name, rec.issuer_name) if x))
    if isinstance(rec, Task):
        return t("palette.open_task", title=rec.title), " · ".join(
            x for x in (t("status." + rec.status), rec.assignee) if x)
    return t("palette.open_model", name=rec.name), " · ".join(x for x in (rec.unit, str(rec.year or "")) if x)


def _matches(query: list[str], label: str) -> bool:
    words = tokens(label)
    return bool(query) and all(any(word.startswith(q) for word in words) for q in query)


class DvkCommands(Provider):
    @property
    def dvk(self) -> "DvkApp":
        return self.app  # type: ignore[return-value]

    def _actions(self) -> Iterable[tuple[str, Callable[[], object]]]:
        app = self.dvk
        for action in ACTIONS:
            yield app.t(action.label), partial(self._run, action)
        for name in SECTIONS:
            yield app.t("palette.goto", section=app.t("section." + name)), partial(app.switch_mode, name)

    def _run(self, action: Action) -> object:
        app = self.dvk
        if action.writes and app.readonly:
            app.refuse_readonly()
            return None
        return action.run(app)

    async def search(self, query: str) -> Hits:
        app = self.dvk
        words = tokens(query)
        found = 0
        for label, run in self._actions():
            if _matches(words, label):
                found += 1
                yield Hit(100 + 100 * len(words) + 99.5, Text(label), run, text=label)
        hits = await asyncio.to_thread(app.store.find, query, (Document.table, Task.table, DvkModel.table),
                                       SEARCHED) if words else []
        ranked = sorted(((visible_rank(words, rec), hit.score, rec) for hit, rec in hits),
                        key=lambda item: (item[0], item[1]), reverse=True)[:LIMIT]
        for (whole, shown_words), score, rec in ranked:
            line, help_line = _label(app, rec)
            line = visible(line)
            found += 1
            # the palette reads `help` as markup: escaped, a summary's "[bold]" stays literal
            yield Hit(100 + 1000 * whole + 100 * shown_words + min(score, 99), Text(line),
                      partial(app.open_record, rec.table, rec.id), text=line, help=escape(visible(help_line)))
        if not found and query.strip():
            nothing = visible(app.t("palette.none", query=query.strip()))
            yield Hit(1, Text(nothing, style="italic"), lambda: None, text=nothing)

    async def discover(self) -> Hits:
        for label, run in self._actions():
            yield DiscoveryHit(label, run, text=label)
