"""Build the year-end report of one campaign from the data.

The user writes only the narrative (thuận lợi, khó khăn, đánh giá chung, a few
paragraphs per section); legal bases, statistics, results of finished tasks,
issued plans and the models come from what dvk already holds.
"""
from __future__ import annotations

from datetime import date

from db.dates import PartialDate, format_cite
from db.models import Campaign, Document, DvkModel, Profile, Task
from db.store import Store
from db.text import fold
from exports.report_model import Block, Bullet, Heading, Paragraph, Report

MODEL_STATUS_VI = {
    "registered": "đã đăng ký",
    "in_progress": "đang thực hiện",
    "achieved": "đạt",
    "not_achieved": "chưa đạt",
    "replicated": "được nhân rộng",
}
MODEL_KIND_VI = {"collective": "tập thể", "individual": "cá nhân"}
EMPTY_SECTION = "(Chưa có nội dung: ghi nhận kết quả nhiệm vụ hoặc viết đoạn tường thuật cho mục này.)"


def build_report(store: Store, campaign: Campaign) -> Report:
    profile = store.profile()
    docs = {d.id: d for d in store.all(Document)}
    body = _situation(campaign) + _results(store, campaign, docs) + _assessment(campaign)
    return Report(
        parent_body=profile.parent_body.upper(),
        issuer=profile.unit_name.upper(),
        number_line=_number_line(campaign, profile),
        place_date=f"{profile.place}, {_report_date(campaign).long()}",
        doc_type="BÁO CÁO",
        title=campaign.title or f"Thực hiện “{campaign.name}” năm {campaign.year}",
        bases=[citation(docs[b], opening=True) for b in campaign.bases if b in docs],
        intro=f"{profile.unit_name} báo cáo triển khai thực hiện “{campaign.name}” năm {campaign.year}, như sau:",
        body=body,
        closing=f"Trên đây là báo cáo triển khai thực hiện {campaign.name} năm {campaign.year} của {_lower_first(profile.unit_name)}./.",
        recipients=["- " + r for r in campaign.recipients],
        signer_lines=_signer_lines(campaign),
        signer_name=campaign.signer_name,
    )


def citation(doc: Document, opening: bool = False) -> str:
    """`Căn cứ Kế hoạch số 4094/KH-UBND ngày 10/7/2020 của … về …;` (NĐ 30 Phụ lục I §II.6)."""
    parts = [doc.type_name or "Văn bản", "số", doc.canonical]
    if doc.date:
        parts += ["ngày", format_cite(date.fromisoformat(doc.date))]
    if doc.issuer_name:
        parts += ["của", doc.issuer_name]
    text = " ".join(parts) + _about(doc)
    return f"Căn cứ {text};" if opening else text


def _about(doc: Document) -> str:
    summary = doc.summary.strip().rstrip(".;")
    if not summary:
        return ""
    if doc.type_name and fold(summary).startswith(fold(doc.type_name) + " "):
        summary = summary[len(doc.type_name) + 1:]
    if fold(summary).startswith("ve "):
        return " " + _lower_first(summary)
    return " về " + _lower_first(summary)


def _lower_first(text: str) -> str:
    # keep acronyms (UBND, CBCC) as they are
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _number_line(campaign: Campaign, profile: Profile) -> str:
    number = campaign.report_number.strip()
    if "/" in number:
        return f"Số: {number}"
    return f"Số: {number or '      '}/BC-{profile.unit_code}"


def _report_date(campaign: Campaign) -> PartialDate:
    if campaign.report_date.strip():
        return PartialDate.parse(campaign.report_date)
    return PartialDate(None, None, campaign.year)


def _signer_lines(campaign: Campaign) -> list[str]:
    if campaign.signer_prefix:
        return [f"{campaign.signer_prefix} {campaign.signer_head_title}", campaign.signer_title]
    return [campaign.signer_title or campaign.signer_head_title]


def _situation(campaign: Campaign) -> list[Block]:
    stats = campaign.stats
    lines: list[Block] = [Heading("I. Đặc điểm tình hình của cơ quan.", 1), Heading("1.1. Đặc điểm tình hình:", 2)]
    if "staff" in stats:
        lines.append(Bullet(f"Tổng số CBCC: {stats['staff']:02d} người."))
    if "party_members" in stats:
        official = f"; Đảng viên chính thức {stats['party_official']:02d} đồng chí" if "party_official" in stats else ""
        lines.append(Bullet(f"Tổng số Đảng viên chi bộ: {stats['party_members']:02d} đồng chí{official}."))
    if "schools" in stats:
        lines.append(Bullet(f"Tổng số trường trực thuộc là: {stats['schools']:02d} trường."))
    lines.append(Heading("1.2. Thuận lợi:", 2))
    lines += [Bullet(t) for t in campaign.advantages]
    lines.append(Heading("1.3. Khó khăn:", 2))
    lines += [Paragraph(t) for t in campaign.difficulties]
    return lines


def _results(store: Store, campaign: Campaign, docs: dict[int, Document]) -> list[Block]:
    blocks: list[Block] = [Heading(f"II. Kết quả công tác dân vận năm {campaign.year}.", 1)]
    tasks = [t for t in store.all(Task) if t.campaign == campaign.id and t.status == "done" and t.result.strip()]
    models = [m for m in store.all(DvkModel) if m.campaign == campaign.id or (m.campaign is None and m.year == campaign.year)]
    model_section = _model_section(campaign)
    written: list[str] = []
    for number, title in enumerate(campaign.sections, start=1):
        paragraphs = list(campaign.section_texts.get(str(number), []))
        if number == model_section:
            paragraphs += [_model_paragraph(m) for m in sorted(models, key=lambda m: m.id)]
        done_here = sorted((t for t in tasks if (t.section or 1) == number or (number == len(campaign.sections) and (t.section or 0) > number)),
                           key=lambda t: t.id)  # the order they were entered, which users control
        paragraphs += [t.result.strip() for t in done_here]
        written += paragraphs
        blocks.append(Heading(f"{number}. {title}", 2))
        blocks += [Paragraph(p) for p in paragraphs] or [Paragraph(EMPTY_SECTION)]
    _add_uncited_plans(blocks, campaign, docs, written)
    return blocks


def _add_uncited_plans(blocks: list[Block], campaign: Campaign, docs: dict[int, Document], written: list[str]) -> None:
    """Plans we issued to carry out the campaign's bases, not yet named in the text, go under section 1."""
    text = fold(" ".join(written)).replace(" ", "")
    bases = set(campaign.bases)
    issued = [d for d in docs.values() if d.direction == "out" and (d.date or "").startswith(str(campaign.year))
              and any(link.get("doc") in bases for link in d.links)
              and fold(d.canonical).replace(" ", "") not in text]
    if not issued or len(blocks) < 2:
        return
    sentence = "Phòng đã ban hành: " + "; ".join(citation(d) for d in sorted(issued, key=lambda d: d.date or "")) + "."
    insert_at = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 2) + 1
    while insert_at < len(blocks) and isinstance(blocks[insert_at], Paragraph) and blocks[insert_at].text != EMPTY_SECTION:
        insert_at += 1
    if insert_at < len(blocks) and isinstance(blocks[insert_at], Paragraph):
        blocks[insert_at] = Paragraph(sentence)  # replace the "empty section" placeholder
    else:
        blocks.insert(insert_at, Paragraph(sentence))


def _model_section(campaign: Campaign) -> int:
    for number, title in enumerate(campaign.sections, start=1):
        if any(word in fold(title) for word in ("dien hinh", "mo hinh")):
            return number
    return len(campaign.sections)


def _model_paragraph(model: DvkModel) -> str:
    if model.result.strip():
        return model.result.strip()
    return (f"Mô hình “{model.name}” ({MODEL_KIND_VI.get(model.kind, model.kind)}, lĩnh vực {model.field}) "
            f"của {model.unit}: {MODEL_STATUS_VI.get(model.status, model.status)}.")


def _assessment(campaign: Campaign) -> list[Block]:
    return [Heading("III. Đánh giá chung:", 1)] + [Paragraph(t) for t in campaign.assessment]
