"""A demo data file with a fixed 'today', and the app built on it by the real factory.

Saves run in worker threads (the UI never waits on the disk): every Pilot `press`
and `pause` here also waits until the app's workers are done and their results
shown, so a test reads the screen as a person sees it once the keys have acted.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.helpers import TODAY, demo_store
from tui.app import DvkApp, make_app

SIZE = (100, 30)

_press, _pause = Pilot.press, Pilot.pause
press_now, pause_now = _press, _pause  # without waiting for the workers (a test that holds one back)


async def settle(pilot: Pilot) -> None:
    """Until no worker of the app is running (a finished save may start a list refresh)."""
    app = pilot.app
    for _ in range(50):
        busy = [w for w in app.workers if not w.is_finished]
        if not busy:
            return
        await app.workers.wait_for_complete(busy)
        await _pause(pilot)


async def _settled_press(self: Pilot, *keys: str) -> None:
    await _press(self, *keys)
    await settle(self)


async def _settled_pause(self: Pilot, delay: float | None = None) -> None:
    await _pause(self, delay)
    await settle(self)
    await _pause(self)


@pytest.fixture(autouse=True)
def _settled_pilot(monkeypatch):
    monkeypatch.setattr(Pilot, "press", _settled_press)
    monkeypatch.setattr(Pilot, "pause", _settled_pause)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    store = demo_store(tmp_path)
    store.close()  # release the write lock for the app
    return tmp_path / "dvk.json"


@pytest.fixture
def app(data_file: Path) -> DvkApp:
    return make_app(data_file, today=TODAY)
