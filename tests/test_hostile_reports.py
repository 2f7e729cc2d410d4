"""Reports that hold what a person may write: long words, long fields, long titles.

ReportLab died on an unbroken word wider than its column (a dashboard link
in an action title), on a cell taller than a page and on a fact of 3,000
characters; python-docx on a title or author over Word's 255-character
property limit. Each is exported through the command under limits and read
back with an independent reader (pdftotext, python-docx).
"""

from __future__ import annotations

import re

import pytest
from docx import Document

from .conftest import load_sample
from .hostile import export_bounded, import_review
from .readers import pdf_text


def test_a_title_and_an_author_over_255_characters_make_a_word_document(library_path, tmp_path):
    doc = load_sample()
    doc.pop("id", None)
    doc["title"] = "Very long title " * 30
    doc["roles"]["author"] = "Author-" + "x" * 300
    review_id = import_review(library_path, doc, tmp_path)
    document = Document(export_bounded(library_path, review_id, "docx", tmp_path / "r.docx"))
    title = doc["title"].strip()
    assert len(document.core_properties.title) == 255
    assert document.core_properties.title.endswith("…")
    assert title.startswith(document.core_properties.title[:-1].strip())
    assert document.paragraphs[0].text.strip() == title  # the body keeps it whole
    assert len(document.core_properties.author) == 255


LINK = "https://grafana.example.com/d/api-latency?orgId=1&var-host=" + "a1b2c3d4" * 25
# (where, index, field, value, a piece repeated in it): the piece must come out as often,
# since a table's other columns come between the lines of a wrapped cell in pdftotext.
LONG = {
    "an action title with a 208-character link": ("action_items", 0, "title", LINK[:208],
                                                  "a1b2c3d4"),
    "a 740-character word in the timeline": ("timeline", 0, "text", "W" * 740, "W"),
    "a 30,000-character word in the timeline": ("timeline", 1, "text", "Z" * 30_000, "Z"),
    "a 3,000-character word in an impact field": ("impact", None, "sla", "S" * 3000, "S"),
    "a 300-character word in a fact of the table": ("impact", None, "revenue", "R" * 300, "R"),
    "30,000 characters of words in an impact field": ("impact", None, "users_affected",
                                                        "many users " * 3000, "manyusers"),
    "a 3,000-character source": ("timeline", 2, "source", "log/" + "q" * 3000, "q"),
    "a 3,000-character participant name": ("participants", 0, "name", "N" * 3000, "N"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(LONG))
@pytest.mark.parametrize("variant", ["full", "summary"])
def test_long_words_wrap_in_every_pdf_table(library_path, tmp_path, case, variant):
    key, index, field, value, piece = LONG[case]
    doc = load_sample()
    doc.pop("id", None)
    target = doc[key] if index is None else doc[key][index]
    target[field] = value
    review_id = import_review(library_path, doc, tmp_path)
    out = export_bounded(library_path, review_id, "pdf", tmp_path / "r.pdf", variant)
    shown = re.sub(r"page\d+of\d+", "", re.sub(r"\s+", "", pdf_text(out)))  # footers out
    if variant == "full":
        assert shown.count(piece) >= value.replace(" ", "").count(piece), case
    # the one-page summary cuts long texts at a word and says so; what it keeps is shown
