"""Document numbers: the sample report's references, sloppy input, bad input, properties."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from db.numbers import (
    ISSUER_NAMES,
    TYPE_NAMES,
    DocNumber,
    NumberError,
    parse_number,
    try_parse_number,
    type_code_for_name,
)
from db.text import fold

# --- the 16 references of shared/sample-report-2020.md -------------------------

# (as written in the report, canonical, type_code, type_name, issuer, style)
SAMPLE_REFERENCES = [
    ("4094/KH-UBND", "4094/KH-UBND", "KH", "Kế hoạch", "UBND", "state"),
    ("2199-CV/HU", "2199-CV/HU", "CV", "Công văn", "HU", "party"),
    ("06-HD/BDVTU", "06-HD/BDVTU", "HD", "Hướng dẫn", "BDVTU", "party"),
    ("617/KH-PGDĐT", "617/KH-PGDĐT", "KH", "Kế hoạch", "PGDĐT", "state"),
    ("69-KH/TU", "69-KH/TU", "KH", "Kế hoạch", "TU", "party"),
    ("14-CT/TU", "14-CT/TU", "CT", "Chỉ thị", "TU", "party"),
    ("48-KH/HU", "48-KH/HU", "KH", "Kế hoạch", "HU", "party"),
    ("212/KH-UBND", "212/KH-UBND", "KH", "Kế hoạch", "UBND", "state"),
    ("02-ĐA/TU", "02-ĐA/TU", "ĐA", "Đề án", "TU", "party"),
    ("18-NQ/TW", "18-NQ/TW", "NQ", "Nghị quyết", "TW", "party"),
    ("19-NQ/TW", "19-NQ/TW", "NQ", "Nghị quyết", "TW", "party"),
    ("106/KH-PGDĐT", "106/KH-PGDĐT", "KH", "Kế hoạch", "PGDĐT", "state"),
    ("410/KH-PGDĐT", "410/KH-PGDĐT", "KH", "Kế hoạch", "PGDĐT", "state"),
    ("1746/QĐ-PGDĐT", "1746/QĐ-PGDĐT", "QĐ", "Quyết định", "PGDĐT", "state"),
    ("1353/ KH-PGDĐT", "1353/KH-PGDĐT", "KH", "Kế hoạch", "PGDĐT", "state"),
    ("1058/QĐ-PGDĐT", "1058/QĐ-PGDĐT", "QĐ", "Quyết định", "PGDĐT", "state"),
]


def test_sample_lists_sixteen_distinct_references():
    assert len({canonical for _, canonical, *_ in SAMPLE_REFERENCES}) == 16


@pytest.mark.parametrize("written, canonical, code, name, issuer, style", SAMPLE_REFERENCES)
def test_sample_report_references(written, canonical, code, name, issuer, style):
    number = parse_number(written)
    assert number.canonical == canonical
    assert number.type_code == code
    assert number.type_name == name
    assert number.issuer == issuer
    assert number.style == style
    assert number.year is None
    assert number.extra == ()
    assert number.key == fold(canonical)


def test_sample_fields_keep_leading_zero_and_raw():
    number = parse_number("1353/ KH-PGDĐT")
    assert number.raw == "1353/ KH-PGDĐT"
    assert parse_number("06-HD/BDVTU").seq == "06"
    assert parse_number("4094/KH-UBND").key == "4094/kh-ubnd"


def test_draft_blank_number_from_the_sample_header():
    number = parse_number("Số: /BC-PGDĐT")
    assert (number.seq, number.type_code, number.issuer, number.style) == ("", "BC", "PGDĐT", "state")
    assert number.canonical == "/BC-PGDĐT"
    assert parse_number("Số:      /BC-PGDĐT") == DocNumber(
        "Số:      /BC-PGDĐT", "", None, "BC", "PGDĐT", (), "state"
    )


# --- the four styles -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, canonical, style, code, issuer, extra, year, name",
    [
        ("123/UBND-VP", "123/UBND-VP", "congvan", None, "UBND", ("VP",), None, "Công văn"),
        ("05/BNV-VP", "05/BNV-VP", "congvan", None, "BNV", ("VP",), None, "Công văn"),
        ("3123/SGDĐT-CTTT-KHCN", "3123/SGDĐT-CTTT-KHCN", "congvan", None, "SGDĐT", ("CTTT", "KHCN"), None, "Công văn"),
        ("777/TTg-TCCV", "777/TTg-TCCV", "congvan", None, "TTg", ("TCCV",), None, "Công văn"),
        ("15/QĐ-BNV", "15/QĐ-BNV", "state", "QĐ", "BNV", (), None, "Quyết định"),
        ("134/TB-VPCP", "134/TB-VPCP", "state", "TB", "VPCP", (), None, "Thông báo"),
        ("217/QĐ-TW", "217/QĐ-TW", "state", "QĐ", "TW", (), None, "Quyết định"),
        ("30/2020/NĐ-CP", "30/2020/NĐ-CP", "legal", "NĐ", "CP", (), 2020, "Nghị định"),
        ("80/2015/QH13", "80/2015/QH13", "legal", None, "QH13", (), 2015, "Luật"),
        ("64/2025/QH15", "64/2025/QH15", "legal", None, "QH15", (), 2025, "Luật"),
        ("351/2017/UBTVQH14", "351/2017/UBTVQH14", "legal", None, "UBTVQH14", (), 2017, ""),
        ("44/2005/QĐ-UBND", "44/2005/QĐ-UBND", "legal", "QĐ", "UBND", (), 2005, "Quyết định"),
        ("55/2005/TTLT-BNV-VPCP", "55/2005/TTLT-BNV-VPCP", "legal", "TTLT", "BNV", ("VPCP",), 2005, "Thông tư liên tịch"),
        ("12/2025/TT-BGDĐT", "12/2025/TT-BGDĐT", "legal", "TT", "BGDĐT", (), 2025, "Thông tư"),
        ("22/2019/NQ-HĐND", "22/2019/NQ-HĐND", "legal", "NQ", "HĐND", (), 2019, "Nghị quyết"),
        ("36-HD/VPTW", "36-HD/VPTW", "party", "HD", "VPTW", (), None, "Hướng dẫn"),
        ("5053-CV/VPTW/nb", "5053-CV/VPTW/nb", "party", "CV", "VPTW", ("nb",), None, "Công văn"),
        ("08-QĐi/TW", "08-QĐi/TW", "party", "QĐi", "TW", (), None, "Quy định"),
        ("21-KL/TW", "21-KL/TW", "party", "KL", "TW", (), None, "Kết luận"),
        ("147-CTHĐ/TU", "147-CTHĐ/TU", "party", "CTHĐ", "TU", (), None, "Chương trình hành động"),
        ("12-TT/TW", "12-TT/TW", "party", "TT", "TW", (), None, "Thông tri"),
        ("24-BS/UBKTTU", "24-BS/UBKTTU", "party", "BS", "UBKTTU", (), None, "Bản sao"),
    ],
)
def test_styles(text, canonical, style, code, issuer, extra, year, name):
    number = parse_number(text)
    assert (number.canonical, number.style, number.type_code) == (canonical, style, code)
    assert (number.issuer, number.extra, number.year, number.type_name) == (issuer, extra, year, name)


def test_state_and_congvan_have_the_same_shape_only_the_table_decides():
    assert parse_number("12/UBND-VX").style == "congvan"
    assert parse_number("12/KH-VX").style == "state"


# --- real-world sloppiness -------------------------------------------------------

NFD_SAMPLE = unicodedata.normalize("NFD", "1746/QĐ-PGDĐT")


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("Số: 4094/KH-UBND", "4094/KH-UBND"),
        ("Số 36-HD/VPTW", "36-HD/VPTW"),
        ("số: 1206 /QĐ-HVTC", "1206/QĐ-HVTC"),
        ("so 12/UBND-VX", "12/UBND-VX"),
        ("SỐ:4094/KH-UBND", "4094/KH-UBND"),
        ("số số 410/KH-PGDĐT", "410/KH-PGDĐT"),
        ("  1353/ KH-PGDĐT  ", "1353/KH-PGDĐT"),
        ("44 /2005/QĐ-UBND", "44/2005/QĐ-UBND"),
        ("1206 /QĐ-HVTC", "1206/QĐ-HVTC"),
        ("367 - QĐ/TWĐTN-VP", "367-QĐ/TWĐTN-VP"),
        ("42 -HD/TWTN-BKT", "42-HD/TWTN-BKT"),
        ("15- Nq/tw", "15-NQ/TW"),
        ("84 QĐ/TWĐTN", "84-QĐ/TWĐTN"),
        ("65-Ctr/TU", "65-CTr/TU"),
        ("01/qyđ-UBND", "01/QyĐ-UBND"),
        ("02/TTR-UBND", "02/TTr-UBND"),
        ("03/trs-VP", "03/TrS-VP"),
        ("1746/QD-PGDDT", "1746/QĐ-PGDĐT"),
        ("30/2020/ND-CP", "30/2020/NĐ-CP"),
        ("22/2019/NQ-HDND", "22/2019/NQ-HĐND"),
        ("152-BC/DU", "152-BC/ĐU"),
        ("27/2009/TT-BGDDT", "27/2009/TT-BGDĐT"),
        ("08-QDI/TW", "08-QĐi/TW"),
        ("4094/kh-ubnd", "4094/KH-UBND"),
        ("777/TTG-TCCV", "777/TTg-TCCV"),
        (NFD_SAMPLE, "1746/QĐ-PGDĐT"),
        ("1746/QÐ-PGDÐT", "1746/QĐ-PGDĐT"),  # Eth U+00D0, not Đ
        ("2199-CV/HU,", "2199-CV/HU"),
        ("4094/KH-UBND;", "4094/KH-UBND"),
        ("4094/KH-UBND.", "4094/KH-UBND"),
        ("01/KH-UBND", "01/KH-UBND"),
        ("4094/KH–UBND", "4094/KH-UBND"),  # en dash from word processors
    ],
)
def test_sloppy_variants(text, canonical):
    assert parse_number(text).canonical == canonical


def test_ascii_collisions_keep_the_deb_less_type():
    # HĐ (Hợp đồng) and HD (Hướng dẫn) fold alike; ASCII "HD" must stay Hướng dẫn.
    assert parse_number("102/HD-PGDDT").type_name == "Hướng dẫn"
    assert parse_number("102/HĐ-PGDĐT").type_name == "Hợp đồng"
    assert parse_number("12/DA-UBND").type_name == "Dự án"
    assert parse_number("12/ĐA-UBND").type_name == "Đề án"
    assert parse_number("102/HD-PGDDT").key == parse_number("102/HĐ-PGDĐT").key


def test_raw_is_nfc_and_stripped():
    assert parse_number(f"  {NFD_SAMPLE} ").raw == "1746/QĐ-PGDĐT"


# --- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("", "Chưa nhập"),
        ("   ", "Chưa nhập"),
        ("Số:", "Chưa nhập"),
        ("abc", "bắt đầu bằng số"),
        ("KH-UBND", "bắt đầu bằng số"),
        ("4094", "Thiếu ký hiệu"),
        ("4094/", "Thiếu ký hiệu sau dấu /"),
        ("4094/KH-", "Thiếu ký hiệu sau dấu -"),
        ("4094/KH", "Thiếu cơ quan ban hành"),
        ("4094/-UBND", "Thiếu ký hiệu sau dấu /"),
        ("12/1800/NĐ-CP", "Năm 1800"),
        ("12/2101/NĐ-CP", "Năm 2101"),
        ("12/2020/", "Thiếu ký hiệu sau năm"),
        ("12/2020/UBND-VP", "không có trong danh mục"),
        ("12a/QĐ-UBND", "chỉ gồm chữ số"),
        ("1o/QĐ-UBND", "chỉ gồm chữ số"),
        ("4094/12", "bắt đầu bằng chữ cái"),
        ("4094/KH-UB@ND", "chỉ gồm chữ cái"),
        ("4094/KH UBND", "khoảng trắng"),
        ("12-XY/TU", "không có trong danh mục"),
        ("12-KH", "Thiếu dấu /"),
        ("12-KH/", "Thiếu ký hiệu sau dấu /"),
        ("12-KH/TU/nb/x", "thừa dấu /"),
        ("4094/KH-UBND/VP", "thừa dấu /"),
    ],
)
def test_bad_numbers_give_a_reason(text, fragment):
    with pytest.raises(NumberError) as error:
        parse_number(text)
    assert fragment in error.value.reason
    assert "\n" not in error.value.reason
    assert try_parse_number(text) is None


def test_number_error_is_a_value_error():
    assert issubclass(NumberError, ValueError)


# --- tables ------------------------------------------------------------------------


def test_type_table_covers_phu_luc_iii_and_party_and_legal_codes():
    decree = "NQ QĐ CT QC QyĐ TC TB HD CTr KH PA ĐA DA BC BB TTr HĐ CĐ BGN BTT GUQ GM GGT GNP PG PC PB SY TrS SL"
    others = "CV KL QĐi BS NĐ TT TTLT"
    for code in (decree + " " + others).split():
        assert TYPE_NAMES[code], code


@pytest.mark.parametrize(
    "name, code",
    [
        ("Kế hoạch", "KH"),
        ("ke hoach", "KH"),
        ("  KẾ   HOẠCH ", "KH"),
        ("Quyết định", "QĐ"),
        ("Quy định", "QyĐ"),
        ("Tờ trình", "TTr"),
        ("Hợp đồng", "HĐ"),
        ("Hướng dẫn", "HD"),
        ("Đề án", "ĐA"),
        ("Dự án", "DA"),
        ("Nghị định", "NĐ"),
        ("Thông tư", "TT"),
        ("Kết luận", "KL"),
        ("Công văn", None),
        ("Luật", None),
        ("", None),
        ("không phải loại", None),
    ],
)
def test_type_code_for_name(name, code):
    assert type_code_for_name(name) == code


def test_type_code_for_name_party_readings():
    assert type_code_for_name("Công văn", party=True) == "CV"
    assert type_code_for_name("Quy định", party=True) == "QĐi"
    assert type_code_for_name("Thông tri", party=True) == "TT"
    assert type_code_for_name("Kế hoạch", party=True) == "KH"


def test_issuer_names_defaults_for_the_ui():
    expected = {
        "UBND": "Ủy ban nhân dân",
        "HU": "Huyện ủy",
        "TU": "Tỉnh ủy",
        "PGDĐT": "Phòng Giáo dục và Đào tạo",
        "CP": "Chính phủ",
        "TW": "Ban Chấp hành Trung ương",
        "BDVTU": "Ban Dân vận Tỉnh ủy",
    }
    for code, name in expected.items():
        assert ISSUER_NAMES[code] == name
    for code in ("SGDĐT", "BGDĐT", "BDVTW", "BDVHU"):
        assert ISSUER_NAMES[code]


def test_code_tables_do_not_collide_after_folding():
    # Restoring Đ from ASCII input is only safe if no two issuers fold alike.
    assert len({fold(code) for code in ISSUER_NAMES}) == len(ISSUER_NAMES)
    folded_types = [fold(code) for code in TYPE_NAMES]
    collisions = {key for key in folded_types if folded_types.count(key) > 1}
    assert collisions == {"hd", "da"}


# --- properties ----------------------------------------------------------------------

GROUP = st.from_regex(r"[A-Z][A-Z0-9]{0,6}", fullmatch=True)
ISSUER = st.one_of(st.sampled_from(sorted(ISSUER_NAMES)), GROUP)
TYPE = st.sampled_from(sorted(TYPE_NAMES))
SEQ = st.integers(min_value=1, max_value=99999).map(lambda n: f"{n:02d}")
CONGVAN_ISSUER = ISSUER.filter(lambda group: try_parse_number(f"1/{group}-X").style == "congvan")


@st.composite
def valid_numbers(draw) -> tuple[str, str]:
    """(written number, expected style) for every style."""
    style = draw(st.sampled_from(["state", "congvan", "legal", "party", "qh"]))
    seq = draw(SEQ)
    units = draw(st.lists(ISSUER, max_size=2))
    tail = "".join(f"-{unit}" for unit in units)
    if style == "state":
        return f"{seq}/{draw(TYPE)}-{draw(ISSUER)}{tail}", "state"
    if style == "congvan":
        return f"{seq}/{draw(CONGVAN_ISSUER)}{tail}", "congvan"
    year = draw(st.integers(min_value=1945, max_value=2100))
    if style == "legal":
        return f"{seq}/{year}/{draw(TYPE)}-{draw(ISSUER)}{tail}", "legal"
    if style == "qh":
        body = draw(st.sampled_from(["QH", "UBTVQH"])) + str(draw(st.integers(1, 20)))
        return f"{seq}/{year}/{body}", "legal"
    suffix = draw(st.one_of(st.just(""), st.from_regex(r"/[a-z]{1,3}", fullmatch=True)))
    return f"{seq}-{draw(TYPE)}/{draw(ISSUER)}{tail}{suffix}", "party"


def _sloppy(text: str, variant: int) -> str:
    if variant == 0:
        return "Số: " + text.replace("/", " / ") + ";"
    if variant == 1:
        return fold(text)
    if variant == 2:
        return unicodedata.normalize("NFD", text.lower())
    return "số " + text.replace("-", " - ", 1) + ","


@settings(max_examples=300, deadline=None)
@given(valid_numbers())
def test_canonical_round_trips(case):
    written, style = case
    number = parse_number(written)
    assert number.style == style
    again = parse_number(number.canonical)
    assert again.canonical == number.canonical
    assert again == DocNumber(number.canonical, *_fields(number)[1:])


def _fields(number: DocNumber) -> tuple:
    return (number.raw, number.seq, number.year, number.type_code, number.issuer,
            number.extra, number.style, number.slashed)


@settings(max_examples=200, deadline=None)
@given(valid_numbers(), st.integers(min_value=0, max_value=3))
def test_sloppy_forms_reach_the_same_key(case, variant):
    number = parse_number(case[0])
    assert parse_number(_sloppy(number.canonical, variant)).key == number.key


NUMBERISH = st.text(alphabet="0123456789/- .,;:ĐđÐKHQĐUBNDTWCVabcnbSốso\u0300\u0301", max_size=25)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=30), NUMBERISH))
def test_parse_only_ever_raises_number_error(text):
    try:
        number = parse_number(text)
    except NumberError as error:
        assert error.reason and "\n" not in error.reason
    else:
        assert parse_number(number.canonical).canonical == number.canonical


# --- invalid values (issue 14 item 7) and irregular real forms (issue 12) ---------------------

from db.numbers import NUMBER_MAX_CHARS, SEQ_MAX_DIGITS  # noqa: E402


@pytest.mark.parametrize("text", ["0/KH-UBND", "00/QĐ-UBND", "0-CV/HU", "000/2020/NĐ-CP"])
def test_sequence_zero_is_refused(text):
    with pytest.raises(NumberError) as caught:
        parse_number(text)
    assert caught.value.key == "number.seq_zero"
    assert "01" in caught.value.render("vi") and "01" in caught.value.render("en")


def test_sequence_length_has_a_ceiling_that_real_series_stay_under():
    assert parse_number("14321/BTC-TCT").seq == "14321"  # ministries reach five digits
    assert parse_number("9" * SEQ_MAX_DIGITS + "/BTC-TCT").seq == "9" * SEQ_MAX_DIGITS
    for digits in (SEQ_MAX_DIGITS + 1, 5000):
        with pytest.raises(NumberError) as caught:
            parse_number("1" * digits + "/KH-UBND")
        assert caught.value.key in ("number.seq_too_long", "number.too_long")


def test_a_pasted_paragraph_is_refused_in_one_line():
    with pytest.raises(NumberError) as caught:
        parse_number("Căn cứ Kế hoạch số 4094/KH-UBND " * 10)
    assert caught.value.key == "number.too_long" and str(NUMBER_MAX_CHARS) in str(caught.value)


@pytest.mark.parametrize(
    "text, canonical, style",
    [
        ("512/SXD-QLN&KDBĐS", "512/SXD-QLN&KDBĐS", "congvan"),
        ("Số: 1641/sxd-qln&ttbđs", "1641/SXD-QLN&TTBĐS", "congvan"),
        ("15/HĐBT", "15/HĐBT", "congvan"),
        ("120-CP", "120-CP", "old"),
        ("12-ttg", "12-TTg", "old"),
        ("02/2003/NQLT", "02/2003/NQLT", "legal"),
        ("08/2011/TTLT-BGDĐT-BNV", "08/2011/TTLT-BGDĐT-BNV", "legal"),
    ],
)
def test_irregular_real_forms(text, canonical, style):
    number = parse_number(text)
    assert (number.canonical, number.style) == (canonical, style)
    assert parse_number(number.canonical).key == number.key


def test_old_and_issuerless_forms_do_not_open_the_door_to_typos():
    for text, key in [("12-KH", "number.party_no_body"), ("4094/KH", "number.no_issuer"),
                      ("12/2020/NĐ", "number.no_issuer"), ("4094/KH-&", "number.group_chars")]:
        with pytest.raises(NumberError) as caught:
            parse_number(text)
        assert caught.value.key == key, text


MARKS = st.characters(min_codepoint=0x300, max_codepoint=0x36F)


@st.composite
def numbers_with_marks(draw) -> str:
    written, _ = draw(valid_numbers())
    chars = list(written)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        chars.insert(draw(st.integers(min_value=0, max_value=len(chars))), draw(MARKS))
    return "".join(chars)


@settings(max_examples=400, deadline=None)
@given(st.one_of(numbers_with_marks(), NUMBERISH))
@example("4094/KH-XY\u0345Z")  # upper-cased, U+0345 became the letter Ι and the canonical form failed
@example("Số: 12/AB\u0301C-D\u0308E")
def test_every_accepted_number_parses_back_from_its_canonical_form_with_the_same_key(text):
    try:
        number = parse_number(text)
    except NumberError:
        return
    again = parse_number(number.canonical)
    assert again.key == number.key
    assert again.canonical == number.canonical
