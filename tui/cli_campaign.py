"""`dvk profile` and `dvk campaign …`: the unit and the report's own data (narrative, header, signer)."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Optional

import typer

from db.dates import PartialDate, parse_date
from db.errors import DvkError
from db.messages import Message, render
from db.models import BODY_SIZES, Campaign, Document, Profile
from db.report_fields import check_campaign, check_profile
from tui.cli_common import open_store, print_json, print_table, say
from tui.cli_format import headings as column_headings
from tui.cli_records import find_document

campaign_app = typer.Typer(help="cli.help.campaign", no_args_is_help=True)
DEFAULT_NAME = "Năm dân vận khéo"  # data: the campaign's name as the report prints it, in every language
NARRATIVE_PARTS = {"thuan-loi": "advantages", "kho-khan": "difficulties", "danh-gia": "assessment"}
# Parts kept one item per line (căn cứ, 1.1 statistics, Kính gửi, Nơi nhận) and
# one-paragraph parts (intro, closing).
LINE_PARTS = {"can-cu": "basis_lines", "tinh-hinh": "stat_lines", "kinh-gui": "addressees", "noi-nhan": "recipients"}
SINGLE_PARTS = {"mo-dau": "intro", "ket-thuc": "closing"}
REGENERABLE = ("can-cu", "tinh-hinh", "mo-dau", "ket-thuc")
HEADING_EXAMPLE = "III=Đánh giá chung"  # data: a heading as a unit types it, shown in the error as an example
HEADING_CASE_NAMES = {"upper": "upper", "hoa": "upper", "as-written": "as_written", "as_written": "as_written",
                      "nhu-viet": "as_written"}


def profile(
    ctx: typer.Context,
    parent_body: Optional[str] = typer.Option(None, "--parent-body", help="cli.help.profile.parent_body"),
    unit_name: Optional[str] = typer.Option(None, "--unit-name", help="cli.help.profile.unit_name"),
    unit_short: Optional[str] = typer.Option(None, "--unit-short", help="cli.help.profile.unit_short"),
    unit_code: Optional[str] = typer.Option(None, "--unit-code", help="cli.help.profile.unit_code"),
    place: Optional[str] = typer.Option(None, "--place", help="cli.help.profile.place"),
    layout: Optional[str] = typer.Option(None, "--layout", help="cli.help.profile.layout"),
    body_size: Optional[int] = typer.Option(None, "--body-size", help="cli.help.profile.body_size"),
    header_size: Optional[int] = typer.Option(None, "--header-size", help="cli.help.profile.header_size"),
    headings: Optional[str] = typer.Option(None, "--headings", help="cli.help.profile.headings"),
    as_json: bool = typer.Option(False, "--json", help="cli.help.json"),
) -> None:
    """`dvk profile` (help: cli.help.profile): the unit's header data and the report's layout."""
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


@campaign_app.command("list", help="cli.help.campaign.list")
def campaign_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="cli.help.json")) -> None:
    with open_store(ctx) as store:
        campaigns = store.campaigns()
    if as_json:
        print_json([{"id": c.id, **c.to_dict()} for c in campaigns])
    else:
        print_table(render("cli.campaign_list"),
                    column_headings("col.ordinal", "cli.col.year", "cli.col.campaign_name", "cli.col.bases",
                                    "cli.col.sections"),
                    [[str(c.id), str(c.year), c.name, str(len(c.bases)), str(len(c.sections))] for c in campaigns])


@campaign_app.command("add", help="cli.help.campaign.add")
def campaign_add(ctx: typer.Context, year: int = typer.Argument(..., help="cli.help.report.year"),
                 name: str = typer.Option(DEFAULT_NAME, "--name", "-n", help="cli.help.campaign.name")) -> None:
    with open_store(ctx, write=True) as store:
        if any(c.year == year and c.name == name for c in store.campaigns()):
            raise DvkError("cli.campaign_exists", name=name, year=year)
        campaign = store.add(Campaign(name=name, year=year, report_date=f"/ /{year}"))
    say("cli.campaign_added", id=campaign.id, name=name, year=year)


@campaign_app.command("set", help="cli.help.campaign.set")
def campaign_set(
    ctx: typer.Context,
    year: int = typer.Argument(..., help="cli.help.report.year"),
    campaign_name: Optional[str] = typer.Option(None, "--campaign", "-c", help="cli.help.campaign.choose"),
    title: Optional[str] = typer.Option(None, "--title", help="cli.help.campaign.title"),
    staff: Optional[int] = typer.Option(None, "--staff", help="cli.help.campaign.staff"),
    party_members: Optional[int] = typer.Option(None, "--party-members", help="cli.help.campaign.party_members"),
    party_official: Optional[int] = typer.Option(None, "--party-official", help="cli.help.campaign.party_official"),
    schools: Optional[int] = typer.Option(None, "--schools", help="cli.help.campaign.schools"),
    number: Optional[str] = typer.Option(None, "--number", help="cli.help.campaign.number"),
    report_date: Optional[str] = typer.Option(None, "--date", help="cli.help.campaign.date"),
    signer_prefix: Optional[str] = typer.Option(None, "--signer-prefix", help="cli.help.campaign.signer_prefix"),
    signer_head_title: Optional[str] = typer.Option(None, "--signer-head-title",
                                                    help="cli.help.campaign.signer_head_title"),
    signer_title: Optional[str] = typer.Option(None, "--signer-title", help="cli.help.campaign.signer_title"),
    signer_name: Optional[str] = typer.Option(None, "--signer-name", help="cli.help.campaign.signer_name"),
    recipient: list[str] = typer.Option([], "--recipient", help="cli.help.campaign.recipient"),
    basis: list[str] = typer.Option([], "--basis", help="cli.help.campaign.basis"),
    addressee: list[str] = typer.Option([], "--addressee", help="cli.help.campaign.addressee"),
    period_start: Optional[str] = typer.Option(None, "--period-start", help="cli.help.campaign.period_start"),
    period_end: Optional[str] = typer.Option(None, "--period-end", help="cli.help.campaign.period_end"),
    placement: list[str] = typer.Option([], "--placement", help="cli.help.campaign.placement"),
    heading: list[str] = typer.Option([], "--heading", help="cli.help.campaign.heading"),
    intro: Optional[str] = typer.Option(None, "--intro", help="cli.help.campaign.intro"),
    closing: Optional[str] = typer.Option(None, "--closing", help="cli.help.campaign.closing"),
) -> None:
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
            headings = {**campaign.headings, **_pairs(heading, HEADING_EXAMPLE)}
            campaign.headings = {k: v for k, v in headings.items() if v.strip()}
        for field, value in (("intro", intro), ("closing", closing)):
            if value is not None:
                setattr(campaign, field, value.strip())
        check_campaign(campaign)  # one clear line, nothing saved
        store.save(campaign)
    say("cli.campaign_saved", name=campaign.name, year=year)


@campaign_app.command("text", help="cli.help.campaign.text")
def campaign_text(
    ctx: typer.Context,
    year: int = typer.Argument(..., help="cli.help.report.year"),
    part: str = typer.Argument(..., help="cli.help.campaign.part"),
    source: Optional[str] = typer.Argument(None, help="cli.help.campaign.source"),
    campaign_name: Optional[str] = typer.Option(None, "--campaign", "-c", help="cli.help.campaign.choose"),
    regenerate: bool = typer.Option(False, "--regenerate", help="cli.help.campaign.regenerate"),
) -> None:
    """Show a part of the report's own text (what the report would print), or replace it.

    Narrative parts are paragraphs separated by an empty line; list parts are one
    item per line. The text itself is the unit's Vietnamese, never translated.
    """
    if regenerate and part not in REGENERABLE:
        raise DvkError("report.regenerate_only", choices=", ".join(REGENERABLE))
    write = source is not None or regenerate
    with open_store(ctx, write=write) as store:
        campaign = replace(store.campaign_for(year, campaign_name))
        if regenerate:
            # dvk's wording is not stored: the part is emptied and follows the data from now on,
            # as Ctrl+R does in the app (a later basis or figure reaches the report by itself)
            items = _generated(store, campaign, part)
            _set_part(campaign, part, [])
            check_campaign(campaign)
            store.save(campaign, Message("report.regenerated", part=part, count=len(items)))
            say("report.regenerated", part=part, count=len(items))
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
        if part in REGENERABLE and items == _generated(store, campaign, part):
            _set_part(campaign, part, [])  # dvk's own wording, as shown: it keeps following the data
        else:
            _set_part(campaign, part, items)
        check_campaign(campaign)
        store.save(campaign, Message("report.saved_part", part=part, count=len(items)))
    say("report.saved_part", part=part, count=len(items))


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
