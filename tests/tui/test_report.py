"""Báo cáo: every editor of the report saves what was typed, the preview follows, exports ask where."""
from __future__ import annotations

from dataclasses import replace

from pathlib import Path

import pytest
from textual.widgets import TextArea

from db.models import Campaign
from tests.helpers import TODAY
from tests.tui.conftest import SIZE
from tests.tui.keys import record_toasts, replace_field, type_text
from tui.app import default_export_dir, make_app
from tui.screens.bases_dialog import BasesDialog
from tui.screens.campaign_dialog import CampaignDialog
from tui.screens.confirm import ConfirmDialog
from tui.screens.part_dialog import PartDialog
from tui.screens.path_dialog import PathDialog
from tui.screens.report import ReportScreen
from tui.widgets.form_field import FormField


def campaign(app, year: int = 2020) -> Campaign:
    return next(c for c in app.store.campaigns() if c.year == year)


def preview(app) -> str:
    return app.screen.preview_markdown


async def open_part(app, pilot, key: str) -> None:
    if not isinstance(app.screen, ReportScreen):
        await pilot.press("5")
        await pilot.pause()
    app.screen.show_part(key)
    await pilot.press("enter")
    await pilot.pause()


async def test_new_campaign_from_the_report_screen(tmp_path):
    app = make_app(tmp_path / "new.json", today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "n")
        await pilot.pause()
        assert isinstance(app.screen, CampaignDialog)
        assert app.screen.query_one("#input-year").value == "2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert [(c.year, c.name) for c in app.store.campaigns()] == [(2026, "Năm dân vận khéo")]
        assert "Năm dân vận khéo 2026" in str(app.screen.query_one("#report-title").render())
        await pilot.press("n", "ctrl+s")  # the same campaign again: refused on the field, nothing added
        await pilot.pause()
        assert isinstance(app.screen, CampaignDialog)
        assert "Đã có phong trào" in str(app.screen.query_one("#form-error").render())
        assert len(app.store.campaigns()) == 1


async def test_unit_profile(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "u")
        await pilot.pause()
        assert isinstance(app.screen, PartDialog)
        await replace_field(pilot, "UBND HUYỆN BẾN LỨC")
        await pilot.press("enter")
        await replace_field(pilot, "Phòng Nội vụ")
        await pilot.press("enter")
        await replace_field(pilot, "Phòng NV")
        await pilot.press("enter")
        await replace_field(pilot, "PNV")
        await pilot.press("enter")
        await replace_field(pilot, "Bến Lức")
        await pilot.press("ctrl+s")
        await pilot.pause()
        profile = app.store.profile()
        assert (profile.parent_body, profile.unit_name, profile.unit_short, profile.unit_code, profile.place) == (
            "UBND HUYỆN BẾN LỨC", "Phòng Nội vụ", "Phòng NV", "PNV", "Bến Lức")
        await pilot.pause(0.3)
        assert "BC-PNV" in preview(app) and "Bến Lức" in preview(app)


def generated_lines(app) -> None:
    """A unit that has not reworded the căn cứ or the figures: the report builds them from the data."""
    app.store.save(replace(campaign(app), basis_lines=[], stat_lines=[]))


async def test_statistics_refuse_words_and_save_numbers(app):
    generated_lines(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_part(app, pilot, "stats")
        await replace_field(pilot, "bảy")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PartDialog)
        assert "số nguyên" in str(app.screen.query_one("#field-stats-staff", FormField).note.render())
        await replace_field(pilot, "9")
        await pilot.press("enter")
        await replace_field(pilot, "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        stats = campaign(app).stats
        assert stats["staff"] == 9 and "party_members" not in stats
        await pilot.pause(0.3)
        assert "Tổng số CBCC: 09 người." in preview(app)


async def test_number_and_date_take_a_partial_date(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_part(app, pilot, "header")
        await pilot.press("enter")
        await replace_field(pilot, "215")
        await pilot.press("enter")
        await replace_field(pilot, "31/02/2020")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "không tồn tại" in str(app.screen.query_one("#field-report_date", FormField).note.render())
        await replace_field(pilot, "/12/2020")
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = campaign(app)
        assert (saved.report_number, saved.report_date) == ("215", "/12/2020")


async def test_signer_and_recipients(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_part(app, pilot, "signer")
        await pilot.press("enter", "down", "enter")  # the list of prefixes: KT. → TM.
        await pilot.pause()
        await pilot.press("tab", "tab", "tab")
        await replace_field(pilot, "Nguyễn Văn A")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (campaign(app).signer_prefix, campaign(app).signer_name) == ("TM.", "Nguyễn Văn A")
        await open_part(app, pilot, "recipients")
        area = app.screen.query_one(TextArea)
        assert area.text.startswith("UBND huyện")
        await pilot.press("f7")  # TextArea: select all, typing replaces it
        await type_text(pilot, "Sở GD&ĐT (b/c);")
        await pilot.press("enter")
        await type_text(pilot, "Lưu: VT.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert campaign(app).recipients == ["Sở GD&ĐT (b/c);", "Lưu: VT."]


async def test_narrative_paragraphs_in_a_text_area(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_part(app, pilot, "section.3")
        assert isinstance(app.screen, PartDialog)
        await pilot.press("enter", "enter")
        await type_text(pilot, "Tổ chức học tập đạo đức công vụ.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        paragraphs = campaign(app).section_texts["3"]
        assert paragraphs[-1] == "Tổ chức học tập đạo đức công vụ." and len(paragraphs) == 2
        await pilot.pause(0.3)
        assert "Tổ chức học tập đạo đức công vụ." in preview(app)
        outline = app.screen.query_one("#outline")
        assert "2 đoạn" in str(outline.get_option_at_index(outline.highlighted).prompt)


async def test_legal_bases_picked_and_ordered(app):
    generated_lines(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_part(app, pilot, "bases")
        assert isinstance(app.screen, BasesDialog)
        await pilot.press("slash")  # from the list up to the filter box
        assert app.focused is app.screen.query_one("#bases-filter")
        await type_text(pilot, "1746")
        await pilot.press("enter", "space")  # tick the one match: it becomes the third basis
        await pilot.pause()
        await pilot.press("slash", "ctrl+a", "ctrl+k", "enter")  # clear the filter: ticked ones lead, in order
        await pilot.press("down", "down")
        await pilot.press("ctrl+up", "ctrl+up")  # cite it first
        await pilot.press("ctrl+s")
        await pilot.pause()
        by_id = {d.id: d.canonical for d in app.store.documents()}
        numbers = [by_id[i] for i in campaign(app).bases]
        assert numbers == ["1746/QĐ-PGDĐT", "4094/KH-UBND", "2199-CV/HU"]
        await pilot.pause(0.3)
        assert preview(app).index("1746/QĐ-PGDĐT") < preview(app).index("4094/KH-UBND")


async def test_export_asks_where_and_before_overwriting(app, tmp_path: Path):
    app.export_dir = tmp_path
    target = tmp_path / "bao-cao-2020.md"
    async with app.run_test(size=SIZE) as pilot:
        said = record_toasts(app)
        await pilot.press("5", "m")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        assert app.screen.query_one(FormField).value == str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.read_text(encoding="utf-8").startswith("UBND HUYỆN THỦ THỪA")
        assert said[-1] == f"Đã xuất báo cáo ra {target}"
        target.write_text("bản cũ", encoding="utf-8")
        await pilot.press("m", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "bản cũ"  # kept: the answer was no
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("m")
        await replace_field(pilot, str(tmp_path / "không-có" / "x.md"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        assert "Thư mục không tồn tại" in str(app.screen.query_one(FormField).note.render())


def test_default_export_folder_is_documents_or_the_current_folder(tmp_path, monkeypatch):
    import platformdirs

    documents = tmp_path / "Tài liệu"
    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: documents)
    monkeypatch.chdir(tmp_path)
    assert default_export_dir() == tmp_path  # no Documents folder: where dvk was started
    documents.mkdir()
    assert default_export_dir() == documents
    assert not any(part.startswith(".") for part in default_export_dir().parts[1:])


@pytest.mark.parametrize("fmt", ["pdf"])
async def test_export_runs_in_a_worker_with_progress(app, tmp_path: Path, fmt: str):
    app.export_dir = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        said = record_toasts(app)
        await pilot.press("5")
        await pilot.pause()
        screen = app.screen
        steps: list[float] = []
        shown = screen._progress
        screen._progress = lambda done: (steps.append(done), shown(done))
        await pilot.press("p", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert said[-2:] == ["Đang xuất PDF …", f"Đã xuất báo cáo ra {tmp_path / 'bao-cao-2020.pdf'}"]
        assert steps and steps[-1] == 1.0 and steps == sorted(steps)  # the bar moved as the PDF was made
        assert not screen.query_one("#export-progress").has_class("-running")  # and is gone once done
        assert (tmp_path / "bao-cao-2020.pdf").read_bytes().startswith(b"%PDF")
