"""Exporting the large review: our PDF and DOCX, against LibreOffice's PDF of our DOCX.

Run: ``.venv/bin/python benchmarks/export_bench.py`` (or ``make bench``).

The review is ``library_bench.large_review``: 2,000 timeline events, 300
whys, 100 action items. Each format is rendered 5 times in this process and
the median printed, with the first run (fonts loading) apart. The baseline,
measured in the same run, is the other way to a PDF: LibreOffice (headless,
a private profile, started fresh each time as a user's conversion would)
converting the DOCX we wrote. Aims (issue 4): each format under 1 s; our
PDF at least 10 times faster than the LibreOffice route.
"""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from library_bench import large_review  # noqa: E402

from pir_desktop.interchange.review_json import review_from_document  # noqa: E402
from pir_desktop.reports.export import export_review  # noqa: E402

RUNS = 5


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def libreoffice(docx: Path, work: Path) -> float:
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("LibreOffice is missing: sh packaging/system_deps.sh test (as root)")
    profile = work / "profile"
    command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(work / "lo"), str(docx)]  # fmt: skip
    subprocess.run(command, capture_output=True, check=True, timeout=600)  # profile's first start
    seconds, _ = timed(
        lambda: subprocess.run(command, capture_output=True, check=True, timeout=600)
    )
    return seconds


def main() -> None:
    review = review_from_document(large_review(random.Random(7)))
    print(
        f"large review: {len(review.timeline)} events, {sum(1 for _ in review.all_whys())} whys, "
        f"{len(review.action_items)} action items"
    )
    medians = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for fmt in ("pdf", "docx", "md"):
            first, exported = timed(lambda fmt=fmt: export_review(review, fmt))
            runs = [timed(lambda fmt=fmt: export_review(review, fmt))[0] for _ in range(RUNS)]
            medians[fmt] = statistics.median(runs)
            (work / f"large.{fmt}").write_bytes(exported.data)
            print(
                f"  {fmt:>4}: median {medians[fmt]:.3f} s over {RUNS} runs (first run "
                f"{first:.3f} s), {len(exported.data) / 1024:.0f} KiB"
            )
        pages = subprocess.run(["pdfinfo", str(work / "large.pdf")], capture_output=True, text=True)
        count = next((line.split()[-1] for line in pages.stdout.splitlines()
                      if line.startswith("Pages:")), "?")  # fmt: skip
        print(f"  our PDF has {count} pages")
        office = libreoffice(work / "large.docx", work)
        print(f"  baseline: LibreOffice converting our DOCX to PDF: {office:.3f} s")
        print(
            f"  our PDF is {office / medians['pdf']:.1f} times faster than the LibreOffice "
            "route (aim: at least 10)"
        )
        print(
            "  aims under 1 s: "
            + ", ".join(f"{fmt} {'met' if s < 1 else 'MISSED'}" for fmt, s in medians.items())
        )


if __name__ == "__main__":
    main()
