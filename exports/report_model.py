"""The year-end report as plain data: every renderer (Markdown, PDF, DOCX) reads
this and nothing else, so the three outputs cannot drift apart.

Text fields hold user text verbatim; each renderer escapes for its own format.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, Optional, Union

from db.periods import Period


@dataclass(frozen=True)
class Heading:
    """A numbered heading, text included: `I. Đặc điểm tình hình của cơ quan.`

    level 1 = Roman part (I., II., III.), level 2 = `1.`/`1.1.` subsection.
    """

    text: str
    level: Literal[1, 2] = 1


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullet:
    """A `- …` line of a list (statistics, thuận lợi)."""

    text: str


Block = Union[Heading, Paragraph, Bullet]

# A list line the user typed with its own dash ("- Lưu: VT.", "-Lưu: VT."); a
# run of dashes ("---") is text, not a dash.
_TYPED_DASH = re.compile(r"^\s*[-–](?![-–])\s*")


def has_dash(line: str) -> bool:
    return bool(_TYPED_DASH.match(line))


def dashed(line: str) -> str:
    """The line as a list item: the user's own dash kept, else "- " added."""
    text = line.strip()
    return text if has_dash(text) else f"- {text}"


def undashed(line: str) -> str:
    """The text after a list line's dash (the dash the renderer draws itself)."""
    return _TYPED_DASH.sub("", line, count=1).strip()


@dataclass
class Report:
    parent_body: str  # cơ quan chủ quản, caps: "UBND HUYỆN THỦ THỪA"
    issuer: str  # cơ quan ban hành, caps: "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
    number_line: str  # "Số:      /BC-PGDĐT" (blank number = draft)
    place_date: str  # "Thủ Thừa, ngày      tháng 10 năm 2020"
    doc_type: str  # tên loại, caps: "BÁO CÁO"
    title: str  # trích yếu: "Thực hiện “Năm dân vận khéo” năm 2020"
    bases: list[str] = field(default_factory=list)  # each a full "Căn cứ …;" line
    intro: str = ""  # "Phòng Giáo dục và Đào tạo báo cáo …, như sau:"
    body: list[Block] = field(default_factory=list)
    closing: str = ""  # "Trên đây là báo cáo …./."
    recipients: list[str] = field(default_factory=list)  # "- UBND huyện (b/c);" lines, dash included
    signer_lines: list[str] = field(default_factory=list)  # ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]
    signer_name: str = ""
    recipients_label: str = "Nơi nhận:"
    national_name: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto: str = "Độc lập - Tự do - Hạnh phúc"
    addressees: list[str] = field(default_factory=list)  # "Kính gửi:" recipients; empty = no block
    layout: str = "state"  # "state" (NĐ 30/2020) or "party" (HD 36-HD/VPTW)
    body_pt: int = 14  # one body size for PDF and DOCX
    header_pt: int = 12  # Quốc hiệu and agency names (state layout); tiêu ngữ is one larger
    period: Optional[Period] = None  # the data the report counts (NĐ 09/2019); shown by previews
