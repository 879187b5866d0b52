"""What a user sees most, at a fixed size and date."""
from __future__ import annotations

from tests.helpers import TODAY
from tests.tui.conftest import SIZE
from tui.app import make_app


def test_dashboard_snapshot(snap_compare, data_file):
    assert snap_compare(make_app(data_file, today=TODAY), terminal_size=SIZE)


def test_documents_snapshot(snap_compare, data_file):
    assert snap_compare(make_app(data_file, today=TODAY), press=["2"], terminal_size=SIZE)


def test_tasks_snapshot(snap_compare, data_file):
    assert snap_compare(make_app(data_file, today=TODAY), press=["3"], terminal_size=SIZE)
