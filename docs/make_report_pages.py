"""PNG pages of the API sample's reports for the README (pdftoppm, from poppler-utils).

    .venv/bin/python docs/make_report_pages.py      # or: make screenshots

Writes docs/report-full-page-N.png (the full PDF report) and
docs/report-summary.png (the one-page summary) at 80 dpi.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))

from pir_desktop.interchange.review_json import read_review_file  # noqa: E402
from pir_desktop.reports.export import export_review  # noqa: E402

SAMPLE = DOCS.parent / "tests" / "data" / "samples" / "api-500-connection-pool.json"


def pages(pdf: Path, prefix: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(prefix)], check=True)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))


def main() -> None:
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm is missing: sh packaging/system_deps.sh test (as root)")
    review = read_review_file(SAMPLE)
    for old in DOCS.glob("report-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for variant in ("full", "summary"):
            pdf = work / f"{variant}.pdf"
            pdf.write_bytes(export_review(review, "pdf", variant).data)
            for number, page in enumerate(pages(pdf, work / variant), 1):
                name = (
                    "report-summary.png"
                    if variant == "summary"
                    else f"report-full-page-{number}.png"
                )
                shutil.copy(page, DOCS / name)
                print(f"wrote docs/{name}")


if __name__ == "__main__":
    main()
