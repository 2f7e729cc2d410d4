"""PDF and DOCX reports of the samples, read back with poppler and python-docx.

Every timeline event, why, panel item and action item must be found whole;
the full report of each sample fits in 3 pages; the PDF passes qpdf --check;
the timeline figure is vectors in the PDF and a picture in the DOCX.
"""

from __future__ import annotations

import io
import subprocess

import pytest
from docx import Document
from PIL import Image

from pir_desktop.interchange.review_json import read_review_file
from pir_desktop.reports.docx import render_docx
from pir_desktop.reports.model import build_report
from pir_desktop.reports.pdf import render_pdf

from .conftest import API_SAMPLE, SAMPLES
from .readers import (
    docx_blocks,
    need,
    pdf_images,
    pdf_info,
    pdf_pages,
    pdf_text,
    squash,
)


def review_texts(review) -> list[str]:
    texts = [e.text for e in review.timeline]
    texts += [node.text for node in review.all_whys()]
    texts += [item.text for items in review.panels.values() for item in items]
    texts += [item.title for item in review.action_items]
    texts += [f.text for f in review.contributing_factors]
    texts += [lesson.text for lesson in review.lessons]
    return [t for t in texts if t.strip()]


@pytest.fixture(params=SAMPLES, ids=lambda p: p.stem)
def sample(request):
    return read_review_file(request.param)


def _pdf(tmp_path, review, variant="full"):
    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(build_report(review, variant)))
    return path


def _docx(tmp_path, review, variant="full", template=None):
    path = tmp_path / "report.docx"
    path.write_bytes(render_docx(build_report(review, variant), template))
    return path


def test_pdf_holds_every_item_of_the_sample_and_fits_in_three_pages(tmp_path, sample):
    path = _pdf(tmp_path, sample)
    text = squash(pdf_text(path))
    missing = [t for t in review_texts(sample) if squash(t) not in text]
    assert missing == []
    assert sample.title in text
    assert pdf_pages(path) <= 3


def test_pdf_passes_qpdf_check(tmp_path, sample):
    path = _pdf(tmp_path, sample)
    result = subprocess.run([need("qpdf"), "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_pdf_properties_and_page_footer(tmp_path):
    review = read_review_file(API_SAMPLE)
    path = _pdf(tmp_path, review)
    info = pdf_info(path)
    assert info["Title"] == review.title
    assert info["Author"] == review.roles["author"]
    assert info["Creator"] == "PIR Desktop"
    pages = pdf_pages(path)
    assert f"page {pages} of {pages}" in pdf_text(path)


def test_pdf_sections_come_in_the_practice_order(tmp_path):
    review = read_review_file(API_SAMPLE)
    text = pdf_text(_pdf(tmp_path, review))
    order = [
        "Impact",
        "Timeline (UTC)",
        "Detection and response",
        "Root cause (5 Whys)",
        "Contributing factors",
        "What went well",
        "What didn't go well",
        "Where we got lucky",
        "Action items",
        "Lessons learned",
        "Participants",
    ]
    lines = [line.strip() for line in text.splitlines()]
    positions = [lines.index(title) for title in order]
    assert positions == sorted(positions)


def test_pdf_figure_is_vectors_with_searchable_labels(tmp_path):
    review = read_review_file(API_SAMPLE)
    path = _pdf(tmp_path, review)
    assert pdf_images(path) == []  # drawn, not pasted as a picture
    text = pdf_text(path)
    for label in ("started 14:05", "detected 14:07", "recovered 14:45", "TTD 2 min", "TTM 33 min"):
        assert label in text


def test_summary_pdf_shows_key_moments_only_and_fits_one_page(tmp_path):
    review = read_review_file(API_SAMPLE)
    path = _pdf(tmp_path, review, "summary")
    text = squash(pdf_text(path))
    assert "Key moments (UTC)" in text
    notes = [e.text for e in review.timeline if e.kind.value == "note"]
    assert notes and not any(squash(n) in text for n in notes)
    assert "Rollback needed manual steps" in text  # everything else kept
    assert pdf_pages(path) == 1


def test_docx_holds_every_item_of_the_sample(tmp_path, sample):
    blocks = docx_blocks(_docx(tmp_path, sample))
    missing = [t for t in review_texts(sample) if not any(t in block for block in blocks)]
    assert missing == []
    doc = Document(str(tmp_path / "report.docx"))
    assert doc.core_properties.title == sample.title
    assert doc.paragraphs[0].text == sample.title
    assert doc.paragraphs[0].style.name == "Title"


def test_docx_tables_have_the_columns_of_the_practice(tmp_path):
    review = read_review_file(API_SAMPLE)
    doc = Document(str(_docx(tmp_path, review)))
    headers = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert ["Time", "Kind", "What happened", "Source"] in headers
    assert ["#", "Action", "Owner", "Deadline", "Status", "Category"] in headers
    actions = next(t for t in doc.tables if t.rows[0].cells[1].text == "Action")
    first = [c.text for c in actions.rows[1].cells]
    item = next(i for i in review.action_items if not i.deferred)
    assert first == ["1", item.title, item.owner, item.due.isoformat(), "open", "prevent"]


def test_docx_root_cause_is_marked_and_whys_indented(tmp_path):
    review = read_review_file(API_SAMPLE)
    doc = Document(str(_docx(tmp_path, review)))
    root = next(p for p in doc.paragraphs if p.text.endswith("(root cause)"))
    assert all(run.bold for run in root.runs)
    styles = [p.style.name for p in doc.paragraphs if p.style.name.startswith("List Bullet")]
    assert {"List Bullet", "List Bullet 2", "List Bullet 3"} <= set(styles)


def test_docx_figure_is_a_sharp_picture(tmp_path):
    review = read_review_file(API_SAMPLE)
    doc = Document(str(_docx(tmp_path, review)))
    assert len(doc.inline_shapes) == 1
    blob = doc.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = Image.open(io.BytesIO(doc.part.related_parts[blob].blob))
    width_pt = doc.inline_shapes[0].width.pt
    assert image.width / width_pt * 72 >= 250  # dpi
    # Not blank: the spans' colours are in it.
    assert len(image.convert("RGB").getcolors(1 << 20)) > 10
