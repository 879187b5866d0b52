"""Dates as Vietnamese documents write them: always day first.

Three written forms (domain.md §1.4, §3.1):

- UI          ``10/07/2020``                  every screen, fixed width
- citation    ``10/7/2020``, ``05/02/2020``   day < 10 and months 1–2 get a leading 0
- long        ``ngày 10 tháng 7 năm 2020``    place-date line, same zero rule
"""
from __future__ import annotations

from db.errors import DvkError

import datetime
import re
from dataclasses import dataclass

from db.text import fold, nfc

# The years a date may carry, defined once for rules, CLI, TUI and import.
# Always four digits: "1/1/99" is refused (asking for 1999 or 2099), never guessed.
YEAR_MIN, YEAR_MAX = 1900, 2100
YEAR_DIGITS = 4
# Width of a blank left for hand-writing the day or month of a draft date:
# "ngày      tháng 10 năm 2020" (4 spaces plus the two word gaps).
_BLANK = "    "


class DateError(DvkError, ValueError):
    """A date that cannot be read; ``reason`` is the one-line explanation."""

    @property
    def reason(self) -> str:
        return self.render()


# --- formatting --------------------------------------------------------------


def _day(day: int) -> str:
    return f"{day:02d}"


def _month(month: int) -> str:
    # NĐ 30 Phụ lục I §II.4: only January and February take a leading zero.
    return f"{month:02d}" if month < 3 else str(month)


def format_ui(d: datetime.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def format_cite(d: datetime.date) -> str:
    return f"{_day(d.day)}/{_month(d.month)}/{d.year}"


def format_long(d: datetime.date) -> str:
    return f"ngày {_day(d.day)} tháng {_month(d.month)} năm {d.year}"


# --- patterns ------------------------------------------------------------------


def _loose_letters() -> dict[str, str]:
    """ASCII letter -> regex class of every Latin letter that folds to it.

    Lets "ngày", "ngay", "NGÀY" and NFD "nga\u0300y" all match one pattern while
    the match positions stay those of the caller's own string.
    """
    classes: dict[str, set[str]] = {}
    # Only Latin blocks hold letters that fold to a-z (tests/db/test_dates.py checks it
    # against every code point below U+1F00); scanning just these costs 1 ms at import,
    # not 20 ms, and every dvk command imports this module.
    for code in (*range(0x41, 0x250), *range(0x1E00, 0x1F00)):
        ch = chr(code)
        if not ch.isalpha():
            continue
        base = fold(ch)
        if len(base) == 1 and "a" <= base <= "z":
            # İ lower-cases to two code points; only single letters belong in a class.
            cases = {ch, ch.lower(), ch.upper()}
            classes.setdefault(base, set()).update(c for c in cases if len(c) == 1)
    return {base: "".join(sorted(chars)) for base, chars in classes.items()}


_LOOSE = _loose_letters()
_MARKS = "[\u0300-\u036f]*"


def _word(ascii_word: str) -> str:
    return "".join(f"[{re.escape(_LOOSE[ch])}]{_MARKS}" for ch in ascii_word)


_NGAY, _THANG, _NAM = _word("ngay"), _word("thang"), _word("nam")
_SEP = r"[ \t]*([/.\-])[ \t]*"

_NUMERIC = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{1,2}})[ \t]*\2[ \t]*(\d{{4}}|\d{{2}})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# Every pattern below has one way to match a given text (no two adjacent
# quantifiers can trade characters), so it runs in linear time on any input:
# "(?:\s*,)?\s+" rather than "\s*,?\s+", which tried every split of a run of spaces.
_LONG = re.compile(
    rf"^(?:{_NGAY}\s+)?(\d{{1,2}})\s+{_THANG}\s+(\d{{1,2}})(?:\s*,)?\s+{_NAM}\s+(\d{{4}})$"
)

# Running text: 4-digit years only, so section numbers ("2.1.10") and ranges
# ("2019-2025") are not taken for dates, and "5/3/01" is never read as 2001 or
# 2101 (db.refs leaves such a citation's date empty).
_FIND_NUMERIC = re.compile(
    rf"(?<![\d/.\-])(\d{{1,2}}){_SEP}(\d{{1,2}})[ \t]*\2[ \t]*(\d{{4}})(?![\d/])", re.ASCII
)
# Conversions glue words to numbers ("ngày22 tháng 7", "04tháng 5"): allowed.
_FIND_LONG = re.compile(
    rf"(?<!\w)(?:{_NGAY}\s*)?(\d{{1,2}})\s*{_THANG}\s+(\d{{1,2}})(?:\s*,)?\s+{_NAM}\s+(\d{{4}})(?!\d)"
)


# --- parsing -----------------------------------------------------------------


def _clean(text: str) -> str:
    text = nfc(text).strip().rstrip(",;. \t")
    # "ngày 10/7/2020": the word is a preposition before a numeric date.
    numeric_after_word = re.match(rf"^{_NGAY}\s+(?=\d+\s*[/.\-])", text)
    if numeric_after_word:
        text = text[numeric_after_word.end():]
    return text


def _shown(text: str) -> str:
    """User text quoted in a reason: one line, short enough for a status bar."""
    text = " ".join(text.split())
    return text if len(text) <= 30 else text[:29] + "…"


def _ascii_int(digits: str) -> int:
    # \d also matches non-ASCII digits; only ASCII ones are numbers here.
    if not digits.isascii():
        raise DateError("date.ascii_digits", text=digits)
    return int(digits)


def _build(day: str, month: str, year: str) -> datetime.date:
    d, m, y = _ascii_int(day), _ascii_int(month), _ascii_int(year)
    if not YEAR_MIN <= y <= YEAR_MAX:
        raise DateError("date.year_range", year=y, min=YEAR_MIN, max=YEAR_MAX)
    try:
        return datetime.date(y, m, d)
    except ValueError:
        raise DateError("date.no_such_day", date=f"{d:02d}/{m:02d}/{y}") from None


def parse_date(text: str) -> datetime.date:
    """Read a day-first date; raise :class:`DateError` with a Vietnamese reason."""
    if not isinstance(text, str):
        raise DateError("date.not_text")
    cleaned = _clean(text)
    if not cleaned:
        raise DateError("date.empty")
    if match := _NUMERIC.match(cleaned):
        day, month, year = match.group(1), match.group(3), match.group(4)
        if len(year) < YEAR_DIGITS:
            example = f"{int(day):02d}/{int(month):02d}/19{year}, {int(day):02d}/{int(month):02d}/20{year}"
            raise DateError("date.two_digit_year", text=_shown(cleaned), example=example)
        return _build(day, month, year)
    if match := _ISO.match(cleaned):
        return _build(match.group(3), match.group(2), match.group(1))
    if match := _LONG.match(cleaned):
        return _build(*match.groups())
    raise DateError("date.unreadable", text=_shown(cleaned))


def try_parse_date(text: str) -> datetime.date | None:
    try:
        return parse_date(text)
    except DateError:
        return None


def find_dates(text: str) -> list[tuple[int, int, datetime.date]]:
    """Every valid date in running text as (start, end, date), in text order.

    Spans index ``text`` itself (NFC or NFD). A long date's span includes its
    leading "ngày"; a numeric one's does not ("ngày" there is a preposition).
    Impossible dates such as 31/02/2020 are skipped.
    """
    found = []
    for match in _FIND_NUMERIC.finditer(text):
        date = _try_build(match.group(1), match.group(3), match.group(4))
        if date:
            found.append((match.start(), match.end(), date))
    for match in _FIND_LONG.finditer(text):
        date = _try_build(*match.groups())
        if date:
            found.append((match.start(), match.end(), date))
    return sorted(found, key=lambda item: item[0])


def _try_build(day: str, month: str, year: str) -> datetime.date | None:
    try:
        return _build(day, month, year)
    except DateError:
        return None


def _looks_full(text: str) -> bool:
    cleaned = _clean(text)
    return any(pattern.match(cleaned) for pattern in (_NUMERIC, _ISO, _LONG))


# --- partial dates -------------------------------------------------------------

_PARTIAL_NUMERIC = re.compile(
    r"^(?:(\d{1,2})[ \t]*)?[/.\-][ \t]*(?:(\d{1,2})[ \t]*)?[/.\-][ \t]*(\d{4})$"
)
_MONTH_YEAR = re.compile(r"^(\d{1,2})[ \t]*[/.\-][ \t]*(\d{4})$")
# A place may precede the long form: "Thủ Thừa, ngày      tháng 10 năm 2020".
_PARTIAL_LONG = re.compile(
    rf"^(?:.*,\s*)?(?:{_NGAY}(?:\s+(\d{{1,2}}))?\s+)?(?:{_THANG}(?:\s+(\d{{1,2}}))?\s+)?"
    rf"{_NAM}\s+(\d{{4}})$",
    re.DOTALL,
)
_YEAR_ONLY = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class PartialDate:
    """A report header date that may leave day or month blank to fill by hand."""

    day: int | None
    month: int | None
    year: int

    def __post_init__(self) -> None:
        if not YEAR_MIN <= self.year <= YEAR_MAX:
            raise DateError("date.year_range", year=self.year, min=YEAR_MIN, max=YEAR_MAX)
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError("date.no_such_month", month=self.month)
        if self.day is not None:
            if self.month is None:
                raise DateError("date.day_needs_month")
            # Validates the day against the month (and leap years).
            _build(str(self.day), str(self.month), str(self.year))

    @property
    def is_complete(self) -> bool:
        return self.day is not None

    def to_date(self) -> datetime.date | None:
        if self.day is None or self.month is None:
            return None
        return datetime.date(self.year, self.month, self.day)

    def long(self) -> str:
        day = _BLANK if self.day is None else _day(self.day)
        month = _BLANK if self.month is None else _month(self.month)
        return f"ngày {day} tháng {month} năm {self.year}"

    @classmethod
    def from_date(cls, d: datetime.date) -> PartialDate:
        return cls(d.day, d.month, d.year)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        if not isinstance(text, str):
            raise DateError("date.not_text")
        cleaned = nfc(text).strip().rstrip(",;. \t")
        if not cleaned:
            raise DateError("date.empty")
        full = try_parse_date(cleaned)
        if full is not None:
            return cls.from_date(full)
        for pattern in (_PARTIAL_NUMERIC, _PARTIAL_LONG):
            if match := pattern.match(cleaned):
                return cls._from_groups(*match.groups())
        if match := _MONTH_YEAR.match(cleaned):
            return cls._from_groups(None, *match.groups())
        if match := _YEAR_ONLY.match(cleaned):
            return cls._from_groups(None, None, match.group(1))
        if _looks_full(cleaned):
            parse_date(cleaned)  # raises with the precise reason: "31/02/2020 không tồn tại"
        raise DateError("date.partial_unreadable", text=_shown(cleaned))

    @classmethod
    def _from_groups(cls, day: str | None, month: str | None, year: str) -> PartialDate:
        def number(digits: str | None) -> int | None:
            return None if digits is None else _ascii_int(digits)

        return cls(number(day), number(month), _ascii_int(year))


__all__ = [
    "DateError",
    "PartialDate",
    "find_dates",
    "format_cite",
    "format_long",
    "format_ui",
    "parse_date",
    "try_parse_date",
]
