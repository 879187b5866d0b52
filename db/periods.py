"""The reporting period of a yearly report (Nghị định 09/2019/NĐ-CP, Điều 12).

A yearly report counts data from 15 December of the previous year to
14 December of the report year, so a report written in late December already
has its figures. A campaign may set its own start and end (ISO dates); either
one left empty takes the decree's day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.dates import format_cite
from db.errors import DvkError

# Day and month the decree fixes for the start (previous year) and end (report year).
START_DAY_MONTH = (15, 12)
END_DAY_MONTH = (14, 12)


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    default: bool  # True when both ends follow NĐ 09/2019

    def __contains__(self, day: date | str | None) -> bool:
        """Whether a day (date or ISO text) falls in the period, both ends included."""
        if not day:
            return False
        if isinstance(day, str):
            try:
                day = date.fromisoformat(day)
            except ValueError:
                return False
        return self.start <= day <= self.end

    def cited(self) -> str:
        """`15/12/2019 - 14/12/2020`, day-first as every document writes dates."""
        return f"{format_cite(self.start)} - {format_cite(self.end)}"


def default_period(year: int) -> Period:
    """The NĐ 09/2019 period of a yearly report for `year`."""
    return Period(date(year - 1, START_DAY_MONTH[1], START_DAY_MONTH[0]),
                  date(year, END_DAY_MONTH[1], END_DAY_MONTH[0]), default=True)


def campaign_period(year: int, start: str = "", end: str = "") -> Period:
    """The period a campaign reports on: its own dates where set, else the decree's.

    Raises DvkError("period.order") when the start falls after the end, so a
    report never silently covers nothing.
    """
    fallback = default_period(year)
    first = _iso(start, "period_start") or fallback.start
    last = _iso(end, "period_end") or fallback.end
    if first > last:
        raise DvkError("period.order", start=format_cite(first), end=format_cite(last))
    return Period(first, last, default=(first, last) == (fallback.start, fallback.end))


def _iso(text: str, field: str) -> date | None:
    if not text or not str(text).strip():
        return None
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise DvkError("period.bad_date", field=field, value=str(text)) from None
