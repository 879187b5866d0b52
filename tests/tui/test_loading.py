"""A large file: the first screen paints before the data is read, lists are computed in worker
threads, and keys typed meanwhile go where they were meant to (issue 8, TUI side).

The demo file is used with `small_data` off (the path a 100 000-record file takes), and the
workers are held back by a gate so the test sees the moment a person would."""
from __future__ import annotations

import threading

from textual.widgets import Input

from tests.helpers import TODAY
from tests.tui.conftest import SIZE, pause_now, press_now
from textual import events
from textual.keys import _character_to_key
from tui.app import make_app
from tui.screens import dashboard
from tui.screens.document_dialog import DocumentDialog
from tui.screens.list_screen import ListScreen


def large(data_file):
    app = make_app(data_file, today=TODAY)
    app.small_data = False  # as a 100 000-record file is opened
    app.ready = False
    return app


def held(monkeypatch, owner, name: str) -> threading.Event:
    gate = threading.Event()
    real = getattr(owner, name)

    def wait_then(*args, **kwargs):
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, wait_then)
    return gate


async def test_the_first_screen_paints_before_the_figures_are_read(data_file, monkeypatch):
    gate = held(monkeypatch, dashboard, "gather")
    app = large(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await pause_now(pilot, 0.2)
        overdue = app.screen.query_one("#overdue")
        busy = app.screen.query_one("#busy")
        assert busy.display and overdue.item_count == 0  # on screen, waiting, with its indicator
        assert app.focused is overdue  # and keys have somewhere to go
        gate.set()
        await pilot.pause()
        assert not busy.display and overdue.item_count == 1
        assert overdue.border_title == "Nhiệm vụ quá hạn (1)"
        assert app.ready  # then the tables, sorted views and search index were warmed


async def test_keys_typed_while_a_list_is_computed_act_on_what_it_will_show(data_file, monkeypatch):
    gate = held(monkeypatch, ListScreen, "compute_view")
    app = large(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await press_now(pilot, "2")
        await pause_now(pilot, 0.2)
        docs = app.screen
        assert docs.view_pending and docs.query_one("#busy").display and app.focused is docs.table
        for char in "/cai cach":  # typed in one burst while the list is still loading
            app.post_message(events.Key(_character_to_key(char), char))
        await press_now(pilot, "enter")
        await press_now(pilot, "e")  # edit "the highlighted row": the row the search will find
        await pause_now(pilot)
        assert not isinstance(app.screen, DocumentDialog)  # `e` waits for the rows
        assert docs.query_one("#search", Input).value == "cai cach"
        gate.set()
        await pilot.pause()
        assert isinstance(app.screen, DocumentDialog)
        assert app.screen.record.canonical in ("410/KH-PGDĐT", "106/KH-PGDĐT")
