"""Văn bản: every directive received or issued; filters by type, issuer, year, direction, tag."""
from __future__ import annotations

from typing import Sequence

from rich.text import Text

from db.errors import DvkError
from db.filters import DocumentFilter
from db.links import tasks_of_document
from db.models import Document, Task
from tui.cli_format import ui_date
from tui.screens import document_register as register
from tui.screens.confirm import ConfirmDialog
from tui.screens.document_dialog import DocumentDialog
from tui.screens.list_screen import ColumnSpec, FilterSpec, ListScreen, Options, Related, StoreOrder, folded, one_of
from tui.screens.tasks import task_dialog, task_line
from tui.widgets.text import shown
from textual.binding import Binding


class DocumentsScreen(ListScreen):
    SECTION = "documents"
    TABLE = Document.table
    COLUMNS = (
        ColumnSpec("number", "doc.col.number", 15),
        ColumnSpec("date", "doc.col.date", 10),
        ColumnSpec("type", "doc.col.type", 10, drop=4),
        ColumnSpec("issuer", "doc.col.issuer", 16, drop=3, grow=18),
        ColumnSpec("summary", "doc.col.summary", None, min_width=18),
        ColumnSpec("tags", "doc.col.tags", 12, drop=5, grow=8),
        ColumnSpec("direction", "doc.col.direction", 5, drop=2),
        ColumnSpec("handling", "doc.col.handling", 10),
    )
    FILTERS = (
        FilterSpec("type_name", "field.type", "filter.type"),
        FilterSpec("issuer_name", "field.issuer", "filter.issuer"),
        FilterSpec("year", "field.year", "filter.year"),
        FilterSpec("direction", "field.direction", "filter.direction",
                   (("direction.in", "in"), ("direction.out", "out"))),
        FilterSpec("tag", "doc.col.tags", "filter.tag"),
    )
    EDIT_ACTIONS = ListScreen.EDIT_ACTIONS | {"new_task", "import_register"}
    BINDINGS = [
        Binding("t", "new_task", "key.new_task", id="documents.new_task", priority=True),
        Binding("i", "import_register", "key.import_register", id="documents.import", priority=True),
        Binding("o", "open_attachment", "key.open_attachment", id="documents.open_attachment", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._tasks_by_doc: dict[int, list[int]] | None = None  # built with the view, in its worker

    # ------------------------------------------------------------------ data
    def natural_order(self) -> list[Document]:
        return self.store.documents()

    def lazy_order(self) -> Sequence[int]:
        return StoreOrder(self.store, Document)

    def gather_options(self):
        """With the pick lists, which tasks carry out which document (the pane under the detail:
        one pass over the tasks here, not one per highlighted row)."""
        by_doc: dict[int, list[int]] = {}
        for task in self.store.all(Task):
            if task.source_doc is not None:
                by_doc.setdefault(task.source_doc, []).append(task.id)
        self._tasks_by_doc = by_doc
        return super().gather_options()

    def row(self, doc: Document) -> Sequence[Text]:
        t = self.app.t
        return (shown(doc.canonical), Text(ui_date(doc.date)), shown(doc.type_name), shown(doc.issuer_name),
                shown(doc.summary), shown(", ".join(doc.tags)), Text(t("direction." + doc.direction)),
                Text(t("handling." + doc.handling)))

    def sort_key(self, column: str):
        return {
            "number": lambda d: (d.parts.get("seq") or 0, folded(d.canonical), d.id),
            "date": lambda d: (d.date or "", d.id),
            "type": lambda d: (folded(d.type_name), d.id),
            "issuer": lambda d: (folded(d.issuer_name), d.id),
            "summary": lambda d: (folded(d.summary), d.id),
            "tags": lambda d: (folded(", ".join(d.tags)), d.id),
            "direction": lambda d: (d.direction, d.id),
            "handling": lambda d: (d.handling, d.id),
        }[column]

    def make_filter(self, values: dict[str, str]) -> DocumentFilter:
        year = values.get("year")
        return DocumentFilter(type_=values.get("type_name", ""), issuer=values.get("issuer_name", ""),
                              year=int(year) if year else None, direction=values.get("direction", ""),
                              tag=values.get("tag", ""), exact=True)

    def filter_options(self, docs: list[Document]) -> dict[str, Options]:
        years = sorted({d.date[:4] for d in docs if d.date}, reverse=True)
        return {
            "type_name": [(v, v) for v in one_of(d.type_name for d in docs)],
            "issuer_name": [(v, v) for v in one_of(d.issuer_name for d in docs)],
            "year": [(v, v) for v in years],
            "tag": [(v, v) for v in one_of(tag for d in docs for tag in d.tags)],
        }

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
        if self._tasks_by_doc is not None:
            mine = []
            for task_id in self._tasks_by_doc.get(doc.id, ()):
                try:
                    mine.append(self.store.get(Task, task_id))
                except DvkError:
                    continue
            tasks = tasks_of_document(mine, doc.id)
        else:
            tasks = tasks_of_document(self.store.all(Task), doc.id)
        items = [(Task.table, task.id, task_line(self.app, task)) for task in tasks]
        return self.app.t("doc.tasks", count=len(tasks)), items

    # ------------------------------------------------------------------ editing
    def action_new_task(self) -> None:
        """A task that carries out the highlighted document (its deadline, if it has one)."""
        if self.defer(self.action_new_task):
            return
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
        if self.defer(self.action_edit):
            return
        doc = self.current()
        if doc is not None:
            self.app.push_screen(DocumentDialog(self.app.t("doc.title.edit"), self.store.save, doc),
                                 self._saved("doc.saved"))

    def _saved(self, message: str):
        def done(doc: Document | None) -> None:
            if doc is not None:
                self.changed(select=doc.id)
                self.app.tell(self.app.t(message, number=doc.canonical))
                self._warn_other_years(doc)
        return done

    def _warn_other_years(self, doc: Document) -> None:
        """NĐ 30 allows a number again in another year; often it is the same letter typed twice."""
        try:
            same = self.store.document_by_number(doc.number)
        except DvkError:
            return
        year = (doc.date or "")[:4]
        others = sorted({(d.date or "")[:4] or "?" for d in same if d.id != doc.id and (d.date or "")[:4] != year})
        if others:
            self.app.tell(self.app.t("doc.same_number_other_year", number=doc.canonical, years=", ".join(others)),
                          severity="warning", timeout=10)

    def action_delete(self) -> None:
        if self.defer(self.action_delete):
            return
        doc = self.current()
        if doc is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.write(lambda: self.store.delete(Document, doc.id),
                               lambda _none: self._deleted(doc))

        self.app.push_screen(ConfirmDialog(self.app.t("doc.confirm_delete", number=doc.canonical,
                                                      summary=doc.summary)), answer)

    def _deleted(self, doc: Document) -> None:
        self.changed()
        self.app.tell(self.app.t("doc.deleted", number=doc.canonical))
