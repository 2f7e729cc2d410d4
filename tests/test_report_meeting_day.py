"""Reports after Meeting day: a long real review's summary still fits one page, Word tables
never break a header word, times after midnight carry their day, and meeting notes appear
only when asked for.

The long review is the GitLab.com database incident of 2017-01-31, written
from its public postmortem (tests/data/postmortems). Word files are read
back as LibreOffice lays them out, with the metric twins of Word's fonts.
"""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pir_desktop.domain.model import MeetingNote
from pir_desktop.errors import PirError
from pir_desktop.interchange.review_json import read_review_file
from pir_desktop.reports.export import export_review

from .conftest import API_SAMPLE
from .readers import need, pdf_pages, pdf_text, squash

GITLAB = Path(__file__).parent / "data" / "postmortems" / "gitlab-2017-01-31.json"


def _write(tmp_path, review, fmt, variant="full", **options) -> Path:
    path = tmp_path / f"report-{variant}.{fmt}"
    path.write_bytes(export_review(review, fmt, variant, **options).data)
    return path


def _libreoffice_pdf(tmp_path, docx: Path) -> Path:
    soffice = need("soffice")
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return docx.with_suffix(".pdf")


def test_the_summary_of_a_long_real_review_fits_one_page_and_keeps_what_matters(tmp_path):
    review = read_review_file(GITLAB)
    pdf = _write(tmp_path, review, "pdf", "summary")
    assert pdf_pages(pdf) == 1
    text = squash(pdf_text(pdf))
    for kept in [
        review.title,
        "Key moments (UTC)",
        *(n.text for n in review.all_whys() if n.root_cause),
        *(a.title for a in review.action_items if not a.deferred),
        "7 future improvements are listed in the full report.",
    ]:
        assert squash(kept) in text, kept
    assert "more in the full report" in text  # what was left out is said


@pytest.mark.slow
def test_the_word_summary_fits_one_page_and_no_header_breaks_inside_a_word(tmp_path):
    review = read_review_file(GITLAB)
    laid_out = _libreoffice_pdf(tmp_path, _write(tmp_path, review, "docx", "summary"))
    assert pdf_pages(laid_out) == 1
    layout = subprocess.run(
        [need("pdftotext"), "-layout", "-enc", "UTF-8", str(laid_out), "-"],
        capture_output=True, check=True, text=True,
    ).stdout  # fmt: skip
    lines = layout.splitlines()
    header = next(line for line in lines if "Deadline" in line)
    assert re.search(r"\bStatus\b", header) and re.search(r"\bCategory\b", header), header
    assert not any(re.fullmatch(r"\s*(s|y|e)\s*", line) for line in lines)  # no "Statu s" tails


def test_times_after_midnight_carry_their_day_in_the_figure_and_the_table(tmp_path):
    review = read_review_file(GITLAB)
    text = pdf_text(_write(tmp_path, review, "pdf"))
    assert "recovered 17:00 (next day)" in text
    assert "started 19:00" in text and "started 19:00 (" not in text
    assert "2017-02-01 17:00:00" in text  # the timeline table dates the next day's rows


def test_meeting_notes_appear_in_the_full_report_only_when_asked(tmp_path):
    review = read_review_file(API_SAMPLE)
    review.meeting_notes = [
        MeetingNote("Ask the DBA team about the index review", datetime(2026, 3, 13, tzinfo=UTC)),
        MeetingNote("Share the dashboard link in the channel"),
    ]
    plain = squash(pdf_text(_write(tmp_path, review, "pdf")))
    assert "Meeting notes" not in plain and "index review" not in plain
    for fmt in ("pdf", "md", "docx"):
        path = _write(tmp_path, review, fmt, with_notes=True)
        text = (
            path.read_text(encoding="utf-8")
            if fmt == "md"
            else squash(pdf_text(path))
            if fmt == "pdf"
            else squash(" ".join(p.text for p in __import__("docx").Document(path).paragraphs))
        )
        assert "Meeting notes" in text and "Ask the DBA team about the index review" in text
    for variant in ("summary", "public"):
        with pytest.raises(PirError, match="only into the full report"):
            export_review(review, "pdf", variant, with_notes=True)
