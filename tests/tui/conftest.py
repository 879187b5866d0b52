"""A demo data file with a fixed 'today', and the app built on it by the real factory."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import TODAY, demo_store
from tui.app import DvkApp, make_app

SIZE = (100, 30)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    store = demo_store(tmp_path)
    store.close()  # release the write lock for the app
    return tmp_path / "dvk.json"


@pytest.fixture
def app(data_file: Path) -> DvkApp:
    return make_app(data_file, today=TODAY)
