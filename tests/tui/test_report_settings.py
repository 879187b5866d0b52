"""Báo cáo, the settings of issue 11: layout and sizes, reporting period, Kính gửi, part titles,
intro, placement — and the wording dvk generates (căn cứ, 1.1 figures), which the stored
wording overrides: the editors say so, Ctrl+R regenerates, and the preview follows."""
from __future__ import annotations

from textual.widgets import Select, TextArea

from db.models import Campaign, Document, Task
from exports.report import generated_bases
from tests.tui.conftest import SIZE
from tests.tui.keys import replace_field, type_text
from tui.screens.bases_dialog import BasesDialog
from tui.screens.confirm import ConfirmDialog
from tui.screens.part_dialog import PartDialog
from tui.screens.report import ReportScreen
from tui.widgets.form_field import TextAreaField


def campaign(app) -> Campaign:
    return next(c for c in app.store.campaigns() if c.year == 2020)


async def open_part(app, pilot, key: str) -> None:
    if not isinstance(app.screen, ReportScreen):
        await pilot.press("5")
        await pilot.pause()
    app.screen.show_part(key)
    await pilot.press("enter")
    await pilot.pause()


async def save_and_preview(app, pilot, *keys: str) -> str:
    """Ctrl+S (then any answers), wait for the preview to be rebuilt, return it."""
    await pilot.press("ctrl+s", *keys)
    await pilot.pause()
    assert isinstance(app.screen, ReportScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen.preview_markdown


def note(app, name: str) -> str:
    return str(app.screen.query_one(f"#field-{name}").note.render())


async def test_changed_figures_reach_the_preview_once_the_wording_is_regenerated(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_part(app, pilot, "stats")
        lines = app.screen.query_one("#field-stat_lines", TextAreaField)
        assert lines.value.startswith("Tổng số CBCC: 07 người.")  # the unit's own wording, as stored
        assert "THAY cho câu dvk tạo" in note(app, "stat_lines")
        await replace_field(pilot, "9")  # Tổng số CBCC
        preview = await save_and_preview(app, pilot, "n")  # asked; keep my wording
        assert campaign(app).stats["staff"] == 9 and campaign(app).stat_lines[0] == "Tổng số CBCC: 07 người."
        assert "Tổng số CBCC: 07 người." in preview

        await open_part(app, pilot, "stats")
        await pilot.press("ctrl+r")  # dvk's wording from the figures in the form
        lines = app.screen.query_one("#field-stat_lines", TextAreaField)
        assert lines.value.startswith("Tổng số CBCC: 09 người.")
        assert "Đúng câu dvk tạo" in note(app, "stat_lines")
        preview = await save_and_preview(app, pilot)
        assert campaign(app).stat_lines == []  # dvk's words are stored empty: they keep following
        assert "Tổng số CBCC: 09 người." in preview and "07 người" not in preview

        await open_part(app, pilot, "stats")
        assert app.screen.query_one("#field-stat_lines", TextAreaField).value == ""
        assert "chữ mờ" in note(app, "stat_lines")  # dvk's wording shown greyed while empty
        await replace_field(pilot, "12")
        preview = await save_and_preview(app, pilot)  # nothing to ask: the wording follows
        assert "Tổng số CBCC: 12 người." in preview


async def test_picked_bases_reach_the_preview_when_the_user_agrees(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_part(app, pilot, "bases")
        assert isinstance(app.screen, BasesDialog)
        assert "2 dòng căn cứ bạn đã viết" in str(app.screen.query_one("#bases-note").render())
        await pilot.press("slash")
        await type_text(pilot, "1746")
        await pilot.press("enter", "space", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # the stored wording would hide the new pick
        preview = await save_and_preview(app, pilot, "y")
        saved = campaign(app)
        assert saved.basis_lines == [] and len(saved.bases) == 3
        assert "1746/QĐ-PGDĐT" in preview.split("## I.")[0]  # cited among the căn cứ now
        assert app.store.undo().key  # one step: picks and wording together
        assert len(campaign(app).basis_lines) == 2 and len(campaign(app).bases) == 2


async def test_basis_wording_is_edited_reordered_and_regenerated(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_part(app, pilot, "basis_lines")
        area = app.screen.query_one(TextArea)
        stored = campaign(app).basis_lines
        assert area.text.splitlines() == stored
        assert "THAY cho câu dvk tạo" in note(app, "basis_lines")
        area.move_cursor((0, 0))
        await pilot.press("ctrl+down")  # the first căn cứ goes second
        assert area.text.splitlines() == [stored[1], stored[0]]
        preview = await save_and_preview(app, pilot)
        assert campaign(app).basis_lines == [stored[1], stored[0]]
        assert preview.index("2199-CV/HU") < preview.index("4094/KH-UBND")

        await open_part(app, pilot, "basis_lines")
        await pilot.press("ctrl+r")
        docs = {d.id: d for d in app.store.all(Document)}
        assert app.screen.query_one(TextArea).text.splitlines() == generated_bases(campaign(app), docs)
        preview = await save_and_preview(app, pilot)
        assert campaign(app).basis_lines == []
        assert f"*{generated_bases(campaign(app), docs)[0]}*" in preview


async def test_layout_bounds_the_body_size_and_changes_the_header(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_part(app, pilot, "layout")
        layout = app.screen.query_one("#input-layout", Select)
        body = app.screen.query_one("#input-body_pt", Select)
        layout.value = "party"
        await pilot.pause()
        assert app.screen.offered["body_pt"] == ["14", "15"] and body.value == "14"
        body.value = "15"
        await pilot.pause()
        preview = await save_and_preview(app, pilot)
        profile = app.store.profile()
        assert (profile.layout, profile.body_pt) == ("party", 15)
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in preview
        await open_part(app, pilot, "layout")
        app.screen.query_one("#input-layout", Select).value = "state"
        await pilot.pause()
        assert app.screen.query_one("#input-body_pt", Select).value == "14"  # 15 is too large for NĐ 30


async def test_period_addressees_titles_intro_and_placement_show_in_the_preview(app):
    section_1 = next(t.result for t in app.store.all(Task)
                     if t.section == 1 and t.status == "done" and t.result.strip())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.preview_period.startswith("Kỳ báo cáo 15/12/2019 - 14/12/2020 (mặc định")

        await open_part(app, pilot, "period")
        assert app.screen.query_one("#input-period_start").placeholder == "15/12/2019"
        await replace_field(pilot, "01/01/2021")  # after the end: refused on its field
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PartDialog) and "sau ngày kết thúc" in note(app, "period_start")
        await replace_field(pilot, "01/01/2020")
        await save_and_preview(app, pilot)
        assert campaign(app).period_start == "2020-01-01"
        assert app.screen.preview_period.startswith("Kỳ báo cáo 01/01/2020 - 14/12/2020 (phong trào tự đặt)")

        await open_part(app, pilot, "addressees")
        await type_text(pilot, "Ban Dân vận Huyện ủy Thủ Thừa.")
        preview = await save_and_preview(app, pilot)
        assert "Kính gửi" in preview and "Ban Dân vận Huyện ủy Thủ Thừa." in preview

        await open_part(app, pilot, "headings")
        assert app.screen.query_one("#input-headings-III").placeholder == "Đánh giá chung:"
        app.screen.query_one("#input-headings-III").focus()
        await type_text(pilot, "Đánh giá chung và kiến nghị:")
        preview = await save_and_preview(app, pilot)
        assert campaign(app).headings == {"III": "Đánh giá chung và kiến nghị:"}
        assert "## III. Đánh giá chung và kiến nghị:" in preview

        await open_part(app, pilot, "opening")
        await type_text(pilot, "Phòng Giáo dục và Đào tạo báo cáo kết quả năm 2020 như sau:")
        preview = await save_and_preview(app, pilot)
        assert "Phòng Giáo dục và Đào tạo báo cáo kết quả năm 2020 như sau:" in preview
        assert campaign(app).closing == ""  # the closing left greyed: dvk's, not stored

        narrative = campaign(app).section_texts["1"][0]

        def in_section_1(text: str) -> int:
            return preview.index(text[:40], preview.index("### 1. "))

        assert in_section_1(narrative) < in_section_1(section_1)  # dvk's results after the text, by default
        await open_part(app, pilot, "section.1")
        app.screen.query_one("#input-placement-1", Select).value = "before"
        await pilot.pause()
        preview = await save_and_preview(app, pilot)
        assert campaign(app).placement == {"1": "before"}
        assert in_section_1(section_1) < in_section_1(narrative)
        await open_part(app, pilot, "section.1")
        app.screen.query_one("#input-placement-1", Select).value = "after"  # the default: not stored
        await pilot.pause()
        await save_and_preview(app, pilot)
        assert campaign(app).placement == {}
