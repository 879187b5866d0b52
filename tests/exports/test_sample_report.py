"""Acceptance for issue 11.4: with the sample's text entered (dvk demo), the
exported Markdown says what the real 2020 report says, word for word.

Only two differences are allowed: the header lines the sample lost in its
conversion to Markdown (agency names, Quốc hiệu, tiêu ngữ) and whitespace
(the sample splits two paragraphs at its page breaks and writes
"KT.TRƯỞNG PHÒNG" where dvk writes the decree's "KT. TRƯỞNG PHÒNG").
"""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from exports.markdown import render_markdown
from exports.report import build_report
from tests.helpers import demo_store

SAMPLE = Path(__file__).parent / "golden" / "sample-report-2020.md"
# Header lines of the real report that its Markdown copy lost.
LOST_HEADER_LINES = [
    "UBND HUYỆN THỦ THỪA",
    "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
]


def text_lines(markdown: str) -> list[str]:
    """The text a reader sees, one entry per rendered line (hard breaks split
    lines; emphasis, escapes and list markers are gone)."""
    lines: list[str] = []
    number = ""  # an ordered list's marker is text the reader sees ("7. Xây dựng …")
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "list_item_open" and token.markup in (".", ")"):
            number = token.info + token.markup + " "
        if token.type != "inline":
            continue
        current, number = number, ""
        for child in token.children or []:
            if child.type == "hardbreak":
                lines.append(current)
                current = ""
            elif child.type == "softbreak":
                current += " "
            else:
                current += child.content
        lines.append(current)
    return [" ".join(line.split()) for line in lines if line.strip()]


def word_diff(ours: list[str], theirs: list[str]) -> str:
    """A diff a person can read: one word per line, with some context."""
    mine, sample = " ".join(ours).split(), " ".join(theirs).split()
    return "\n".join(difflib.unified_diff(sample, mine, "sample-report-2020.md", "dvk report 2020",
                                          n=4, lineterm=""))


def same_but_whitespace(ours: list[str], theirs: list[str]) -> bool:
    return "".join("".join(ours).split()) == "".join("".join(theirs).split())


@pytest.fixture(scope="module")
def report_markdown(tmp_path_factory) -> str:
    store = demo_store(tmp_path_factory.mktemp("sample"))
    return render_markdown(build_report(store, store.campaign_for(2020)))


def test_the_vendored_sample_is_the_shared_one():
    # tests/ carry a copy so CI can run this; it must not drift from shared/.
    for parent in Path(__file__).resolve().parents:
        shared = parent / "shared" / "sample-report-2020.md"
        if shared.exists():
            assert shared.read_bytes() == SAMPLE.read_bytes()
            return
    pytest.skip("shared/sample-report-2020.md is not beside this checkout")


def test_markdown_matches_the_sample_word_for_word(report_markdown):
    ours = text_lines(report_markdown)
    for lost in LOST_HEADER_LINES:
        assert lost in ours, f"header line {lost!r} missing from the report"
        ours.remove(lost)
    theirs = text_lines(SAMPLE.read_text(encoding="utf-8"))
    assert same_but_whitespace(ours, theirs), "\n" + word_diff(ours, theirs)


def test_the_comparison_catches_a_changed_word(report_markdown):
    # The check above must fail on a one-word change (and show where).
    ours = text_lines(report_markdown.replace("Khó khăn", "Khó khắn"))
    for lost in LOST_HEADER_LINES:
        ours.remove(lost)
    theirs = text_lines(SAMPLE.read_text(encoding="utf-8"))
    assert not same_but_whitespace(ours, theirs)
    diff = word_diff(ours, theirs)
    assert "-khăn:" in diff and "+khắn:" in diff
