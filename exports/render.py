"""One entry point for every export: campaign -> bytes in the chosen format.

`render(store, year, name, fmt)` builds and renders in one call (CLI, TUI
export). A preview that also shows the report's data (its reporting period,
`report.period.cited()`) builds once with `report_for` and renders that very
model with `render_report`.
"""
from __future__ import annotations

from typing import Callable, Optional

from db.store import Store
from exports.report import build_report
from exports.report_model import Report

Progress = Callable[[float], None]
FORMATS = ("md", "pdf", "docx")


def report_for(store: Store, year: int, campaign_name: Optional[str] = None) -> Report:
    return build_report(store, store.campaign_for(year, campaign_name))


def render(store: Store, year: int, campaign_name: Optional[str], fmt: str,
           progress: Optional[Progress] = None) -> bytes:
    return render_report(report_for(store, year, campaign_name), fmt, progress)


def render_report(report: Report, fmt: str, progress: Optional[Progress] = None) -> bytes:
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
