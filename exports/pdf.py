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
from exports.report_model import Block, Bullet, Heading, Paragraph, Report

Progress = Callable[[float], None]

_HERE = Path(__file__).resolve().parent
_FONTS = _HERE / "fonts"
_CSS = _HERE / "report.css"
_MIME = {".ttf": "font/ttf", ".css": "text/css"}
# Characters HTML and XML cannot carry (NUL, most C0 controls, lone surrogates).


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
    page = build_html(report)
    notify(0.1)
    # @font-face is only honoured when CSS and render share one FontConfiguration.
    fonts = FontConfiguration()
    css = CSS(string=_CSS.read_text("utf-8"), base_url=_HERE.as_uri() + "/",
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


def _caps(text: str) -> str:
    """Caps fields (agency names, tên loại, signer title) are caps by rule."""
    return _t(text.upper())


def build_html(report: Report) -> str:
    parts = [_header(report), _title(report), _body(report), _closing(report)]
    return ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            f"<title>{_t(report.title)}</title></head><body>{''.join(parts)}</body></html>")


def _header(r: Report) -> str:
    # Row 1: agencies | quốc hiệu + tiêu ngữ; row 2: Số | place-date, so the
    # number and the date share a baseline as in the decree's samples.
    return ('<table class="header"><colgroup><col class="left"><col class="right"></colgroup>'
            '<tr><td>'
            f'<div class="parent-body">{_caps(r.parent_body)}</div>'
            f'<div class="issuer">{_caps(r.issuer)}</div><div class="issuer-rule"></div>'
            '</td><td>'
            f'<div class="national-name">{_caps(r.national_name)}</div>'
            f'<div class="motto"><span>{_t(r.motto)}</span></div>'
            '</td></tr>'
            f'<tr><td class="number">{_t(r.number_line)}</td>'
            f'<td class="place-date">{_t(r.place_date)}</td></tr></table>')


def _title(r: Report) -> str:
    return (f'<p class="doc-type">{_caps(r.doc_type)}</p>'
            f'<p class="title">{_t(r.title)}</p><div class="title-rule"></div>')


def _body(r: Report) -> str:
    paras = [f'<p class="basis">{_t(b)}</p>' for b in r.bases]
    if r.intro:
        paras.append(f"<p>{_t(r.intro)}</p>")
    paras += [_block(b) for b in r.body]
    if r.closing:
        paras.append(f"<p>{_t(r.closing)}</p>")
    return f'<div class="body">{"".join(paras)}</div>'


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f'<p class="h{block.level}">{_t(block.text)}</p>'
    if isinstance(block, Bullet):
        return f'<p class="bullet">- {_t(block.text)}</p>'
    return f"<p>{_t(block.text)}</p>"


def _closing(r: Report) -> str:
    recipients = "".join(f'<div class="recipient">{_t(x)}</div>' for x in r.recipients)
    signer = "".join(f'<div class="signer-line">{_caps(x)}</div>' for x in r.signer_lines)
    return ('<table class="closing"><colgroup><col class="left"><col class="right"></colgroup><tr>'
            f'<td><div class="recipients-label">{_t(r.recipients_label)}</div>{recipients}</td>'
            f'<td class="signer">{signer}<div class="signer-name">{_t(r.signer_name)}</div></td>'
            '</tr></table>')


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
