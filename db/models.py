"""The entities dvk keeps, as plain dataclasses stored in TinyDB tables.

Dates are stored as ISO strings (`2020-07-10`) so the file stays readable and
sorts correctly; every screen and document writes them back day-first through
`db.dates`.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar

DIRECTIONS = ("in", "out")  # văn bản đến (directive received) / văn bản đi (issued by us)
HANDLING = ("", "pending", "done")  # "" = nothing to do with it
TASK_STATUSES = ("todo", "doing", "done", "cancelled")
RECURRENCES = ("", "weekly", "monthly", "yearly")
PRIORITIES = ("high", "normal", "low")  # cao / thường / thấp
LINK_KINDS = ("implements", "cites")
MODEL_FIELDS = (
    "kinh tế",
    "văn hóa - xã hội",
    "quốc phòng - an ninh",
    "xây dựng hệ thống chính trị",
)
# How each field is named on screen (catalogue keys); the stored value stays the Vietnamese name,
# which is also what the report prints.
MODEL_FIELD_KEYS = dict(zip(MODEL_FIELDS, ("value.model_field.economy", "value.model_field.culture",
                                           "value.model_field.defence", "value.model_field.politics")))
MODEL_KINDS = ("collective", "individual")  # tập thể / cá nhân
MODEL_STATUSES = ("registered", "in_progress", "achieved", "not_achieved", "replicated")
# Report layout choices (issue 11). Sizes in pt, from NĐ 30/2020 Phụ lục I and HD 36-HD/VPTW.
LAYOUTS = ("state", "party")
BODY_SIZES = {"state": (13, 14), "party": (14, 15)}
HEADER_SIZES = (12, 13)
HEADING_CASES = ("upper", "as_written")
PLACEMENTS = ("after", "before", "off")  # generated content of a section, relative to the narrative
# Titles of the report's fixed parts, keyed as Campaign.headings keys them; {year} = campaign year.
HEADING_KEYS = ("I", "1.1", "1.2", "1.3", "II", "III")
DEFAULT_HEADINGS = {
    "I": "Đặc điểm tình hình của cơ quan.",
    "1.1": "Đặc điểm tình hình:",
    "1.2": "Thuận lợi:",
    "1.3": "Khó khăn:",
    "II": "Kết quả công tác dân vận năm {year}.",
    "III": "Đánh giá chung:",
}
DEFAULT_SECTIONS = (
    "Nâng cao nhận thức, trách nhiệm của cán bộ, công chức, viên chức trong thực hiện các chỉ thị, nghị quyết của Đảng về công tác dân vận",
    "Thực hiện hiệu quả các chế độ chính sách, chăm lo, thăm hỏi kịp thời",
    "Tăng cường giáo dục đạo đức công vụ, nâng cao chất lượng, tinh thần, trách nhiệm phục vụ Nhân dân của đội ngũ cán bộ, công chức, viên chức",
    "Đẩy mạnh cải cách thủ tục hành chính, xây dựng và thực hiện hiệu quả quy chế dân chủ ở cơ sở",
    "Kiểm tra công vụ; kiểm tra, giám sát việc triển khai, thực hiện công tác dân vận của các đơn vị trường học",
    "Thực hiện có hiệu quả công tác tiếp dân, và giải quyết kịp thời, dứt điểm những vấn đề liên quan đến quyền lợi của Nhân dân",
    "Xây dựng nhân rộng điển hình “Năm Dân vận khéo”",
)


class Record:
    """Shared (de)serialisation: unknown keys from a newer file are ignored, missing ones defaulted."""

    table: ClassVar[str]
    id: int

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("id", None)
        return data

    @classmethod
    def from_dict(cls, doc_id: int, data: dict[str, Any]):
        names = {f.name for f in fields(cls)} - {"id"}
        return cls(id=doc_id, **{k: v for k, v in data.items() if k in names})


@dataclass
class Link:
    kind: str  # one of LINK_KINDS
    doc: int  # id of the other document


@dataclass
class Document(Record):
    table: ClassVar[str] = "documents"
    id: int = 0
    number: str = ""  # as written by the user
    parts: dict[str, Any] = field(default_factory=dict)  # parsed number: seq, year, type_code, issuer, extra, style, canonical, key
    type_name: str = ""  # "Kế hoạch", "Công văn" …
    issuer_name: str = ""  # full issuing body: "Ủy ban nhân dân huyện Thủ Thừa"
    date: str | None = None  # ISO
    summary: str = ""  # trích yếu
    direction: str = "in"
    handling: str = ""
    due: str | None = None  # ISO, when handling is pending
    links: list[dict[str, Any]] = field(default_factory=list)  # [{"kind": "implements", "doc": 3}]
    tags: list[str] = field(default_factory=list)
    # The incoming-document register (sổ đăng ký văn bản đến, NĐ 30 Phụ lục IV):
    arrival_number: int | None = None  # số đến, counted from 1 each year of arrival
    arrival_date: str | None = None  # ngày đến, ISO
    handler: str = ""  # người (đơn vị) xử lý
    note: str = ""  # ghi chú
    attachments: list[str] = field(default_factory=list)  # absolute paths of the scan / signed file; never copied

    @property
    def canonical(self) -> str:
        return self.parts.get("canonical") or self.number


@dataclass
class Task(Record):
    table: ClassVar[str] = "tasks"
    id: int = 0
    title: str = ""
    source_doc: int | None = None
    campaign: int | None = None
    section: int | None = None  # 1-based index into the campaign's report sections
    assignee: str = ""
    due: str | None = None
    status: str = "todo"
    done_on: str | None = None
    result: str = ""  # what was achieved: feeds the report section
    recur: str = ""
    series: int | None = None  # id of the first task of a recurring series
    priority: str = "normal"  # PRIORITIES: high | normal | low (cao / thường / thấp)


@dataclass
class DvkModel(Record):
    """A registered "Dân vận khéo" model."""

    table: ClassVar[str] = "models"
    id: int = 0
    name: str = ""
    campaign: int | None = None
    year: int | None = None
    unit: str = ""  # executing unit: the department itself or a school
    field: str = MODEL_FIELDS[1]
    kind: str = "collective"
    status: str = "registered"
    result: str = ""


@dataclass
class Campaign(Record):
    table: ClassVar[str] = "campaigns"
    id: int = 0
    name: str = ""  # "Năm dân vận khéo"
    year: int = 0
    title: str = ""  # report trích yếu; empty = built from name and year
    bases: list[int] = field(default_factory=list)  # legal bases, in citation order
    sections: list[str] = field(default_factory=lambda: list(DEFAULT_SECTIONS))
    advantages: list[str] = field(default_factory=list)  # thuận lợi
    difficulties: list[str] = field(default_factory=list)  # khó khăn
    assessment: list[str] = field(default_factory=list)  # đánh giá chung
    section_texts: dict[str, list[str]] = field(default_factory=dict)  # "1".."7" -> narrative paragraphs
    stats: dict[str, Any] = field(default_factory=dict)  # staff, party_members, party_official, schools
    report_number: str = ""  # "" = draft: "Số:      /BC-PGDĐT"
    report_date: str = ""  # possibly partial, as typed: "/10/2020"
    signer_prefix: str = "KT."  # KT. / TM. / Q. / TL. / TUQ. or ""
    signer_head_title: str = "TRƯỞNG PHÒNG"
    signer_title: str = "PHÓ TRƯỞNG PHÒNG"
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)  # Nơi nhận lines as typed ("Lưu: VT, TCCB.")
    # --- the report as the unit writes it (issue 11); empty = dvk's generated default
    basis_lines: list[str] = field(default_factory=list)  # căn cứ lines, edited and ordered by the user
    stat_lines: list[str] = field(default_factory=list)  # 1.1 "Đặc điểm tình hình" bullets
    intro: str = ""  # "… báo cáo …, như sau:"
    closing: str = ""  # "Trên đây là báo cáo …./."
    headings: dict[str, str] = field(default_factory=dict)  # HEADING_KEYS -> title without its number
    placement: dict[str, str] = field(default_factory=dict)  # section "1".."n" -> PLACEMENTS; default "after"
    addressees: list[str] = field(default_factory=list)  # "Kính gửi:" block; empty = none
    period_start: str = ""  # ISO; "" = 15/12 of the previous year (NĐ 09/2019)
    period_end: str = ""  # ISO; "" = 14/12 of the report year


@dataclass
class Profile(Record):
    """The unit using dvk (one record)."""

    table: ClassVar[str] = "profile"
    id: int = 0
    parent_body: str = ""  # "UBND HUYỆN THỦ THỪA"
    unit_name: str = ""  # "Phòng Giáo dục và Đào tạo"
    unit_short: str = ""  # "Phòng GD&ĐT"
    unit_code: str = ""  # "PGDĐT"
    place: str = ""  # "Thủ Thừa"
    # --- report layout (issue 11)
    layout: str = "state"  # LAYOUTS: NĐ 30/2020 (state) or Hướng dẫn 36-HD/VPTW (party)
    body_pt: int = 14  # body text size, BODY_SIZES[layout]
    header_pt: int = 12  # Quốc hiệu and agency names (state layout), HEADER_SIZES; tiêu ngữ is one larger
    heading_case: str = "upper"  # HEADING_CASES: "I. …" part titles in capitals, or as written


RECORD_TYPES: dict[str, type[Record]] = {
    cls.table: cls for cls in (Document, Task, DvkModel, Campaign, Profile)
}
