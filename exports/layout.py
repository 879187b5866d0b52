"""Where the header, title and closing lines go, computed once from the text.

NĐ 30/2020 Phụ lục I (and Hướng dẫn 36-HD/VPTW for Party documents) fixes the
sizes of each element within a range, wants the rule under the issuer and
under the trích yếu to be 1/3–1/2 of *that line's own* length, and keeps each
header element on its line. Both renderers (PDF and DOCX) read this layout, so
they break, size and rule the same lines the same way; widths come from the
font metrics of Liberation Serif (= Times New Roman), see exports/metrics.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from exports.metrics import width_mm
from exports.report_model import dashed

TEXT_MM = 165.0  # A4 width 210 mm less the 30 mm left and 15 mm right margins
RULE_RATIO = 0.4  # of the line's own text: in the middle of the decree's 1/3–1/2
PAD_MM = 1.5  # room a header column keeps beyond its widest line: 3 mm between the columns
LEFT_SHARE = 0.44  # the agencies' column when everything fits with room to spare
LINE_MULTIPLE = 1.15  # body line spacing, in "single lines" (the decree allows 1–1.5)
PARAGRAPH_AFTER_PT = 6  # the decree's minimum space between paragraphs
HEADER_ROW_GAP_PT = 8  # above the Số | place-date row
DOC_TYPE_BEFORE_PT = 18  # above the tên loại
TITLE_AFTER_PT = 12  # below the trích yếu's rule
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
PARTY_TITLE_DASHES = "-----"
ADDRESS_LABEL = "Kính gửi"


@dataclass(frozen=True)
class Line:
    text: str
    size: float
    bold: bool = False
    italic: bool = False

    @property
    def width_mm(self) -> float:
        return width_mm(self.text, self.size, self.bold, self.italic)


@dataclass(frozen=True)
class Sizes:
    """Point sizes of every element, within the ranges of the layout's rules."""

    national: float  # Quốc hiệu, or ĐẢNG CỘNG SẢN VIỆT NAM
    motto: float
    agency: float  # cơ quan chủ quản and cơ quan ban hành (preferred)
    agency_min: float  # smallest the agencies may shrink to
    number: float
    place_date: float
    place_date_min: float
    doc_type: float
    title: float
    body: float
    signer: float
    recipients_label: float
    recipients: float
    page_number: float


def sizes_for(layout: str, body_pt: float, header_pt: float) -> Sizes:
    if layout == "party":
        # HD 36 as reproduced in domain.md §2: header 15 bold, agencies 14,
        # number 14, place-date 14 italic, tên loại 15–16, trích yếu 14–15, body 14–15.
        return Sizes(national=15, motto=0, agency=14, agency_min=13, number=14, place_date=14,
                     place_date_min=13, doc_type=16, title=body_pt, body=body_pt, signer=14,
                     recipients_label=12, recipients=11, page_number=14)
    # NĐ 30 Phụ lục I §V: Quốc hiệu 12–13, tiêu ngữ 13–14, agencies 12–13,
    # number 13, place-date 13–14, tên loại and trích yếu 13–14, body 13–14.
    return Sizes(national=header_pt, motto=header_pt + 1, agency=header_pt, agency_min=12, number=13,
                 place_date=14, place_date_min=13, doc_type=14, title=14, body=body_pt, signer=14,
                 recipients_label=12, recipients=11, page_number=body_pt)


@dataclass(frozen=True)
class Header:
    left_mm: float
    right_mm: float
    agencies: list[Line]  # cơ quan chủ quản lines, then cơ quan ban hành lines
    issuer_lines: int  # how many of `agencies` (the last ones) are the issuer
    issuer_rule_mm: float  # state: RULE_RATIO of the widest issuer line; party: 0
    star: Line | None  # party: "*" under the issuer
    top_right: list[Line]  # Quốc hiệu + tiêu ngữ, or ĐẢNG CỘNG SẢN VIỆT NAM
    number: Line
    place_date: Line

    @property
    def underlined(self) -> Line:
        """The line whose rule is exactly as long as its text (tiêu ngữ / party title)."""
        return self.top_right[-1]

    @property
    def issuer_width_mm(self) -> float:
        return max(line.width_mm for line in self.agencies[-self.issuer_lines:])


@dataclass(frozen=True)
class Title:
    doc_type: Line
    lines: list[Line]
    rule_mm: float  # state: RULE_RATIO of the widest trích yếu line
    dashes: Line | None  # party: "-----" under the trích yếu

    @property
    def width_mm(self) -> float:
        return max((line.width_mm for line in self.lines), default=0.0)


@dataclass(frozen=True)
class Addressees:
    """"Kính gửi:" (Phụ lục I §II.9): one recipient on the label's line; several
    on their own lines, the dashes aligned under the colon."""

    lines: list[Line]
    indent_mm: float  # left edge of the label
    item_indent_mm: float  # left edge of the "- …" lines
    single: bool


@dataclass(frozen=True)
class Closing:
    left_mm: float
    right_mm: float


@dataclass(frozen=True)
class PageLayout:
    layout: str
    sizes: Sizes
    header: Header
    title: Title
    addressees: Addressees | None
    closing: Closing
    signer_lines: list[Line] = field(default_factory=list)


def page_layout(report) -> PageLayout:
    """The layout of `report` (an exports.report_model.Report)."""
    sizes = sizes_for(report.layout, report.body_pt, report.header_pt)
    signer = [Line(text.upper(), sizes.signer, bold=True) for text in report.signer_lines]
    return PageLayout(
        layout=report.layout,
        sizes=sizes,
        header=header_layout(report, sizes),
        title=title_layout(report, sizes),
        addressees=addressee_layout(report.addressees, sizes.body),
        closing=closing_layout(signer),
        signer_lines=signer,
    )


# ---- header ------------------------------------------------------------------

def header_layout(report, sizes: Sizes) -> Header:
    party = report.layout == "party"
    if party:
        top_right = [Line(PARTY_TITLE, sizes.national, bold=True)]
    else:
        top_right = [Line(report.national_name.upper(), sizes.national, bold=True),
                     Line(report.motto, sizes.motto, bold=True)]
    number = Line(report.number_line, sizes.number)
    star = Line("*", sizes.agency) if party else None
    parent, issuer = report.parent_body.upper(), report.issuer.upper()

    def agencies(size: float, room: float | None = None) -> tuple[list[Line], int]:
        def lines(text: str, bold: bool) -> list[Line]:
            if not text.strip():
                return []
            parts = [text] if room is None else balanced_wrap(text, size, room, bold=bold)
            return [Line(p, size, bold=bold) for p in parts]

        upper, lower = lines(parent, False), lines(issuer, True)
        return upper + lower, len(lower)

    def need(lines: list[Line]) -> float:
        return max((line.width_mm for line in lines), default=0.0) + PAD_MM

    top_need = need(top_right)
    # Shrink within the decree's range before anything wraps: agencies first
    # (they are the long ones), then the place-date line.
    for place_pt in _steps(sizes.place_date, sizes.place_date_min):
        place = Line(report.place_date, place_pt, italic=True)
        right_need = max(top_need, need([place]))
        for agency_pt in _steps(sizes.agency, sizes.agency_min):
            lines, issuer_lines = agencies(agency_pt)
            left_need = need(lines + [number])
            if left_need + right_need <= TEXT_MM:
                left = min(max(TEXT_MM * LEFT_SHARE, left_need), TEXT_MM - right_need)
                return _header(lines, issuer_lines, left, top_right, number, place, star, party)
    # Still too long on one line even at the smallest sizes: the decree lets a
    # long agency name run over several lines; keep the preferred size then.
    place = Line(report.place_date, sizes.place_date_min, italic=True)
    right_need = max(top_need, need([place]))
    left = max(TEXT_MM - right_need, need([number]))
    lines, issuer_lines = agencies(sizes.agency, room=left - PAD_MM)
    return _header(lines, issuer_lines, left, top_right, number, place, star, party)


def _header(lines, issuer_lines, left, top_right, number, place, star, party) -> Header:
    issuer_width = max((line.width_mm for line in lines[len(lines) - issuer_lines:]), default=0.0)
    return Header(left_mm=left, right_mm=TEXT_MM - left, agencies=lines, issuer_lines=issuer_lines,
                  issuer_rule_mm=0.0 if party else issuer_width * RULE_RATIO, star=star,
                  top_right=top_right, number=number, place_date=place)


def _steps(high: float, low: float) -> list[float]:
    sizes = [high]
    while sizes[-1] - 1 >= low:
        sizes.append(sizes[-1] - 1)
    return sizes


# ---- title, addressees, closing ------------------------------------------------

def title_layout(report, sizes: Sizes) -> Title:
    lines = [Line(text, sizes.title, bold=True)
             for text in balanced_wrap(report.title, sizes.title, TEXT_MM - PAD_MM, bold=True)]
    widest = max((line.width_mm for line in lines), default=0.0)
    party = report.layout == "party"
    return Title(doc_type=Line(report.doc_type.upper(), sizes.doc_type, bold=True), lines=lines,
                 rule_mm=0.0 if party else widest * RULE_RATIO,
                 dashes=Line(PARTY_TITLE_DASHES, sizes.title) if party else None)


def addressee_layout(addressees: list[str], size: float) -> Addressees | None:
    items = [a.strip() for a in addressees if a.strip()]
    if not items:
        return None
    if len(items) == 1:
        line = Line(f"{ADDRESS_LABEL}: {items[0]}", size)
        indent = max(0.0, (TEXT_MM - line.width_mm) / 2)
        return Addressees([line], indent, indent, single=True)
    label = Line(f"{ADDRESS_LABEL}:", size)
    rows = [Line(dashed(item), size) for item in items]
    # The dash sits under the colon: items start where "Kính gửi" ends.
    colon_at = width_mm(ADDRESS_LABEL, size)
    widest = max(row.width_mm for row in rows)
    indent = max(0.0, (TEXT_MM - colon_at - widest) / 2)
    return Addressees([label] + rows, indent, indent + colon_at, single=False)


def closing_layout(signer: list[Line]) -> Closing:
    """Nơi nhận left, signature right; the right column is wide enough for
    the longest signer line ("TM. ỦY BAN NHÂN DÂN HUYỆN …") when it can be."""
    need = max((line.width_mm for line in signer), default=0.0) + PAD_MM
    right = min(max(TEXT_MM * 0.55, need), TEXT_MM * 0.7)
    return Closing(left_mm=TEXT_MM - right, right_mm=right)


# ---- line breaking ---------------------------------------------------------------

def balanced_wrap(text: str, size: float, room_mm: float, *, bold: bool = False, italic: bool = False) -> list[str]:
    """Break `text` at spaces into the fewest lines that fit `room_mm`, with
    lines as even as possible (a two-line title reads as a block, not as one
    long line and a stub). A single word wider than the room stays whole."""
    words = text.split()
    if not words:
        return []

    def width(parts: list[str]) -> float:
        return width_mm(" ".join(parts), size, bold, italic)

    def greedy(limit: float) -> list[str]:
        lines: list[list[str]] = [[]]
        for word in words:
            if lines[-1] and width(lines[-1] + [word]) > limit:
                lines.append([])
            lines[-1].append(word)
        return [" ".join(line) for line in lines]

    best = greedy(room_mm)
    if len(best) == 1:
        return best
    low = max(width([w]) for w in words)
    high = room_mm
    for _ in range(30):  # bisect the narrowest width giving as few lines
        mid = (low + high) / 2
        if len(greedy(mid)) <= len(best):
            high = mid
        else:
            low = mid
    return greedy(high)
