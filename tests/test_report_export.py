"""Exporting from the command line, house-style templates, and LibreOffice as a reader.

LibreOffice's check is marked slow (it starts an office suite) and still runs
in CI: ``make test`` runs every marker.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

from pir_desktop.cli import main
from pir_desktop.interchange.review_json import read_review_file
from pir_desktop.reports.docx import TemplateError, render_docx
from pir_desktop.reports.export import export_review
from pir_desktop.reports.model import build_report

from .conftest import API_SAMPLE, SAMPLES
from .readers import docx_blocks, need, pdf_pages, pdf_text, squash

pytestmark = pytest.mark.both_backends


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def imported(capsys, library_target) -> str:
    code, out, err = cli(capsys, "--library", str(library_target), "import", str(API_SAMPLE))
    assert code == 0, err
    return out.split("\t")[0]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md", "json"])
@pytest.mark.parametrize("variant", ["full", "summary", "public"])
def test_cli_writes_each_format_and_variant(
    capsys, tmp_path, library_target, imported, fmt, variant
):
    out = tmp_path / f"report.{fmt}"
    args = ["--library", str(library_target), "export", imported[:8], "--format", fmt]
    code, _, err = cli(capsys, *args, "--variant", variant, "--out", str(out))
    if fmt == "json" and variant == "summary":
        assert code == 2 and "always holds the whole review" in err
        assert not out.exists()
        return
    assert code == 0, err
    if fmt == "pdf":
        text = squash(pdf_text(out))
    elif fmt == "docx":
        text = squash(" ".join(docx_blocks(out)))
    else:
        text = out.read_text(encoding="utf-8")
    assert "API returned 500 errors for 40 minutes" in text
    assert ("Dana Reyes" in text) == (variant != "public")


def test_cli_refuses_a_template_for_pdf_and_writes_nothing(
    capsys, tmp_path, library_target, imported
):
    out = tmp_path / "report.pdf"
    template = tmp_path / "house.docx"
    Document().save(str(template))
    code, _, err = cli(
        capsys, "--library", str(library_target), "export", imported, "--format", "pdf",
        "--template", str(template), "--out", str(out),
    )  # fmt: skip
    assert code == 2
    assert err.count("\n") == 1 and "takes none" in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text", "is not a usable Word template"),
        (None, "does not exist"),
    ],
)
def test_cli_names_a_bad_template_and_keeps_the_old_report(
    capsys, tmp_path, library_target, imported, content, message
):
    out = tmp_path / "report.docx"
    out.write_bytes(b"the previous report")
    template = tmp_path / "house.docx"
    if content is not None:
        template.write_bytes(content)
    code, _, err = cli(
        capsys, "--library", str(library_target), "export", imported, "--format", "docx",
        "--template", str(template), "--out", str(out),
    )  # fmt: skip
    assert code == 2
    assert err.startswith("pir-desktop: the template") and message in err
    assert "Traceback" not in err
    assert out.read_bytes() == b"the previous report"


def test_pdf_to_a_terminal_is_refused():
    """A child process with a pseudo-terminal as stdout, as a user typing the command."""
    pty = pytest.importorskip("pty")
    script = (
        "import sys; from pir_desktop.cli import main; "
        "sys.exit(main(['--library', sys.argv[1], 'export', 'x', '--format', 'pdf']))"
    )
    primary, secondary = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-c", script, "/nonexistent/lib.sqlite"],
            stdout=secondary, stderr=subprocess.PIPE, text=True, timeout=60,
        )  # fmt: skip
    finally:
        os.close(primary)
        os.close(secondary)
    assert result.returncode == 2
    assert "would garble the terminal; give --out FILE" in result.stderr


def _house_template(path: Path) -> Path:
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "ACME Corp — internal"
    doc.sections[0].footer.paragraphs[0].text = "ACME confidential footer"
    doc.styles["Normal"].font.name = "Georgia"
    doc.styles["Normal"].font.size = Pt(11)
    doc.styles["Heading 1"].font.size = Pt(17)
    doc.add_paragraph("Template body text that must not appear in the report")
    doc.save(str(path))
    return path


def test_docx_takes_the_templates_styles_header_and_footer(tmp_path):
    template = _house_template(tmp_path / "house.docx")
    review = read_review_file(API_SAMPLE)
    out = tmp_path / "report.docx"
    out.write_bytes(render_docx(build_report(review), template))
    doc = Document(str(out))
    assert doc.sections[0].header.paragraphs[0].text == "ACME Corp — internal"
    assert doc.sections[0].footer.paragraphs[0].text == "ACME confidential footer"
    assert doc.styles["Normal"].font.name == "Georgia"
    assert doc.styles["Heading 1"].font.size == Pt(17)
    texts = docx_blocks(out)
    assert "Template body text that must not appear in the report" not in texts
    assert texts[0] == review.title
    assert any(p.style.name == "Heading 1" and p.text == "Impact" for p in doc.paragraphs)


def test_a_dotx_template_is_taken_too(tmp_path):
    """Word saves house styles as .dotx: same package, another declared content type."""
    import zipfile

    docx = _house_template(tmp_path / "house.docx")
    dotx = tmp_path / "house.dotx"
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(dotx, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml"
                )
            target.writestr(item, content)
    with pytest.raises(ValueError, match="not a Word file"):
        Document(str(dotx))  # what python-docx alone makes of it
    out = tmp_path / "report.docx"
    out.write_bytes(render_docx(build_report(read_review_file(API_SAMPLE)), dotx))
    doc = Document(str(out))
    assert doc.sections[0].header.paragraphs[0].text == "ACME Corp — internal"


def test_docx_template_without_the_usual_styles_still_renders(tmp_path):
    """A template whose styles are renamed: headings and lists fall back to direct formatting."""
    template = tmp_path / "bare.docx"
    doc = Document()
    for style in list(doc.styles):
        if style.name.startswith(("Heading", "List Bullet", "Title", "Table Grid", "Caption")):
            style.name = f"Custom {style.name}"
    doc.save(str(template))
    out = tmp_path / "report.docx"
    review = read_review_file(API_SAMPLE)
    out.write_bytes(render_docx(build_report(review), template))
    texts = docx_blocks(out)
    assert texts[0] == review.title
    assert any(t.startswith("• The database connection pool was exhausted") for t in texts)


def test_bad_template_is_a_template_error(tmp_path):
    (tmp_path / "folder.docx").mkdir()
    with pytest.raises(TemplateError, match="is a folder"):
        render_docx(build_report(read_review_file(API_SAMPLE)), tmp_path / "folder.docx")


@pytest.mark.slow
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_libreoffice_converts_the_docx_without_error(tmp_path, sample):
    soffice = need("soffice")
    review = read_review_file(sample)
    docx = tmp_path / "report.docx"
    docx.write_bytes(export_review(review, "docx").data)
    profile = tmp_path / "lo-profile"  # a private profile: runs never share state
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "report.pdf"
    assert result.returncode == 0, result.stderr
    assert pdf.is_file(), result.stdout + result.stderr
    text = squash(pdf_text(pdf))
    assert squash(review.title) in text
    assert all(squash(e.text) in text for e in review.timeline)
    assert pdf_pages(pdf) <= 3


def test_action_items_csv_reads_back_in_a_spreadsheet_reader(
    capsys, tmp_path, library_target, imported
):
    import csv

    out = tmp_path / "actions.csv"
    args = ["--library", str(library_target), "export", imported[:8], "--format", "csv"]
    code, _, err = cli(capsys, *args, "--out", str(out))
    assert code == 0, err
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.DictReader(data.decode("utf-8-sig").splitlines()))
    assert [r["title"] for r in rows][:2] == [
        "Add a migration lint step to CI that fails on DROP INDEX without approval",
        "Alert when connection pool utilisation exceeds 80% for 2 minutes",
    ]
    assert rows[0] | {"id": ""} == {
        "title": rows[0]["title"], "owner": "Alex Kim", "due": "2026-04-01", "status": "open",
        "category": "prevent", "committed": "committed", "tracker_url": "", "id": "",
    }  # fmt: skip
    code, _, err = cli(capsys, *args, "--variant", "public", "--out", str(out))
    assert code == 0 and "Alex Kim" not in out.read_text(encoding="utf-8-sig")
    code, _, err = cli(capsys, *args, "--variant", "summary", "--out", str(out))
    assert code == 2 and "the action items' CSV always holds every item" in err


def test_csv_cells_a_spreadsheet_would_run_are_quoted():
    from pir_desktop.domain.model import ActionItem
    from pir_desktop.reports.actions_csv import actions_csv

    review = read_review_file(API_SAMPLE)
    review.action_items = [ActionItem('=HYPERLINK("http://x","y")', owner="@ops")]
    text = actions_csv(review).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",'@ops," in text
