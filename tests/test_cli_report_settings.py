"""`dvk profile` and `dvk campaign` for the report's own settings (issue 11):
layout, sizes, part titles, căn cứ lines kept or regenerated, placement of
generated text, Kính gửi, the reporting period. Bad values: one line, exit 1,
nothing saved.

Run in-process (typer's CliRunner) to keep the suite fast; tests/test_cli.py
runs the real `dvk` process, including how an error reaches stderr.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from db.errors import DvkError
from tui.cli import app


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def dvk(*args, db: Path) -> Done:
    """`dvk --db DB ARGS…` as main() runs it: a DvkError is one line on stderr, exit 1."""
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    if isinstance(result.exception, DvkError):
        return Done(1, result.stdout, f"dvk: {result.exception}\n")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Done(result.exit_code, result.stdout, "")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    path = tmp_path_factory.mktemp("settings") / "r.json"
    done = dvk("demo", "--no-open", db=path)
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture
def db(pristine, tmp_path):
    """A fresh copy of the demo data for a test that changes it."""
    return Path(shutil.copy(pristine, tmp_path / "r.json"))


def _campaign(db) -> dict:
    return json.loads(dvk("campaign", "list", "--json", db=db).stdout)[0]


def _profile(db) -> dict:
    return json.loads(dvk("profile", "--json", db=db).stdout)


def test_profile_layout_sizes_and_heading_case(db):
    out = dvk("profile", "--layout", "party", "--body-size", "15", "--headings", "upper", db=db)
    assert out.returncode == 0, out.stderr
    profile = _profile(db)
    assert (profile["layout"], profile["body_pt"], profile["heading_case"]) == ("party", 15, "upper")
    # Back to the state layout: 15 is not a state size, so the body size follows to 14.
    assert dvk("profile", "--layout", "state", db=db).returncode == 0
    assert _profile(db)["body_pt"] == 14
    report = dvk("report", "2020", db=db).stdout
    assert "## I. ĐẶC ĐIỂM TÌNH HÌNH CỦA CƠ QUAN." in report


@pytest.mark.parametrize("args, message", [
    (["--body-size", "16"], "Cỡ chữ nội dung 16 nằm ngoài khoảng 13–14"),
    (["--header-size", "14"], "Cỡ chữ Quốc hiệu và tên cơ quan 14 không hợp lệ"),
    (["--layout", "memo"], "Thể thức «memo» không có"),
    (["--headings", "lower"], "Cách viết tiêu đề phần «lower» không có"),
])
def test_bad_profile_values_are_refused(pristine, args, message):
    before = pristine.read_bytes()
    out = dvk("profile", *args, db=pristine)
    assert out.returncode == 1 and message in out.stderr and "Traceback" not in out.stderr
    assert pristine.read_bytes() == before


def test_bases_shown_edited_reordered_and_regenerated(db, tmp_path):
    shown = dvk("campaign", "text", "2020", "can-cu", db=db).stdout.splitlines()
    assert shown[0].startswith("Căn cứ Kế hoạch 4094/KH-UBND")  # the unit's own wording
    edited = tmp_path / "can-cu.txt"
    edited.write_text("\n".join(reversed(shown)) + "\n", encoding="utf-8")
    assert dvk("campaign", "text", "2020", "can-cu", str(edited), db=db).returncode == 0
    assert _campaign(db)["basis_lines"] == list(reversed(shown))
    out = dvk("campaign", "text", "2020", "can-cu", "--regenerate", db=db)
    assert out.returncode == 0 and "2 dòng" in out.stdout
    generated = [
        "Căn cứ Kế hoạch số 4094/KH-UBND ngày 10/7/2020 của Ủy ban nhân dân huyện Thủ Thừa về thực hiện “Năm dân vận khéo” năm 2020;",
        "Căn cứ Công văn số 2199-CV/HU ngày 15/5/2020 của Huyện ủy Thủ Thừa về việc sao gửi Hướng dẫn 06-HD/BDVTU.",
    ]
    assert dvk("campaign", "text", "2020", "can-cu", db=db).stdout.splitlines() == generated
    # dvk's wording is not frozen (as Ctrl+R in the app): a basis added later reaches the report
    assert _campaign(db)["basis_lines"] == []
    assert dvk("campaign", "set", "2020", "--basis", "69-KH/TU", db=db).returncode == 0  # the bases: 69-KH/TU only
    assert dvk("campaign", "text", "2020", "can-cu", db=db).stdout.startswith("Căn cứ Kế hoạch số 69-KH/TU ngày 13/8/2018")
    # the generated lines saved back unchanged are dvk's wording too, not the unit's
    again = tmp_path / "same.txt"
    again.write_text(dvk("campaign", "text", "2020", "can-cu", db=db).stdout, encoding="utf-8")
    assert dvk("campaign", "text", "2020", "can-cu", str(again), db=db).returncode == 0
    assert _campaign(db)["basis_lines"] == []


def test_regenerate_only_what_dvk_can_write(pristine):
    out = dvk("campaign", "text", "2020", "thuan-loi", "--regenerate", db=pristine)
    assert out.returncode == 1 and "can-cu" in out.stderr


def test_placement_headings_addressees_and_period(db):
    out = dvk("campaign", "set", "2020", "--placement", "2=before", "--heading", "III=Đánh giá chung và kiến nghị",
              "--addressee", "Ban Dân vận Huyện ủy Thủ Thừa.", "--period-start", "01/01/2020",
              "--period-end", "31/12/2020", db=db)
    assert out.returncode == 0, out.stderr
    c = _campaign(db)
    assert c["placement"] == {"2": "before"} and c["headings"] == {"III": "Đánh giá chung và kiến nghị"}
    assert (c["period_start"], c["period_end"]) == ("2020-01-01", "2020-12-31")
    assert c["addressees"] == ["Ban Dân vận Huyện ủy Thủ Thừa."]
    report = dvk("report", "2020", db=db).stdout
    assert "Kính gửi: Ban Dân vận Huyện ủy Thủ Thừa." in report and "## III. Đánh giá chung và kiến nghị" in report
    # "" puts the default back
    assert dvk("campaign", "set", "2020", "--period-start", "", "--heading", "III=", db=db).returncode == 0
    c = _campaign(db)
    assert c["period_start"] == "" and c["headings"] == {}


@pytest.mark.parametrize("args, message", [
    (["--placement", "7=middle"], "Vị trí «middle» không có"),
    (["--placement", "99=off"], "Mục 99 không có"),
    (["--placement", "off"], "Cần dạng KHÓA=GIÁ TRỊ"),
    (["--heading", "IV=Kiến nghị"], "Tiêu đề «IV» không có"),
    (["--period-start", "01/01/2021"], "Kỳ báo cáo bắt đầu 01/01/2021 sau ngày kết thúc 14/12/2020"),
    (["--period-end", "31/02/2020"], "31/02/2020 không tồn tại"),
])
def test_bad_campaign_values_are_refused(pristine, args, message):
    before = pristine.read_bytes()
    out = dvk("campaign", "set", "2020", *args, db=pristine)
    assert out.returncode == 1 and message in out.stderr and "Traceback" not in out.stderr
    assert pristine.read_bytes() == before


def test_intro_closing_and_statistics_lines(db, tmp_path):
    assert dvk("campaign", "set", "2020", "--intro", "Phòng báo cáo như sau:", db=db).returncode == 0
    stats = tmp_path / "tk.txt"
    stats.write_text("Tổng số CBCC: 08 người.\n\nTổng số trường: 31 trường.\n", encoding="utf-8")
    assert dvk("campaign", "text", "2020", "tinh-hinh", str(stats), db=db).returncode == 0
    report = dvk("report", "2020", db=db).stdout
    assert "Phòng báo cáo như sau:" in report
    assert "- Tổng số CBCC: 08 người.\n- Tổng số trường: 31 trường.\n" in report
    assert dvk("campaign", "text", "2020", "ket-thuc", db=db).stdout.strip().endswith("./.")
