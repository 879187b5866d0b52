"""What the Báo cáo screen lets a person edit, as a table: one line per field.

A *part* is one entry of the report outline (unit profile, number and date,
căn cứ, statistics, thuận lợi, each section's narrative, signer, recipients);
its *fields* say where the value lives on the Campaign (or Profile) and how it
is typed. Adding a field the report can use is one `FieldSpec(...)` line in the
right part; the dialog, its validation and the outline's "filled" count follow.

Paths: `"report_number"` is an attribute; `"stats.staff"` is key `staff` of the
dict attribute `stats` (a missing or empty value removes the key).
Kinds: text · int · partial_date (`/10/2020` allowed) · choice · lines (one item
per line) · paragraphs (separated by a blank line).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Callable

from db.dates import DateError, PartialDate
from db.models import Campaign, Profile, Record

SIGNER_PREFIXES = ("KT.", "TM.", "Q.", "TL.", "TUQ.")


@dataclass(frozen=True)
class FieldSpec:
    path: str
    label: str  # catalogue key (tui/i18n.py)
    kind: str = "text"
    hint: str = ""  # catalogue key
    choices: tuple[tuple[str, str], ...] = ()  # (catalogue key or literal label, stored value)
    required: bool = False


@dataclass(frozen=True)
class Part:
    key: str
    title: str  # catalogue key; a report section's part shows the section's own title
    target: str = "campaign"  # campaign | profile
    fields: tuple[FieldSpec, ...] = ()
    editor: str = "form"  # form | bases (a document picker)
    section: int = 0  # 1-based report section, for the narrative parts of section II


PROFILE = Part("profile", "part.profile", "profile", (
    FieldSpec("parent_body", "field.parent_body", hint="hint.parent_body"),
    FieldSpec("unit_name", "field.unit_name", hint="hint.unit_name", required=True),
    FieldSpec("unit_short", "field.unit_short", hint="hint.unit_short"),
    FieldSpec("unit_code", "field.unit_code", hint="hint.unit_code"),
    FieldSpec("place", "field.place", hint="hint.place"),
))
HEADER = Part("header", "part.header", fields=(
    FieldSpec("name", "field.campaign_name", required=True),
    FieldSpec("report_number", "field.report_number", hint="hint.report_number"),
    FieldSpec("report_date", "field.report_date", "partial_date", hint="hint.report_date"),
    FieldSpec("title", "field.report_title", hint="hint.report_title"),
))
BASES = Part("bases", "part.bases", editor="bases")
STATS = Part("stats", "part.stats", fields=(
    FieldSpec("stats.staff", "field.staff", "int"),
    FieldSpec("stats.party_members", "field.party_members", "int"),
    FieldSpec("stats.party_official", "field.party_official", "int"),
    FieldSpec("stats.schools", "field.schools", "int"),
))
ADVANTAGES = Part("advantages", "part.advantages",
                  fields=(FieldSpec("advantages", "part.advantages", "paragraphs", "hint.paragraphs"),))
DIFFICULTIES = Part("difficulties", "part.difficulties",
                    fields=(FieldSpec("difficulties", "part.difficulties", "paragraphs", "hint.paragraphs"),))
ASSESSMENT = Part("assessment", "part.assessment",
                  fields=(FieldSpec("assessment", "part.assessment", "paragraphs", "hint.paragraphs"),))
SIGNER = Part("signer", "part.signer", fields=(
    FieldSpec("signer_prefix", "field.signer_prefix", "choice",
              choices=tuple((p, p) for p in SIGNER_PREFIXES) + (("signer.none", ""),)),
    FieldSpec("signer_head_title", "field.signer_head_title", hint="hint.signer_head_title"),
    FieldSpec("signer_title", "field.signer_title", hint="hint.signer_title"),
    FieldSpec("signer_name", "field.signer_name"),
))
RECIPIENTS = Part("recipients", "part.recipients",
                  fields=(FieldSpec("recipients", "part.recipients", "lines", "hint.recipients"),))


def section_part(number: int) -> Part:
    return Part(f"section.{number}", "part.section", section=number,
                fields=(FieldSpec(f"section_texts.{number}", "part.section_text", "paragraphs", "hint.section"),))


def report_parts(campaign: Campaign) -> list[Part]:
    """The outline, in the order the parts appear in the report."""
    sections = [section_part(n) for n in range(1, len(campaign.sections) + 1)]
    return [PROFILE, HEADER, BASES, STATS, ADVANTAGES, DIFFICULTIES, *sections, ASSESSMENT, SIGNER, RECIPIENTS]


# ---------------------------------------------------------------------- values
def stored(record: Record, spec: FieldSpec) -> Any:
    """The value as the record holds it (None when a dict key is absent)."""
    attr, _, key = spec.path.partition(".")
    value = getattr(record, attr)
    return value.get(key) if key else value


def read(record: Record, spec: FieldSpec) -> str:
    """The value as the field shows it."""
    value = stored(record, spec)
    if spec.kind == "lines":
        return "\n".join(value or [])
    if spec.kind == "paragraphs":
        return "\n\n".join(value or [])
    return "" if value is None else str(value)


def parse(spec: FieldSpec, text: str) -> Any:
    """What the typed text is stored as (the text was validated)."""
    if spec.kind == "int":
        return int(text) if text.strip() else None
    if spec.kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if spec.kind == "paragraphs":
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return text.strip()


def write(record: Record, spec: FieldSpec, value: Any) -> Record:
    """A copy of the record with this field set (dict attributes copied, empty values removed)."""
    attr, _, key = spec.path.partition(".")
    if not key:
        return replace(record, **{attr: value})
    mapping = dict(getattr(record, attr))
    if value in (None, "", []):
        mapping.pop(key, None)
    else:
        mapping[key] = value
    return replace(record, **{attr: mapping})


def is_filled(record: Record, spec: FieldSpec) -> bool:
    return bool(read(record, spec).strip())


def problem(spec: FieldSpec, text: str, t: Callable[[str], str]) -> str | None:
    """What is wrong with the typed text, in words (`t` translates catalogue keys), or None."""
    text = text.strip()
    if spec.required and not text:
        return t("required")
    if not text:
        return None
    if spec.kind == "int" and not (text.isascii() and text.isdigit() and len(text) <= 6):
        return t("int.invalid")
    if spec.kind == "partial_date":
        try:
            PartialDate.parse(text)
        except DateError as err:
            return err.reason
    return None


def target_record(part: Part, campaign: Campaign, profile: Profile) -> Record:
    return profile if part.target == "profile" else campaign
