"""What text a review may hold (domain.text), and every writer and screen agreeing on it;
reports that hold long words, long fields and long titles.

Text a review cannot hold (ESC, NUL, other controls) is refused on import
and on edit; a library written before that rule may still hold it, so the
tests put it there with plain sqlite3 and check that nothing shows it: not
``list``, ``metrics`` or ``lint``, not the PDF (pdftotext), the DOCX
(python-docx), the Markdown (markdown-it), the CSV or the review file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest
from docx import Document
from markdown_it import MarkdownIt

from pir_desktop import operations as ops
from pir_desktop.domain.text import clean, one_line, problem
from pir_desktop.errors import InvalidChange

from .conftest import API_SAMPLE, load_sample
from .hostile import assert_refused, export_bounded, import_review, library_state, run_bounded
from .readers import pdf_text

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SECTIONS = ["Summary", "Impact", "Timeline (UTC)", "Detection and response"]


def test_the_rule_in_one_place():
    assert problem("Disk full at 14:05\tagain\r\n") is None
    assert problem("a\x1b[2Jb") == "holds the control character U+001B (ESC) at character 2"
    assert clean("\x1b[31mERROR\x1b[0m pool\x00 full\x7f") == "ERROR pool full"
    assert one_line("Outage\n# Injected\r\nheading\u2028x\ty") == "Outage # Injected heading x y"


@pytest.mark.parametrize(
    ("where", "value"),
    [("title", "Outage\x1b[2J"), ("summary", "nul\x00here"), ("timeline.0.text", "bell\x07")],
)
def test_a_review_file_with_control_characters_is_refused_and_names_them(
    library_path, tmp_path, where, value
):
    import_review(library_path, load_sample(), tmp_path)
    before = library_state(library_path)
    doc = load_sample()
    doc.pop("id", None)
    if where.startswith("timeline"):
        doc["timeline"][0]["text"] = value
    else:
        doc[where] = value
    path = tmp_path / "controls.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = run_bounded("--library", str(library_path), "import", str(path))
    path_shown = where.replace(".0.", "[0].")
    assert_refused(result, f"{path_shown}: holds the control character U+00", "cannot hold")
    assert library_state(library_path) == before


def test_an_edit_with_a_control_character_is_refused(library_path, tmp_path):
    review_id = import_review(library_path, load_sample(), tmp_path)
    from pir_desktop.storage.library import open_library

    with open_library(library_path) as lib:
        with pytest.raises(InvalidChange, match=r"U\+001B"):
            ops.rename_review(lib, review_id, "Outage\x1b[2J")
        with pytest.raises(InvalidChange, match=r"U\+0000"):
            ops.add_lesson(lib, review_id, "nul\x00")
    assert "\x1b" not in json.dumps(library_state(library_path))


def _old_library_with_controls(library_path: Path, tmp_path: Path) -> str:
    """A library written before the rule: control characters and line breaks everywhere."""
    review_id = import_review(library_path, load_sample(), tmp_path)
    conn = sqlite3.connect(library_path)
    conn.execute(
        "UPDATE reviews SET title = ?, summary = ? WHERE id = ?",
        (
            "API \x1b[31mdown\x1b[0m\nsecond line\x00\x85",
            "The pool\x07 ran out\x1b]0;pwned\x07.",
            review_id,
        ),
    )
    conn.execute(
        "UPDATE review_roles SET name = ? WHERE role = 'author'", ("Priya\x08\x08\x08Evil",)
    )
    conn.execute("UPDATE timeline_events SET text = text || ? WHERE seq = 0", ("\x1b[2J\x9b",))
    conn.execute("UPDATE action_items SET title = title || ? WHERE position = 0", ("\x00\x1b[K",))
    conn.commit()
    conn.close()
    return review_id


def test_list_metrics_and_lint_never_print_control_characters(library_path, tmp_path):
    review_id = _old_library_with_controls(library_path, tmp_path)
    import_review(library_path, load_sample(SAMPLES_OTHER), tmp_path)
    listed = run_bounded("--library", str(library_path), "list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) == 2  # one line per review, though a title holds a line break
    assert any(line.endswith("API down second line") for line in lines)
    for command in ("metrics", "lint"):
        result = run_bounded("--library", str(library_path), command, review_id)
        assert result.returncode == 0, result.stderr
        assert not CONTROL.search(result.stdout), (command, result.stdout)
        assert result.stdout.startswith("API down second line")
    listed = run_bounded("--library", str(library_path), "list", "--json")
    assert not CONTROL.search(listed.stdout)  # JSON escapes C0 controls but not C1 (U+0085)
    assert "API down\nsecond line" in [r["title"] for r in json.loads(listed.stdout)]


SAMPLES_OTHER = API_SAMPLE.with_name("payment-load-balancer.json")


def test_every_format_leaves_the_control_characters_out(library_path, tmp_path):
    review_id = _old_library_with_controls(library_path, tmp_path)
    pdf = pdf_text(export_bounded(library_path, review_id, "pdf", tmp_path / "r.pdf")).replace(
        "\f", ""
    )
    assert "API down second line" in pdf and not CONTROL.search(pdf)
    document = Document(export_bounded(library_path, review_id, "docx", tmp_path / "r.docx"))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "The pool ran out." in body and not CONTROL.search(body)
    assert document.core_properties.title == "API down second line"
    assert document.core_properties.author == "PriyaEvil"
    markdown = export_bounded(library_path, review_id, "md", tmp_path / "r.md").read_text(
        encoding="utf-8"
    )
    assert markdown.startswith("# API down second line\n") and not CONTROL.search(markdown)
    actions = export_bounded(library_path, review_id, "csv", tmp_path / "r.csv")
    rows = list(csv.reader(io.StringIO(actions.read_text(encoding="utf-8-sig"))))
    assert not any(CONTROL.search(cell) for row in rows for cell in row)
    exported = export_bounded(library_path, review_id, "json", tmp_path / "r.json")
    again = tmp_path / "again.sqlite"
    result = run_bounded("--library", str(again), "import", str(exported))
    assert result.returncode == 0, result.stderr  # what is written can be read back
    assert "API down second line" in result.stdout


def test_line_breaks_in_a_title_a_role_or_impact_make_no_markdown_structure(library_path, tmp_path):
    doc = load_sample()
    doc.pop("id", None)
    doc["title"] = "Outage\n# Injected title heading"
    doc["roles"]["author"] = "Kim\n# Injected role heading"
    doc["roles"]["incident_commander"] = "Lee\r\n- injected list"
    doc["impact"]["sla"] = "Breached\n# Injected impact heading\n\n    code block\n***"
    doc["participants"][0]["role"] = "SRE\n## Injected participant heading"
    review_id = import_review(library_path, doc, tmp_path)
    markdown = export_bounded(library_path, review_id, "md", tmp_path / "r.md").read_text(
        encoding="utf-8"
    )
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "Outage # Injected title heading"
    assert not [h for h in headings if "Injected" in h][1:], headings
    assert not any(t.type in ("code_block", "hr") for t in tokens)
    text = " ".join(t.content for t in tokens if t.type == "inline")
    for words in ("# Injected role heading", "- injected list", "# Injected impact heading"):
        assert words in text
    listed = run_bounded("--library", str(library_path), "list")
    assert listed.stdout.count("\n") == 1
