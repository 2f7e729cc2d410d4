"""Search, follow-ups, insights and the dashboard on a library of 1,000 reviews.

Run: ``.venv/bin/python benchmarks/learning_bench.py`` (or ``make bench``).

It builds the library of ``learning_library.py`` (1,000 reviews over a year,
about 50 events, 20 whys and 10 action items each) in a temporary folder,
then prints the median of several runs of each question, twice: in process
(the query through the read-only sqlite3 reader, what the window pays) and
as the ``pir-desktop`` command (what a script waits for, start-up included).
The baselines, measured in the same run, are the review list read the same
way (``peek_reviews`` in process, ``pir-desktop list`` as a command) and a
bare ``python -c pass``. Aims (issue 14): search and insights under 0.1 s in
process; each read-only command within 0.3 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from learning_library import build  # noqa: E402

from pir_desktop.storage.peek import peek_reviews  # noqa: E402
from pir_desktop.storage.queries import (  # noqa: E402
    ActionFilter,
    actions,
    connect,
    dashboard,
    insights,
    search,
)

RUNS = 7
AS_OF = date(2026, 12, 1)


def median_time(fn, runs: int = RUNS) -> float:
    fn()  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def command(library: Path, *args: str) -> list[str]:
    app = Path(sys.executable).with_name("pir-desktop")
    prefix = [str(app)] if app.exists() else [sys.executable, "-m", "pir_desktop"]
    return [*prefix, "--library", str(library), *args]


def run_quiet(argv: list[str]) -> None:
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="pir-learning-"))
    library = work / "library.sqlite"
    started = time.perf_counter()
    build(library)
    built = time.perf_counter() - started
    rows: list[tuple[str, float, str]] = []
    with connect(library) as reader:
        hits = {q: len(search(reader, q)) for q in ("connection pool", "runbook outd", "conn")}

        def timed(name: str, fn, aim: str = "") -> None:
            rows.append((name, median_time(fn), aim))

        timed("  baseline: the review list (peek_reviews)", lambda: peek_reviews(library))
        timed(
            f"search 'connection pool' ({hits['connection pool']} hits)",
            lambda: search(reader, "connection pool"),
            "< 0.1 s",
        )
        timed(
            f"search 'runbook outd' ({hits['runbook outd']} hits)",
            lambda: search(reader, "runbook outd"),
            "< 0.1 s",
        )
        timed(f"search 'conn' ({hits['conn']} hits, every one)", lambda: search(reader, "conn"))
        timed("search 'conn', best 100", lambda: search(reader, "conn", limit=100), "< 0.1 s")
        timed("actions --open", lambda: actions(reader, ActionFilter("open"), AS_OF))
        timed("actions (all 10,000)", lambda: actions(reader, as_of=AS_OF))
        timed("insights (four quarters)", lambda: insights(reader, as_of=AS_OF), "< 0.1 s")
        timed(
            "insights by month (12 months)",
            lambda: insights(reader, by="month", as_of=AS_OF),
            "< 0.1 s",
        )
        timed("dashboard (1,000 rows)", lambda: dashboard(reader, as_of=AS_OF))
    rows.append(("", float("nan"), ""))
    for name, args, aim in (
        ("  baseline: python -c pass", None, ""),
        ("  baseline: pir-desktop list --json", ("list", "--json"), "< 0.3 s"),
        ("pir-desktop search 'connection pool' --json",
         ("search", "connection pool", "--json"), "< 0.3 s"),
        ("pir-desktop actions --open --json", ("actions", "--open", "--json"), "< 0.3 s"),
        ("pir-desktop actions --overdue", ("actions", "--overdue"), "< 0.3 s"),
        ("pir-desktop insights --json", ("insights", "--json"), "< 0.3 s"),
        ("pir-desktop insights (text)", ("insights",), "< 0.3 s"),
    ):  # fmt: skip
        argv = [sys.executable, "-c", "pass"] if args is None else command(library, *args)
        rows.append((name, median_time(lambda argv=argv: run_quiet(argv)), aim))
    report = work / "pattern.pdf"
    rows.append((
        "pir-desktop insights --format pdf (charts)",
        median_time(lambda: run_quiet(command(library, "insights", "--format", "pdf", "--out",
                                              str(report))), runs=3),
        "",
    ))  # fmt: skip

    print(f"PIR Desktop learning library: 1,000 reviews built in {built:.1f} s, in {work}")
    print(f"median of {RUNS} runs (the PDF: of 3)")
    print(f"{'step':<48} {'seconds':>8}  aim")
    for name, seconds, aim in rows:
        print(f"{name:<48} {seconds:8.3f}  {aim}" if name else "")


if __name__ == "__main__":
    main()
