"""Issue 14.8: user text never changes the Markdown's block structure.

Every user-text field of the report is filled with the same hostile text and
rendered; parsed back with markdown-it, the document must have exactly the
blocks it has with harmless text (same headings, lists, paragraphs, nesting),
and every field must read back as typed (whitespace collapsed).
Fields ending in a bullet (statistics, thuận lợi, Nơi nhận, Kính gửi), in a
heading (part and section titles, tên loại), in a header line, in emphasis
and in plain paragraphs are all covered. (The report has no tables; `|` is
escaped everywhere all the same.)
"""
from __future__ import annotations

from dataclasses import replace

from hypothesis import example, given, settings, strategies as st
from markdown_it import MarkdownIt

from exports.markdown import render_markdown
from exports.report_model import Bullet, Heading, Paragraph, Report

BLOCK_STARTERS = ["---", "***", "___", "- ", "+ ", "* ", "1. ", "1) ", "2.", "> ", "# ", "## ", "```", "~~~",
                  "    ", "\t", "|", "| a |", "<div>", "</p>", "[a]: /b", "===", "- - -", "\n", "\n\n", "\\",
                  "&amp;", "&#35;", "<!--", "*x*", "_x_", "`x`", "[x](y)", "![i](j)", "<http://a>"]
WORDS = ["Đảng", "ủy", "số", "4094/KH-UBND", "a", "b", "1", "9.", "x", " ", "  "]
hostile = st.lists(st.sampled_from(BLOCK_STARTERS + WORDS), min_size=1, max_size=8).map("".join)


def shaped_report(text_for, layout: str = "state") -> Report:
    """A report whose every user-text field is text_for(name)."""
    return Report(
        parent_body=text_for("parent"), issuer=text_for("issuer"), number_line=text_for("number"),
        place_date=text_for("place"), doc_type=text_for("doctype"), title=text_for("title"),
        national_name=text_for("national"), motto=text_for("motto"),
        addressees=["- " + text_for("addr1"), "- " + text_for("addr2")],
        bases=[text_for("basis1"), text_for("basis2")], intro=text_for("intro"),
        body=[Heading(text_for("part"), 1), Heading(text_for("section"), 2),
              Bullet(text_for("bullet1")), Bullet(text_for("bullet2")), Paragraph(text_for("para")),
              Heading(text_for("section2"), 2), Paragraph(text_for("para2"))],
        closing=text_for("closing"), recipients_label=text_for("label"),
        recipients=["- " + text_for("recipient1"), "- " + text_for("recipient2")],
        signer_lines=[text_for("signer1"), text_for("signer2")], signer_name=text_for("name"),
        layout=layout,
    )


def _structure(tokens) -> list[tuple]:
    """Block tokens, and the kinds of inline children (adjacent text merged)."""
    shape = []
    for token in tokens:
        if token.type != "inline":
            shape.append((token.type, token.tag, token.level, token.markup))
            continue
        kinds = []
        for child in token.children or []:
            kind = "text" if child.type in ("text", "softbreak") else child.type
            if not (kinds and kinds[-1] == kind == "text"):
                kinds.append(kind)
        shape.append(("inline", tuple(kinds)))
    return shape


def _texts(tokens) -> list[str]:
    out = []
    for token in tokens:
        if token.type == "inline":
            parts = [" " if c.type == "softbreak" else "\n" if c.type == "hardbreak" else c.content
                     for c in token.children or []]
            out.append("".join(parts))
    return out


def _check(text: str, layout: str) -> None:
    shown = " ".join(text.split())
    if not shown:
        return
    names: list[str] = []

    def placeholder(name: str) -> str:
        names.append(name)
        return f"Zq{len(names)}x"

    benign = shaped_report(placeholder, layout)
    hostile_report = shaped_report(lambda _name: text, layout)
    parser = MarkdownIt("commonmark")
    good = parser.parse(render_markdown(benign))
    bad = parser.parse(render_markdown(hostile_report))
    assert _structure(bad) == _structure(good), render_markdown(hostile_report)
    expected = _texts(good)
    for i in range(len(names), 0, -1):  # Zq12x before Zq1x
        expected = [t.replace(f"Zq{i}x", shown) for t in expected]
    assert _texts(bad) == expected


@settings(max_examples=250, deadline=None)
@given(hostile)
@example("---")
@example("- nested")
@example("+ nested")
@example("1. ordered")
@example("# heading")
@example("a\n---")
@example("a\n===")
@example("> quote")
def test_user_text_keeps_the_block_structure(text):
    _check(text, "state")


@settings(max_examples=60, deadline=None)
@given(hostile)
def test_user_text_keeps_the_block_structure_in_the_party_layout(text):
    _check(text, "party")


def test_the_reported_cases_read_back_as_typed():
    """The three cases of the issue: a rule, a nested list, an ordered list."""
    report = shaped_report(lambda name: "x")
    report = replace(report, body=[Bullet("---"), Bullet("- a"), Bullet("+ b"), Bullet("1. c")])
    tokens = MarkdownIt("commonmark").parse(render_markdown(report))
    assert not any(t.type == "hr" for t in tokens)
    assert sum(t.type == "bullet_list_open" for t in tokens) == 3  # Kính gửi, the bullets, Nơi nhận
    assert not any(t.type == "ordered_list_open" for t in tokens)
    texts = _texts(tokens)
    assert all(typed in texts for typed in ("---", "- a", "+ b", "1. c"))
