"""Văn bản: every directive received or issued, filterable by type, issuer, year, direction."""
from __future__ import annotations

from typing import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Select

from db.errors import DvkError
from db.links import tasks_of_document
from db.models import Document, Task
from tui.cli_format import ui_date
from tui.screens import document_register as register
from tui.screens.confirm import ConfirmDialog
from tui.screens.document_dialog import DocumentDialog
from tui.screens.list_screen import ListScreen, Related
from tui.screens.tasks import task_dialog, task_line
from tui.widgets.text import shown

FILTERS = ("type_name", "issuer_name", "year", "direction")


class DocumentsScreen(ListScreen):
    SECTION = "documents"
    TABLE = Document.table
    COLUMNS = (
        ("number", "doc.col.number", 15),
        ("date", "doc.col.date", 10),
        ("type", "doc.col.type", 10),
        ("issuer", "doc.col.issuer", 16),
        ("summary", "doc.col.summary", None),
        ("direction", "doc.col.direction", 5),
        ("handling", "doc.col.handling", 10),
    )
    EDIT_ACTIONS = ListScreen.EDIT_ACTIONS | {"new_task", "import_register"}
    BINDINGS = [
        Binding("t", "new_task", "key.new_task", id="documents.new_task"),
        Binding("f", "filters", "key.filters", id="documents.filters"),
        Binding("c", "clear", "key.clear", id="documents.clear"),
        Binding("i", "import_register", "key.import_register", id="documents.import"),
        Binding("o", "open_attachment", "key.open_attachment", id="documents.open_attachment"),
    ]

    def compose_filters(self) -> ComposeResult:
        t = self.app.t
        with Horizontal(id="filters"):
            for name, prompt in zip(FILTERS[:3], ("filter.all_types", "filter.all_issuers", "filter.all_years")):
                yield Select([], prompt=t(prompt), id=f"filter-{name}", compact=True)
            directions = [(Text(t("direction.in")), "in"), (Text(t("direction.out")), "out")]
            yield Select(directions, prompt=t("filter.all_directions"), id="filter-direction", compact=True)

    # ------------------------------------------------------------------ data
    def all_records(self) -> list[Document]:
        return self.store.documents()

    def row(self, doc: Document) -> Iterable[Text]:
        t = self.app.t
        return (shown(doc.canonical), Text(ui_date(doc.date)), shown(doc.type_name), shown(doc.issuer_name),
                shown(doc.summary), Text(t("direction." + doc.direction)), Text(t("handling." + doc.handling)))

    def detail(self, doc: Document) -> Text:
        t = self.app.t
        head = " · ".join(x for x in (f"{doc.type_name} {doc.canonical}".strip(), ui_date(doc.date),
                                      doc.issuer_name, t("handling." + doc.handling),
                                      t("doc.detail.due", due=ui_date(doc.due)) if doc.due else "") if x)
        text = shown(head, style="bold")
        text.append_text(shown("\n" + doc.summary, multiline=True))
        text.append_text(register.detail_lines(self.app, doc))
        links = []
        for link in doc.links:
            try:
                other = self.store.get(Document, link["doc"])
            except DvkError:
                continue
            links.append(f"{t('link.' + link.get('kind', 'cites'))} {other.canonical}")
        if links:
            text.append_text(shown("\n" + t("doc.detail.links", links="; ".join(links)), multiline=True))
        return text

    def related(self, doc: Document) -> Related:
        tasks = tasks_of_document(self.store.all(Task), doc.id)
        items = [(Task.table, task.id, task_line(self.app, task)) for task in tasks]
        return self.app.t("doc.tasks", count=len(tasks)), items

    def reload(self) -> None:
        self._fill_filters()
        super().reload()

    def _fill_filters(self) -> None:
        docs = self.store.all(Document)
        values = {
            "type_name": sorted({d.type_name for d in docs if d.type_name}),
            "issuer_name": sorted({d.issuer_name for d in docs if d.issuer_name}),
            "year": sorted({d.date[:4] for d in docs if d.date}, reverse=True),
        }
        for name, options in values.items():
            select = self.query_one(f"#filter-{name}", Select)
            keep = select.value
            with self.prevent(Select.Changed):
                select.set_options([(shown(v), v) for v in options])
                if keep in options:
                    select.value = keep

    def _filter(self, name: str):
        value = self.query_one(f"#filter-{name}", Select).value
        return None if value is Select.NULL else value

    def has_filters(self) -> bool:
        return any(self._filter(name) is not None for name in FILTERS)

    def keep(self, doc: Document) -> bool:
        wanted = {name: self._filter(name) for name in FILTERS}
        have = {"type_name": doc.type_name, "issuer_name": doc.issuer_name,
                "year": (doc.date or "")[:4], "direction": doc.direction}
        return all(value is None or have[name] == value for name, value in wanted.items())

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        self.apply()

    def action_filters(self) -> None:
        self.query_one("#filter-type_name", Select).focus()

    def clear_search(self) -> None:
        with self.prevent(Select.Changed):
            for name in FILTERS:
                self.query_one(f"#filter-{name}", Select).clear()
        super().clear_search()

    def action_clear(self) -> None:
        self.clear_search()
        self.table.focus()

    # ------------------------------------------------------------------ editing
    def action_new_task(self) -> None:
        """A task that carries out the highlighted document (its deadline, if it has one)."""
        doc = self.current()
        if doc is None:
            self.app.tell(self.app.t("doc.none_selected"), severity="warning")
            return
        campaign = self.app.current_campaign()
        task = Task(source_doc=doc.id, due=doc.due if doc.handling == "pending" else None,
                    campaign=campaign.id if campaign else None)
        title = self.app.t("task.title.for_doc", number=doc.canonical)

        def added(task: Task | None) -> None:
            if task is not None:
                self.changed(select=doc.id)
                self.app.tell(self.app.t("task.added_for_doc", title=task.title, number=doc.canonical))

        self.app.push_screen(task_dialog(self.app, title, self.store.add, task), added)

    def action_import_register(self) -> None:
        register.open_import(self)

    def action_open_attachment(self) -> None:
        register.open_attachment(self.app, self.current())

    def action_add(self) -> None:
        self.app.push_screen(DocumentDialog(self.app.t("doc.title.add"), self.store.add), self._saved("doc.added"))

    def action_edit(self) -> None:
        doc = self.current()
        if doc is not None:
            self.app.push_screen(DocumentDialog(self.app.t("doc.title.edit"), self.store.save, doc),
                                 self._saved("doc.saved"))

    def _saved(self, message: str):
        def done(doc: Document | None) -> None:
            if doc is not None:
                self.changed(select=doc.id)
                self.app.tell(self.app.t(message, number=doc.canonical))
        return done

    def action_delete(self) -> None:
        doc = self.current()
        if doc is None:
            return

        def answer(yes: bool | None) -> None:
            if yes and self.app.attempt(lambda: self.store.delete(Document, doc.id)):
                self.changed()
                self.app.tell(self.app.t("doc.deleted", number=doc.canonical))

        self.app.push_screen(ConfirmDialog(self.app.t("doc.confirm_delete", number=doc.canonical,
                                                      summary=doc.summary)), answer)
