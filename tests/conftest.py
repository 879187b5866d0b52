"""Every test keeps to its own folders: the app's settings file goes to a temporary folder."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_config(tmp_path_factory, monkeypatch):
    """tui/settings.py reads DVK_CONFIG_DIR: never the real ~/.config/dvk."""
    monkeypatch.setenv("DVK_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
