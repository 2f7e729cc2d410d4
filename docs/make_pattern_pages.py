"""PNG pages of a pattern review report for the README (pdftoppm, from poppler-utils).

    .venv/bin/python docs/make_pattern_pages.py      # or: make screenshots

Builds the seeded library of benchmarks/learning_library.py with 60 reviews
over 2026, writes its pattern review as of 2026-12-01 (the last four
quarters) and turns the PDF into docs/pattern-review-page-N.png at 80 dpi.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))
sys.path.insert(0, str(DOCS.parent / "benchmarks"))

from learning_library import build  # noqa: E402

from pir_desktop.cli import main as cli  # noqa: E402


def main() -> None:
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm is missing: sh packaging/system_deps.sh test (as root)")
    for old in DOCS.glob("pattern-review-page-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        library = work / "library.sqlite"
        build(library, 60)
        pdf = work / "pattern.pdf"
        args = ["--library", str(library), "insights", "--as-of", "2026-12-01"]
        if cli([*args, "--format", "pdf", "--out", str(pdf)]) != 0:
            sys.exit("the report could not be written")
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(work / "page")], check=True)
        for number, page in enumerate(sorted(work.glob("page-*.png")), 1):
            name = f"pattern-review-page-{number}.png"
            shutil.copy(page, DOCS / name)
            print(f"wrote docs/{name}")


if __name__ == "__main__":
    main()
