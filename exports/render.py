"""One entry point for every export: campaign -> bytes in the chosen format."""
from __future__ import annotations

from typing import Callable, Optional

from db.store import Store
from exports.report import build_report


def render(store: Store, year: int, campaign_name: Optional[str], fmt: str,
           progress: Optional[Callable[[float], None]] = None) -> bytes:
    report = build_report(store, store.campaign_for(year, campaign_name))
    if fmt == "md":
        from exports.markdown import render_markdown

        return render_markdown(report).encode("utf-8")
    if fmt == "pdf":
        from exports.pdf import render_pdf  # deferred: WeasyPrint takes ~0.5 s to import

        return render_pdf(report, progress=progress)
    if fmt == "docx":
        from exports.docx import render_docx

        return render_docx(report)
    raise ValueError(fmt)
