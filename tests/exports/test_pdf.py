"""PDF export: checked by geometry, fonts and extracted text (pdfplumber),
never by bytes - WeasyPrint output varies with its version."""
from __future__ import annotations

import io
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

import exports.pdf as pdf_mod
from exports.pdf import ForbiddenURL, render_pdf
from exports.report_model import Paragraph
from tests.exports.sample_report import sample_report

MM = 72 / 25.4
A4 = (595.28, 841.89)
LEFT, RIGHT, TOP = 30 * MM, 15 * MM, 20 * MM
HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link href="http://example.com/x.css">',
    "url(file:///etc/hostname)",
    "<script>alert(1)</script> &amp; [bold]x[/]",
]


@pytest.fixture(scope="module")
def pdf():
    with pdfplumber.open(io.BytesIO(render_pdf(sample_report()))) as doc:
        yield doc


def _chars(page, text: str) -> list[dict]:
    """The chars of the first occurrence of `text` on `page`."""
    for match in page.search(text, regex=False, return_chars=True):
        return match["chars"]
    raise AssertionError(f"{text!r} not on page {page.page_number}")


def _all_text(doc) -> str:
    return "\n".join(p.extract_text() for p in doc.pages)


def test_a4_and_several_pages(pdf):
    assert len(pdf.pages) >= 2
    for page in pdf.pages:
        assert page.width == pytest.approx(A4[0], abs=1)
        assert page.height == pytest.approx(A4[1], abs=1)


def test_body_margins_left_30mm_right_15mm(pdf):
    page = pdf.pages[1]  # all body text, no header
    body = [c for c in page.chars if c["top"] > TOP + 5 and c["text"].strip()]
    # Lines start on the left margin and justified lines end on the right one.
    assert min(c["x0"] for c in body) == pytest.approx(LEFT, abs=1.5)
    assert max(c["x1"] for c in body) == pytest.approx(page.width - RIGHT, abs=1.5)


def test_body_font_size_13_or_14(pdf):
    sizes = Counter(round(c["size"]) for c in pdf.pages[1].chars)
    assert sizes.most_common(1)[0][0] in (13, 14)


def test_only_the_vendored_face(pdf):
    # "DVK Serif" is the @font-face name of the vendored Liberation Serif; no
    # system font carries it, so any other name means a fallback crept in.
    fonts = {c["fontname"].split("+")[-1] for p in pdf.pages for c in p.chars}
    assert fonts == {"DVK-Serif", "DVK-Serif-Bold", "DVK-Serif-Italic", "DVK-Serif-Bold-Italic"}


def test_doc_type_bold_14(pdf):
    chars = _chars(pdf.pages[0], "BÁO CÁO")
    assert {round(c["size"]) for c in chars} == {14}
    assert all("Bold" in c["fontname"] for c in chars)


def test_recipients_label_bold_italic_12_and_list_11(pdf):
    last = pdf.pages[-1]
    label = _chars(last, "Nơi nhận:")
    assert {round(c["size"]) for c in label} == {12}
    assert all("Bold" in c["fontname"] and "Italic" in c["fontname"] for c in label)
    assert {round(c["size"]) for c in _chars(last, "- Lưu: VT.")} == {11}


def test_signer_on_the_right_recipients_on_the_left(pdf):
    last = pdf.pages[-1]
    mid = last.width / 2
    assert min(c["x0"] for c in _chars(last, "Trần Thị Kim Nhân")) > mid
    assert min(c["x0"] for c in _chars(last, "KT. TRƯỞNG PHÒNG")) > mid
    assert _chars(last, "Nơi nhận:")[0]["x0"] == pytest.approx(LEFT, abs=1)


def test_header_columns(pdf):
    first = pdf.pages[0]
    mid = first.width / 2
    nation = _chars(first, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    issuer = _chars(first, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO")
    assert all("Bold" in c["fontname"] for c in nation + issuer)
    assert "Bold" not in _chars(first, "UBND HUYỆN THỦ THỪA")[0]["fontname"]
    assert issuer[-1]["x1"] < nation[0]["x0"] and nation[0]["x0"] > mid - 30
    # Quốc hiệu and parent body share the first line.
    assert nation[0]["top"] == pytest.approx(_chars(first, "UBND")[0]["top"], abs=3)
    assert all("Italic" in c["fontname"] for c in _chars(first, "Thủ Thừa, ngày"))


def test_rules_under_issuer_motto_and_title(pdf):
    first = pdf.pages[0]
    rules = [e for e in first.edges if e["orientation"] == "h"]
    motto = _chars(first, "Độc lập - Tự do - Hạnh phúc")
    issuer = _chars(first, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO")

    def rule_below(chars):
        """Horizontal rules just below `chars` and within their width."""
        bottom = max(c["bottom"] for c in chars)
        left, right = chars[0]["x0"] - 3, chars[-1]["x1"] + 3
        return [r for r in rules
                if 0 < r["top"] - bottom < 12 and left <= r["x0"] and r["x1"] <= right]

    (motto_rule,) = {(round(r["x0"]), round(r["x1"])) for r in rule_below(motto)}
    # As long as the tiêu ngữ itself.
    assert motto_rule[0] == pytest.approx(motto[0]["x0"], abs=2)
    assert motto_rule[1] == pytest.approx(motto[-1]["x1"], abs=2)
    (issuer_rule,) = {(round(r["x0"]), round(r["x1"])) for r in rule_below(issuer)}
    width = issuer[-1]["x1"] - issuer[0]["x0"]
    assert width / 3 - 1 <= issuer_rule[1] - issuer_rule[0] <= width / 2 + 1
    assert rule_below(_chars(first, "Thực hiện “Năm dân vận khéo” năm 2020"))


def test_vietnamese_text_extracts_exactly(pdf):
    text = _all_text(pdf)
    for needle in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                   "Trần Thị Kim Nhân", "Thực hiện “Năm dân vận khéo” năm 2020",
                   "III. Đánh giá chung:", "KT. TRƯỞNG PHÒNG"):
        assert needle in text


def test_page_number_only_from_page_2_centred_in_top_margin(pdf):
    def in_top_margin(page):
        return [c for c in page.chars if c["bottom"] < TOP]

    assert in_top_margin(pdf.pages[0]) == []
    for number, page in enumerate(pdf.pages[1:], start=2):
        chars = in_top_margin(page)
        assert "".join(c["text"] for c in chars) == str(number)
        centre = (chars[0]["x0"] + chars[-1]["x1"]) / 2
        assert centre == pytest.approx((LEFT + page.width - RIGHT) / 2, abs=3)


def test_progress_and_out_file(tmp_path: Path):
    seen: list[float] = []
    out = tmp_path / "bao-cao.pdf"
    data = render_pdf(sample_report(), out, progress=seen.append)
    assert seen == [0.1, 0.5, 1.0]
    assert data.startswith(b"%PDF") and out.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.pdf"]  # no temp file left


def _hostile_report():
    report = sample_report()
    blocks = [Paragraph(h) for h in HOSTILE]
    return replace(report, title=HOSTILE[0], intro=HOSTILE[1], signer_name=HOSTILE[2],
                   body=blocks + report.body[:3], recipients=["- " + HOSTILE[3]])


def test_hostile_text_is_literal_and_never_fetched(monkeypatch):
    asked: list[str] = []
    real = pdf_mod._fetch_local

    def recording(url):
        asked.append(url)
        return real(url)

    monkeypatch.setattr(pdf_mod, "_fetch_local", recording)
    with pdfplumber.open(io.BytesIO(render_pdf(_hostile_report()))) as doc:
        text = _all_text(doc)
        images = [i for p in doc.pages for i in p.images]
    for literal in HOSTILE:
        assert literal in text
    assert images == []
    # Only the four vendored faces were asked for.
    assert asked and {Path(u).name for u in asked} <= {
        f"LiberationSerif-{s}.ttf" for s in ("Regular", "Bold", "Italic", "BoldItalic")}
    assert not any(word in u for u in asked for word in ("passwd", "example.com", "hostname"))


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://example.com/x.css",
    "https://example.com/LiberationSerif-Regular.ttf",
    "data:text/css,body{}",
    (pdf_mod._FONTS / ".." / "pdf.py").as_uri(),
    (pdf_mod._FONTS / ".." / ".." / "pyproject.toml").as_uri(),
    "file://evil.example/" + str(pdf_mod._FONTS / "LiberationSerif-Regular.ttf"),
    (pdf_mod._FONTS / "missing.ttf").as_uri(),
])
def test_fetcher_refuses_everything_but_fonts(url):
    with pytest.raises(ForbiddenURL):
        pdf_mod._fetch_local(url)


def test_fetcher_serves_fonts():
    body, mime = pdf_mod._fetch_local((pdf_mod._FONTS / "LiberationSerif-Bold.ttf").as_uri())
    assert mime == "font/ttf" and body[:4] == b"\x00\x01\x00\x00"


def test_import_does_not_load_renderers():
    # The CLI imports exports.*; WeasyPrint (~0.8 s) and python-docx (~0.13 s)
    # must load only when a file is actually rendered.
    code = ("import sys, exports.pdf, exports.docx; "
            "assert 'weasyprint' not in sys.modules and 'docx' not in sys.modules, "
            "[m for m in sys.modules if m.startswith(('weasyprint', 'docx'))]")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(pdf_mod.__file__).parents[1])
