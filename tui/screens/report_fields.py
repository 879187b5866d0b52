"""What the Báo cáo screen lets a person edit, as a table: one line per field.

A *part* is one entry of the report outline (unit profile, layout, number and
date, căn cứ, statistics, thuận lợi, each section's narrative, signer,
recipients…); its *fields* say where the value lives on the Campaign (or
Profile) and how it is typed. Adding a field the report can use is one
`FieldSpec(...)` line in the right part; the dialog, its validation and the
outline's "filled" count follow.

Paths: `"report_number"` is an attribute; `"stats.staff"` is key `staff` of the
dict attribute `stats` (a missing or empty value removes the key; so does the
spec's `default`, so "after" is never stored for a section's placement).
Kinds: text · int · partial_date (`/10/2020` allowed) · date (typed day-first,
stored ISO, empty = the spec's default) · choice · int_choice (a choice stored
as a number: font sizes) · lines (one item per line) · paragraphs (separated by
a blank line).

`generated` names dvk's own wording for a field (the căn cứ lines from the
picked documents, the 1.1 lines from the figures, intro, closing, part titles).
The report prints what is stored and falls back to that wording only when
nothing is: the editor shows it greyed when the field is empty, says when the
stored text overrides it, and Ctrl+R puts it in the field again. A field saved
with exactly dvk's wording is stored empty, so it keeps following the data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Callable

from db.dates import DateError, PartialDate, format_ui, parse_date
from db.errors import DvkError
from db.models import DEFAULT_HEADINGS, HEADER_SIZES, HEADING_CASES, HEADING_KEYS, LAYOUTS, PLACEMENTS, Campaign, \
    Document, Profile, Record
from db.periods import default_period
from db.report_fields import body_sizes

if TYPE_CHECKING:
    from db.store import Store

SIGNER_PREFIXES = ("KT.", "TM.", "Q.", "TL.", "TUQ.")
TEXT_KINDS = ("lines", "paragraphs")


@dataclass(frozen=True)
class FieldSpec:
    path: str
    label: str  # catalogue key (tui/i18n.py or db/messages.py)
    kind: str = "text"
    hint: str = ""  # catalogue key
    choices: tuple[tuple[str, str], ...] = ()  # (catalogue key or literal label, stored value as text)
    required: bool = False
    default: str = ""  # what an absent value means, as the field shows it
    choices_of: Callable[[Record], tuple[tuple[str, str], ...]] | None = None  # choices that follow other fields
    generated: str = ""  # key of GENERATORS: dvk's wording used while the field is empty


@dataclass(frozen=True)
class Part:
    key: str
    title: str  # catalogue key; a report section's part shows the section's own title
    target: str = "campaign"  # campaign | profile
    fields: tuple[FieldSpec, ...] = ()
    editor: str = "form"  # form | bases (a document picker)
    section: int = 0  # 1-based report section, for the narrative parts of section II


def _sizes(values) -> tuple[tuple[str, str], ...]:
    return tuple((f"{v} pt", str(v)) for v in values)


def _body_sizes(record: Record) -> tuple[tuple[str, str], ...]:
    return _sizes(body_sizes(getattr(record, "layout", "state")))


PROFILE = Part("profile", "part.profile", "profile", (
    FieldSpec("parent_body", "field.parent_body", hint="hint.parent_body"),
    FieldSpec("unit_name", "field.unit_name", hint="hint.unit_name", required=True),
    FieldSpec("unit_short", "field.unit_short", hint="hint.unit_short"),
    FieldSpec("unit_code", "field.unit_code", hint="hint.unit_code"),
    FieldSpec("place", "field.place", hint="hint.place"),
))
LAYOUT = Part("layout", "part.layout", "profile", (
    FieldSpec("layout", "reportfield.layout", "choice", choices=tuple((f"layout.{v}", v) for v in LAYOUTS)),
    FieldSpec("body_pt", "reportfield.body_pt", "int_choice", choices_of=_body_sizes),  # 13–14, Party 14–15
    FieldSpec("header_pt", "reportfield.header_pt", "int_choice", choices=_sizes(HEADER_SIZES)),
    FieldSpec("heading_case", "reportfield.heading_case", "choice",
              choices=tuple((f"heading_case.{v}", v) for v in HEADING_CASES)),
))
HEADER = Part("header", "part.header", fields=(
    FieldSpec("name", "field.campaign_name", required=True),
    FieldSpec("report_number", "field.report_number", hint="hint.report_number"),
    FieldSpec("report_date", "field.report_date", "partial_date", hint="hint.report_date"),
    FieldSpec("title", "field.report_title", hint="hint.report_title"),
))
PERIOD = Part("period", "part.period", fields=(
    FieldSpec("period_start", "reportfield.period_start", "date", hint="hint.period", generated="period_start"),
    FieldSpec("period_end", "reportfield.period_end", "date", hint="hint.period", generated="period_end"),
))
ADDRESSEES = Part("addressees", "part.addressees",
                  fields=(FieldSpec("addressees", "part.addressees", "lines", "hint.addressees"),))
BASES = Part("bases", "part.bases", editor="bases")
BASIS_LINES = Part("basis_lines", "part.basis_lines",
                   fields=(FieldSpec("basis_lines", "part.basis_lines", "lines", "hint.basis_lines", generated="bases"),))
OPENING = Part("opening", "part.opening", fields=(
    FieldSpec("intro", "reportfield.intro", generated="intro"),
    FieldSpec("closing", "reportfield.closing", generated="closing"),
))
HEADINGS = Part("headings", "part.headings", fields=tuple(
    FieldSpec(f"headings.{key}", f"heading.{key}", generated=f"heading.{key}") for key in HEADING_KEYS))
STATS = Part("stats", "part.stats", fields=(
    FieldSpec("stats.staff", "field.staff", "int"),
    FieldSpec("stats.party_members", "field.party_members", "int"),
    FieldSpec("stats.party_official", "field.party_official", "int"),
    FieldSpec("stats.schools", "field.schools", "int"),
    FieldSpec("stat_lines", "field.stat_lines", "lines", "hint.stat_lines", generated="stats"),
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
    return Part(f"section.{number}", "part.section", section=number, fields=(
        FieldSpec(f"section_texts.{number}", "part.section_text", "paragraphs", "hint.section"),
        FieldSpec(f"placement.{number}", "field.placement", "choice",
                  choices=tuple((f"placement.{v}", v) for v in PLACEMENTS), default=PLACEMENTS[0]),
    ))


def report_parts(campaign: Campaign) -> list[Part]:
    """The outline, in the order the parts appear in the report."""
    sections = [section_part(n) for n in range(1, len(campaign.sections) + 1)]
    return [PROFILE, LAYOUT, HEADER, PERIOD, ADDRESSEES, BASES, BASIS_LINES, OPENING, HEADINGS, STATS,
            ADVANTAGES, DIFFICULTIES, *sections, ASSESSMENT, SIGNER, RECIPIENTS]


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
    if spec.kind == "date":
        return format_ui(date.fromisoformat(value)) if value else ""
    if value in (None, ""):
        return spec.default
    return str(value)


def parse(spec: FieldSpec, text: str) -> Any:
    """What the typed text is stored as (the text was validated)."""
    if spec.kind in ("int", "int_choice"):
        return int(text) if text.strip() else None
    if spec.kind == "lines":
        return [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if spec.kind == "paragraphs":
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    if spec.kind == "date":
        return parse_date(text).isoformat() if text.strip() else ""
    return text.strip()


def write(record: Record, spec: FieldSpec, value: Any) -> Record:
    """A copy of the record with this field set (dict attributes copied, empty or default values removed)."""
    attr, _, key = spec.path.partition(".")
    if not key:
        return replace(record, **{attr: value})
    mapping = dict(getattr(record, attr))
    if value in (None, "", [], spec.default):
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
    try:
        if spec.kind == "partial_date":
            PartialDate.parse(text)
        elif spec.kind == "date":
            parse_date(text)
    except DateError as err:
        return err.reason
    return None


def target_record(part: Part, campaign: Campaign, profile: Profile) -> Record:
    return profile if part.target == "profile" else campaign


# ---------------------------------------------------------------------- dvk's own wording
def generated_text(spec: FieldSpec, record: Record, store: "Store") -> str:
    """dvk's wording for a `generated` field, from `record` as it is typed now, as the field shows it."""
    from exports import report  # the report builder owns the wording; deferred like every export

    name = spec.generated
    if name == "bases":  # only the cited documents: the outline asks at every refresh
        docs = {}
        for doc_id in record.bases:
            try:
                docs[doc_id] = store.get(Document, doc_id)
            except DvkError:
                continue  # deleted since it was picked: the report skips it too
        return "\n".join(report.generated_bases(record, docs))
    if name == "stats":
        return "\n".join(report.generated_stat_lines(record))
    if name == "intro":
        return report.generated_intro(record, store.profile())
    if name == "closing":
        return report.generated_closing(record, store.profile())
    if name.startswith("heading."):
        return DEFAULT_HEADINGS[name.partition(".")[2]].format(year=record.year)
    if name in ("period_start", "period_end"):
        period = default_period(record.year)
        return format_ui(period.start if name == "period_start" else period.end)
    raise KeyError(name)


def follows_data(spec: FieldSpec, text: str, generated: str) -> bool:
    """True when the typed text is dvk's wording (up to spacing): it is stored empty and keeps following."""
    return parse(spec, text) == parse(spec, generated)
