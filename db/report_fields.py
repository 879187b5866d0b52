"""Checks for the report settings of a Profile and a Campaign (issue 11 fields).

Kept apart from db/rules.py so the report's own choices (layout, sizes, where
generated text goes, the reporting period) are defined next to each other; the
CLI calls these before saving, and the report builder before rendering, so a
hand-edited file fails with one clear line instead of a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from db.errors import DvkError
from db.models import BODY_SIZES, HEADER_SIZES, HEADING_CASES, HEADING_KEYS, LAYOUTS, PLACEMENTS, Campaign, Profile
from db.periods import Period, campaign_period
from db.rules import ValidationError


@dataclass(frozen=True)
class FieldSpec:
    """What a generic form needs to edit one report field.

    kind: "choice" (one of `choices`), "lines" (list of one-line texts, in
    order), "text" (one paragraph; "" = dvk's generated default), "date"
    (ISO date or "" = NĐ 09/2019 default), "mapping" (key -> value, keys from
    `keys`, values from `choices` or free text when `choices` is empty).
    label: a key of db/messages.py.
    """

    name: str
    kind: str
    label: str
    choices: tuple = ()
    keys: tuple = ()


PROFILE_FIELDS = (
    FieldSpec("layout", "choice", "reportfield.layout", LAYOUTS),
    FieldSpec("body_pt", "choice", "reportfield.body_pt"),  # choices: body_sizes(profile.layout)
    FieldSpec("header_pt", "choice", "reportfield.header_pt", HEADER_SIZES),
    FieldSpec("heading_case", "choice", "reportfield.heading_case", HEADING_CASES),
)
CAMPAIGN_FIELDS = (
    FieldSpec("basis_lines", "lines", "reportfield.basis_lines"),
    FieldSpec("stat_lines", "lines", "reportfield.stat_lines"),
    FieldSpec("intro", "text", "reportfield.intro"),
    FieldSpec("closing", "text", "reportfield.closing"),
    FieldSpec("headings", "mapping", "reportfield.headings", keys=HEADING_KEYS),
    FieldSpec("placement", "mapping", "reportfield.placement", choices=PLACEMENTS),  # keys: "1".."n" sections
    FieldSpec("addressees", "lines", "reportfield.addressees"),
    FieldSpec("recipients", "lines", "reportfield.recipients"),
    FieldSpec("period_start", "date", "reportfield.period_start"),
    FieldSpec("period_end", "date", "reportfield.period_end"),
)


def body_sizes(layout: str) -> tuple[int, ...]:
    low, high = BODY_SIZES.get(layout, BODY_SIZES["state"])
    return tuple(range(low, high + 1))


def _choices(values) -> str:
    return ", ".join(str(v) for v in values)


def check_profile(profile: Profile) -> None:
    if profile.layout not in LAYOUTS:
        raise ValidationError("layout", "report.layout", value=profile.layout, choices=_choices(LAYOUTS))
    low, high = BODY_SIZES[profile.layout]
    if not _is_int(profile.body_pt) or not low <= profile.body_pt <= high:
        raise ValidationError("body_pt", "report.body_pt", value=profile.body_pt, low=low, high=high)
    if not _is_int(profile.header_pt) or profile.header_pt not in HEADER_SIZES:
        raise ValidationError("header_pt", "report.header_pt", value=profile.header_pt,
                              choices=_choices(HEADER_SIZES))
    if profile.heading_case not in HEADING_CASES:
        raise ValidationError("heading_case", "report.heading_case", value=profile.heading_case,
                              choices=_choices(HEADING_CASES))


def check_campaign(campaign: Campaign) -> Period:
    """Check the report fields of `campaign`; return its reporting period."""
    for name in ("basis_lines", "stat_lines", "addressees", "recipients"):
        if not _text_list(getattr(campaign, name)):
            raise ValidationError(name, "report.text_list")
    for name in ("intro", "closing"):
        if not isinstance(getattr(campaign, name), str):
            raise ValidationError(name, "report.text_list")
    if not isinstance(campaign.headings, dict) or not all(isinstance(v, str) for v in campaign.headings.values()):
        raise ValidationError("headings", "report.text_list")
    for key in campaign.headings:
        if key not in HEADING_KEYS:
            raise ValidationError("headings", "report.heading_key", value=key, choices=_choices(HEADING_KEYS))
    if not isinstance(campaign.placement, dict):
        raise ValidationError("placement", "report.text_list")
    sections = len(campaign.sections)
    for key, value in campaign.placement.items():
        if not (str(key).isdigit() and 1 <= int(key) <= sections):
            raise ValidationError("placement", "report.placement_section", value=key, count=sections)
        if value not in PLACEMENTS:
            raise ValidationError("placement", "report.placement", value=value, choices=_choices(PLACEMENTS))
    try:
        return campaign_period(campaign.year, campaign.period_start, campaign.period_end)
    except DvkError as err:  # attach the reason to the form field
        raise ValidationError.wrap(err.params.get("field", "period_start"), err) from None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
