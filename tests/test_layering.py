"""The arrows point one way: tui -> exports -> db. Checked in a fresh interpreter."""
import subprocess
import sys

import pytest


def _loaded_after(import_line: str) -> set[str]:
    code = f"import sys; {import_line}; print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("module", ["db.store", "db.search", "db.demo", "db.integrity", "db.refs"])
def test_db_imports_no_ui_library(module):
    loaded = _loaded_after(f"import {module}")
    assert not loaded & {"textual", "rich", "exports", "tui"}


def test_exports_never_import_textual():
    loaded = _loaded_after("import exports.render, exports.report, exports.markdown, exports.pdf, exports.docx")
    assert not loaded & {"textual", "tui"}


def test_cli_list_commands_do_not_load_textual():
    loaded = _loaded_after("import tui.cli")
    assert "textual" not in loaded
