"""Independent readers of what the reports wrote: poppler for PDF, python-docx for DOCX.

Nothing here imports the renderers under test.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from docx import Document


def need(tool: str) -> str:
    """The tool's path; the test fails (never skips) when it is missing, since
    packaging/system_deps.sh test installs it."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: run 'sh packaging/system_deps.sh test' as root")
    return path


def squash(text: str) -> str:
    """One space for any run of blanks and line breaks, so wrapped lines compare."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(path: Path, raw: bool = True) -> str:
    """pdftotext's reading; ``-raw`` keeps the drawing order, so a table cell's
    wrapped lines come out together."""
    args = [need("pdftotext"), "-enc", "UTF-8"] + (["-raw"] if raw else []) + [str(path), "-"]
    out = subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")
    return unicodedata.normalize("NFC", out)


def pdf_pages(path: Path) -> int:
    out = subprocess.run([need("pdfinfo"), str(path)], capture_output=True, check=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.M).group(1))


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run([need("pdfinfo"), str(path)], capture_output=True, check=True, text=True)
    return dict(
        (key.strip(), value.strip())
        for key, value in (line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)
    )


def pdf_fonts(path: Path) -> list[str]:
    out = subprocess.run([need("pdffonts"), str(path)], capture_output=True, check=True, text=True)
    return out.stdout.splitlines()[2:]


def pdf_ink(path: Path, page: int = 1, dpi: int = 100) -> int:
    """How many pixels of ``page`` poppler draws dark: what a reader sees as ink."""
    out = subprocess.run(
        [need("pdftoppm"), "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path)],
        capture_output=True,
        check=True,
    ).stdout
    # Binary PGM: "P5", width, height, maxval, then one byte a pixel.
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", out)
    pixels = out[header.end() :]
    return sum(1 for value in pixels if value < 128)


def pdf_images(path: Path) -> list[str]:
    out = subprocess.run(
        [need("pdfimages"), "-list", str(path)], capture_output=True, check=True, text=True
    )
    return out.stdout.splitlines()[2:]


def docx_blocks(path: Path) -> list[str]:
    """Every paragraph and every table cell of the body, in order, as python-docx reads them."""
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return texts
