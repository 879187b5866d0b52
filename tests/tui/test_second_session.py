"""A second dvk on the same file: read-only with a banner naming who writes, follows what the
writer commits, says why a change key does nothing, and becomes writable when the writer closes."""
from __future__ import annotations

import os

from textual.screen import ModalScreen

from db.models import Document
from db.store import Store
from tests.helpers import TODAY
from tests.tui.conftest import SIZE
from tests.tui.keys import record_toasts
from tui.app import make_app
from tui.screens.document_dialog import DocumentDialog


async def test_the_second_session_follows_the_writer_and_takes_over(data_file):
    writer = Store(data_file, today=lambda: TODAY)  # the first session, holding the write lock
    try:
        app = make_app(data_file, today=TODAY)
        assert app.readonly
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            said = record_toasts(app)
            await pilot.press("2")
            await pilot.pause()
            who = f"PID {os.getpid()} trên máy này"
            banner = app.screen.query_one("#readonly-banner")
            assert banner.display and who in str(banner.render())
            await pilot.press("a", "d", "ctrl+z")  # change keys: each says why, none opens anything
            assert not isinstance(app.screen, ModalScreen)
            assert len([toast for toast in said if who in toast]) == 3

            rows = app.screen.table.row_count
            added = writer.add(Document(number="55/TB-UBND", date="2026-11-24", summary="Thông báo lịch tiếp dân"))
            app.poll_now()
            await pilot.pause()
            assert app.screen.table.row_count == rows + 1
            assert app.screen.table.get_row(added.id)[0].plain == "55/TB-UBND"

            writer.close()
            app.poll_now()
            await pilot.pause()
            assert not app.readonly and not banner.display
            assert any(toast.startswith("Phiên kia đã đóng") for toast in said)
            await pilot.press("a")
            assert isinstance(app.screen, DocumentDialog)
    finally:
        writer.close()
