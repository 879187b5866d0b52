"""Domain rules in one place: validation, derived task state, status changes.

The TUI, the CLI and the report call these, so "overdue" or "a valid document"
means the same everywhere. Messages are one Vietnamese line each.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from db.dates import DateError, parse_date
from db.errors import DvkError
from db.models import (
    Campaign,
    DIRECTIONS,
    HANDLING,
    MODEL_FIELDS,
    MODEL_KINDS,
    MODEL_STATUSES,
    PRIORITIES,
    RECURRENCES,
    TASK_STATUSES,
    Document,
    DvkModel,
    Profile,
    Task,
)
from db.numbers import NumberError, parse_number
from db.text import control_chars, fold

DUE_SOON_DAYS = 7

# The ranges every entry point (CLI, TUI, import) checks against, defined once.
# A campaign or model year is a real working year: the Party's mass-mobilisation
# work dates from 1945 and nothing is planned past 2100.
YEAR_MIN, YEAR_MAX = 1945, 2100
# Head counts in the report's statistics (staff, Party members, schools): a district
# office has tens, a province a few thousand; 10^6 catches a slipped key, not a real unit.
COUNT_MIN, COUNT_MAX = 0, 1_000_000
# Report sections are numbered from 1; the sample has 7 and a unit may add some.
SECTION_MIN, SECTIONS_MAX = 1, 50
# "due within N days": a look-ahead longer than ten years is a typo.
DAYS_MAX = 3660
STAT_KEYS = ("staff", "party_members", "party_official", "schools")
LIVE_STATUSES = ("todo", "doing")

# A model moves forward through the campaign cycle; "achieved" may be reverted
# by the jury, and only an achieved model is replicated.
MODEL_TRANSITIONS = {
    "registered": {"in_progress", "achieved", "not_achieved"},
    "in_progress": {"registered", "achieved", "not_achieved"},
    "achieved": {"in_progress", "not_achieved", "replicated"},
    "not_achieved": {"in_progress", "achieved"},
    "replicated": {"achieved"},
}


class ValidationError(DvkError):
    """A field the user typed is not acceptable; `field` names it for the form."""

    def __init__(self, field: str, key: str, /, **params: object) -> None:
        super().__init__(key, **params)
        self.field = field

    @classmethod
    def wrap(cls, field: str, err: DvkError) -> "ValidationError":
        """The same reason (key and parameters), attached to a form field."""
        return cls(field, err.key, **err.params)


def iso_or_none(text: str | None, field: str) -> str | None:
    """User date text (day-first) -> ISO string; empty stays None."""
    if text is None or not str(text).strip():
        return None
    try:
        return parse_date(str(text)).isoformat()
    except DateError as err:
        raise ValidationError.wrap(field, err) from None


def number_parts(number: str) -> dict:
    try:
        parsed = parse_number(number)
    except NumberError as err:
        raise ValidationError.wrap("number", err) from None
    return {
        "seq": parsed.seq,
        "year": parsed.year,
        "type_code": parsed.type_code,
        "issuer": parsed.issuer,
        "extra": list(parsed.extra),
        "style": parsed.style,
        "canonical": parsed.canonical,
        "key": parsed.key,
        "type_name": parsed.type_name,
    }


def _require(cond: bool, field: str, key: str, **params: object) -> None:
    if not cond:
        raise ValidationError(field, key, **params)


def check_year(value: object, field: str = "year") -> int:
    """A campaign/model year: an int in YEAR_MIN..YEAR_MAX (bool is not a year)."""
    ok = isinstance(value, int) and not isinstance(value, bool) and YEAR_MIN <= value <= YEAR_MAX
    _require(ok, field, "rules.year_range", value=_short_value(value), min=YEAR_MIN, max=YEAR_MAX)
    return value  # type: ignore[return-value]


def check_count(value: object, field: str) -> int:
    """A head count in the report statistics: a whole number 0..COUNT_MAX."""
    ok = isinstance(value, int) and not isinstance(value, bool) and COUNT_MIN <= value <= COUNT_MAX
    _require(ok, field, "rules.count_range", value=_short_value(value), max=COUNT_MAX)
    return value  # type: ignore[return-value]


def check_days(value: object, field: str = "days") -> int:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= DAYS_MAX
    _require(ok, field, "rules.days_range", value=_short_value(value), max=DAYS_MAX)
    return value  # type: ignore[return-value]


def check_section(value: object, sections: int = SECTIONS_MAX, field: str = "section") -> int:
    """A report section number 1..`sections` (the campaign's own count)."""
    ok = isinstance(value, int) and not isinstance(value, bool) and SECTION_MIN <= value <= sections
    _require(ok, field, "rules.section_range", value=_short_value(value), max=sections)
    return value  # type: ignore[return-value]


def check_one_line(value: str, field: str) -> None:
    """One-line fields refuse control characters (an escape code pasted in would be obeyed by terminals)."""
    found = control_chars(value)
    _require(not found, field, "rules.control_chars", code=f"U+{ord(found[0]):04X}" if found else "")


def check_multi_line(value: str, field: str) -> None:
    found = control_chars(value, multiline=True)
    _require(not found, field, "rules.control_chars", code=f"U+{ord(found[0]):04X}" if found else "")


def _short_value(value: object) -> str:
    text = repr(value) if not isinstance(value, (int, str)) or isinstance(value, bool) else str(value)
    return text if len(text) <= 24 else text[:23] + "…"


def _check_texts(rec: object, one_line: tuple[str, ...], multi_line: tuple[str, ...] = ()) -> None:
    for name in one_line:
        value = getattr(rec, name)
        if isinstance(value, str):
            check_one_line(value, name)
    for name in multi_line:
        value = getattr(rec, name)
        if isinstance(value, str):
            check_multi_line(value, name)


def likely_direction(number: str, profile: Profile) -> str:
    """"out" when the number carries the unit's own code (15/KH-PGDĐT written by the PGDĐT
    itself is one of its outgoing documents), else "in": what a new document defaults to."""
    code = fold(profile.unit_code).replace(" ", "")
    if not code:
        return "in"
    try:
        issuer = parse_number(number).issuer
    except NumberError:
        return "in"
    return "out" if fold(issuer) == code else "in"


def validate_document(doc: Document) -> None:
    _check_texts(doc, ("number", "type_name", "issuer_name", "summary"))
    for tag in doc.tags:
        check_one_line(tag, "tags")
    _require(bool(doc.number.strip()), "number", "rules.number_required")
    doc.parts = number_parts(doc.number)
    if not doc.type_name:
        doc.type_name = doc.parts.get("type_name", "")
    _require(doc.direction in DIRECTIONS, "direction", "rules.direction", value=doc.direction)
    _require(doc.handling in HANDLING, "handling", "rules.handling", value=doc.handling)
    for name in ("date", "due"):
        value = getattr(doc, name)
        if value:
            date.fromisoformat(value)  # stored values are ISO already; a bad one is a programming error


def validate_task(task: Task, sections: int = SECTIONS_MAX) -> None:
    """`sections`: how many report sections the task's campaign has (when known)."""
    _check_texts(task, ("title", "assignee"), ("result",))
    _require(bool(task.title.strip()), "title", "rules.title_required")
    if task.section is not None:
        check_section(task.section, sections)
    _require(task.status in TASK_STATUSES, "status", "rules.task_status", value=task.status)
    _require(task.recur in RECURRENCES, "recur", "rules.recur", value=task.recur)
    _require(task.priority in PRIORITIES, "priority", "rules.priority", value=task.priority)
    _require(not task.recur or bool(task.due), "due", "rules.recur_needs_due")


def validate_model(model: DvkModel) -> None:
    _check_texts(model, ("name", "unit"), ("result",))
    _require(bool(model.name.strip()), "name", "rules.model_name_required")
    if model.year is not None:
        check_year(model.year)
    _require(model.field in MODEL_FIELDS, "field", "rules.model_field", choices="; ".join(MODEL_FIELDS))
    _require(model.kind in MODEL_KINDS, "kind", "rules.model_kind")
    _require(model.status in MODEL_STATUSES, "status", "rules.model_status", value=model.status)


def validate_campaign(campaign: Campaign) -> None:
    check_year(campaign.year)
    _check_texts(campaign, ("name", "title", "report_number", "report_date", "signer_prefix", "signer_head_title",
                            "signer_title", "signer_name"))
    _require(bool(campaign.name.strip()), "name", "rules.campaign_name_required")
    _require(1 <= len(campaign.sections) <= SECTIONS_MAX, "sections", "rules.sections_count", max=SECTIONS_MAX)
    for key in STAT_KEYS:
        if key in campaign.stats:
            check_count(campaign.stats[key], key)
    if "party_official" in campaign.stats and "party_members" in campaign.stats:
        _require(campaign.stats["party_official"] <= campaign.stats["party_members"], "party_official",
                 "rules.party_official_le_members")
    for line in campaign.recipients:
        check_one_line(line, "recipients")
    from db.report_fields import check_campaign  # report settings live beside the report (it imports rules)

    check_campaign(campaign)


def validate_profile(profile: Profile) -> None:
    _check_texts(profile, ("parent_body", "unit_name", "unit_short", "unit_code", "place"))
    from db.report_fields import check_profile

    check_profile(profile)


def check_model_transition(old: str, new: str) -> None:
    if old != new and new not in MODEL_TRANSITIONS.get(old, set()):
        raise ValidationError("status", "rules.model_transition", old=old, new=new)


def is_live(task: Task) -> bool:
    return task.status in LIVE_STATUSES


def is_overdue(task: Task, today: date) -> bool:
    return is_live(task) and bool(task.due) and date.fromisoformat(task.due) < today


def is_due_soon(task: Task, today: date, days: int = DUE_SOON_DAYS) -> bool:
    if not is_live(task) or not task.due:
        return False
    due = date.fromisoformat(task.due)
    return today <= due <= today + timedelta(days=days)


def next_due(due: date, recur: str) -> date:
    if recur == "weekly":
        return due + timedelta(days=7)
    if recur == "monthly":
        year, month = (due.year + 1, 1) if due.month == 12 else (due.year, due.month + 1)
        return date(year, month, min(due.day, calendar.monthrange(year, month)[1]))
    if recur == "yearly":
        day = min(due.day, calendar.monthrange(due.year + 1, due.month)[1])
        return date(due.year + 1, due.month, day)
    raise ValueError(recur)
