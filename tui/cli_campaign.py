"""`dvk profile` and `dvk campaign …`: the unit and the report's own data (narrative, header, signer)."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Optional

import typer

from db.dates import PartialDate
from db.errors import DvkError
from db.models import Campaign, Profile
from tui.cli_common import open_store, print_json, print_table
from tui.cli_records import find_document

campaign_app = typer.Typer(help="Phong trào và nội dung báo cáo (campaigns)", no_args_is_help=True)
NARRATIVE_PARTS = {"thuan-loi": "advantages", "kho-khan": "difficulties", "danh-gia": "assessment"}


def profile(
    ctx: typer.Context,
    parent_body: Optional[str] = typer.Option(None, "--parent-body", help="Cơ quan chủ quản: UBND HUYỆN THỦ THỪA"),
    unit_name: Optional[str] = typer.Option(None, "--unit-name", help="Tên đơn vị: Phòng Giáo dục và Đào tạo"),
    unit_short: Optional[str] = typer.Option(None, "--unit-short", help="Tên viết tắt: Phòng GD&ĐT"),
    unit_code: Optional[str] = typer.Option(None, "--unit-code", help="Ký hiệu: PGDĐT"),
    place: Optional[str] = typer.Option(None, "--place", help="Địa danh: Thủ Thừa"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Xem hoặc sửa thông tin đơn vị (dùng cho phần đầu báo cáo)."""
    changes = {k: v for k, v in dict(parent_body=parent_body, unit_name=unit_name, unit_short=unit_short,
                                     unit_code=unit_code, place=place).items() if v is not None}
    with open_store(ctx, write=bool(changes)) as store:
        current = store.profile()
        if changes:
            current = store.set_profile(replace(current, **changes))
    if as_json:
        print_json(current.to_dict())
    else:
        for key, value in current.to_dict().items():
            typer.echo(f"{key:12} {value}")


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
) -> None:
    """Sửa dữ liệu báo cáo của phong trào: thống kê, số/ngày, người ký, nơi nhận, căn cứ."""
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
        store.save(campaign)
    typer.echo(f"Đã lưu phong trào {campaign.name} năm {year}.")


@campaign_app.command("text")
def campaign_text(
    ctx: typer.Context,
    year: int = typer.Argument(...),
    part: str = typer.Argument(..., help="thuan-loi | kho-khan | danh-gia | số mục 1–7"),
    source: Optional[str] = typer.Argument(None, help="Tệp văn bản hoặc - (bàn phím); bỏ trống để xem"),
    campaign_name: Optional[str] = typer.Option(None, "--campaign", "-c"),
) -> None:
    """Xem hoặc thay phần tường thuật; các đoạn cách nhau bằng một dòng trống."""
    write = source is not None
    with open_store(ctx, write=write) as store:
        campaign = replace(store.campaign_for(year, campaign_name))
        current = _get_part(campaign, part)
        if not write:
            typer.echo("\n\n".join(current))
            return
        text = sys.stdin.read() if source == "-" else _read(source)
        paragraphs = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        _set_part(campaign, part, paragraphs)
        store.save(campaign, f"Sửa phần “{part}” báo cáo {year}")
    typer.echo(f"Đã lưu {len(paragraphs)} đoạn vào phần “{part}”.")


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
    return list(campaign.section_texts.get(_section(campaign, part), []))


def _set_part(campaign: Campaign, part: str, paragraphs: list[str]) -> None:
    if part in NARRATIVE_PARTS:
        setattr(campaign, NARRATIVE_PARTS[part], paragraphs)
    else:
        campaign.section_texts = {**campaign.section_texts, _section(campaign, part): paragraphs}


def _section(campaign: Campaign, part: str) -> str:
    if part.isdigit() and 1 <= int(part) <= len(campaign.sections):
        return part
    raise DvkError(f"Phần “{part}” không có: dùng thuan-loi, kho-khan, danh-gia hoặc số mục 1–{len(campaign.sections)}.")
