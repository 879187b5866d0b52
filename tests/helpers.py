"""Shared fixtures-as-functions: a demo store on a temp file with a fixed 'today'."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from db.demo import load_demo
from db.store import Store

TODAY = date(2026, 11, 25)


def demo_store(tmp_path: Path, today: date = TODAY) -> Store:
    store = Store(tmp_path / "dvk.json", today=lambda: today)
    load_demo(store, today)
    return store
