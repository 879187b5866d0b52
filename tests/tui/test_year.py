"""A whole year in dvk, from an empty data file to the exported report, with the keyboard only.

This is the walkthrough in the README ("Một năm với dvk"), pressed key by key:
create the campaign and the unit profile, register three documents, give them
tasks, finish two with their results, register a model, write the narrative,
pick the legal bases, export Markdown and PDF. The Markdown must equal
tests/tui/golden/year-2026.md; to regenerate it after a deliberate change,
delete the file, run this test (it writes a new one), read the diff, commit.
"""
from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from db.models import Document, DvkModel, Task
from tests.helpers import TODAY
from tests.tui.keys import type_text
from tui.app import make_app
from tui.screens.bases_dialog import BasesDialog
from tui.screens.document_dialog import DocumentDialog
from tui.screens.part_dialog import PartDialog
from tui.screens.report import ReportScreen
from tui.screens.task_dialog import TaskDialog

GOLDEN = Path(__file__).parent / "golden" / "year-2026.md"
SIZE = (120, 40)


async def keys(pilot, *items: str) -> None:
    """Press keys; an item longer than one character that is not a key name is typed."""
    for item in items:
        if len(item) > 1 and not item.islower() or " " in item or "/" in item:
            await type_text(pilot, item)
        else:
            await pilot.press(item)
    await pilot.pause()


async def add_document(app, pilot, number: str, date: str, issuer: str, summary: str, out: bool = False) -> None:
    await keys(pilot, "a")
    assert isinstance(app.screen, DocumentDialog)
    await type_text(pilot, number)
    await pilot.press("enter")
    await type_text(pilot, date)
    await pilot.press("enter", "enter")  # type: read from the number
    await type_text(pilot, issuer)
    await pilot.press("enter")
    await type_text(pilot, summary)
    if out:
        await pilot.press("enter", "enter", "down", "enter")  # direction: đi
    await keys(pilot, "ctrl+s")
    assert not isinstance(app.screen, DocumentDialog), "the document was not saved"


async def choose_section(pilot, number: int) -> None:
    """On the task dialog's report-section list: open it, go down to section `number`, pick it."""
    await pilot.press("enter", *["down"] * number, "enter")


async def write_part(app, pilot, downs: int, *lines: str) -> None:
    """From the highlighted part of the outline, go down `downs` parts, open it and write."""
    await pilot.press(*["down"] * downs, "enter")
    await pilot.pause()
    assert isinstance(app.screen, PartDialog)
    for index, line in enumerate(lines):
        if index:
            await pilot.press("enter")
        await type_text(pilot, line)
    await keys(pilot, "ctrl+s")
    assert isinstance(app.screen, ReportScreen), "the part was not saved"


async def test_a_year_from_an_empty_file(tmp_path: Path):
    out = tmp_path / "Tài liệu"
    out.mkdir()
    app = make_app(tmp_path / "dvk.json", today=TODAY, export_dir=out)
    async with app.run_test(size=SIZE) as pilot:
        # --- the campaign and the unit (Báo cáo: n, u)
        await keys(pilot, "5", "n", "ctrl+s")
        await keys(pilot, "u")
        for value in ("UBND HUYỆN THỦ THỪA", "Phòng Giáo dục và Đào tạo", "Phòng GD&ĐT", "PGDĐT", "Thủ Thừa"):
            await type_text(pilot, value)
            await pilot.press("enter")
        await keys(pilot, "ctrl+s")
        assert app.store.profile().unit_code == "PGDĐT"

        # --- three documents (Văn bản: a)
        await keys(pilot, "2")
        await add_document(app, pilot, "4094/KH-UBND", "10/7/2026", "Ủy ban nhân dân huyện Thủ Thừa",
                           "Kế hoạch thực hiện “Năm dân vận khéo” năm 2026")
        await add_document(app, pilot, "2199-CV/HU", "15/5/2026", "Huyện ủy Thủ Thừa",
                           "Về việc sao gửi Hướng dẫn 06-HD/BDVTU")
        await add_document(app, pilot, "617/KH-PGDĐT", "25/5/2026", "",
                           "Thực hiện “Năm dân vận khéo” năm 2026", out=True)
        assert len(app.store.all(Document)) == 3

        # --- tasks linked to them: `t` on a document, `a` with the number typed
        await keys(pilot, "slash", "4094", "enter", "t")
        assert isinstance(app.screen, TaskDialog)
        await type_text(pilot, "Quán triệt kế hoạch đến toàn thể cán bộ")
        await pilot.press("enter", "enter")
        await type_text(pilot, "30/7/2026")
        await pilot.press("enter")
        await type_text(pilot, "Văn phòng")
        await pilot.press("enter")
        await choose_section(pilot, 1)
        await keys(pilot, "ctrl+s")
        await keys(pilot, "3", "a")
        await type_text(pilot, "Tổ chức tiếp công dân định kỳ")
        await pilot.press("enter")
        await type_text(pilot, "617")
        await pilot.press("enter")
        await type_text(pilot, "30/9/2026")
        await pilot.press("enter", "enter")
        await choose_section(pilot, 6)
        await keys(pilot, "ctrl+s")
        await keys(pilot, "a")
        await type_text(pilot, "Báo cáo tháng 12")
        await pilot.press("enter")
        await type_text(pilot, "2199")
        await pilot.press("enter")
        await type_text(pilot, "15/12/2026")
        await keys(pilot, "ctrl+s")
        tasks = {t.title: t for t in app.store.all(Task)}
        by_number = {d.canonical: d.id for d in app.store.all(Document)}
        assert tasks["Quán triệt kế hoạch đến toàn thể cán bộ"].source_doc == by_number["4094/KH-UBND"]
        assert tasks["Tổ chức tiếp công dân định kỳ"].source_doc == by_number["617/KH-PGDĐT"]
        assert tasks["Báo cáo tháng 12"].source_doc == by_number["2199-CV/HU"]

        # --- two finished, with their results (x twice: cần làm → đang làm → xong; r)
        await keys(pilot, "home")  # the list: overdue first — both finished tasks are late
        for result in ("Đã quán triệt đến 100% cán bộ, công chức.", "Tiếp 12 lượt công dân, giải quyết dứt điểm."):
            await keys(pilot, "x", "x", "r")
            await type_text(pilot, result)
            await keys(pilot, "ctrl+s", "home")
        done = sorted(t.result for t in app.store.all(Task) if t.status == "done")
        assert done == ["Tiếp 12 lượt công dân, giải quyết dứt điểm.", "Đã quán triệt đến 100% cán bộ, công chức."]

        # --- a model (Mô hình: a, then s for its status)
        await keys(pilot, "4", "a")
        await type_text(pilot, "Phụ huynh đồng hành cùng nhà trường")
        await pilot.press("enter")
        await type_text(pilot, "TH Nhị Thành")
        await keys(pilot, "ctrl+s", "s", "down", "enter")
        model = app.store.all(DvkModel)[0]
        assert (model.year, model.status) == (2026, "achieved")

        # --- the report: number and date, bases, figures, narrative, signer, recipients (Báo cáo)
        await keys(pilot, "5", "home")
        await pilot.press("down", "down", "enter", "enter")  # Số, ngày (after the layout): name kept, then the number
        await type_text(pilot, "15")
        await pilot.press("enter", "ctrl+a", "ctrl+k")
        await type_text(pilot, "/12/2026")
        await keys(pilot, "ctrl+s")
        await keys(pilot, "down", "down", "down", "enter")  # past Kỳ báo cáo and Kính gửi (dvk's defaults)
        assert isinstance(app.screen, BasesDialog)
        await keys(pilot, "space", "down", "down", "space", "ctrl+s")  # 4094 (newest first), then 2199
        await write_part(app, pilot, 4, "7", "6", "6", "32")  # past the căn cứ wording, intro, part titles
        await write_part(app, pilot, 1, "Cán bộ đoàn kết, tích cực học tập và rèn luyện.")
        await write_part(app, pilot, 1, "Địa bàn rộng, một số trường ở xa trung tâm.")
        await write_part(app, pilot, 1, "Phòng đã quán triệt Kế hoạch 4094/KH-UBND đến toàn thể cán bộ.")
        await write_part(app, pilot, 7, "Hoàn thành tốt các chỉ tiêu “Năm dân vận khéo” năm 2026.")
        await pilot.press("down", "enter", "tab", "tab", "tab")  # Người ký: to the name
        await type_text(pilot, "Nguyễn Văn A")
        await keys(pilot, "ctrl+s")
        await write_part(app, pilot, 1, "UBND huyện (b/c);", "Lưu: VT.")
        outline = app.screen.query_one("#outline", OptionList)
        filled = {part.key for index, part in enumerate(app.screen.parts)
                  if str(outline.get_option_at_index(index).prompt).startswith("●")}
        assert filled == {"profile", "header", "bases", "stats", "advantages", "difficulties", "section.1",
                          "section.6", "assessment", "signer", "recipients",
                          # dvk's defaults until the unit writes its own
                          "layout", "period", "basis_lines", "opening", "headings"}

        # --- export: Markdown and PDF, into the folder proposed
        await keys(pilot, "m", "enter")
        await app.workers.wait_for_complete()
        await keys(pilot, "p", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()

    markdown = (out / "bao-cao-2026.md").read_text(encoding="utf-8")
    assert (out / "bao-cao-2026.pdf").read_bytes().startswith(b"%PDF")
    assert "Số: 15/BC-PGDĐT" in markdown and "Căn cứ Kế hoạch số 4094/KH-UBND ngày 10/7/2026" in markdown
    if not GOLDEN.exists():  # first run writes it: read it, then commit it
        GOLDEN.write_text(markdown, encoding="utf-8")
    assert markdown == GOLDEN.read_text(encoding="utf-8")
