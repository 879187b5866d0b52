"""Reading numbers and dates out of damaged text: OCR of scans, legacy-font PDFs, mojibake.

Every repair here rebuilds something that is *in* the text, one damaged
character at a time, and says how sure it is; none adds a digit that is not
there. What cannot be rebuilt that way is left alone (db.refs then finds
nothing rather than something wrong).

- ``damaged_dates``: "ngy 03 thỏng 12 nm 2007", "ng?y 31 th?ng 3 nm 2014" (the
  words lost letters, the digits did not) and "ngay 0614/2021" (a "/" read as
  "1", "l" or "I", rebuilt only when exactly one reading is a real date).
- ``insert_lost_d``: "N-CP" → "NĐ-CP", "Q/TWTN" → "QĐ/TWTN", "BGDT" → "BGDĐT":
  legacy-font text drops Đ; a group that is no known code becomes one by
  putting back a single Đ, and only one way.
- ``SLASH_MISREAD``: "05ICT-TTg" → 05/CT-TTg: a "/" read as I, l or | between a
  sequence number and a known type code.

Plain Python, folded text in (see db.refs._View), folded positions out.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

# Confidence of each kind of repair, shown to the user (`dvk refs`), who is
# asked before a repaired number is registered.
LETTER_REPAIR = 0.8  # one letter put back or read differently, digits untouched
DIGIT_REPAIR = 0.7  # a separator rebuilt from a digit-like mark in a date
LINE_JOIN = 0.9  # a symbol continued on a later header line

# "ngày" whose vowel was lost or garbled: ngay, ngy, ng?y, ngáy→ngay.
NGAY_WORD = r"ng[a-z?]?y"
_DAMAGED_LONG = re.compile(
    rf"(?<![a-z0-9]){NGAY_WORD}[ \t]*([0-9]{{1,2}})[ \t]+th[a-z?]{{0,2}}ng[ \t]+([0-9]{{1,2}})[ \t]+"
    rf"n[a-z?]{{0,2}}m[ \t]+([0-9]{{4}})(?![0-9])"
)
# "ngay 0614/2021": day and month with their "/" read as a digit-like mark.
_SLASH_AS_DIGIT = re.compile(rf"(?<![a-z0-9]){NGAY_WORD}[ \t]*([0-9li|]{{3,5}})/([0-9]{{4}})(?![0-9/])")
SLASH_MISREAD = re.compile(r"(?<![0-9a-z/.\-&])([0-9]{1,5})[il|]([a-z]{2,4})(?=[ \t]?-[ \t]?[a-z])")


@dataclass(frozen=True)
class DamagedDate:
    start: int  # folded span, "ngày" included
    end: int
    when: datetime.date
    confidence: float


def _date(day: str, month: str, year: str) -> datetime.date | None:
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def damaged_dates(folded: str, year_min: int, year_max: int) -> list[DamagedDate]:
    found: list[DamagedDate] = []
    for match in _DAMAGED_LONG.finditer(folded):
        when = _date(*match.groups())
        if when and year_min <= when.year <= year_max:
            found.append(DamagedDate(match.start(), match.end(), when, 1.0))
    for match in _SLASH_AS_DIGIT.finditer(folded):
        run, year = match.groups()
        readings = {
            when
            for i, mark in enumerate(run)
            if mark in "1li|" and 1 <= i <= 2 and 1 <= len(run) - i - 1 <= 2
            and run[:i].isdigit() and run[i + 1:].isdigit()
            and (when := _date(run[:i], run[i + 1:], year)) is not None
        }
        if len(readings) == 1 and year_min <= int(year) <= year_max:
            found.append(DamagedDate(match.start(), match.end(), readings.pop(), DIGIT_REPAIR))
    return found


def insert_lost_d(group: str, known: dict[str, str], fold) -> str | None:
    """The one known code (``known``: folded -> written) that ``group`` becomes by putting back one Đ."""
    if fold(group) in known:
        return None
    hits = {fold(group[:i] + "Đ" + group[i:]) for i in range(len(group) + 1)} & known.keys()
    return known[hits.pop()] if len(hits) == 1 else None
