"""The DOCX as LibreOffice renders it (issue 11 points 2, 3, 7), measured in
the PDF LibreOffice writes: on a machine with neither Times New Roman nor
Liberation Serif (a private fontconfig without them), each header line stays
on one line, the rules keep their ratio, and the page count equals the PDF
export's. Skipped, with the reason, where LibreOffice or fontconfig is absent.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from exports.docx import render_docx
from exports.pdf import render_pdf
from tests.exports.sample_report import sample_report
from tests.exports.test_pdf_layout import (
    LEFT,
    MM,
    RIGHT,
    _block_lines,
    _find_line,
    _rule_below,
    _span,
    party_report,
)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
MISSING = ("times new roman", "liberation serif", "tinos", "thorndale")
pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig (fc-list) is not installed"),
]

CASES = {
    "sample": sample_report(),
    "sample-13pt-header": replace(sample_report(), header_pt=13),
    "phong-noi-vu": replace(sample_report(), issuer="PHÒNG NỘI VỤ", body=sample_report().body[:5]),
    "body-13": replace(sample_report(), body_pt=13),
    "party": party_report(),
}


def private_fontconfig(root: Path) -> dict[str, str]:
    """An environment whose fontconfig knows every installed font except
    Times New Roman and its metric clones."""
    fonts = root / "fonts"
    fonts.mkdir(parents=True)
    listing = subprocess.run(["fc-list", "--format", "%{file}\t%{family}\n"], capture_output=True, text=True,
                             check=True).stdout
    for n, line in enumerate(listing.splitlines()):
        path, _, family = line.partition("\t")
        if path and not any(name in family.lower() for name in MISSING):
            (fonts / f"{n}-{Path(path).name}").symlink_to(path)
    conf = root / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{root / "cache"}</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
</fontconfig>
""", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def libreoffice_pdfs(docs: dict[str, bytes], work: Path, env: dict[str, str]) -> dict[str, bytes]:
    """Convert all documents in one LibreOffice run (it starts slowly)."""
    src, out = work / "docx", work / "pdf"
    src.mkdir()
    for name, data in docs.items():
        (src / f"{name}.docx").write_bytes(data)
    profile = (work / "profile").as_uri()  # private profile: parallel runs never share one
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *sorted(str(p) for p in src.iterdir())],
                   env=env, capture_output=True, check=True, timeout=300)
    return {name: (out / f"{name}.pdf").read_bytes() for name in docs}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    work = tmp_path_factory.mktemp("lo")
    env = private_fontconfig(work / "fc")
    matched = subprocess.run(["fc-match", "Times New Roman"], env=env, capture_output=True, text=True).stdout
    assert not any(name in matched.lower() for name in MISSING), matched  # the premise of these tests
    pdfs = libreoffice_pdfs({name: render_docx(r) for name, r in CASES.items()}, work, env)
    return {name: pdfplumber.open(io.BytesIO(data)) for name, data in pdfs.items()}


@pytest.mark.parametrize("case", ["sample", "sample-13pt-header", "phong-noi-vu", "body-13"])
def test_header_lines_stay_whole_without_times_new_roman(rendered, case):
    page = rendered[case].pages[0]
    report = CASES[case]
    for words in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", report.parent_body,
                  report.issuer, "tháng 10 năm 2020", "/BC-PGDĐT"):
        chars = _find_line(page, words)
        assert LEFT - 1 <= _span(chars)[0] and _span(chars)[1] <= page.width - RIGHT + 1
    nation = _find_line(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert {round(c["size"]) for c in nation} == {report.header_pt}


@pytest.mark.parametrize("case", ["sample", "sample-13pt-header", "phong-noi-vu"])
def test_rules_keep_their_ratio_in_libreoffice(rendered, case):
    page = rendered[case].pages[0]
    report = CASES[case]
    issuer = _find_line(page, report.issuer)
    x0, x1 = _rule_below(page, issuer, (LEFT, page.width / 2 + 20))
    assert 1 / 3 <= (x1 - x0) / (_span(issuer)[1] - _span(issuer)[0]) <= 1 / 2
    (title,) = _block_lines(page, report.title)
    x0, x1 = _rule_below(page, title, (LEFT, page.width - RIGHT))
    assert 1 / 3 <= (x1 - x0) / (_span(title)[1] - _span(title)[0]) <= 1 / 2


@pytest.mark.parametrize("case", ["sample", "body-13"])
def test_same_page_count_as_the_pdf(rendered, case):
    with pdfplumber.open(io.BytesIO(render_pdf(CASES[case]))) as ours:
        assert len(rendered[case].pages) == len(ours.pages)


def test_body_size_is_the_profiles_in_word_too(rendered):
    for case, size in (("sample", 14), ("body-13", 13)):
        page = rendered[case].pages[1]
        body = [c for c in page.chars if c["top"] > 25 * MM and c["text"].strip()]
        assert {round(c["size"]) for c in body} == {size}


def test_outline_from_the_heading_styles(rendered):
    """LibreOffice turns Heading 1/2 into PDF bookmarks, as Word's navigation pane shows them."""
    outline = [(level, title) for level, title, *_ in rendered["sample"].doc.get_outlines()]
    expected = [(b.level, b.text) for b in sample_report().body if hasattr(b, "level")]
    assert outline == expected


def test_page_numbers_from_page_2(rendered):
    pdf = rendered["sample"]
    assert not [c for c in pdf.pages[0].chars if c["bottom"] < 20 * MM]
    for number, page in enumerate(pdf.pages[1:], start=2):
        assert "".join(c["text"] for c in page.chars if c["bottom"] < 20 * MM) == str(number)


def test_party_layout_in_libreoffice(rendered):
    page = rendered["party"].pages[0]
    title = _find_line(page, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert _span(title)[0] > page.width / 2 - 10
    x0, x1 = _rule_below(page, title, _span(title), gap=8)
    assert x1 - x0 == pytest.approx(_span(title)[1] - _span(title)[0], abs=3)
    issuer = _find_line(page, "CHI BỘ PHÒNG GIÁO DỤC VÀ ĐÀO TẠO")
    (star,) = [c for c in page.chars if c["text"] == "*"]
    assert (star["x0"] + star["x1"]) / 2 == pytest.approx(sum(_span(issuer)) / 2, abs=2)
    assert _find_line(page, "Số 12-BC/CB") and {round(c["size"]) for c in _find_line(page, "BÁO CÁO")} == {16}
