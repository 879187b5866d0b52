"""Report -> DOCX in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I (or
Hướng dẫn 36-HD/VPTW), built with python-docx so units can edit the report in
Word before signing.

The same layout as the PDF (exports/layout.py computes the header columns, the
rules and the title lines for both), the same body size and the same
pagination rules (keep-with-next, widow/orphan control). The file is a modern
Word document: Word 2013+ mode (no compatibility mode), part and section
titles in real Heading 1/Heading 2 styles (Word's navigation pane shows the
outline), Times New Roman everywhere, page numbers from page 2.

Times New Roman is missing on some machines (LibreOffice without the
Liberation fonts): the file carries Liberation Serif, which has the same
metrics, as the embedded font behind "Times New Roman", subset to the
Vietnamese and Latin repertoire. Word uses an installed Times New Roman when
there is one; elsewhere the header still fits its columns.

python-docx escapes text itself, so user text is only normalised here, never
interpreted.
"""
from __future__ import annotations

import io
import uuid
from functools import lru_cache
from pathlib import Path

from exports.files import clean_text, write_atomic
from exports.layout import (DOC_TYPE_BEFORE_PT, HEADER_ROW_GAP_PT, LINE_MULTIPLE, PARAGRAPH_AFTER_PT,
                            TITLE_AFTER_PT, Line, PageLayout, page_layout)
from exports.metrics import font_path
from exports.report_model import Block, Bullet, Heading, Report

FONT = "Times New Roman"
# Header lines are single-spaced (NĐ 30 §II.1c, §II.2b).
HEADER_LINE = 1.0
FIRST_LINE_INDENT_CM = 1.27
# What the embedded font keeps: Basic Latin, Latin-1, Latin Extended-A and the
# Vietnamese letters (ơ ư Ơ Ư, Latin Extended Additional), combining accents,
# general punctuation (“ ” – … ‰), ₫ and €.
EMBED_RANGES = [(0x20, 0x7E), (0xA0, 0x17F), (0x1A0, 0x1A1), (0x1AF, 0x1B0), (0x300, 0x323),
                (0x1EA0, 0x1EF9), (0x2010, 0x2027), (0x2030, 0x203A), (0x20AB, 0x20AC), (0x2116, 0x2122)]
EMBED_FACES = (("embedRegular", False, False), ("embedBold", True, False),
               ("embedItalic", False, True), ("embedBoldItalic", True, True))
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_FONT = R_NS + "/font"
CT_OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"


def render_docx(report: Report, out: Path | None = None) -> bytes:
    """Render `report` to DOCX bytes; also write them to `out` if given."""
    # Deferred: python-docx + lxml cost ~130 ms and the CLI must start fast.
    import docx

    layout = page_layout(report)
    doc = docx.Document()
    _setup_defaults(doc, layout)
    _setup_headings(doc, layout)
    _setup_settings(doc)
    _embed_fonts(doc)
    _setup_section(doc.sections[0], layout)
    _header(doc, layout)
    _title(doc, layout)
    _addressees(doc, layout)
    _body(doc, report)
    _closing(doc, report, layout)
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

def _setup_defaults(doc, layout: PageLayout) -> None:
    """Times New Roman at the body size everywhere, widow/orphan control on.

    Set on docDefaults (not only Normal) so table cells, headers and any style
    Word adds later inherit it. The template's theme fonts (Calibri/Cambria)
    are removed: a theme attribute beats an explicit font name in Word.
    """
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), _half_points(layout.sizes.body))
    rpr.find(qn("w:lang")).set(qn("w:val"), "vi-VN")  # Vietnamese proofing
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    # A paragraph's first or last line never stands alone on a page.
    _element(ppr, "w:widowControl", successors=("w:numPr", "w:suppressLineNumbers", "w:pBdr", *_AFTER_PBDR))
    # Normal carries the name too: Word shows it in the font box.
    doc.styles["Normal"].font.name = FONT


def _set_fonts(rpr) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _element(rpr, "w:rFonts")
        rpr.remove(fonts)
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _setup_headings(doc, layout: PageLayout) -> None:
    """Heading 1 (parts I., II., III.) and Heading 2 (1.1., 1., 2. …) as the
    body's bold paragraphs: Times New Roman, black, body size, justified,
    1.27 cm first-line indent, 6 pt after, kept with the next paragraph.
    Their outline levels give Word's navigation pane and the PDF bookmarks."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    for name in ("Heading 1", "Heading 2", "Heading 1 Char", "Heading 2 Char"):
        style = doc.styles[name]
        rpr = style.element.get_or_add_rPr()
        _set_fonts(rpr)
        for color in rpr.findall(qn("w:color")):
            rpr.remove(color)
        _element(rpr, "w:color", {"w:val": "000000"}, successors=_AFTER_COLOR)
        style.font.size = Pt(layout.sizes.body)
        style.font.bold = True
        if name.endswith("Char"):
            continue
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Cm(FIRST_LINE_INDENT_CM)
        fmt.space_before, fmt.space_after = Pt(0), Pt(PARAGRAPH_AFTER_PT)
        fmt.line_spacing = LINE_MULTIPLE
        fmt.keep_with_next = True
        fmt.keep_together = True


def _setup_settings(doc) -> None:
    """Word 2013+ mode (compatibilityMode 15): no "[Compatibility Mode]" in
    Word's title bar, modern layout rules. Fonts embedded, subset."""
    from docx.oxml.ns import qn

    settings = doc.settings.element
    compat = settings.find(qn("w:compat"))
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    for tag in ("w:saveSubsetFonts", "w:embedTrueTypeFonts"):
        # Schema order (CT_Settings): these come before everything the template has.
        settings.insert(0, _new(tag))
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None:  # zoom precedes the font flags
        settings.remove(zoom)
        settings.insert(0, zoom)


def _setup_section(section, layout: PageLayout) -> None:
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    # Page numbers from page 2: page 1 gets its own, empty header.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    _page_number(section.header.paragraphs[0], layout.sizes.page_number)


def _page_number(paragraph, size: float) -> None:
    """A PAGE field, centred: Word fills in the number on every page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field_char(paragraph, "begin")
    _element(paragraph.add_run()._r, "w:instrText", {"xml:space": "preserve"}).text = " PAGE "
    _field_char(paragraph, "separate")
    paragraph.add_run("2")  # shown until Word recomputes the field
    _field_char(paragraph, "end")
    for run in paragraph.runs:
        run.font.size = Pt(size)


def _field_char(paragraph, kind: str) -> None:
    _element(paragraph.add_run()._r, "w:fldChar", {"w:fldCharType": kind})


def _new(tag: str, attrs: dict[str, str] | None = None):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    elm = OxmlElement(tag)
    for key, value in (attrs or {}).items():
        elm.set(qn(key), value)
    return elm


def _element(parent, tag: str, attrs: dict[str, str] | None = None, successors: tuple[str, ...] = ()):
    """Append a new <tag attrs/> to `parent`, or put it before the first of
    `successors` present: Word rejects property children out of schema order,
    and python-docx has no API for borders, cell margins or fields."""
    from docx.oxml.ns import qn

    elm = _new(tag, attrs)
    names = {qn(t) for t in successors}
    follower = next((child for child in parent if child.tag in names), None)
    if follower is None:
        parent.append(elm)
    else:
        follower.addprevious(elm)
    return elm


def _half_points(size: float) -> str:
    return str(round(size * 2))


# Schema order (ECMA-376 CT_PPr / CT_RPr / CT_TblPr): what may follow each element we add.
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
               "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
               "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
               "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_COLOR = ("w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
                "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em",
                "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_TBLCELLMAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", *_AFTER_TBLCELLMAR)


# ---- Embedded font ----------------------------------------------------------------

@lru_cache(maxsize=4)
def _subset_font(bold: bool, italic: bool) -> bytes:
    """Liberation Serif cut down to EMBED_RANGES (~70 KB a face instead of 380)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(font_path(bold, italic)))
    options = subset.Options()
    options.name_IDs, options.name_languages = ["*"], ["*"]
    options.notdef_outline = True
    options.layout_features = ["*"]
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[cp for low, high in EMBED_RANGES for cp in range(low, high + 1)])
    subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def _obfuscate(data: bytes, key: uuid.UUID) -> bytes:
    """ECMA-376 Part 1 §17.8.1: the first 32 bytes XOR the key's 16 bytes, the
    key being the GUID's hex digits read from the end."""
    mask = bytes.fromhex(key.hex)[::-1]
    head = bytes(b ^ mask[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def _embed_fonts(doc) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    table_part = doc.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(table_part.blob)
    entry = next(f for f in root if f.get(f"{{{W_NS}}}name") == FONT)
    for child in list(entry):
        if child.tag.startswith(f"{{{W_NS}}}embed"):
            entry.remove(child)
    for number, (tag, bold, italic) in enumerate(EMBED_FACES, start=1):
        key = uuid.uuid5(uuid.NAMESPACE_URL, f"dvk:LiberationSerif:{tag}")  # reproducible files
        part = Part(PackURI(f"/word/fonts/font{number}.odttf"), CT_OBFUSCATED_FONT,
                    _obfuscate(_subset_font(bold, italic), key), doc.part.package)
        rel_id = table_part.relate_to(part, RT_FONT)
        embed = etree.SubElement(entry, f"{{{W_NS}}}{tag}")
        embed.set(f"{{{R_NS}}}id", rel_id)
        embed.set(f"{{{W_NS}}}fontKey", "{" + str(key).upper() + "}")
    table_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---- Building blocks ---------------------------------------------------------

def _para(container, text: str = "", *, size: float | None = None, bold: bool = False,
          italic: bool = False, align: str = "center", after: float = 0, before: float = 0,
          style: str | None = None):
    """One paragraph with one run; `align` is center/left/justify."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = container.add_paragraph(style=style)
    if style is None:
        p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                       "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
        p.paragraph_format.space_after, p.paragraph_format.space_before = Pt(after), Pt(before)
    if text:
        run = p.add_run(_t(text))
        # None, not False: inherit rather than write <w:b w:val="0"/> everywhere.
        run.bold, run.italic = bold or None, italic or None
        if size is not None:
            run.font.size = Pt(size)
    return p


def _line(container, line: Line, *, before: float = 0, underline: bool = False):
    """A header line: its own size and style, single-spaced."""
    p = _para(container, line.text, size=line.size, bold=line.bold, italic=line.italic, before=before)
    p.paragraph_format.line_spacing = HEADER_LINE
    if underline:
        from docx.enum.text import WD_UNDERLINE

        p.runs[0].font.underline = WD_UNDERLINE.SINGLE  # a rule exactly as long as the text
    return p


def _rule(container, width_mm: float, box_mm: float) -> None:
    """A short centred rule: an empty 2 pt-high paragraph with a bottom border,
    narrowed by indents to `width_mm` inside a `box_mm` wide column."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Mm, Pt

    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm((box_mm - width_mm) / 2)
    fmt.first_line_indent = Mm(0)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(2)
    fmt.space_after = fmt.space_before = Pt(0)
    borders = _element(p._p.get_or_add_pPr(), "w:pBdr", successors=_AFTER_PBDR)
    _element(borders, "w:bottom", {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"})


def _table(doc, rows: int, widths_mm: tuple[float, float]):
    """A borderless table exactly as wide as the text, cells without side
    padding, so the columns line up with the page margins as in the PDF."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False  # <w:tblLayout w:type="fixed"/>: the widths below are kept
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


# ---- The parts -------------------------------------------------------------------

def _header(doc, layout: PageLayout) -> None:
    """Agencies | quốc hiệu + tiêu ngữ (or ĐẢNG CỘNG SẢN VIỆT NAM), then
    Số | place-date on one row; column widths from the text (layout.py)."""
    h = layout.header
    table = _table(doc, 2, (h.left_mm, h.right_mm))
    left, right = _fill(table.cell(0, 0)), _fill(table.cell(0, 1))
    for line in h.agencies:
        _line(left, line)
    if h.star is not None:
        _line(left, h.star)
    elif h.issuer_rule_mm:
        _rule(left, h.issuer_rule_mm, h.left_mm)
    for line in h.top_right:
        _line(right, line, underline=line is h.underlined)
    _line(_fill(table.cell(1, 0)), h.number, before=HEADER_ROW_GAP_PT)
    _line(_fill(table.cell(1, 1)), h.place_date, before=HEADER_ROW_GAP_PT)


def _title(doc, layout: PageLayout) -> None:
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    from exports.layout import TEXT_MM

    t = layout.title
    _line(doc, t.doc_type, before=DOC_TYPE_BEFORE_PT)
    if t.lines:
        p = _line(doc, t.lines[0])
        # The layout's own line breaks, so Word breaks where the PDF does.
        for line in t.lines[1:]:
            p.runs[-1].add_break(WD_BREAK.LINE)
            run = p.add_run(_t(line.text))
            run.bold, run.font.size = True, Pt(line.size)
    if t.dashes is not None:
        _line(doc, t.dashes)
    elif t.rule_mm:
        _rule(doc, t.rule_mm, TEXT_MM)
    doc.paragraphs[-1].paragraph_format.space_after = Pt(TITLE_AFTER_PT)


def _addressees(doc, layout: PageLayout) -> None:
    from docx.shared import Mm, Pt

    a = layout.addressees
    if a is None:
        return
    for i, line in enumerate(a.lines):
        p = _para(doc, line.text, size=line.size, align="left")
        p.paragraph_format.left_indent = Mm(a.indent_mm if i == 0 else a.item_indent_mm)
    doc.paragraphs[-1].paragraph_format.space_after = Pt(PARAGRAPH_AFTER_PT)


def _body_para(doc, text: str, *, italic: bool = False, style: str | None = None):
    """Justified, 1.27 cm first-line indent, 6 pt after, LINE_MULTIPLE spacing
    (the PDF uses the same multiple of the same font's line height)."""
    from docx.shared import Cm

    p = _para(doc, text, italic=italic, align="justify", after=PARAGRAPH_AFTER_PT, style=style)
    if style is None:
        p.paragraph_format.first_line_indent = Cm(FIRST_LINE_INDENT_CM)
        p.paragraph_format.line_spacing = LINE_MULTIPLE
    return p


def _block(doc, block: Block) -> None:
    if isinstance(block, Heading):
        _body_para(doc, block.text, style=f"Heading {block.level}")
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


def _closing(doc, r: Report, layout: PageLayout) -> None:
    """Nơi nhận bottom-left, signer bottom-right, in one row that Word may not split."""
    from docx.shared import Mm

    s, c = layout.sizes, layout.closing
    table = _table(doc, 1, (c.left_mm, c.right_mm))
    _element(table.rows[0]._tr.get_or_add_trPr(), "w:cantSplit")
    left, right = _fill(table.cell(0, 0)), _fill(table.cell(0, 1))
    if r.recipients_label:
        _para(left, r.recipients_label, size=s.recipients_label, bold=True, italic=True, align="left")
    for line in r.recipients:
        _para(left, line, size=s.recipients, align="left")
    for line in layout.signer_lines:
        _line(right, line)
    # Room for the hand signature and the seal.
    name = _para(right, r.signer_name, size=s.signer, bold=True)
    name.paragraph_format.space_before = Mm(30)
    if not left.paragraphs:
        left.add_paragraph()  # a cell must hold a paragraph
    _tail(doc)


def _tail(doc) -> None:
    """Word always ends the body with a paragraph, never a table; a 1 pt one
    cannot spill onto a blank last page."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt = doc.add_paragraph().paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(1)
