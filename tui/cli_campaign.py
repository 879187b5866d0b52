"""`dvk profile` and `dvk campaign …`: the unit and the report's own data (narrative, header, signer)."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Optional

import typer

from db.dates import PartialDate, parse_date
from db.errors import DvkError
from db.messages import Message
from db.models import BODY_SIZES, Campaign, Document, Profile
from db.report_fields import check_campaign, check_profile
from tui.cli_common import open_store, print_json, print_table
from tui.cli_records import find_document

campaign_app = typer.Typer(help="Phong trào và nội dung báo cáo (campaigns)", no_args_is_help=True)
NARRATIVE_PARTS = {"thuan-loi": "advantages", "kho-khan": "difficulties", "danh-gia": "assessment"}
# Parts kept one item per line (căn cứ, 1.1 statistics, Kính gửi, Nơi nhận) and
# one-paragraph parts (intro, closing).
LINE_PARTS = {"can-cu": "basis_lines", "tinh-hinh": "stat_lines", "kinh-gui": "addressees", "noi-nhan": "recipients"}
SINGLE_PARTS = {"mo-dau": "intro", "ket-thuc": "closing"}
REGENERABLE = ("can-cu", "tinh-hinh", "mo-dau", "ket-thuc")
HEADING_CASE_NAMES = {"upper": "upper", "hoa": "upper", "as-written": "as_written", "as_written": "as_written",
                      "nhu-viet": "as_written"}


def profile(
    ctx: typer.Context,
    parent_body: Optional[str] = typer.Option(None, "--parent-body", help="Cơ quan chủ quản: UBND HUYỆN THỦ THỪA"),
    unit_name: Optional[str] = typer.Option(None, "--unit-name", help="Tên đơn vị: Phòng Giáo dục và Đào tạo"),
    unit_short: Optional[str] = typer.Option(None, "--unit-short", help="Tên viết tắt: Phòng GD&ĐT"),
    unit_code: Optional[str] = typer.Option(None, "--unit-code", help="Ký hiệu: PGDĐT"),
    place: Optional[str] = typer.Option(None, "--place", help="Địa danh: Thủ Thừa"),
    layout: Optional[str] = typer.Option(
        None, "--layout", help="Thể thức: state (Nghị định 30, cơ quan nhà nước) | party (Hướng dẫn 36, văn bản Đảng)"),
    body_size: Optional[int] = typer.Option(None, "--body-size", help="Cỡ chữ nội dung: 13–14 (văn bản Đảng 14–15)"),
    header_size: Optional[int] = typer.Option(None, "--header-size", help="Cỡ chữ Quốc hiệu và tên cơ quan: 12 | 13"),
    headings: Optional[str] = typer.Option(
        None, "--headings", help="Tiêu đề phần I., II., III.: upper (chữ in hoa, Nghị định 30) | as-written (như đơn vị viết)"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Xem hoặc sửa thông tin đơn vị (dùng cho phần đầu báo cáo) và thể thức báo cáo."""
    changes = {k: v for k, v in dict(parent_body=parent_body, unit_name=unit_name, unit_short=unit_short,
                                     unit_code=unit_code, place=place, layout=layout, body_pt=body_size,
                                     header_pt=header_size).items() if v is not None}
    if headings is not None:
        changes["heading_case"] = HEADING_CASE_NAMES.get(headings.strip().lower(), headings)
    with open_store(ctx, write=bool(changes)) as store:
        current = store.profile()
        if changes:
            updated = replace(current, **changes)
            if layout is not None and body_size is None:
                updated.body_pt = _fit_body_size(updated)  # party 14–15, state 13–14
            check_profile(updated)  # one clear line, nothing saved
            current = store.set_profile(updated)
    if as_json:
        print_json(current.to_dict())
    else:
        for key, value in current.to_dict().items():
            typer.echo(f"{key:12} {value}")


def _fit_body_size(profile: Profile) -> int:
    """Switching layout keeps the body size when the new layout allows it, else its nearest size."""
    low, high = BODY_SIZES.get(profile.layout, (13, 14))
    return min(max(profile.body_pt, low), high)


@campaign_app.command("list")
def campaign_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """Liệt kê phong trào."""
    with open_store(ctx) as store:
        campaigns = store.campaigns()
    if as_json:
        print_json([{"id": c.id, **c.to_dict()} for c in campaigns])
    else:
        print_table("Phong trào", ["#", "Năm", "Tên", "Căn cứ", "Mục"],
                    [[str(c.id), str(c.year), c.name, str(len(c.bases)), str(len(c.sections))] for c in campaigns])


@campaign_app.command("add")
def campaign_add(ctx: typer.Context, year: int = typer.Argument(...),
                 name: str = typer.Option("Năm dân vận khéo", "--name", "-n")) -> None:
    """Tạo phong trào của một năm (7 mục báo cáo mặc định như mẫu)."""
    with open_store(ctx, write=True) as store:
        if any(c.year == year and c.name == name for c in store.campaigns()):
            raise DvkError(f"Đã có phong trào “{name}” năm {year}.")
        campaign = store.add(Campaign(name=name, year=year, report_date=f"/ /{year}"))
    typer.echo(f"Đã tạo phong trào #{campaign.id}: {name} năm {year}")


@campaign_app.command("set")
def campaign_set(
    ctx: typer.Context,
    year: int = typer.Argument(...),
    campaign_name: Optional[str] = typer.Option(None, "--campaign", "-c", help="Chọn phong trào khi năm có nhiều"),
    title: Optional[str] = typer.Option(None, "--title", help="Trích yếu báo cáo"),
    staff: Optional[int] = typer.Option(None, "--staff", help="Tổng số CBCC"),
    party_members: Optional[int] = typer.Option(None, "--party-members"),
    party_official: Optional[int] = typer.Option(None, "--party-official"),
    schools: Optional[int] = typer.Option(None, "--schools"),
    number: Optional[str] = typer.Option(None, "--number", help="Số báo cáo (để trống khi là dự thảo)"),
    report_date: Optional[str] = typer.Option(None, "--date", help="Ngày báo cáo, có thể thiếu ngày: /10/2020"),
    signer_prefix: Optional[str] = typer.Option(None, "--signer-prefix", help="KT. | TM. | Q. | TL. | TUQ. | (trống)"),
    signer_head_title: Optional[str] = typer.Option(None, "--signer-head-title"),
    signer_title: Optional[str] = typer.Option(None, "--signer-title"),
    signer_name: Optional[str] = typer.Option(None, "--signer-name"),
    recipient: list[str] = typer.Option([], "--recipient", help="Nơi nhận (lặp lại; thay toàn bộ danh sách)"),
    basis: list[str] = typer.Option([], "--basis", help="Căn cứ: số văn bản (lặp lại, theo thứ tự; thay toàn bộ)"),
    addressee: list[str] = typer.Option([], "--addressee", help="Kính gửi (lặp lại; thay toàn bộ; \"\" để bỏ)"),
    period_start: Optional[str] = typer.Option(None, "--period-start",
                                               help="Kỳ báo cáo từ ngày (mặc định 15/12 năm trước; \"\" để về mặc định)"),
    period_end: Optional[str] = typer.Option(None, "--period-end",
                                             help="Kỳ báo cáo đến ngày (mặc định 14/12; \"\" để về mặc định)"),
    placement: list[str] = typer.Option([], "--placement",
                                        help="Nội dung tự tạo của mục N: N=after | N=before | N=off (lặp lại)"),
    heading: list[str] = typer.Option([], "--heading", help="Tiêu đề phần: I=… | 1.1=… | 1.2=… | 1.3=… | II=… | III=… "
                                                             "(\"KEY=\" về mặc định; lặp lại)"),
    intro: Optional[str] = typer.Option(None, "--intro", help="Câu mở đầu (\"\" để dùng câu tự tạo)"),
    closing: Optional[str] = typer.Option(None, "--closing", help="Câu kết (\"\" để dùng câu tự tạo)"),
) -> None:
    """Sửa dữ liệu báo cáo của phong trào: thống kê, số/ngày, người ký, nơi nhận, căn cứ, kỳ báo cáo."""
    with open_store(ctx, write=True) as store:
        campaign = replace(store.campaign_for(year, campaign_name))
        stats = dict(campaign.stats)
        for key, value in (("staff", staff), ("party_members", party_members), ("party_official", party_official), ("schools", schools)):
            if value is not None:
                stats[key] = value
        campaign.stats = stats
        if report_date is not None:
            PartialDate.parse(report_date)  # refuse an impossible date now, not at export time
        for field, value in (("title", title), ("report_number", number), ("report_date", report_date),
                             ("signer_prefix", signer_prefix), ("signer_head_title", signer_head_title),
                             ("signer_title", signer_title), ("signer_name", signer_name)):
            if value is not None:
                setattr(campaign, field, value)
        if recipient:
            campaign.recipients = list(recipient)
        if basis:
            campaign.bases = [find_document(store, b).id for b in basis]
        if addressee:
            campaign.addressees = [a for a in addressee if a.strip()]
        for field, value in (("period_start", period_start), ("period_end", period_end)):
            if value is not None:
                setattr(campaign, field, parse_date(value).isoformat() if value.strip() else "")
        if placement:
            campaign.placement = {**campaign.placement, **_pairs(placement, "7=before")}
        if heading:
            headings = {**campaign.headings, **_pairs(heading, "III=Đánh giá chung")}
            campaign.headings = {k: v for k, v in headings.items() if v.strip()}
        for field, value in (("intro", intro), ("closing", closing)):
            if value is not None:
                setattr(campaign, field, value.strip())
        check_campaign(campaign)  # one clear line, nothing saved
        store.save(campaign)
    typer.echo(f"Đã lưu phong trào {campaign.name} năm {year}.")


@campaign_app.command("text")
def campaign_text(
    ctx: typer.Context,
    year: int = typer.Argument(...),
    part: str = typer.Argument(..., help="thuan-loi | kho-khan | danh-gia | số mục 1–7 | can-cu | tinh-hinh | "
                                         "mo-dau | ket-thuc | kinh-gui | noi-nhan"),
    source: Optional[str] = typer.Argument(None, help="Tệp văn bản hoặc - (bàn phím); bỏ trống để xem"),
    campaign_name: Optional[str] = typer.Option(None, "--campaign", "-c"),
    regenerate: bool = typer.Option(False, "--regenerate",
                                    help="Tạo lại từ dữ liệu và lưu (can-cu, tinh-hinh, mo-dau, ket-thuc)"),
) -> None:
    """Xem hoặc thay một phần chữ của báo cáo.

    Tường thuật: các đoạn cách nhau bằng một dòng trống. can-cu, tinh-hinh,
    kinh-gui, noi-nhan: mỗi dòng một mục, theo thứ tự. Xem (không có tệp) in
    nội dung sẽ vào báo cáo, kể cả câu dvk tự tạo, để sửa rồi lưu lại.
    """
    if regenerate and part not in REGENERABLE:
        raise DvkError("report.regenerate_only", choices=", ".join(REGENERABLE))
    write = source is not None or regenerate
    with open_store(ctx, write=write) as store:
        campaign = replace(store.campaign_for(year, campaign_name))
        if regenerate:
            items = _generated(store, campaign, part)
            _set_part(campaign, part, items)
            check_campaign(campaign)
            store.save(campaign, Message("report.regenerated", part=part, count=len(items)))
            typer.echo(str(Message("report.regenerated", part=part, count=len(items))))
            return
        if source is None:
            current = _get_part(campaign, part) or _generated(store, campaign, part)
            typer.echo(("\n" if part in LINE_PARTS else "\n\n").join(current))
            return
        text = (sys.stdin.read() if source == "-" else _read(source)).replace("\r\n", "\n")
        if part in LINE_PARTS:
            items = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
        else:
            items = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
        _set_part(campaign, part, items)
        check_campaign(campaign)
        store.save(campaign, Message("report.saved_part", part=part, count=len(items)))
    typer.echo(str(Message("report.saved_part", part=part, count=len(items))))


def _read(source: str) -> str:
    path = Path(source)
    try:
        if not path.is_file():
            raise DvkError("cli.file_missing", path=source)
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DvkError("cli.file_not_utf8", path=source) from None
    except OSError as err:
        raise DvkError("cli.file_unreadable", path=source, detail=err.strerror or type(err).__name__) from None


def _get_part(campaign: Campaign, part: str) -> list[str]:
    if part in NARRATIVE_PARTS:
        return list(getattr(campaign, NARRATIVE_PARTS[part]))
    if part in LINE_PARTS:
        return list(getattr(campaign, LINE_PARTS[part]))
    if part in SINGLE_PARTS:
        value = getattr(campaign, SINGLE_PARTS[part])
        return [value] if value else []
    return list(campaign.section_texts.get(_section(campaign, part), []))


def _set_part(campaign: Campaign, part: str, items: list[str]) -> None:
    if part in NARRATIVE_PARTS:
        setattr(campaign, NARRATIVE_PARTS[part], items)
    elif part in LINE_PARTS:
        setattr(campaign, LINE_PARTS[part], items)
    elif part in SINGLE_PARTS:
        setattr(campaign, SINGLE_PARTS[part], " ".join(items))
    else:
        campaign.section_texts = {**campaign.section_texts, _section(campaign, part): items}


def _generated(store, campaign: Campaign, part: str) -> list[str]:
    """dvk's default for a part the unit has not written (what the report would print)."""
    from exports.report import generated_bases, generated_closing, generated_intro, generated_stat_lines

    if part == "can-cu":
        return generated_bases(campaign, {d.id: d for d in store.all(Document)})
    if part == "tinh-hinh":
        return generated_stat_lines(campaign)
    if part == "mo-dau":
        return [generated_intro(campaign, store.profile())]
    if part == "ket-thuc":
        return [generated_closing(campaign, store.profile())]
    return []


def _section(campaign: Campaign, part: str) -> str:
    if part.isdigit() and 1 <= int(part) <= len(campaign.sections):
        return part
    choices = ", ".join([*NARRATIVE_PARTS, *LINE_PARTS, *SINGLE_PARTS])
    raise DvkError("report.part", part=part, choices=choices, count=len(campaign.sections))


def _pairs(values: list[str], example: str) -> dict[str, str]:
    """`7=before`, `III=Đánh giá chung:` -> {"7": "before", "III": "Đánh giá chung:"}."""
    out = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise DvkError("report.pair", example=example, value=value)
        out[key.strip()] = text.strip()
    return out
