"""DOCX export: reopened with python-docx and checked element by element."""
from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from exports.docx import _obfuscate, render_docx
from exports.layout import page_layout
from exports.report_model import Bullet, Heading, Paragraph
from tests.exports.sample_report import sample_report

HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link href="http://example.com/x.css">',
    "url(file:///etc/hostname)",
    "]]></w:t><w:t>&amp; <w:b/> {PAGE}",
]


@pytest.fixture(scope="module")
def doc():
    return docx.Document(io.BytesIO(render_docx(sample_report())))


def _find(doc, text: str):
    """The paragraph whose text is `text`, in the body or in a table cell."""
    cells = [c for t in doc.tables for row in t.rows for c in row.cells]
    for p in doc.paragraphs + [p for c in cells for p in c.paragraphs]:
        if p.text == text:
            return p
    raise AssertionError(f"no paragraph {text!r}")


def _runs_are(paragraph, size: float, bold: bool, italic: bool) -> None:
    assert paragraph.runs
    for run in paragraph.runs:
        assert run.font.size == Pt(size)
        assert bool(run.bold) is bold and bool(run.italic) is italic


def test_a4_and_margins(doc):
    (section,) = doc.sections
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15


def test_times_new_roman_for_every_script(doc):
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    # eastAsia/cs too, and no theme attribute that would override the name.
    assert {k: v for k, v in fonts.attrib.items()} == {
        qn(f"w:{a}"): "Times New Roman" for a in ("ascii", "hAnsi", "eastAsia", "cs")}
    assert defaults.find(qn("w:sz")).get(qn("w:val")) == "28"
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_header_columns(doc):
    header = doc.tables[0]
    assert [c.text for c in header.rows[0].cells] == [
        "UBND HUYỆN THỦ THỪA\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\n",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    ]
    # Default profile: Quốc hiệu and agencies 12 (the decree's example size), tiêu ngữ 13.
    _runs_are(_find(doc, "UBND HUYỆN THỦ THỪA"), 12, bold=False, italic=False)
    _runs_are(_find(doc, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"), 12, bold=True, italic=False)
    _runs_are(_find(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12, bold=True, italic=False)
    motto = _find(doc, "Độc lập - Tự do - Hạnh phúc")
    _runs_are(motto, 13, bold=True, italic=False)
    assert motto.runs[0].font.underline  # the rule as long as the text
    assert _find(doc, "Số:      /BC-PGDĐT").runs[0].font.size == Pt(13)
    _runs_are(_find(doc, "Thủ Thừa, ngày      tháng 10 năm 2020"), 14, bold=False, italic=True)
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def _bordered(paragraphs):
    return [p for p in paragraphs if p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None]


def _rule_mm(rule, box_mm: float) -> float:
    fmt = rule.paragraph_format
    return box_mm - fmt.left_indent.mm - fmt.right_indent.mm


def test_short_rules_under_issuer_and_title_are_2_5_of_their_line(doc):
    layout = page_layout(sample_report())
    header = doc.tables[0]
    issuer_cell = header.cell(0, 0)
    (rule,) = _bordered(issuer_cell.paragraphs)
    assert rule._p.getprevious() is _find(doc, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO")._p
    # The column is as wide as the layout says, and the rule is 0.4 of the
    # issuer line's own width (NĐ 30: 1/3-1/2 of that line).
    assert header.columns[0].width.mm == pytest.approx(layout.header.left_mm, abs=0.1)
    ratio = _rule_mm(rule, layout.header.left_mm) / layout.header.issuer_width_mm
    assert 1 / 3 < ratio < 1 / 2 and ratio == pytest.approx(0.4, abs=0.01)
    (title_rule,) = _bordered(doc.paragraphs)
    assert title_rule._p.getprevious() is _find(doc, "Thực hiện “Năm dân vận khéo” năm 2020")._p
    ratio = _rule_mm(title_rule, 165) / layout.title.width_mm
    assert ratio == pytest.approx(0.4, abs=0.01)


def test_doc_type_and_title(doc):
    doc_type = _find(doc, "BÁO CÁO")
    _runs_are(doc_type, 14, bold=True, italic=False)
    assert doc_type.alignment == WD_ALIGN_PARAGRAPH.CENTER
    _runs_are(_find(doc, "Thực hiện “Năm dân vận khéo” năm 2020"), 14, bold=True, italic=False)


def test_recipients_and_signer(doc):
    closing = doc.tables[-1]
    left, right = closing.rows[0].cells
    label = left.paragraphs[0]
    assert label.text == "Nơi nhận:"
    _runs_are(label, 12, bold=True, italic=True)
    assert [p.text for p in left.paragraphs[1:]] == sample_report().recipients
    for p in left.paragraphs[1:]:
        _runs_are(p, 11, bold=False, italic=False)
    assert [p.text for p in right.paragraphs] == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Trần Thị Kim Nhân"]
    for p in right.paragraphs:
        _runs_are(p, 14, bold=True, italic=False)
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert right.paragraphs[0].text == "KT. TRƯỞNG PHÒNG"
    assert right.paragraphs[-1].paragraph_format.space_before.mm == pytest.approx(30, abs=1)


def test_page_number_from_page_2(doc):
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_header
    assert not first.is_linked_to_previous and all(p.text == "" for p in first.paragraphs)
    number = section.header.paragraphs[0]
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [i.text for i in number._p.iter(qn("w:instrText"))] == [" PAGE "]
    kinds = [f.get(qn("w:fldCharType")) for f in number._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]


def _expected_body(report) -> list[str]:
    def line(block):
        return f"- {block.text}" if isinstance(block, Bullet) else block.text

    return [*report.bases, report.intro, *map(line, report.body), report.closing]


def _effective(p, attr: str):
    """A paragraph format value, set on the paragraph or on its style."""
    value = getattr(p.paragraph_format, attr)
    return value if value is not None else getattr(p.style.paragraph_format, attr)


def _body_paragraphs(doc):
    return [p for p in doc.paragraphs
            if (p.alignment or p.style.paragraph_format.alignment) == WD_ALIGN_PARAGRAPH.JUSTIFY]


def test_body_in_order_with_official_paragraph_format(doc):
    report = sample_report()
    body = _body_paragraphs(doc)
    assert [p.text for p in body] == _expected_body(report)
    for p in body:
        assert _effective(p, "first_line_indent") == Cm(1.27)
        assert _effective(p, "space_after") == Pt(6)
        assert _effective(p, "line_spacing") == pytest.approx(1.15)
    styles = {p.text: p for p in body}
    for basis in report.bases:
        assert styles[basis].runs[0].italic and not styles[basis].runs[0].bold
    for block in report.body:
        if isinstance(block, Paragraph):
            p = styles[block.text]
            assert p.style.name == "Normal" and not p.runs[0].bold and not p.runs[0].italic


def test_headings_are_real_heading_styles_in_times_new_roman(doc):
    """Word's navigation pane lists Heading 1/2 paragraphs: parts, then sections."""
    report = sample_report()
    expected = [(b.text, f"Heading {b.level}") for b in report.body if isinstance(b, Heading)]
    found = [(p.text, p.style.name) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert found == expected
    for level in (1, 2):
        style = doc.styles[f"Heading {level}"]
        rpr = style.element.rPr
        fonts = rpr.find(qn("w:rFonts"))
        assert {k: v for k, v in fonts.attrib.items()} == {
            qn(f"w:{a}"): "Times New Roman" for a in ("ascii", "hAnsi", "eastAsia", "cs")}
        assert rpr.find(qn("w:color")).get(qn("w:val")) == "000000"
        assert style.font.size == Pt(14) and style.font.bold
        assert style.paragraph_format.keep_with_next
        outline = style.element.pPr.find(qn("w:outlineLvl"))
        assert outline.get(qn("w:val")) == str(level - 1)


def test_body_size_follows_the_profile():
    report = replace(sample_report(), body_pt=13)
    small = docx.Document(io.BytesIO(render_docx(report)))
    defaults = small.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:sz")).get(qn("w:val")) == "26"
    assert small.styles["Heading 1"].font.size == Pt(13)


def test_word_2013_mode_and_widow_control(doc):
    settings = doc.settings.element
    modes = [s.get(qn("w:val")) for s in settings.iter(qn("w:compatSetting"))
             if s.get(qn("w:name")) == "compatibilityMode"]
    assert modes == ["15"]
    ppr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    assert ppr.find(qn("w:widowControl")) is not None
    closing = _find(doc, sample_report().closing)
    assert closing.paragraph_format.keep_with_next  # the signature never stands alone


def test_times_new_roman_travels_with_the_file(doc):
    """The font table embeds four faces behind "Times New Roman" (Liberation
    Serif, same metrics), obfuscated as ECMA-376 §17.8.1 says."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from fontTools.ttLib import TTFont
    from lxml import etree

    table = doc.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(table.blob)
    (tnr,) = [f for f in root if f.get(qn("w:name")) == "Times New Roman"]
    embeds = {child.tag.split("}")[1]: child for child in tnr if "embed" in child.tag}
    assert set(embeds) == {"embedRegular", "embedBold", "embedItalic", "embedBoldItalic"}
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    import uuid

    for name, elm in embeds.items():
        part = table.related_parts[elm.get(r_id)]
        key = uuid.UUID(elm.get(qn("w:fontKey")).strip("{}"))
        font = TTFont(io.BytesIO(_obfuscate(part.blob, key)))  # the same XOR undoes it
        cmap = font.getBestCmap()
        assert all(ord(ch) in cmap for ch in "ỆẬƯỜỠđĐ“”–…"), name
        assert len(part.blob) < 120_000  # a subset, not the 380 KB face
    assert doc.settings.element.find(qn("w:embedTrueTypeFonts")) is not None


def test_hostile_text_stays_literal(tmp_path: Path):
    report = replace(sample_report(), title=HOSTILE[0], intro=HOSTILE[1],
                     signer_name=HOSTILE[2] + "\x0b\x00",
                     body=[Paragraph(h) for h in HOSTILE], recipients=["- " + HOSTILE[3]])
    out = tmp_path / "bao-cao.docx"
    data = render_docx(report, out)
    assert out.read_bytes() == data and [p.name for p in tmp_path.iterdir()] == ["bao-cao.docx"]
    doc = docx.Document(io.BytesIO(data))
    body = [p.text for p in doc.paragraphs]
    assert body[body.index(HOSTILE[1]) + 1:][:4] == HOSTILE
    assert _find(doc, HOSTILE[0]) and _find(doc, HOSTILE[2])  # control chars dropped
    assert _find(doc, "- " + HOSTILE[3])
    # Nothing hostile became markup: no images, no hyperlinks, one field only.
    xml = doc.element.xml
    assert "<w:drawing" not in xml and "<w:hyperlink" not in xml and "<w:fldChar" not in xml


def test_property_elements_are_unique_and_in_schema_order(doc):
    """Word refuses a file whose property lists repeat an element or break the
    schema order ("unreadable content"); check the ones dvk writes to."""
    tbl_order = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                 "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"]
    for table in doc.tables:
        tags = [child.tag.split("}")[1] for child in table._tbl.tblPr]
        assert len(tags) == len(set(tags)), tags
        assert tags == sorted(tags, key=tbl_order.index), tags
    settings = [child.tag.split("}")[1] for child in doc.settings.element]
    assert settings[:3] == ["zoom", "embedTrueTypeFonts", "saveSubsetFonts"]
    for p in doc.element.body.iter(qn("w:pPr")):
        tags = [child.tag.split("}")[1] for child in p]
        assert len(tags) == len(set(tags)), tags
