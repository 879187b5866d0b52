"""Every key the app offers, on every section and in every dialog, pressed once: nothing may crash.

The crash this guards against (issue 9): `a`, `e` or Enter on Nhiệm vụ opened a
dialog that ended the app. No test had ever opened it. Here the keys are not
listed by hand: they are read from what Textual says is active (the footer's
keys and the hidden ones) at each focus stop, so a key added tomorrow is
pressed tomorrow. Each dialog a key opens gets the same treatment, then Esc.

Keys that edit text inside an Input or TextArea are Textual's own and left out;
`q` (quit) and Tab/Shift+Tab (how the walk moves between focus stops) are
pressed elsewhere.
"""
from __future__ import annotations

from pathlib import Path
from typing import Awaitable, Callable

import pytest
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, TextArea

from tests.helpers import TODAY
from tests.tui.conftest import SIZE
from tui.app import DvkApp, make_app
from tui.screens.base import SectionScreen

SKIPPED_KEYS = {"q", "ctrl+q", "ctrl+c", "tab", "shift+tab"}
TEXTUAL_KEYS_WE_HANDLE = {"enter", "space", "up", "down", "escape"}
MAX_STOPS = 12
MAX_DEPTH = 2  # a dialog, and a dialog that dialog opens (e.g. "replace this file?")
Reopen = Callable[[], Awaitable[bool]]
# Dialogs whose keys this test process has walked: the next test that opens one (the opening key is
# what that test checks) just cancels it. Every dialog is still walked in whichever test meets it first.
WALKED: set[str] = set()


class Walk:
    def __init__(self, pilot, app: DvkApp, section: str) -> None:
        self.pilot = pilot
        self.app = app
        self.section = section
        self.pressed: set[tuple[str, str, str]] = set()
        self.dialogs: set[str] = set()

    # ------------------------------------------------------------------ helpers
    def offered(self) -> list[tuple[str, str]]:
        """(key, class that binds it): every key our classes and the app bind, every key the footer
        shows, and the keys of Textual's own widgets that reach our code (Enter selects a row,
        Space ticks, ↑/↓ move the highlight the detail pane follows). Left out: editing keys of
        text boxes, and Textual's scrolling (Home, End, PgUp…) which only moves a viewport."""
        keys = []
        for key, active in self.app.screen.active_bindings.items():
            node = active.node
            if key in SKIPPED_KEYS or isinstance(node, (Input, TextArea)):
                continue
            ours = bool(active.binding.id) or node is self.app  # every binding of ours has an id
            if ours or active.binding.show or key in TEXTUAL_KEYS_WE_HANDLE:
                keys.append((key, type(node).__name__))
        return keys

    def signature(self, key: str, owner: str) -> tuple[str, str, str]:
        """A key is pressed once per screen and per class that binds it (a screen key is the same
        key whichever row has the focus; a table's Enter is not a list's Enter)."""
        return type(self.app.screen).__name__, owner, key

    def check_alive(self, what: str) -> None:
        assert self.app.return_code is None, f"the app ended after {what}"

    async def press(self, key: str, where: str) -> None:
        await self.pilot.press(key)  # waits until the screen has handled it
        self.check_alive(f"{key!r} on {where}")

    async def back_to(self, screen) -> None:
        """Esc until `screen` is on top again (closing what the key opened)."""
        for _ in range(6):
            if self.app.screen is screen:
                return
            if isinstance(screen, ModalScreen) and not screen.is_attached:
                return  # answering what the key opened closed this dialog too: the caller reopens it
            if isinstance(self.app.screen, SectionScreen) and not isinstance(screen, ModalScreen):
                await self.pilot.press(self.section)  # a key switched sections: come back
            else:
                await self.pilot.press("escape")
            self.check_alive("Esc")
        assert self.app.screen is screen, f"could not get back to {screen} from {self.app.screen}"

    # ------------------------------------------------------------------ the walk
    async def walk(self, depth: int = 0, reopen: Reopen | None = None) -> None:
        """Press every offered key at every focus stop of the screen on top.

        `reopen` opens this screen again when one of its keys closed it (Ctrl+S saved, Esc cancelled),
        so the keys after that one are pressed too.
        """
        screen = self.app.screen
        where = type(screen).__name__
        visited: list[object] = []
        for _stop in range(MAX_STOPS):
            focused = self.app.focused
            if focused in visited:
                break
            visited.append(focused)
            for key, owner in self.offered():
                signature = self.signature(key, owner)
                if signature in self.pressed:
                    continue
                self.pressed.add(signature)
                below = list(self.app.screen_stack)
                await self.press(key, f"{where} ({owner})")
                opened = self.app.screen
                # a dialog that closed shows the one under it: that one was not opened by the key
                new = opened is not screen and opened not in below
                if new and isinstance(opened, ModalScreen) and depth < MAX_DEPTH:
                    self.dialogs.add(type(opened).__name__)
                    if type(opened).__name__ not in WALKED:
                        await self.walk(depth + 1, reopen=self._opener(screen, focused, key))
                        WALKED.add(type(opened).__name__)
                if screen.is_attached:
                    await self.back_to(screen)
                if not screen.is_attached:  # the key closed this dialog (saved or cancelled): open it again
                    if reopen is None or not await reopen():
                        return
                    screen = self.app.screen
                    focused = self.app.focused
                await self._refocus(focused)
            await self.pilot.press("tab")

    def _opener(self, screen, focused, key: str) -> Reopen:
        async def reopen() -> bool:
            if screen not in self.app.screen_stack:
                return False  # answering this dialog closed the one under it too (a yes that saves)
            if self.app.screen is not screen:
                await self.back_to(screen)
            await self._refocus(focused)
            before = self.app.screen
            await self.press(key, f"{type(screen).__name__} (reopening)")
            return self.app.screen is not before and isinstance(self.app.screen, ModalScreen)
        return reopen

    async def _refocus(self, widget) -> None:
        if widget is not None and widget.is_attached and self.app.focused is not widget:
            widget.focus()
            await self.pilot.pause()


@pytest.mark.parametrize("section", ["1", "2", "3", "4"])
async def test_every_key_on_a_section(data_file: Path, tmp_path: Path, section: str):
    app = make_app(data_file, today=TODAY, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(section)
        await pilot.pause()
        walk = Walk(pilot, app, section)
        await walk.walk()
        assert isinstance(app.screen, SectionScreen) and app.screen.SECTION == walk_section_name(section)
        assert walk.pressed, "no key was offered at all"
        if section in "234":
            # the list sections open their add/edit dialog, a delete question and help
            assert {"ConfirmDialog", "HelpScreen"} <= walk.dialogs
            assert walk.dialogs & {"DocumentDialog", "TaskDialog", "ModelDialog"}


async def test_every_key_in_every_report_part(data_file: Path, tmp_path: Path):
    """Báo cáo: each part of the outline opens its own editor; every key there, then Esc."""
    app = make_app(data_file, today=TODAY, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        walk = Walk(pilot, app, "5")
        await walk.walk()
        report = app.screen
        outline = report.query_one("#outline", OptionList)
        shapes = set()
        for index, part in enumerate(report.parts):
            outline.highlighted = index
            outline.focus()
            await pilot.press("enter")
            await pilot.pause()
            walk.check_alive(f"Enter on part {part.key}")
            assert isinstance(app.screen, ModalScreen), f"part {part.key} opened no editor"
            walk.dialogs.add(type(app.screen).__name__)
            shape = (part.editor, tuple(spec.kind for spec in part.fields))  # the seven sections share one
            if shape not in shapes:
                shapes.add(shape)
                await walk.walk(depth=1, reopen=part_opener(pilot, app, report, index))
            await walk.back_to(report)
        assert {"PartDialog", "BasesDialog", "CampaignDialog", "PathDialog", "HelpScreen"} <= walk.dialogs


def part_opener(pilot, app: DvkApp, report, index: int) -> Reopen:
    async def reopen() -> bool:
        outline = report.query_one("#outline", OptionList)
        outline.highlighted = index
        outline.focus()
        await pilot.press("enter")
        await pilot.pause()
        return isinstance(app.screen, ModalScreen)
    return reopen


async def test_q_quits(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "q")
        await pilot.pause()
    assert app.return_code == 0


def walk_section_name(number: str) -> str:
    return ("dashboard", "documents", "tasks", "models", "report")[int(number) - 1]


class WorkerWalk(Walk):
    """Waits for the workers a key starts (reading, importing) before the next key."""

    async def press(self, key: str, where: str) -> None:
        await super().press(key, where)
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()


async def test_every_key_in_the_register_dialogs(data_file: Path, tmp_path: Path):
    """Dialogs the section walk cannot open by itself: the import preview (it needs a register file)
    and the attached-file list of the document form (it needs a document with files)."""
    from dataclasses import replace

    import openpyxl

    from tui.screens.document_dialog import DocumentDialog
    from tui.screens.import_dialog import ImportPreviewDialog

    book = openpyxl.Workbook()
    book.active.append(["Số, ký hiệu", "Ngày văn bản", "Trích yếu"])
    book.active.append(["12/UBND-VX", "02/11/2026", "Một văn bản"])
    book.active.append(["13/UBND-VX", "31/02/2026", "Ngày sai"])
    book.save(tmp_path / "so-den.xlsx")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF")
    app = make_app(data_file, today=TODAY, export_dir=tmp_path)
    doc = app.store.documents()[0]
    app.store.save(replace(doc, attachments=[str(scan), str(tmp_path / "gone.pdf")]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        documents = app.screen
        walk = WorkerWalk(pilot, app, "2")

        async def open_form() -> bool:
            await walk.back_to(documents)
            documents.show_record(doc.id)
            await pilot.press("e")
            await pilot.pause()
            app.screen.query_one("#attachment-list").focus()
            await pilot.pause()
            return isinstance(app.screen, DocumentDialog)

        assert await open_form()
        await walk.walk(depth=1, reopen=open_form)
        await walk.back_to(documents)

        async def open_preview() -> bool:
            await walk.back_to(documents)
            await pilot.press("i", "down", "enter")
            for _ in range(200):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if isinstance(app.screen, ImportPreviewDialog):
                    return True
            return False

        assert await open_preview()
        await walk.walk(depth=1, reopen=open_preview)
        assert {key for screen, _owner, key in walk.pressed if screen == "ImportPreviewDialog"} >= {"y", "escape"}
        assert {key for screen, _owner, key in walk.pressed if screen == "DocumentDialog"} >= {"delete"}
