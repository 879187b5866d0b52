"""The report builder keeps the user's words and puts dvk's own content where
the campaign says (issue 11 points 4, 5, 6, 8)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from db.errors import DvkError
from db.models import Campaign, Document, DvkModel, Profile, Task
from db.periods import default_period
from db.rules import ValidationError
from exports.markdown import render_markdown
from exports.report import (
    build_report,
    generated_bases,
    number_line,
    punctuate,
    signer_lines,
)
from exports.report_model import Bullet, Heading, Paragraph
from tests.helpers import demo_store


@pytest.fixture
def store(tmp_path):
    return demo_store(tmp_path)


def campaign(store) -> Campaign:
    return replace(store.campaign_for(2020))


def section(report, number: int) -> list[str]:
    """Texts of the paragraphs under section `number` of part II."""
    blocks = report.body
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 2
                 and b.text.startswith(f"{number}. ") and i > 8)
    out = []
    for block in blocks[start + 1:]:
        if isinstance(block, Heading):
            break
        out.append(block.text)
    return out


def docs(store) -> dict[int, Document]:
    return {d.id: d for d in store.all(Document)}


# ---- căn cứ -----------------------------------------------------------------

def test_stored_basis_lines_are_kept_word_for_word(store):
    report = build_report(store, campaign(store))
    assert report.bases == campaign(store).basis_lines
    assert report.bases[-1].endswith(";")  # as the unit typed it; dvk does not rewrite it


def test_generated_bases_cite_in_full_and_end_with_a_full_stop(store):
    c = replace(campaign(store), basis_lines=[])
    report = build_report(store, c)
    assert report.bases == [
        "Căn cứ Kế hoạch số 4094/KH-UBND ngày 10/7/2020 của Ủy ban nhân dân huyện Thủ Thừa về thực hiện “Năm dân vận khéo” năm 2020;",
        "Căn cứ Công văn số 2199-CV/HU ngày 15/5/2020 của Huyện ủy Thủ Thừa về việc sao gửi Hướng dẫn 06-HD/BDVTU.",
    ]


def test_generated_bases_follow_the_campaigns_order(store):
    c = campaign(store)
    c.bases = list(reversed(c.bases))
    lines = generated_bases(c, docs(store))
    assert lines[0].startswith("Căn cứ Công văn số 2199-CV/HU") and lines[0].endswith(";")
    assert lines[1].startswith("Căn cứ Kế hoạch số 4094/KH-UBND") and lines[1].endswith(".")


def test_punctuate_only_touches_the_final_mark():
    assert punctuate(["Căn cứ A.", "Căn cứ B;", "  ", "Căn cứ C, D"]) == ["Căn cứ A;", "Căn cứ B;", "Căn cứ C, D."]
    assert punctuate([]) == []


# ---- generated content goes where the user puts it -----------------------------------

def test_task_results_after_the_narrative_by_default(store):
    c = campaign(store)
    narrative = c.section_texts["2"]
    got = section(build_report(store, c), 2)
    assert got[: len(narrative)] == narrative and len(got) == len(narrative) + 3


def test_task_results_before_the_narrative_or_off(store):
    c = campaign(store)
    narrative = c.section_texts["2"]
    c.placement = {"2": "before"}
    got = section(build_report(store, c), 2)
    assert got[-len(narrative):] == narrative and len(got) == len(narrative) + 3
    c.placement = {"2": "off"}
    assert section(build_report(store, c), 2) == narrative


def test_the_models_never_split_the_users_paragraphs(store):
    c = campaign(store)
    c.section_texts = {**c.section_texts, "7": ["Đoạn một của đơn vị.", "Đoạn hai của đơn vị."]}
    got = section(build_report(store, c), 7)
    assert got[:2] == ["Đoạn một của đơn vị.", "Đoạn hai của đơn vị."]  # together, in their order
    c.placement = {"7": "off"}
    assert section(build_report(store, c), 7) == ["Đoạn một của đơn vị.", "Đoạn hai của đơn vị."]


@pytest.mark.parametrize("name", ["Mô hình “Cổng trường an toàn giao thông”", "mô hình Cổng trường an toàn giao thông",
                                  "Cổng trường an toàn giao thông"])
def test_a_model_named_mo_hinh_is_called_so_once(store, name):
    c = campaign(store)
    store.add(DvkModel(name=name, campaign=c.id, year=2020, unit="Trường THCS Bình Thạnh", status="achieved"))
    got = [text for text in section(build_report(store, c), 7) if "Cổng trường" in text]
    assert got == ["Mô hình “Cổng trường an toàn giao thông” (tập thể, lĩnh vực văn hóa - xã hội) "
                   "của Trường THCS Bình Thạnh: đạt."]


def test_an_empty_section_says_so(store):
    c = campaign(store)
    c.placement = {"3": "off"}
    c.section_texts = {k: v for k, v in c.section_texts.items() if k != "3"}
    assert section(build_report(store, c), 3) == ["(Chưa có nội dung: ghi nhận kết quả nhiệm vụ hoặc viết "
                                                  "đoạn tường thuật cho mục này.)"]


# ---- reporting period (NĐ 09/2019) ---------------------------------------------

def _done(store, c, title, done_on, section=3):
    return store.add(Task(title=title, campaign=c.id, section=section, status="done", done_on=done_on,
                          due=done_on, result=f"Kết quả {title}."))


def test_results_count_only_the_reporting_period(store):
    c = campaign(store)
    c.placement = {}
    _done(store, c, "trước kỳ", "2019-12-14")
    _done(store, c, "đầu kỳ", "2019-12-15")
    _done(store, c, "cuối kỳ", "2020-12-14")
    _done(store, c, "sau kỳ", "2020-12-15")
    report = build_report(store, c)
    got = section(report, 3)
    assert "Kết quả đầu kỳ." in got and "Kết quả cuối kỳ." in got
    assert "Kết quả trước kỳ." not in got and "Kết quả sau kỳ." not in got
    assert (report.period.start, report.period.end) == (date(2019, 12, 15), date(2020, 12, 14))
    assert report.period.default and report.period.cited() == "15/12/2019 - 14/12/2020"


def test_the_campaign_may_set_its_own_period(store):
    c = campaign(store)
    _done(store, c, "sau kỳ", "2020-12-20")
    c.period_end = "2020-12-31"
    report = build_report(store, c)
    assert "Kết quả sau kỳ." in section(report, 3)
    assert report.period.end == date(2020, 12, 31) and not report.period.default


def test_an_inverted_period_is_one_clear_error(store):
    c = replace(campaign(store), period_start="2020-12-31", period_end="2020-01-01")
    with pytest.raises(ValidationError) as err:
        build_report(store, c)
    assert str(err.value) == "Kỳ báo cáo bắt đầu 31/12/2020 sau ngày kết thúc 01/01/2020"


def test_issued_plans_not_yet_named_are_added_when_in_the_period(store):
    c = campaign(store)
    c.section_texts = {k: v for k, v in c.section_texts.items() if k != "1"}  # drop the text citing 617
    got = section(build_report(store, c), 1)
    assert got[-1].startswith("Đã ban hành: Kế hoạch số 617/KH-PGDĐT ngày 25/5/2020")
    c.period_start = "2020-06-01"  # 617 was issued on 25/5/2020
    assert not any("617/KH-PGDĐT" in p for p in section(build_report(store, c), 1))


def test_default_period_rule():
    p = default_period(2021)
    assert (p.start, p.end) == (date(2020, 12, 15), date(2021, 12, 14))
    assert "2021-12-14" in p and "2021-12-15" not in p and None not in p and "garbage" not in p


# ---- headings, Kính gửi, Nơi nhận, signature -----------------------------------

def test_part_titles_in_capitals_by_default_or_as_written(store):
    store.set_profile(replace(store.profile(), heading_case="upper"))
    report = build_report(store, campaign(store))
    parts = [b.text for b in report.body if isinstance(b, Heading) and b.level == 1]
    assert parts == ["I. ĐẶC ĐIỂM TÌNH HÌNH CỦA CƠ QUAN.", "II. KẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2020.",
                     "III. ĐÁNH GIÁ CHUNG:"]
    store.set_profile(replace(store.profile(), heading_case="as_written"))
    c = campaign(store)
    c.headings = {"III": "Đánh giá chung và kiến nghị", "1.2": "Những thuận lợi"}
    report = build_report(store, c)
    titles = [b.text for b in report.body if isinstance(b, Heading)]
    assert "III. Đánh giá chung và kiến nghị" in titles and "1.2. Những thuận lợi" in titles


def test_statistics_lines_default_from_the_numbers(store):
    c = replace(campaign(store), stat_lines=[])
    bullets = [b.text for b in build_report(store, c).body[:6] if isinstance(b, Bullet)]
    assert bullets[:3] == ["Tổng số CBCC: 07 người.", "Tổng số Đảng viên chi bộ: 06 đồng chí; Đảng viên chính thức 06 đồng chí.",
                           "Tổng số trường trực thuộc là: 32 trường."]


def test_kinh_gui_and_recipients_as_typed(store):
    c = campaign(store)
    c.addressees = ["Ban Dân vận Huyện ủy Thủ Thừa."]
    c.recipients = ["Như trên;", "-Lưu: VT, TCCB.", "  "]
    report = build_report(store, c)
    assert report.addressees == ["Ban Dân vận Huyện ủy Thủ Thừa."]
    assert report.recipients == ["- Như trên;", "-Lưu: VT, TCCB."]
    md = render_markdown(report)
    assert "Kính gửi: Ban Dân vận Huyện ủy Thủ Thừa." in md and "- Lưu: VT, TCCB." in md


def test_intro_and_closing_as_written(store):
    c = replace(campaign(store), intro="Phòng báo cáo như sau:", closing="Trên đây là báo cáo./.")
    report = build_report(store, c)
    assert (report.intro, report.closing) == ("Phòng báo cáo như sau:", "Trên đây là báo cáo./.")


@pytest.mark.parametrize("typed, state, party", [
    ("KT.", "KT. TRƯỞNG PHÒNG", "K/T TRƯỞNG PHÒNG"),
    ("K/T", "KT. TRƯỞNG PHÒNG", "K/T TRƯỞNG PHÒNG"),
    ("tm", "TM. TRƯỞNG PHÒNG", "T/M TRƯỞNG PHÒNG"),
    ("TL.", "TL. TRƯỞNG PHÒNG", "T/L TRƯỞNG PHÒNG"),
    ("Q.", "Q. TRƯỞNG PHÒNG", "Q. TRƯỞNG PHÒNG"),
])
def test_signing_forms_per_layout(typed, state, party):
    c = Campaign(signer_prefix=typed, signer_head_title="TRƯỞNG PHÒNG", signer_title="PHÓ TRƯỞNG PHÒNG")
    assert signer_lines(c, party=False)[0] == state
    assert signer_lines(c, party=True)[0] == party


def test_number_lines():
    state, party = Profile(unit_code="PGDĐT"), Profile(unit_code="CB", layout="party")
    assert number_line(Campaign(report_number="12"), state) == "Số: 12/BC-PGDĐT"
    assert number_line(Campaign(report_number="12"), party) == "Số 12-BC/CB"
    assert number_line(Campaign(report_number="12-BC/CB"), party) == "Số 12-BC/CB"
    assert number_line(Campaign(), party) == "Số       -BC/CB"


def test_party_profile_reaches_the_report(store):
    store.set_profile(replace(store.profile(), layout="party", body_pt=15, unit_code="CB"))
    report = build_report(store, campaign(store))
    assert (report.layout, report.body_pt, report.number_line) == ("party", 15, "Số       -BC/CB")
    assert report.signer_lines[0] == "K/T TRƯỞNG PHÒNG"


@pytest.mark.parametrize("changes, field", [
    ({"body_pt": 15}, "body_pt"),  # 15 is a Party size only
    ({"layout": "memo"}, "layout"),
    ({"header_pt": 14}, "header_pt"),
    ({"heading_case": "lower"}, "heading_case"),
])
def test_bad_profile_values_are_one_clear_line(store, changes, field, monkeypatch):
    before = store.profile()
    with pytest.raises(ValidationError) as err:  # the store refuses to save it …
        store.set_profile(replace(before, **changes))
    assert err.value.field == field and "\n" not in str(err.value)
    assert store.profile() == before
    # … and a hand-edited file that holds it anyway stops the report with the same line.
    monkeypatch.setattr(store, "profile", lambda: replace(before, **changes))
    with pytest.raises(ValidationError) as err:
        build_report(store, campaign(store))
    assert err.value.field == field and "\n" not in str(err.value)


def test_hand_edited_wrong_types_are_one_clear_line(store):
    for changes in ({"placement": {"9": "after"}}, {"placement": {"1": "middle"}}, {"basis_lines": "x"},
                    {"headings": {"IV": "x"}}, {"period_end": "31/12/2020"}):
        with pytest.raises(DvkError) as err:
            build_report(store, replace(campaign(store), **changes))
        assert "\n" not in str(err.value)


def test_paragraph_blocks_hold_user_text_verbatim(store):
    c = campaign(store)
    c.section_texts = {"3": ["  # Không phải tiêu đề  "]}
    report = build_report(store, c)
    assert Paragraph("  # Không phải tiêu đề  ") in report.body
