"""The report as Markdown (CommonMark, checked by parsing it back with markdown-it-py).

User text is escaped so that it stays plain text wherever it lands — a
paragraph, a list item, a heading, a line of the header: a summary starting
with `#`, `- `, `+ `, `1.`, `>` or `---` can never become a heading, a nested
list or a horizontal rule, and `*`, `[`, `<`, `|` never become emphasis, a
link, raw HTML or a table cell border.
"""
from __future__ import annotations

import re

from exports.layout import ADDRESS_LABEL, PARTY_TITLE
from exports.report_model import Bullet, Heading, Paragraph, Report, dashed, undashed

_INLINE = re.compile(r"([\\`*_\[\]<>|~#])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What may open a block at the start of a line (after `- ` too: a list item's
# content starts a block of its own): +, -, =, > and ordered-list numbers.
# `#`, `*`, `_`, `` ` ``, `~`, `<` are escaped everywhere by _INLINE.
_LINE_START = re.compile(r"^([+=>-]|\d+[.)])")


def escape(text: str, *, block_start: bool = True) -> str:
    """Plain text -> Markdown that renders to exactly that text (whitespace
    collapsed: one paragraph is one line, a stray newline cannot open a block).

    block_start=False only for the text of an ATX heading (`## …`), which
    cannot open a block: `1.1. Thuận lợi` then reads as written.
    """
    text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    if not block_start:
        return text
    return _LINE_START.sub(lambda m: _escape_marker(m.group(1)), text)


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def _wrap(text: str, mark: str) -> str:
    """`**text**` for a non-empty text; an empty one would print `****`, a rule."""
    escaped = escape(text)
    return f"{mark}{escaped}{mark}" if escaped else ""


def _lines(*lines: str) -> list[str]:
    """Non-empty lines of one paragraph, joined by hard breaks."""
    kept = [line for line in lines if line]
    return ["\\\n".join(kept), ""] if kept else []


def render_markdown(report: Report) -> str:
    party = report.layout == "party"
    out: list[str] = []
    out += _lines(escape(report.parent_body), _wrap(report.issuer, "**"), "\\*" if party else "",
                  escape(report.number_line))
    if party:
        out += _lines(_wrap(PARTY_TITLE, "**"))
    else:
        out += _lines(escape(report.national_name), _wrap(report.motto, "**"))
    out += _lines(_wrap(report.place_date, "*"))
    if escape(report.doc_type):
        out += [f"# {escape(report.doc_type, block_start=False)}", ""]
    out += _lines(_wrap(report.title, "**"))
    out += _addressees(report.addressees)
    for basis in report.bases:
        out += _lines(_wrap(basis, "*"))
    out += _lines(escape(report.intro))
    previous = None
    for block in report.body:
        if isinstance(previous, Bullet) and not isinstance(block, Bullet):
            out.append("")
        if isinstance(block, Heading):
            out += ["#" * (block.level + 1) + " " + escape(block.text, block_start=False), ""]
        elif isinstance(block, Bullet):
            out.append("- " + escape(block.text))
        elif isinstance(block, Paragraph):
            out += _lines(escape(block.text))
        previous = block
    if isinstance(previous, Bullet):
        out.append("")
    out += _lines(escape(report.closing))
    out += _lines(_wrap(report.recipients_label, "***"))
    recipients = [escape(undashed(r)) for r in report.recipients]
    out += ["- " + r for r in recipients if r] + ([""] if any(recipients) else [])
    out += _lines(*(_wrap(line, "**") for line in report.signer_lines))
    out += _lines(_wrap(report.signer_name, "**"))
    return "\n".join(out)


def _addressees(addressees: list[str]) -> list[str]:
    items = [a for a in addressees if a.strip()]
    if len(items) == 1:
        return _lines(escape(f"{ADDRESS_LABEL}: {items[0]}"))
    if not items:
        return []
    return _lines(escape(f"{ADDRESS_LABEL}:")) + ["- " + escape(undashed(dashed(a))) for a in items] + [""]
