"""Report -> PDF in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I.

The report becomes a small HTML page styled by `report.css` and laid out by
WeasyPrint. Two rules keep user text from reaching the file system or the
network: every text field is HTML-escaped, and WeasyPrint gets a url_fetcher
that serves only the vendored fonts (and the stylesheet) and refuses the rest.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from exports.files import clean_text, write_atomic
from exports.layout import (DOC_TYPE_BEFORE_PT, HEADER_ROW_GAP_PT, LINE_MULTIPLE, PARAGRAPH_AFTER_PT,
                            TITLE_AFTER_PT, Line, PageLayout, page_layout)
from exports.metrics import single_line_em
from exports.report_model import Block, Bullet, Heading, Report

Progress = Callable[[float], None]

_HERE = Path(__file__).resolve().parent
_FONTS = _HERE / "fonts"
_CSS = _HERE / "report.css"
_MIME = {".ttf": "font/ttf", ".css": "text/css"}


class ForbiddenURL(ValueError):
    """A resource outside exports/fonts/ (or the stylesheet) was asked for."""


def render_pdf(report: Report, out: Path | None = None, progress: Progress | None = None) -> bytes:
    """Render `report` to PDF bytes; also write them to `out` if given.

    `progress` (if given) is called with 0.1 (HTML built), 0.5 (layout done)
    and 1.0 (PDF written) so a TUI worker can move a progress bar.
    """
    # Deferred: importing WeasyPrint costs ~0.5 s and the CLI must start fast.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    notify = progress or (lambda _fraction: None)
    fetcher = _make_fetcher()
    layout = page_layout(report)
    page = build_html(report, layout)
    notify(0.1)
    # @font-face is only honoured when CSS and render share one FontConfiguration.
    fonts = FontConfiguration()
    css = CSS(string=_CSS.read_text("utf-8") + _sized_css(layout), base_url=_HERE.as_uri() + "/",
              url_fetcher=fetcher, font_config=fonts)
    document = HTML(string=page, url_fetcher=fetcher).render(stylesheets=[css], font_config=fonts)
    notify(0.5)
    data = document.write_pdf()
    if out is not None:
        write_atomic(Path(out), data)
    notify(1.0)
    return data


# ---- HTML ----------------------------------------------------------------

def _t(text: str) -> str:
    """User text as inert HTML: NFC (so extraction and search match what was
    typed), controls dropped, then escaped - quotes too, although it never
    lands in an attribute."""
    return html.escape(clean_text(text), quote=True)


def _sized_css(layout: PageLayout) -> str:
    """The rules that depend on the profile (body size) or that the DOCX
    shares (line spacing, space around the title and between paragraphs)."""
    s = layout.sizes
    line = LINE_MULTIPLE * single_line_em()
    single = single_line_em()
    return (f"@page {{ @top-center {{ font-size: {s.page_number}pt; }} }}\n"
            f".body p, .body h2, .body h3 {{ font-size: {s.body}pt; line-height: {line:.4f}; }}\n"
            f".addressees div {{ font-size: {s.body}pt; line-height: {single:.4f}; }}\n"
            f".addressees {{ margin-bottom: {PARAGRAPH_AFTER_PT}pt; }}\n"
            # Header, title and closing lines are single-spaced, as in Word.
            f".line, .pre, .star, .recipient, .recipients-label, .signer-line, .signer-name "
            f"{{ line-height: {single:.4f}; }}\n"
            f"td.number, td.place-date {{ padding-top: {HEADER_ROW_GAP_PT}pt; }}\n"
            f".doc-type {{ margin-top: {DOC_TYPE_BEFORE_PT}pt; }}\n"
            f".title {{ margin-bottom: {TITLE_AFTER_PT}pt; }}\n"
            f".body p, .body h2, .body h3 {{ margin-bottom: {PARAGRAPH_AFTER_PT}pt; }}\n")


def _line(line: Line, cls: str = "line", *, underlined: bool = False) -> str:
    """One header/title line: its own size and weight, never wrapped (the layout
    sized the column for it). `underlined`: a rule exactly as long as the text."""
    style = (f"font-size:{line.size}pt;font-weight:{'bold' if line.bold else 'normal'};"
             f"font-style:{'italic' if line.italic else 'normal'}")
    text = f'<span class="underlined">{_t(line.text)}</span>' if underlined else _t(line.text)
    return f'<div class="{cls}" style="{style}">{text}</div>'


def build_html(report: Report, layout: PageLayout | None = None) -> str:
    layout = layout or page_layout(report)
    parts = [_header(layout), _title(layout), _addressees(layout), _body(report), _closing(report, layout)]
    return ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            f"<title>{_t(report.title)}</title></head><body>{''.join(parts)}</body></html>")


def _header(layout: PageLayout) -> str:
    # Row 1: agencies | quốc hiệu + tiêu ngữ (or the Party title); row 2:
    # Số | place-date, so the number and the date share a baseline.
    h = layout.header
    left = "".join(_line(line) for line in h.agencies)
    if h.star is not None:
        left += _line(h.star, "star")
    elif h.issuer_rule_mm:
        left += f'<div class="rule issuer-rule" style="width:{h.issuer_rule_mm:.2f}mm"></div>'
    right = "".join(_line(line, underlined=line is h.underlined) for line in h.top_right)
    return ('<table class="header">'
            f'<colgroup><col style="width:{h.left_mm:.2f}mm"><col style="width:{h.right_mm:.2f}mm"></colgroup>'
            f'<tr><td>{left}</td><td>{right}</td></tr>'
            f'<tr><td class="number">{_line(h.number, "pre")}</td>'
            f'<td class="place-date">{_line(h.place_date, "pre")}</td></tr></table>')


def _title(layout: PageLayout) -> str:
    t = layout.title
    lines = "".join(_line(line) for line in t.lines)
    after = (_line(t.dashes) if t.dashes is not None
             else f'<div class="rule title-rule" style="width:{t.rule_mm:.2f}mm"></div>' if t.rule_mm else "")
    return f'<div class="doc-type">{_line(t.doc_type)}</div><div class="title">{lines}{after}</div>'


def _addressees(layout: PageLayout) -> str:
    a = layout.addressees
    if a is None:
        return ""
    first, rest = a.lines[0], a.lines[1:]
    rows = [f'<div style="margin-left:{a.indent_mm:.2f}mm">{_t(first.text)}</div>']
    rows += [f'<div style="margin-left:{a.item_indent_mm:.2f}mm">{_t(line.text)}</div>' for line in rest]
    return f'<div class="addressees">{"".join(rows)}</div>'


def _body(r: Report) -> str:
    paras = [f'<p class="basis">{_t(b)}</p>' for b in r.bases]
    if r.intro:
        paras.append(f"<p>{_t(r.intro)}</p>")
    paras += [_block(b) for b in r.body]
    if r.closing:
        paras.append(f'<p class="last">{_t(r.closing)}</p>')
    return f'<div class="body">{"".join(paras)}</div>'


def _block(block: Block) -> str:
    # Real heading elements: WeasyPrint turns them into PDF bookmarks
    # (parts at level 1, sections at level 2, as Word's navigation pane).
    if isinstance(block, Heading):
        tag = "h2" if block.level == 1 else "h3"
        return f"<{tag}>{_t(block.text)}</{tag}>"
    if isinstance(block, Bullet):
        return f'<p class="bullet">- {_t(block.text)}</p>'
    return f"<p>{_t(block.text)}</p>"


def _closing(r: Report, layout: PageLayout) -> str:
    s, c = layout.sizes, layout.closing
    recipients = "".join(f'<div class="recipient" style="font-size:{s.recipients}pt">{_t(x)}</div>'
                         for x in r.recipients)
    label = (f'<div class="recipients-label" style="font-size:{s.recipients_label}pt">{_t(r.recipients_label)}</div>'
             if r.recipients_label else "")
    signer = "".join(f'<div class="signer-line" style="font-size:{line.size}pt">{_t(line.text)}</div>'
                     for line in layout.signer_lines)
    return ('<table class="closing">'
            f'<colgroup><col style="width:{c.left_mm:.2f}mm"><col style="width:{c.right_mm:.2f}mm"></colgroup><tr>'
            f'<td>{label}{recipients}</td>'
            f'<td class="signer">{signer}<div class="signer-name" style="font-size:{s.signer}pt">'
            f'{_t(r.signer_name)}</div></td></tr></table>')


# ---- Resources -------------------------------------------------------------

def _fetch_local(url: str) -> tuple[bytes, str]:
    """Bytes and MIME type of an allowed resource; ForbiddenURL otherwise.

    Only file: URLs that resolve (symlinks and `..` included) to a file in
    exports/fonts/, or to report.css, are served. Tests wrap this to record
    every URL WeasyPrint asked for.
    """
    from urllib.request import url2pathname  # pulls in http.client: ~35 ms at CLI start

    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise ForbiddenURL(url)
    path = Path(url2pathname(parts.path)).resolve()
    if not (path == _CSS or path.parent == _FONTS) or not path.is_file():
        raise ForbiddenURL(url)
    return path.read_bytes(), _MIME.get(path.suffix, "application/octet-stream")


def _make_fetcher():
    """A url_fetcher for the installed WeasyPrint that defers to _fetch_local.

    WeasyPrint 66+ wants a URLFetcher instance returning URLFetcherResponse;
    older releases call a plain function returning a dict.
    """
    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:  # WeasyPrint < 66
        def fetch(url: str) -> dict:
            body, mime = _fetch_local(url)
            return {"string": body, "mime_type": mime, "redirected_url": url}
        return fetch

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            body, mime = _fetch_local(url)
            return URLFetcherResponse(url, body, {"Content-Type": mime})

    return LocalFetcher()
