"""The pattern review report (insights --format pdf|docx|md), read back with independent
readers: poppler (pdftotext, pdfinfo, pdfimages), python-docx and markdown-it-py."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from markdown_it import MarkdownIt

from pir_desktop.cli import main
from pir_desktop.storage.library import open_library

from .learning_library import build
from .readers import pdf_images, pdf_pages, pdf_text, squash

pytestmark = pytest.mark.both_backends

RANGE = ["--from", "2026-01-01", "--to", "2026-12-31", "--as-of", "2026-12-01"]


@pytest.fixture(scope="module")
def lib(make_target) -> str:
    path = make_target()
    with open_library(path) as library:
        build(library)
    return str(path)


def write(lib, tmp_path, fmt: str):
    out = tmp_path / f"pattern.{fmt}"
    assert main(["--library", lib, "insights", *RANGE, "--format", fmt, "--out", str(out)]) == 0
    return out


def test_the_pdf_holds_headlines_charts_and_lists_in_2_to_4_pages(lib, tmp_path, capsys):
    out = write(lib, tmp_path, "pdf")
    assert capsys.readouterr().out == f"wrote {out} (PDF, 3 pages)\n"
    assert 2 <= pdf_pages(out) <= 4
    text = squash(pdf_text(out))
    assert "Pattern review, 2026 Q1 to 2026 Q4" in text
    # headline figures against 2025: reviews 6 against 1 (G), TTD median 3 min 30 s rounded
    assert "Reviews 6 1 +5" in text
    assert "Time to detect, median (90th percentile) 3 min (30 min) 5 s (5 s) +3 min" in text
    assert "Open and overdue 3 1 +2" in text
    # the charts are vectors with their text kept as text: no picture in the PDF
    assert pdf_images(out) == []
    for label in ("2026 Q2", "P1", "Top services", "Time to mitigate", "Done on time",
                  "checkout-api", "Contributing factors by category"):  # fmt: skip
        assert label in text, label
    # the incidents repeated: A (by C, 31 March) and D (by E, 30 September)
    assert "2 reviews of this range repeat an earlier incident; 2 incidents were repeated" in text
    assert "Checkout timeouts after config push 2026-01-15 1 2026-03-31" in text
    assert "Review D 2026-07-01 1 2026-09-30" in text
    # overdue by owner, case aside: Priya Nair's two items (a3 written "priya NAIR") together
    assert "Priya Nair 2 2026-08-01 Action d1; Action a3" in text
    assert "(no owner) 2 2025-12-20 Action g1; Action f1" in text
    assert "Action a6 Kim Checkout timeouts after config push 2026-01-15" in text


def test_the_docx_carries_the_same_figures_and_a_picture_per_chart(lib, tmp_path):
    out = write(lib, tmp_path, "docx")
    doc = Document(str(out))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == "Pattern review, 2026 Q1 to 2026 Q4"
    headings = (
        "Headline figures against the previous range",
        "Incidents by severity",
        "Overdue action items by owner",
        "Future improvements to re-triage",
    )
    for heading in headings:
        assert heading in paragraphs
    cells = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    assert ["Repeats of an earlier incident", "2", "0", "+2"] in cells
    assert ["Priya Nair", "2", "2026-08-01", "Action d1; Action a3"] in cells
    pictures = [n for n in zipfile.ZipFile(out).namelist() if n.startswith("word/media/")]
    assert len(pictures) == 5


def test_the_markdown_links_its_chart_pictures_written_beside_it(lib, tmp_path):
    out = write(lib, tmp_path, "md")
    tokens = MarkdownIt("commonmark").enable("table").parse(out.read_text(encoding="utf-8"))
    images = [
        child.attrs["src"]
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "image"
    ]
    keys = ("severity", "times", "actions", "names", "factors_repeats")
    assert images == [f"pattern-charts/{key}.png" for key in keys]
    for image in images:
        assert (tmp_path / image).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    cells = [t.content for t in tokens if t.type == "inline"]
    assert "Done on time" in cells and "capacity" in cells


def test_the_report_needs_out_and_out_needs_a_format(lib, capsys):
    assert main(["--library", lib, "insights", "--format", "pdf"]) == 2
    assert "needs --out PATH" in capsys.readouterr().err
    assert main(["--library", lib, "insights", "--out", "x.pdf"]) == 2
    assert "give --format pdf, docx or md" in capsys.readouterr().err


def test_matplotlib_is_imported_only_when_a_chart_is_drawn(lib, tmp_path):
    """A review's own report and the read-only commands never load the plotting library."""
    code = (
        "import sys; from pir_desktop.cli import main\n"
        "import pir_desktop.reports.pdf, pir_desktop.reports.docx, pir_desktop.reports.charts\n"
        "assert main(['--library', sys.argv[1], 'insights', '--json']) == 0\n"
        "assert 'matplotlib' not in sys.modules\n"
        "assert main(['--library', sys.argv[1], 'insights', '--format', 'md', '--out',"
        " sys.argv[2]]) == 0\n"
        "assert 'matplotlib' in sys.modules"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, lib, str(tmp_path / "r.md")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_a_year_of_many_reviews_still_fits_in_4_pages(tmp_path):
    """Long lists (repeats, overdue owners, deferred items) are cut, and say how many more."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from learning_library import build as build_many

    path = tmp_path / "many.sqlite"
    build_many(path, 150)
    out = tmp_path / "many.pdf"
    args = ["--library", str(path), "insights", "--as-of", "2026-12-01", "--format", "pdf"]
    assert main([*args, "--out", str(out)]) == 0
    assert 2 <= pdf_pages(out) <= 4
    text = squash(pdf_text(out))
    assert "the 20 oldest here, and pir-desktop actions --deferred lists them all" in text
    assert "Reviews 150 0 +150" in text
