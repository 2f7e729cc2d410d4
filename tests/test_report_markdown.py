"""The Markdown report, read back with an independent CommonMark parser (markdown-it-py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from pir_desktop.interchange.review_json import read_review_file
from pir_desktop.reports.markdown import cell, escape, render_markdown
from pir_desktop.reports.model import Table, build_report

from .conftest import API_SAMPLE, SAMPLES

PARSER = MarkdownIt("commonmark").enable("table")
# CommonMark replaces NUL with U+FFFD by rule; the interchange format refuses it anyway.
TEXT = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


def _texts(markdown: str) -> list[str]:
    """Every run of text the parser sees, one string per paragraph, list item or cell."""
    texts = []
    for token in PARSER.parse(markdown):
        if token.type == "inline":
            texts.append(
                "".join(
                    c.content if c.type == "text" else " "
                    for c in token.children
                    if c.type in ("text", "softbreak", "hardbreak")
                )
            )
    return texts


def _cells(markdown: str) -> list[list[str]]:
    rows, row = [], None
    for token in PARSER.parse(markdown):
        if token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(
                "".join(
                    c.content if c.type == "text" else " "
                    for c in token.children
                    if c.type in ("text", "html_inline", "softbreak")
                )
            )
        elif token.type == "tr_close":
            rows.append(row)
            row = None
    return rows


def test_every_item_of_each_sample_is_in_the_markdown():
    for path in SAMPLES:
        review = read_review_file(path)
        texts = _texts(render_markdown(build_report(review)))
        expected = (
            [e.text for e in review.timeline]
            + [n.text for n in review.all_whys()]
            + [i.text for items in review.panels.values() for i in items]
            + [a.title for a in review.action_items]
        )
        for text in expected:
            assert any(text in t for t in texts), f"{path.name}: {text!r} missing"


def test_sections_follow_the_practice_and_empty_ones_are_left_out():
    review = read_review_file(API_SAMPLE)
    review.lessons = []
    markdown = render_markdown(build_report(review))
    headings = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    assert headings[:5] == [
        "Summary",
        "Impact",
        "Timeline (UTC)",
        "Detection and response",
        "Root cause (5 Whys)",
    ]
    assert "Lessons learned" not in headings
    assert headings.index("What went well") < headings.index("Action items")
    assert headings[-1] == "Participants"


def test_summary_variant_keeps_key_moments_only():
    review = read_review_file(API_SAMPLE)
    markdown = render_markdown(build_report(review, "summary"))
    rows = _cells(markdown)
    kinds = {row[1] for row in rows[1:] if len(row) == 4}
    assert "note" not in kinds and "troubleshooting" not in kinds
    assert {"started", "detected", "recovered"} <= kinds
    assert "## Key moments (UTC)" in markdown
    assert "Connection pool at 100% on all API hosts" not in markdown


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(TEXT, min_size=1, max_size=30), min_size=2, max_size=4))
def test_table_cells_come_back_as_written(values):
    table = Table([f"h{i}" for i in range(len(values))], [values])
    from pir_desktop.reports.markdown import _table

    rows = _cells("\n".join(_table(table)) + "\n")
    assert len(rows) == 2 and len(rows[1]) == len(values)
    for written, read in zip(values, rows[1], strict=True):
        # line breaks become <br>, which the reader drops: compare the words
        assert read.split() == " ".join(written.splitlines()).split()


@settings(max_examples=200, deadline=None)
@given(st.text(TEXT, min_size=1, max_size=40).filter(lambda t: t.strip() and "\n" not in t))
def test_escaped_text_reads_back_as_itself(text):
    texts = _texts(escape(text) + "\n")
    assert " ".join(texts).split() == text.split()


def test_cell_keeps_line_breaks_as_br():
    assert cell("one\ntwo|three") == "one<br>two\\|three"
