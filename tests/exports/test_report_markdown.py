"""The year-end report rebuilt from `dvk demo` data has the shape of the real 2020 report."""
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from markdown_it import MarkdownIt

from db.text import fold
from exports.markdown import escape, render_markdown
from exports.report import build_report
from exports.report_model import Bullet, Heading, Paragraph, Report
from tests.helpers import demo_store

GOLDEN = Path(__file__).parent / "golden" / "report-2020.md"
SAMPLE = Path(__file__).parent / "golden" / "sample-report-2020.md"

SAMPLE_HEADINGS = [
    "I. Đặc điểm tình hình của cơ quan.",
    "1.1. Đặc điểm tình hình:",
    "1.2. Thuận lợi:",
    "1.3. Khó khăn:",
    "II. Kết quả công tác dân vận năm 2020.",
    "1. Nâng cao nhận thức",
    "2. Thực hiện hiệu quả các chế độ chính sách",
    "3. Tăng cường giáo dục đạo đức công vụ",
    "4. Đẩy mạnh cải cách thủ tục hành chính",
    "5. Kiểm tra công vụ",
    "6. Thực hiện có hiệu quả công tác tiếp dân",
    "7. Xây dựng nhân rộng điển hình",
    "III. Đánh giá chung:",
]
# The 16 legal references of the sample, with the date the sample gives (None: cited without one).
SAMPLE_REFS = [
    ("4094/KH-UBND", "10/7/2020"), ("2199-CV/HU", "15/5/2020"), ("06-HD/BDVTU", None),
    ("617/KH-PGDĐT", "25/5/2020"), ("69-KH/TU", "13/8/2018"), ("14-CT/TU", "13/6/2016"),
    ("48-KH/HU", "22/01/2018"), ("212/KH-UBND", "01/3/2018"), ("02-ĐA/TU", "29/12/2017"),
    ("18-NQ/TW", None), ("19-NQ/TW", None), ("106/KH-PGDĐT", "05/02/2020"),
    ("410/KH-PGDĐT", "04/4/2020"), ("1746/QĐ-PGDĐT", "31 tháng 12 năm 2019"),
    ("1353/KH-PGDĐT", "05/10/2020"), ("1058/QĐ-PGDĐT", "08/10/2018"),
]


@pytest.fixture(scope="module")
def markdown(tmp_path_factory):
    store = demo_store(tmp_path_factory.mktemp("r"))
    return render_markdown(build_report(store, store.campaign_for(2020)))


def _tokens(md: str):
    return MarkdownIt("commonmark").parse(md)


def _headings(md: str) -> list[str]:
    toks = _tokens(md)
    return ["".join(c.content for c in toks[i + 1].children if c.type == "text")
            for i, t in enumerate(toks) if t.type == "heading_open"]


def test_headings_are_the_samples_in_order(markdown):
    found = _headings(markdown)
    assert found[0] == "BÁO CÁO"
    body = found[1:]
    assert len(body) == len(SAMPLE_HEADINGS)
    for got, want in zip(body, SAMPLE_HEADINGS):
        assert got.startswith(want)


def test_all_sixteen_references_with_their_dates(markdown):
    flat = fold(" ".join(markdown.split())).replace("/ ", "/")
    for number, when in SAMPLE_REFS:
        key = fold(number)
        assert key in flat, number
        if when:
            at = flat.index(key)
            assert fold(when) in flat[at: at + 80] or fold(when) in flat, (number, when)


def test_legal_bases_head_the_report_as_the_unit_wrote_them(markdown):
    bases = [line for line in markdown.splitlines() if line.startswith("*Căn cứ")]
    assert bases == [
        "*Căn cứ Kế hoạch 4094/KH-UBND ngày 10/7/2020 của Ủy ban Nhân dân huyện Thủ Thừa kế hoạch thực hiện “Năm dân vận khéo” năm;*",
        "*Căn cứ Công Văn số 2199-CV/HU, ngày 15/5/2020 của Huyện ủy Thủ Thừa về việc sao gửi Hướng dẫn 06-HD/BDVTU;*",
    ]


def test_recipients_and_signature_close_the_report(markdown):
    tail = markdown[markdown.index("Nơi nhận:"):]
    for line in ("- UBND huyện (phòng Nội vụ) (b/c);", "- Lưu: VT.", "**KT. TRƯỞNG PHÒNG**", "**PHÓ TRƯỞNG PHÒNG**", "**Trần Thị Kim Nhân**"):
        assert line in tail
    assert "./." in markdown[: markdown.index("Nơi nhận:")]
    assert "Số:" in markdown and "/BC-PGDĐT" in markdown and "ngày tháng 10 năm 2020" in " ".join(markdown.split())


def test_matches_golden_file(markdown):
    if not GOLDEN.exists():  # first run writes it; review it and commit it
        GOLDEN.write_text(markdown, encoding="utf-8")
    assert markdown == GOLDEN.read_text(encoding="utf-8")


def test_sample_file_headings_are_what_we_assert():
    # guards the constant above against drifting from the real report
    text = SAMPLE.read_text(encoding="utf-8")
    for heading in SAMPLE_HEADINGS:
        assert heading.split(" ", 1)[0] in text


def _plain(md_inline: str) -> str:
    toks = MarkdownIt("commonmark").parseInline(md_inline)[0].children
    return "".join(t.content for t in toks if t.type in ("text", "code_inline") or t.type == "softbreak")


hostile = st.lists(st.sampled_from(list("ab #*_-+=>.1)[]()<>!`\\&;|~ \n") + ["Đ", "ệ", "&amp;", "<b>", "1. ", "- ", "\n# "]),
                   max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(hostile)
def test_escaped_user_text_renders_to_itself(text):
    expected = " ".join(text.split())
    md = escape(text)
    tokens = MarkdownIt("commonmark").parse(md)
    if not expected:
        return
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    inline = tokens[1]
    assert all(c.type in ("text", "softbreak") for c in inline.children), inline.children
    assert "".join(c.content for c in inline.children) == expected


def test_user_text_cannot_create_structure():
    report = Report(parent_body="A", issuer="B", number_line="Số: /BC", place_date="x", doc_type="BÁO CÁO", title="t",
                    body=[Heading("I. Phần # một", 1), Paragraph("# Not a heading"), Paragraph("- not a list"),
                          Paragraph("1. not ordered"), Bullet("*not em* <script>x</script>")],
                    recipients=["- Lưu: VT."], signer_lines=["KT. TRƯỞNG PHÒNG"], signer_name="N")
    md = render_markdown(report)
    toks = _tokens(md)
    assert [t.tag for t in toks if t.type == "heading_open"] == ["h1", "h2"]
    assert sum(t.type == "bullet_list_open" for t in toks) == 2  # the real bullet and Nơi nhận
    assert not any(t.type in ("ordered_list_open", "html_block", "html_inline", "em_open") and t.level > 0 for t in toks)
    assert "I. Phần # một" in _headings(md)
