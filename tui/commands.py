"""Command palette (ctrl+p): type a document number — `4094`, `2199-CV/HU`, `qd 1746` — and open it.

The store's own number-aware search ranks the hits, so the palette finds what
`dvk find` finds; the sections are listed too so the palette is a way around.
"""
from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from db.models import Document
from db.text import visible
from tui.widgets.section_bar import SECTIONS

LIMIT = 20


class DocumentProvider(Provider):
    async def search(self, query: str) -> Hits:
        app = self.app
        t = app.t
        for hit, doc in app.store.find(query, (Document.table,), limit=LIMIT):
            label = visible(t("palette.open_doc", number=doc.canonical))
            yield Hit(100.0 + hit.score, Text(label), partial(app.open_document, doc.id), text=label,
                      help=escape(visible(" · ".join(x for x in (doc.type_name, doc.issuer_name, doc.summary) if x))))
            # the palette reads `help` as markup: escaped, a summary's "[bold]" stays literal
        matcher = self.matcher(query)
        for name in SECTIONS:
            label = t("palette.goto", section=t("section." + name))
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(app.switch_mode, name), text=label)

    async def discover(self) -> Hits:
        app = self.app
        for name in SECTIONS:
            label = app.t("palette.goto", section=app.t("section." + name))
            yield DiscoveryHit(label, partial(app.switch_mode, name), text=label)
