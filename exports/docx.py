"""Report -> DOCX in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I.

Same layout as the PDF (see report.css), built with python-docx so units can
edit the report in Word before signing. python-docx escapes text itself, so
user text is only normalised here, never interpreted.
"""
from __future__ import annotations

import io
from pathlib import Path

from exports.files import clean_text, write_atomic
from exports.report_model import Block, Bullet, Heading, Report

FONT = "Times New Roman"
BODY_PT = 14
# 165 mm of text between the 30 mm and 15 mm margins; the columns match the
# PDF (44/56 header, 45/55 closing) so both wrap the same names.
TEXT_MM = 165
HEADER_MM = (72.6, 92.4)
CLOSING_MM = (74.25, 90.75)
# Characters XML 1.0 cannot carry: lxml (and so python-docx) raises on them.


def render_docx(report: Report, out: Path | None = None) -> bytes:
    """Render `report` to DOCX bytes; also write them to `out` if given."""
    # Deferred: python-docx + lxml cost ~130 ms and the CLI must start fast.
    import docx

    doc = docx.Document()
    _setup_defaults(doc)
    _setup_section(doc.sections[0])
    _header(doc, report)
    _title(doc, report)
    _body(doc, report)
    _closing(doc, report)
    buf = io.BytesIO()
    doc.save(buf)
    data = buf.getvalue()
    if out is not None:
        write_atomic(Path(out), data)
    return data


def _t(text: str) -> str:
    """NFC (Word and search see what was typed) minus XML-illegal controls."""
    return clean_text(text)


# ---- Document setup ----------------------------------------------------------

def _setup_defaults(doc) -> None:
    """Times New Roman 14 everywhere, single spacing, nothing after paragraphs.

    Set on docDefaults (not only Normal) so table cells, headers and any style
    Word adds later inherit it. The template's theme fonts (Calibri/Cambria)
    are removed: a theme attribute beats an explicit font name in Word.
    """
    from docx.oxml.ns import qn

    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(BODY_PT * 2))
    rpr.find(qn("w:lang")).set(qn("w:val"), "vi-VN")  # Vietnamese proofing
    spacing = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    # Normal carries the name too: Word shows it in the font box.
    doc.styles["Normal"].font.name = FONT


def _setup_section(section) -> None:
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    # Page numbers from page 2: page 1 gets its own, empty header.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    _page_number(section.header.paragraphs[0])


def _page_number(paragraph) -> None:
    """A PAGE field, centred: Word fills in the number on every page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field_char(paragraph, "begin")
    _element(paragraph.add_run()._r, "w:instrText", {"xml:space": "preserve"}).text = " PAGE "
    _field_char(paragraph, "separate")
    paragraph.add_run("2")  # shown until Word recomputes the field
    _field_char(paragraph, "end")


def _field_char(paragraph, kind: str) -> None:
    _element(paragraph.add_run()._r, "w:fldChar", {"w:fldCharType": kind})


def _element(parent, tag: str, attrs: dict[str, str] | None = None, successors: tuple[str, ...] = ()):
    """Append a new <tag attrs/> to `parent`, or put it before the first of
    `successors` present: Word rejects property children out of schema order,
    and python-docx has no API for borders, cell margins or fields."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    elm = OxmlElement(tag)
    for key, value in (attrs or {}).items():
        elm.set(qn(key), value)
    names = {qn(t) for t in successors}
    follower = next((child for child in parent if child.tag in names), None)
    if follower is None:
        parent.append(elm)
    else:
        follower.addprevious(elm)
    return elm


# Schema order (ECMA-376 CT_PPr / CT_TblPr): what may follow each element we add.
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
               "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
               "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
               "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_TBLCELLMAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", *_AFTER_TBLCELLMAR)


# ---- Building blocks ---------------------------------------------------------

def _para(container, text: str = "", *, size: float = BODY_PT, bold: bool = False,
          italic: bool = False, align: str = "center", after: float = 0, before: float = 0):
    """One paragraph with one run; `align` is center/left/justify."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = container.add_paragraph()
    p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                   "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    p.paragraph_format.space_after, p.paragraph_format.space_before = Pt(after), Pt(before)
    if text:
        run = p.add_run(_t(text))
        # None, not False: inherit rather than write <w:b w:val="0"/> everywhere.
        run.font.size, run.bold, run.italic = Pt(size), bold or None, italic or None
    return p


def _rule(container, width_mm: float, box_mm: float) -> None:
    """A short centred rule: an empty 2 pt-high paragraph with a bottom border,
    narrowed by indents to `width_mm` inside a `box_mm` wide column."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Mm, Pt

    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm((box_mm - width_mm) / 2)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(2)
    borders = _element(p._p.get_or_add_pPr(), "w:pBdr", successors=_AFTER_PBDR)
    _element(borders, "w:bottom", {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"})


def _table(doc, rows: int, widths_mm: tuple[float, float]):
    """A borderless table exactly as wide as the text, cells without side
    padding, so the columns line up with the page margins as in the PDF."""
    from docx.shared import Mm

    from docx.oxml.ns import qn

    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))  # "auto" would let Word shrink-wrap the columns
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(round(sum(widths_mm) / 25.4 * 1440)))
    borders = _element(tbl_pr, "w:tblBorders", successors=_AFTER_TBLBORDERS)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _element(borders, f"w:{side}", {"w:val": "nil"})
    margins = _element(tbl_pr, "w:tblCellMar", successors=_AFTER_TBLCELLMAR)
    for side in ("left", "right"):
        _element(margins, f"w:{side}", {"w:w": "0", "w:type": "dxa"})
    for i, width in enumerate(widths_mm):
        table.columns[i].width = Mm(width)
        for cell in table.columns[i].cells:
            cell.width = Mm(width)
    return table


def _fill(cell):
    """The cell's first (empty) paragraph is dropped so add_paragraph starts at the top."""
    cell._tc.remove(cell.paragraphs[0]._p)
    return cell


# ---- The four parts ----------------------------------------------------------

def _header(doc, r: Report) -> None:
    """Agencies | quốc hiệu + tiêu ngữ, then Số | place-date on one row."""
    from docx.enum.text import WD_UNDERLINE

    table = _table(doc, 2, HEADER_MM)
    left, right = _fill(table.cell(0, 0)), _fill(table.cell(0, 1))
    _para(left, r.parent_body.upper(), size=13)
    _para(left, r.issuer.upper(), size=13, bold=True)
    _rule(left, HEADER_MM[0] * 0.4, HEADER_MM[0])
    _para(right, r.national_name.upper(), size=12, bold=True)
    motto = _para(right, r.motto, size=14, bold=True)
    # Underline = a rule exactly as long as the tiêu ngữ.
    motto.runs[0].font.underline = WD_UNDERLINE.SINGLE
    _para(_fill(table.cell(1, 0)), r.number_line, size=13, before=6)
    _para(_fill(table.cell(1, 1)), r.place_date, size=14, italic=True, before=6)


def _title(doc, r: Report) -> None:
    _para(doc, r.doc_type.upper(), bold=True, before=18)
    _para(doc, r.title, bold=True)
    _rule(doc, 35, TEXT_MM)
    _para(doc, after=6)


def _body_para(doc, text: str, *, bold: bool = False, italic: bool = False):
    """Justified, 1.27 cm first-line indent, 6 pt after, ~1.1 lines (the
    PDF's 1.25 line-height for Liberation Serif comes out about the same)."""
    from docx.shared import Cm

    p = _para(doc, text, bold=bold, italic=italic, align="justify", after=6)
    p.paragraph_format.first_line_indent = Cm(1.27)
    p.paragraph_format.line_spacing = 1.1
    if bold:
        p.paragraph_format.keep_with_next = True  # no heading alone at a page foot
    return p


def _block(doc, block: Block) -> None:
    if isinstance(block, Heading):
        _body_para(doc, block.text, bold=True)
    elif isinstance(block, Bullet):
        _body_para(doc, f"- {block.text}")
    else:
        _body_para(doc, block.text)


def _body(doc, r: Report) -> None:
    for basis in r.bases:
        _body_para(doc, basis, italic=True)
    if r.intro:
        _body_para(doc, r.intro)
    for block in r.body:
        _block(doc, block)
    if r.closing:
        _body_para(doc, r.closing).paragraph_format.keep_with_next = True


def _closing(doc, r: Report) -> None:
    """Nơi nhận bottom-left, signer bottom-right, in one row that Word may not split."""
    from docx.shared import Mm

    table = _table(doc, 1, CLOSING_MM)
    _element(table.rows[0]._tr.get_or_add_trPr(), "w:cantSplit")
    left, right = _fill(table.cell(0, 0)), _fill(table.cell(0, 1))
    _para(left, r.recipients_label, size=12, bold=True, italic=True, align="left")
    for line in r.recipients:
        _para(left, line, size=11, align="left")
    for line in r.signer_lines:
        _para(right, line.upper(), bold=True)
    # Room for the hand signature and the seal.
    _para(right, r.signer_name, bold=True).paragraph_format.space_before = Mm(30)
    _tail(doc)


def _tail(doc) -> None:
    """Word always ends the body with a paragraph, never a table; a 1 pt one
    cannot spill onto a blank last page."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt = doc.add_paragraph().paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(1)
