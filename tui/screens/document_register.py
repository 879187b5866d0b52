"""What the Văn bản screen shows and does for the register (issue 13), kept out of documents.py:
the detail lines (số đến, ngày đến, người xử lý, nhãn, ghi chú, attached files) and the
entry points of the import dialog, the list export and the attachment viewer."""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from db.models import Document
from tui.cli_format import ui_date
from tui.screens.attachments import attachment_summary, open_attachment
from tui.screens.export_list import export_list
from tui.screens.import_dialog import open_import
from tui.widgets.text import shown

if TYPE_CHECKING:
    from tui.app import DvkApp

__all__ = ["detail_lines", "export_list", "open_attachment", "open_import"]


def detail_lines(app: "DvkApp", doc: Document) -> Text:
    """The register fields under a document's summary: one line, then the attached files; empty when none."""
    t = app.t
    words = []
    if doc.arrival_number is not None or doc.arrival_date:
        number = str(doc.arrival_number) if doc.arrival_number is not None else "—"
        words.append(t("doc.detail.arrival", number=number, date=ui_date(doc.arrival_date) or "—"))
    if doc.handler:
        words.append(t("doc.detail.handler", handler=doc.handler))
    if doc.tags:
        words.append(t("doc.detail.tags", tags=", ".join(doc.tags)))
    if doc.note:
        words.append(t("doc.detail.note", note=doc.note))
    text = Text()
    if words:
        text.append("\n")
        text.append_text(shown(" · ".join(words)))
    files = attachment_summary(app, doc)
    if files is not None:
        text.append("\n")
        text.append_text(files)
    return text
