"""The report as Markdown (CommonMark, checked by parsing it back with markdown-it-py).

User text is escaped so that a summary starting with `#`, `- ` or `1.` or
containing `*`, `[`, `<` stays plain text: it can never become a heading, a
list, emphasis, a link or raw HTML.
"""
from __future__ import annotations

import re

from exports.report_model import Bullet, Heading, Paragraph, Report

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def escape(text: str, *, line_start: bool = True) -> str:
    """Plain text -> Markdown that renders to exactly that text.

    line_start=False for text that follows a marker on its line (`## `, `- `),
    where `1.` or `-` can no longer open a block.
    """
    text = " ".join(text.split())  # one paragraph = one line; stray newlines would start new blocks
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    if line_start:
        text = _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), text)
    else:
        text = text.replace("#", "\\#")  # a trailing `#` run would close an ATX heading
    return text


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def render_markdown(report: Report) -> str:
    out: list[str] = [
        f"{escape(report.parent_body)}\\",
        f"**{escape(report.issuer)}**\\",
        escape(report.number_line),
        "",
        f"{escape(report.national_name)}\\",
        f"**{escape(report.motto)}**",
        "",
        f"*{escape(report.place_date)}*",
        "",
        f"# {escape(report.doc_type)}",
        "",
        f"**{escape(report.title)}**",
        "",
    ]
    for basis in report.bases:
        out += [f"*{escape(basis)}*", ""]
    if report.intro:
        out += [escape(report.intro), ""]
    previous = None
    for block in report.body:
        if isinstance(block, Heading):
            if isinstance(previous, Bullet):
                out.append("")
            out += ["#" * (block.level + 1) + " " + escape(block.text, line_start=False), ""]
        elif isinstance(block, Bullet):
            out.append("- " + escape(block.text, line_start=False))
        elif isinstance(block, Paragraph):
            if isinstance(previous, Bullet):
                out.append("")
            out += [escape(block.text), ""]
        previous = block
    if isinstance(previous, Bullet):
        out.append("")
    if report.closing:
        out += [escape(report.closing), ""]
    out += [f"***{escape(report.recipients_label)}***", ""]
    out += ["- " + escape(r.removeprefix("- ").removeprefix("-").strip(), line_start=False) for r in report.recipients]
    out.append("")
    out.append("\\\n".join(f"**{escape(line)}**" for line in report.signer_lines))
    out += ["", f"**{escape(report.signer_name)}**", ""]
    return "\n".join(out)
