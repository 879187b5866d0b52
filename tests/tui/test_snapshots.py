"""What a user sees most, at a fixed size and date. Update deliberately:
`pytest tests/tui --snapshot-update`, then look at the SVG diffs before committing."""
from __future__ import annotations

from tests.helpers import TODAY
from tests.tui.conftest import SIZE
from tui.app import make_app


def test_dashboard_snapshot(snap_compare, data_file):
    assert snap_compare(make_app(data_file, today=TODAY), terminal_size=SIZE)


def test_documents_snapshot(snap_compare, data_file):
    assert snap_compare(make_app(data_file, today=TODAY), press=["2"], terminal_size=SIZE)


def test_documents_at_80x24_snapshot(snap_compare, data_file):
    """The smallest terminal: number, date, summary and handling without sideways scrolling, q in the footer."""
    assert snap_compare(make_app(data_file, today=TODAY), press=["2"], terminal_size=(80, 24))


def test_documents_at_200x60_snapshot(snap_compare, data_file):
    """A wide terminal: every column, the summary taking the spare width."""
    assert snap_compare(make_app(data_file, today=TODAY), press=["2"], terminal_size=(200, 60))


def test_tasks_at_80x24_snapshot(snap_compare, data_file):
    assert snap_compare(make_app(data_file, today=TODAY), press=["3"], terminal_size=(80, 24))


def test_tasks_snapshot(snap_compare, data_file):
    assert snap_compare(make_app(data_file, today=TODAY), press=["3"], terminal_size=SIZE)


def test_task_dialog_snapshot(snap_compare, data_file):
    """The dialog that used to crash the app, with its document picker open on `4094`."""
    assert snap_compare(make_app(data_file, today=TODAY), press=["3", "a", "tab", "4", "0", "9", "4"],
                        terminal_size=SIZE)


def test_report_snapshot(snap_compare, data_file):
    assert snap_compare(make_app(data_file, today=TODAY), press=["5"], terminal_size=SIZE)


def test_empty_file_snapshot(snap_compare, tmp_path):
    """A new user's first screen: what to do first."""
    assert snap_compare(make_app(tmp_path / "new.json", today=TODAY), terminal_size=SIZE)
