"""Build the year-end report of one campaign from the data.

The user's words are kept: every piece the unit may write itself (căn cứ lines,
the 1.1 statistics lines, intro, closing, part titles, narrative, Nơi nhận,
Kính gửi) is taken as stored. dvk generates a default only where nothing is
stored, and the CLI/TUI can store that default for the user to edit and reorder
(`generated_bases`, `generated_stat_lines`, …). Content dvk adds by itself to a
section of part II (results of finished tasks, the models, plans issued but not
yet named in the text) goes before or after the section's narrative, or
nowhere, as the campaign's `placement` says.

Task results, models and issued plans count only what falls in the campaign's
reporting period (NĐ 09/2019: 15/12 of the previous year to 14/12).
"""
from __future__ import annotations

from datetime import date

from db.dates import PartialDate, format_cite
from db.models import DEFAULT_HEADINGS, Campaign, Document, DvkModel, Profile, Task
from db.periods import Period
from db.report_fields import check_campaign, check_profile
from db.store import Store
from db.text import fold
from exports.report_model import Block, Bullet, Heading, Paragraph, Report, dashed

MODEL_STATUS_VI = {
    "registered": "đã đăng ký",
    "in_progress": "đang thực hiện",
    "achieved": "đạt",
    "not_achieved": "chưa đạt",
    "replicated": "được nhân rộng",
}
MODEL_KIND_VI = {"collective": "tập thể", "individual": "cá nhân"}
EMPTY_SECTION = "(Chưa có nội dung: ghi nhận kết quả nhiệm vụ hoặc viết đoạn tường thuật cho mục này.)"
DEFAULT_PLACEMENT = "after"
# Signing authority (NĐ 30 Phụ lục I §II.7; HD 36 writes it with a slash).
SIGNER_FORMS = {
    "TM": ("TM.", "T/M"),
    "KT": ("KT.", "K/T"),
    "TL": ("TL.", "T/L"),
    "Q": ("Q.", "Q."),
    "TUQ": ("TUQ.", "TUQ."),
}
ROMAN = {"I": "I.", "II": "II.", "III": "III."}


def build_report(store: Store, campaign: Campaign) -> Report:
    profile = store.profile()
    check_profile(profile)
    period = check_campaign(campaign)
    docs = {d.id: d for d in store.all(Document)}
    party = profile.layout == "party"
    body = (_situation(campaign, profile) + _results(store, campaign, profile, docs, period)
            + _assessment(campaign, profile))
    return Report(
        parent_body=profile.parent_body.upper(),
        issuer=profile.unit_name.upper(),
        number_line=number_line(campaign, profile),
        place_date=f"{profile.place}, {_report_date(campaign).long()}",
        doc_type="BÁO CÁO",
        title=campaign.title or f"Thực hiện “{campaign.name}” năm {campaign.year}",
        bases=list(campaign.basis_lines) or generated_bases(campaign, docs),
        intro=campaign.intro or generated_intro(campaign, profile),
        body=body,
        closing=campaign.closing or generated_closing(campaign, profile),
        recipients=[dashed(r) for r in campaign.recipients if r.strip()],
        signer_lines=signer_lines(campaign, party),
        signer_name=campaign.signer_name,
        addressees=[a for a in campaign.addressees if a.strip()],
        layout=profile.layout,
        body_pt=profile.body_pt,
        header_pt=profile.header_pt,
        period=period,
    )


# ---- defaults the user may take over ------------------------------------------

def generated_bases(campaign: Campaign, docs: dict[int, Document]) -> list[str]:
    """One `Căn cứ …` line per legal basis, in the campaign's order; `;` after
    each and `.` after the last (NĐ 30 Phụ lục I §II.6a)."""
    return punctuate([f"Căn cứ {citation(docs[b])}" for b in campaign.bases if b in docs])


def punctuate(lines: list[str]) -> list[str]:
    """End every căn cứ line with `;` and the last with `.`, replacing only a
    final `;`, `.` or `,` (the words stay as written)."""
    out = [line.rstrip().rstrip(";.,").rstrip() for line in lines if line.strip()]
    return [line + (";" if i < len(out) - 1 else ".") for i, line in enumerate(out)]


def generated_stat_lines(campaign: Campaign) -> list[str]:
    stats = campaign.stats
    lines = []
    if "staff" in stats:
        lines.append(f"Tổng số CBCC: {stats['staff']:02d} người.")
    if "party_members" in stats:
        official = f"; Đảng viên chính thức {stats['party_official']:02d} đồng chí" if "party_official" in stats else ""
        lines.append(f"Tổng số Đảng viên chi bộ: {stats['party_members']:02d} đồng chí{official}.")
    if "schools" in stats:
        lines.append(f"Tổng số trường trực thuộc là: {stats['schools']:02d} trường.")
    return lines


def generated_intro(campaign: Campaign, profile: Profile) -> str:
    return f"{profile.unit_name} báo cáo triển khai thực hiện “{campaign.name}” năm {campaign.year}, như sau:"


def generated_closing(campaign: Campaign, profile: Profile) -> str:
    return (f"Trên đây là báo cáo triển khai thực hiện {campaign.name} năm {campaign.year} "
            f"của {_lower_first(profile.unit_name)}./.")


def heading_text(campaign: Campaign, key: str) -> str:
    """A fixed part's title as the unit wrote it, or the default (without its number)."""
    written = campaign.headings.get(key, "").strip()
    return written or DEFAULT_HEADINGS[key].format(year=campaign.year)


# ---- citations ----------------------------------------------------------------

def citation(doc: Document, opening: bool = False) -> str:
    """`Kế hoạch số 4094/KH-UBND ngày 10/7/2020 của … về …` (NĐ 30 Phụ lục I §II.6).

    `opening=True` gives the whole căn cứ line, `Căn cứ …;`.
    """
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


# ---- header and signature -----------------------------------------------------

def number_line(campaign: Campaign, profile: Profile) -> str:
    """`Số: 12/BC-PGDĐT` (NĐ 30) or `Số 12-BC/CB` (HD 36: no colon, hyphen
    before the type); a blank number leaves room to write it by hand."""
    number = campaign.report_number.strip()
    party = profile.layout == "party"
    label = "Số" if party else "Số:"
    if ("-" if party else "/") in number:
        return f"{label} {number}"
    number = number or "      "
    return f"{label} {number}-BC/{profile.unit_code}" if party else f"{label} {number}/BC-{profile.unit_code}"


def signer_lines(campaign: Campaign, party: bool = False) -> list[str]:
    prefix = signer_prefix(campaign.signer_prefix, party)
    if prefix:
        return [f"{prefix} {campaign.signer_head_title}".strip(), campaign.signer_title]
    return [campaign.signer_title or campaign.signer_head_title]


def signer_prefix(typed: str, party: bool) -> str:
    """`KT.`, `KT`, `K/T` … -> the form of the layout (`KT.` or `K/T`); anything
    else is kept as typed."""
    key = typed.upper().replace(".", "").replace("/", "").replace(" ", "")
    forms = SIGNER_FORMS.get(key)
    if forms is None:
        return typed.strip()
    return forms[1] if party else forms[0]


def _report_date(campaign: Campaign) -> PartialDate:
    if campaign.report_date.strip():
        return PartialDate.parse(campaign.report_date)
    return PartialDate(None, None, campaign.year)


# ---- body -----------------------------------------------------------------------

def _part_title(campaign: Campaign, profile: Profile, key: str) -> Heading:
    """`I. …` titles: in capitals (NĐ 30 Phụ lục I §V, row 6b) or as written."""
    text = heading_text(campaign, key)
    if profile.heading_case == "upper":
        text = text.upper()
    return Heading(f"{ROMAN[key]} {text}", 1)


def _situation(campaign: Campaign, profile: Profile) -> list[Block]:
    lines: list[Block] = [_part_title(campaign, profile, "I"),
                          Heading(f"1.1. {heading_text(campaign, '1.1')}", 2)]
    lines += [Bullet(t) for t in (campaign.stat_lines or generated_stat_lines(campaign))]
    lines.append(Heading(f"1.2. {heading_text(campaign, '1.2')}", 2))
    lines += [Bullet(t) for t in campaign.advantages]
    lines.append(Heading(f"1.3. {heading_text(campaign, '1.3')}", 2))
    lines += [Paragraph(t) for t in campaign.difficulties]
    return lines


def _results(store: Store, campaign: Campaign, profile: Profile, docs: dict[int, Document],
             period: Period) -> list[Block]:
    blocks: list[Block] = [_part_title(campaign, profile, "II")]
    tasks = [t for t in store.all(Task) if t.campaign == campaign.id and t.status == "done"
             and t.result.strip() and _task_in_period(t, period)]
    models = [m for m in store.all(DvkModel) if m.campaign == campaign.id or (m.campaign is None and m.year == campaign.year)]
    model_section = _model_section(campaign)
    count = len(campaign.sections)
    generated: dict[int, list[str]] = {}
    for number in range(1, count + 1):
        own = [m for m in sorted(models, key=lambda m: m.id)] if number == model_section else []
        done_here = sorted((t for t in tasks if _task_section(t, count) == number), key=lambda t: t.id)
        generated[number] = [_model_paragraph(m) for m in own] + [t.result.strip() for t in done_here]
    placement = {n: campaign.placement.get(str(n), DEFAULT_PLACEMENT) for n in range(1, count + 1)}
    narrative = {n: [p for p in campaign.section_texts.get(str(n), []) if p.strip()] for n in range(1, count + 1)}
    written = [p for n in narrative for p in narrative[n]]
    written += [p for n in generated if placement[n] != "off" for p in generated[n]]
    plans = _uncited_plans(campaign, docs, written, period)
    if plans:
        generated[1] = generated.get(1, []) + [plans]
    for number, title in enumerate(campaign.sections, start=1):
        extra = generated.get(number, [])
        where = placement[number]
        paragraphs = (extra if where == "before" else []) + narrative[number] + (extra if where == "after" else [])
        blocks.append(Heading(f"{number}. {title}", 2))
        blocks += [Paragraph(p) for p in paragraphs] or [Paragraph(EMPTY_SECTION)]
    return blocks


def _task_section(task: Task, count: int) -> int:
    # A task filed under a section the campaign no longer has goes to the last one.
    section = task.section or 1
    return section if 1 <= section <= count else count


def _task_in_period(task: Task, period: Period) -> bool:
    when = task.done_on or task.due
    return not when or when in period  # an undated result was filed for this campaign: keep it


def _uncited_plans(campaign: Campaign, docs: dict[int, Document], written: list[str], period: Period) -> str:
    """Plans we issued in the period to carry out the campaign's bases, not yet
    named anywhere in the text: one sentence for section 1."""
    text = fold(" ".join(written)).replace(" ", "")
    bases = set(campaign.bases)
    issued = [d for d in docs.values() if d.direction == "out" and d.date in period
              and any(link.get("doc") in bases for link in d.links)
              and fold(d.canonical).replace(" ", "") not in text]
    if not issued:
        return ""
    return "Đã ban hành: " + "; ".join(citation(d) for d in sorted(issued, key=lambda d: d.date or "")) + "."


def _model_section(campaign: Campaign) -> int:
    for number, title in enumerate(campaign.sections, start=1):
        if any(word in fold(title) for word in ("dien hinh", "mo hinh")):
            return number
    return len(campaign.sections)


def _model_paragraph(model: DvkModel) -> str:
    if model.result.strip():
        return model.result.strip()
    return (f"{_model_named(model.name)} ({MODEL_KIND_VI.get(model.kind, model.kind)}, lĩnh vực {model.field}) "
            f"của {model.unit}: {MODEL_STATUS_VI.get(model.status, model.status)}.")


def _model_named(name: str) -> str:
    """Mô hình “X”: once, even when the unit named it "Mô hình …" or "Mô hình “…”" already."""
    text = " ".join(name.split())
    if fold(text).startswith("mo hinh"):
        text = text[len("mô hình"):].strip(" :–-").strip("“”\"").strip()
    return f"Mô hình “{text}”"


def _assessment(campaign: Campaign, profile: Profile) -> list[Block]:
    return [_part_title(campaign, profile, "III")] + [Paragraph(t) for t in campaign.assessment]
