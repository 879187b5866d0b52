"""Dates: day-first parsing, the three written forms, partial header dates, running text."""
from __future__ import annotations

import re

import datetime
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.dates import (
    DateError,
    PartialDate,
    find_dates,
    format_cite,
    format_long,
    format_ui,
    parse_date,
    try_parse_date,
)

D = datetime.date
# The vendored copy of the real 2020 report (shared/sample-report-2020.md is not there in CI).
SAMPLE = Path(__file__).resolve().parents[1] / "exports" / "golden" / "sample-report-2020.md"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10/7/2020", D(2020, 7, 10)),
        ("05/02/2020", D(2020, 2, 5)),  # day first: 5 February, never May 2
        ("4/5/2022", D(2022, 5, 4)),
        ("10-7-2020", D(2020, 7, 10)),
        ("3-6-2013", D(2013, 6, 3)),
        ("06 / 7 /2005", D(2005, 7, 6)),
        ("10.7.2020", D(2020, 7, 10)),
        ("ngày 10 tháng 7 năm 2020", D(2020, 7, 10)),
        ("10 tháng 07 năm 2020", D(2020, 7, 10)),
        ("Ngày 27 tháng 12 năm 2019", D(2019, 12, 27)),
        ("NGÀY 31 THÁNG 12 NĂM 2019", D(2019, 12, 31)),
        ("ngay 31 thang 07 nam 2023", D(2023, 7, 31)),
        (unicodedata.normalize("NFD", "ngày 05 tháng 01 năm 2020"), D(2020, 1, 5)),
        ("ngày 10/7/2020", D(2020, 7, 10)),
        ("  15/5/2020, ", D(2020, 5, 15)),
        ("2020-07-10", D(2020, 7, 10)),
        ("29/02/2020", D(2020, 2, 29)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected
    assert try_parse_date(text) == expected


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("", "Chưa nhập ngày"),
        ("   ", "Chưa nhập ngày"),
        ("31/02/2020", "Ngày 31/02/2020 không tồn tại"),
        ("29/02/2019", "không tồn tại"),
        ("10/13/2020", "không tồn tại"),
        ("ngày 32 tháng 1 năm 2020", "không tồn tại"),
        ("10/7/1800", "Năm 1800"),
        ("abc", "Không hiểu ngày"),
        ("10/7", "Không hiểu ngày"),
        ("10/7-2020", "Không hiểu ngày"),  # mixed separators are a typo, not a date
        ("ngày tháng 10 năm 2020", "Không hiểu ngày"),  # a blank date is not a date
    ],
)
def test_bad_dates_give_a_reason(text, fragment):
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert fragment in error.value.reason
    assert try_parse_date(text) is None


def test_date_error_is_a_value_error():
    assert issubclass(DateError, ValueError)


@pytest.mark.parametrize(
    "date, ui, cite, long",
    [
        (D(2020, 7, 10), "10/07/2020", "10/7/2020", "ngày 10 tháng 7 năm 2020"),
        (D(2020, 2, 5), "05/02/2020", "05/02/2020", "ngày 05 tháng 02 năm 2020"),
        (D(2018, 3, 1), "01/03/2018", "01/3/2018", "ngày 01 tháng 3 năm 2018"),
        (D(2018, 1, 22), "22/01/2018", "22/01/2018", "ngày 22 tháng 01 năm 2018"),
        (D(2020, 1, 5), "05/01/2020", "05/01/2020", "ngày 05 tháng 01 năm 2020"),
        (D(2019, 6, 29), "29/06/2019", "29/6/2019", "ngày 29 tháng 6 năm 2019"),
        (D(2019, 12, 31), "31/12/2019", "31/12/2019", "ngày 31 tháng 12 năm 2019"),
    ],
)
def test_formats(date, ui, cite, long):
    assert (format_ui(date), format_cite(date), format_long(date)) == (ui, cite, long)


# --- partial dates ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("  /10/2020", PartialDate(None, 10, 2020)),
        ("/ /2020", PartialDate(None, None, 2020)),
        ("ngày   tháng 10 năm 2020", PartialDate(None, 10, 2020)),
        ("ngày tháng 10 năm 2020", PartialDate(None, 10, 2020)),
        ("Thủ Thừa, ngày tháng 10 năm 2020", PartialDate(None, 10, 2020)),
        ("Thủ Thừa, ngày 10 tháng 7 năm 2020", PartialDate(10, 7, 2020)),
        ("tháng 10 năm 2020", PartialDate(None, 10, 2020)),
        ("10/2020", PartialDate(None, 10, 2020)),
        ("2020", PartialDate(None, None, 2020)),
        ("10/7/2020", PartialDate(10, 7, 2020)),
        ("ngày 05 tháng 01 năm 2020", PartialDate(5, 1, 2020)),
    ],
)
def test_partial_date_parse(text, expected):
    assert PartialDate.parse(text) == expected


@pytest.mark.parametrize(
    "partial, long",
    [
        (PartialDate(None, 10, 2020), "ngày      tháng 10 năm 2020"),
        (PartialDate(None, None, 2020), "ngày      tháng      năm 2020"),
        (PartialDate(5, 1, 2020), "ngày 05 tháng 01 năm 2020"),
        (PartialDate(10, 7, 2020), "ngày 10 tháng 7 năm 2020"),
    ],
)
def test_partial_date_long_keeps_room_to_hand_write(partial, long):
    assert partial.long() == long


def test_partial_date_completion():
    assert PartialDate(10, 7, 2020).to_date() == D(2020, 7, 10)
    assert PartialDate(None, 10, 2020).to_date() is None
    assert not PartialDate(None, 10, 2020).is_complete


@pytest.mark.parametrize("text", ["", "abc", "31/02/2020", "10//2020", "13/2020", "ngày 10 năm 2020", "1800"])
def test_partial_date_rejects(text):
    with pytest.raises(DateError):
        PartialDate.parse(text)


def test_partial_date_keeps_the_precise_reason():
    with pytest.raises(DateError, match="không tồn tại"):
        PartialDate.parse("31/02/2020")


@pytest.mark.parametrize("args", [(31, 2, 2020), (1, None, 2020), (None, 13, 2020), (None, None, 1800)])
def test_partial_date_validates_on_construction(args):
    with pytest.raises(DateError):
        PartialDate(*args)


# --- dates in running text --------------------------------------------------------


def test_find_dates_in_the_sample_report():
    with open(SAMPLE, encoding="utf-8") as handle:
        text = handle.read()
    dates = [date for _, _, date in find_dates(text)]
    for expected in [
        D(2020, 7, 10), D(2020, 5, 15), D(2020, 5, 25), D(2018, 8, 13), D(2016, 6, 13),
        D(2018, 1, 22), D(2018, 3, 1), D(2017, 12, 29), D(2020, 2, 5), D(2020, 4, 4),
        D(2019, 12, 27), D(2019, 12, 31), D(2020, 10, 5), D(2018, 10, 8),
    ]:
        assert expected in dates
    # the blank header date "ngày tháng 10 năm 2020" and ranges like 2019-2025 are not dates
    assert all(date.year in (2016, 2017, 2018, 2019, 2020) for date in dates)
    assert len(dates) == 16


def test_find_dates_spans():
    text = "Căn cứ Công Văn số 2199-CV/HU, ngày 15/5/2020; Quyết định số 1746/QĐ-PGDĐT, ngày 31 tháng 12 năm 2019 quyết định"
    found = find_dates(text)
    assert [text[start:end] for start, end, _ in found] == ["15/5/2020", "ngày 31 tháng 12 năm 2019"]
    assert [date for *_, date in found] == [D(2020, 5, 15), D(2019, 12, 31)]


@pytest.mark.parametrize(
    "text",
    [
        "năm học 2020-2021",
        "giai đoạn 2019-2025",
        "1.1. Đặc điểm tình hình",
        "Nghị định 30/2020/NĐ-CP",
        "ngày 31/02/2020",
        "mục 2.1.10",
        "ngày tháng 10 năm 2020",
    ],
)
def test_find_dates_ignores_lookalikes(text):
    assert find_dates(text) == []


def test_find_dates_on_nfd_text_indexes_that_text():
    text = unicodedata.normalize("NFD", "Hà Nội, ngày 05 tháng 01 năm 2020")
    [(start, end, date)] = find_dates(text)
    assert date == D(2020, 1, 5)
    assert unicodedata.normalize("NFC", text[start:end]) == "ngày 05 tháng 01 năm 2020"


# --- properties ----------------------------------------------------------------------

DATES = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))
FORMATS = st.sampled_from([format_ui, format_cite, format_long])


@settings(max_examples=300, deadline=None)
@given(DATES, FORMATS)
def test_every_format_parses_back(date, form):
    assert parse_date(form(date)) == date


@settings(max_examples=150, deadline=None)
@given(DATES, st.sampled_from([format_cite, format_long]), st.text(alphabet="abc ,;", max_size=8))
def test_find_dates_finds_written_dates(date, form, noise):
    written = form(date)
    text = f"Kế hoạch số 4094/KH-UBND{noise}, {written} của UBND"
    found = find_dates(text)
    assert [d for *_, d in found] == [date]
    start, end, _ = found[0]
    assert text[start:end] == written


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(st.none(), st.integers(1, 28)),
    st.one_of(st.none(), st.integers(1, 12)),
    st.integers(1900, 2100),
)
def test_partial_long_round_trips(day, month, year):
    if month is None:
        day = None
    partial = PartialDate(day, month, year)
    assert PartialDate.parse(partial.long()) == partial


DATEISH = st.text(alphabet="0123456789/-. ,ngàyáthángnăm\u0300\u0301:٣", max_size=30)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=30), DATEISH))
def test_arbitrary_text_only_raises_date_error(text):
    for parse in (parse_date, PartialDate.parse):
        try:
            parse(text)
        except DateError as error:
            assert error.reason and "\n" not in error.reason
    for start, end, _ in find_dates(text):
        assert 0 <= start < end <= len(text)


# --- two-digit years and glued words (issue 14 item 7, issue 12) ---------------------


@pytest.mark.parametrize("text", ["1/1/99", "10/7/20", "ngày 05-3-01", "31.12.00"])
def test_two_digit_years_are_refused_asking_for_four_digits(text):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    err = caught.value
    assert err.key == "date.two_digit_year"
    assert "bốn chữ số" in err.render("vi") and "four digits" in err.render("en")
    # both centuries are offered, neither is chosen
    day, month, yy = re.split(r"[/.\-]", text.split()[-1])
    assert f"19{yy}" in str(err) and f"20{yy}" in str(err)


def test_a_partial_date_with_a_two_digit_year_gets_the_same_reason():
    with pytest.raises(DateError) as caught:
        PartialDate.parse("1/1/99")
    assert caught.value.key == "date.two_digit_year"


def test_running_text_never_reads_a_two_digit_year():
    assert find_dates("Chỉ thị số 07-CT/TW ngày 5/3/01 của Ban Bí thư") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chỉ thị số 45-CT/TW ngày22 tháng 7 năm 2010 của Bộ Chính trị", D(2010, 7, 22)),
        ("Quyết định số 692/QĐ-TTg ngày 04tháng 5 năm 2013", D(2013, 5, 4)),
        ("NGÀY 15 THÁNG 8 NĂM 1998VỀ CÔNG TÁC", D(1998, 8, 15)),
    ],
)
def test_find_dates_reads_words_glued_by_conversions(text, expected):
    assert [when for _, _, when in find_dates(text)] == [expected]


def test_loose_letter_classes_cover_every_letter_that_folds_to_ascii():
    """The import-time table scans the Latin blocks only: no letter elsewhere folds to a-z."""
    from db.dates import _LOOSE
    from db.text import fold

    everywhere: dict[str, set[str]] = {}
    for code in range(0x41, 0x1F00):
        ch = chr(code)
        base = fold(ch) if ch.isalpha() else ""
        if len(base) == 1 and "a" <= base <= "z":
            everywhere.setdefault(base, set()).update(c for c in {ch, ch.lower(), ch.upper()} if len(c) == 1)
    assert {base: set(chars) for base, chars in _LOOSE.items()} == everywhere
