"""Import, export, list and metrics times on a large review and a library of 1,000 reviews.

Run: ``.venv/bin/python benchmarks/library_bench.py`` (or ``make bench``).

It builds, in a temporary folder, a large review (2,000 timeline events,
300 why nodes, 100 action items) and a library of 1,000 ordinary reviews,
then prints the median of several runs of each step, twice: inside one
process (the work itself) and as the ``pir-desktop`` command (what a script
waits for, start-up included). The baselines, measured in the same run, are
a bare ``python -c pass`` and plain ``sqlite3`` reading the same list.
Aims (issue 2): each step under 1 s for the large review; ``list`` over
1,000 reviews under 0.3 s.
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pir_desktop.domain.metrics import compute_metrics
from pir_desktop.interchange.review_json import dumps, read_review
from pir_desktop.operations import import_reviews
from pir_desktop.storage.library import open_library
from pir_desktop.storage.reviews import list_reviews, load_review

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "tests" / "data" / "samples" / "api-500-connection-pool.json"
KINDS = [
    "started",
    "detected",
    "responded",
    "troubleshooting",
    "root_cause_found",
    "fix_applied",
    "recovered",
    "note",
]
RUNS = 5


def large_review(rng: random.Random) -> dict:
    start = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)
    timeline = [
        {
            "at": (start + timedelta(seconds=17 * i)).isoformat().replace("+00:00", "Z"),
            "kind": KINDS[i % len(KINDS)] if i < 16 else "note",
            "text": f"Event {i}: connection pool at {rng.randint(10, 100)}% on api-{i % 40}",
            "source": rng.choice(["monitoring", "chat", "deploy log", "pager"]),
        }
        for i in range(2000)
    ]
    # 300 why nodes: 20 branches of 15 nodes, each branch a chain five deep with siblings.
    whys = []
    for b in range(20):
        chain = {"text": f"Branch {b} root cause", "root_cause": True, "children": []}
        for depth in range(4):
            chain = {
                "text": f"Branch {b} why {4 - depth}",
                "children": [
                    chain,
                    {"text": f"Branch {b} side cause {depth}a", "children": []},
                    {"text": f"Branch {b} side cause {depth}b", "children": []},
                ],
            }
        whys.append(
            {
                "text": f"Branch {b} symptom",
                "children": [chain, {"text": f"Branch {b} side cause", "children": []}],
            }
        )
    actions = [
        {
            "title": f"Action {i}: add an alert on pool saturation for service {i}",
            "owner": f"Owner {i % 7}",
            "due": f"2026-04-{(i % 28) + 1:02d}",
            "status": ["open", "in_progress", "done", "dropped"][i % 4],
            "category": ["prevent", "detect", "respond", "mitigate"][i % 4],
            "deferred": i >= 5,
        }
        for i in range(100)
    ]
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc.update(title="Large review", timeline=timeline, whys=whys, action_items=actions)
    return doc


def count_whys(nodes) -> int:
    return sum(1 + count_whys(n.get("children", [])) for n in nodes)


def median_time(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pir_desktop", *args]


def run_quiet(argv: list[str]) -> None:
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    rng = random.Random(7)
    work = Path(tempfile.mkdtemp(prefix="pir-bench-"))
    doc = large_review(rng)
    assert len(doc["timeline"]) == 2000 and count_whys(doc["whys"]) == 300
    big_file = work / "large.json"
    big_file.write_text(json.dumps(doc), encoding="utf-8")
    sample_doc = json.loads(SAMPLE.read_text(encoding="utf-8"))

    rows: list[tuple[str, float, str]] = []

    # Large review: import (read + validate + write), export, metrics.
    # Each run imports into its own empty library, created outside the timed part.
    targets = [work / f"import-{n}.sqlite" for n in range(RUNS)]
    for target in targets:
        open_library(target).close()
    libs = iter(targets)

    def import_large():
        with open_library(next(libs)) as lib:
            import_reviews(lib, [read_review(big_file.read_bytes(), "large.json")])

    rows.append(("import large review (in process)", median_time(import_large), "< 1 s"))

    big_lib = work / "large.sqlite"
    with open_library(big_lib) as lib:
        review = read_review(big_file.read_bytes())
        import_reviews(lib, [review])
        big_id = review.id

        def export_large():
            with lib.read() as session:
                dumps(load_review(session, big_id))

        def metrics_large():
            with lib.read() as session:
                r = load_review(session, big_id)
            compute_metrics(r.timeline, r.severity)

        rows.append(("export large review (in process)", median_time(export_large), "< 1 s"))
        rows.append(("metrics large review (in process)", median_time(metrics_large), "< 1 s"))

    # A library of 1,000 ordinary reviews.
    many = work / "many.sqlite"
    with open_library(many) as lib:
        batch = []
        for i in range(1000):
            d = dict(
                sample_doc,
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                title=f"{sample_doc['title']} #{i}",
                incident_date=f"2026-{(i % 12) + 1:02d}-{(i % 28) + 1:02d}",
            )
            batch.append(read_review(json.dumps(d)))
        import_reviews(lib, batch)

        def list_many():
            with lib.read() as session:
                assert len(list_reviews(session)) == 1000

        rows.append(("list 1,000 reviews (in process)", median_time(list_many), "< 0.3 s"))

    def sqlite_list():
        conn = sqlite3.connect(many)
        conn.execute(
            "SELECT id, title, incident_date, severity, status FROM reviews "
            "ORDER BY incident_date DESC, created_at DESC"
        ).fetchall()
        conn.close()

    rows.append(("  baseline: plain sqlite3 list query", median_time(sqlite_list), ""))

    # The same steps as a user's script runs them: the command, start-up included.
    fresh_paths = [work / f"cli-import-{n}.sqlite" for n in range(RUNS)]
    for target in fresh_paths:
        open_library(target).close()
    fresh = iter(fresh_paths)
    new_libraries = iter(work / f"cli-new-{n}.sqlite" for n in range(RUNS))
    rows.append(
        (
            "pir-desktop list (creates a new library)",
            median_time(lambda: run_quiet(command("--library", str(next(new_libraries)), "list"))),
            "",
        )
    )
    rows.append(
        (
            "pir-desktop import large.json",
            median_time(
                lambda: run_quiet(command("--library", str(next(fresh)), "import", str(big_file)))
            ),
            "< 1 s",
        )
    )
    rows.append(
        (
            "pir-desktop export (large)",
            median_time(
                lambda: run_quiet(
                    command("--library", str(big_lib), "export", big_id[:8], "--format", "json")
                )
            ),
            "< 1 s",
        )
    )
    rows.append(
        (
            "pir-desktop metrics (large)",
            median_time(
                lambda: run_quiet(
                    command("--library", str(big_lib), "metrics", big_id[:8], "--json")
                )
            ),
            "< 1 s",
        )
    )
    rows.append(
        (
            "pir-desktop list --json (1,000 reviews)",
            median_time(lambda: run_quiet(command("--library", str(many), "list", "--json"))),
            "< 0.3 s",
        )
    )
    rows.append(
        (
            "  baseline: python -c pass",
            median_time(lambda: run_quiet([sys.executable, "-c", "pass"])),
            "",
        )
    )
    rows.append(
        (
            "  baseline: python -c 'import sqlalchemy'",
            median_time(lambda: run_quiet([sys.executable, "-c", "import sqlalchemy.orm"])),
            "",
        )
    )

    print(f"PIR Desktop library benchmark (median of {RUNS} runs; files in {work})")
    print(f"{'step':<44} {'seconds':>8}  aim")
    for name, seconds, aim in rows:
        print(f"{name:<44} {seconds:8.3f}  {aim}")


if __name__ == "__main__":
    main()
