"""The team library against a library file, measured in the same run.

- an edit made through one connection, seen by a ChangeFeed on another (NOTIFY on
  PostgreSQL, PRAGMA data_version polling on a file): median and p99 over 200 edits;
- opening library_bench.py's large review (2,000 events, 300 whys, 100 actions) with
  load_review on each back end (median of 5), against the file as the baseline;
- eight writer processes adding events to one shared review and to their own, with
  version-checked edits: edits per second on each back end.

The PostgreSQL server is the tests' private one (tests/pg_server.py: initdb in a
temporary folder, loopback, fsync off as in the tests; a production server with fsync
on commits slower). Run: .venv/bin/python benchmarks/team_bench.py
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from library_bench import large_review  # noqa: E402

from pir_desktop import operations as ops  # noqa: E402
from pir_desktop.interchange.review_json import read_review  # noqa: E402
from pir_desktop.storage.feed import ChangeFeed  # noqa: E402
from pir_desktop.storage.library import open_library  # noqa: E402
from pir_desktop.storage.reviews import load_review, reload_parts  # noqa: E402
from tests.pg_server import started  # noqa: E402

EDITS = 200
WRITERS = 8
WRITER_ROUNDS = 25
WRITER = r"""
import sys
from datetime import UTC, datetime, timedelta
from pir_desktop import operations as ops
from pir_desktop.storage.library import open_library
target, shared, own, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
library = open_library(target)
start = datetime(2026, 3, 12, 14, 0, tzinfo=UTC)
print("ready", flush=True)
sys.stdin.readline()
for i in range(rounds):
    event = ops.add_event(library, shared, start + timedelta(seconds=i), f"shared {i}")
    ops.edit_event(library, event.id, text=f"shared {i} edited",
                   expected=library.last_write.version(event.id))
    ops.add_lesson(library, own, f"lesson {i}")
library.close()
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def feed_latency(target) -> list[float]:
    """Seconds from an edit's commit to another connection's feed delivering it."""
    writer_lib = open_library(target)
    reader_lib = open_library(target)
    review = ops.create_review(writer_lib, "Latency", date(2026, 3, 12))
    why = ops.add_why(writer_lib, review.id, None, "first")
    feed = ChangeFeed(reader_lib, review.id)
    delays: list[float] = []
    committed: dict[int, float] = {}
    done = threading.Event()

    def edit():
        for i in range(EDITS):
            ops.edit_why(writer_lib, why.id, f"edit {i}")
            committed[i] = time.perf_counter()
            time.sleep(0.01)
        done.set()

    thread = threading.Thread(target=edit)
    thread.start()
    seen = 0
    while seen < EDITS:
        for change in feed.wait(2.0):
            now = time.perf_counter()
            if change.change == "why_edited":
                delays.append(now - committed.get(seen, now))
                seen += 1
    thread.join()
    feed.close()
    writer_lib.close()
    reader_lib.close()
    return delays


def open_large(target, doc) -> tuple[float, float]:
    """The large review read whole (opening it), and only its timeline read again (how a
    window brings in another's new event): medians of 5."""
    with open_library(target) as library:
        review = read_review(json.dumps(doc))
        ops.import_reviews(library, [review])
        whole, timeline = [], []
        for _ in range(5):
            start = time.perf_counter()
            with library.read() as session:
                shown = load_review(session, review.id)
            whole.append(time.perf_counter() - start)
            start = time.perf_counter()
            with library.read() as session:
                reload_parts(session, shown, {"timeline"})
            timeline.append(time.perf_counter() - start)
    return statistics.median(whole), statistics.median(timeline)


def writers(target) -> float:
    """Edits per second of eight writer processes (three writes a round each)."""
    with open_library(target) as library:
        shared = ops.create_review(library, "Shared", date(2026, 3, 12))
        own = [ops.create_review(library, f"Own {n}", date(2026, 3, 12)) for n in range(WRITERS)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), shared.id, own[n].id, str(WRITER_ROUNDS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for n in range(WRITERS)
    ]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        p.wait(timeout=600)
        assert p.returncode == 0
    elapsed = time.perf_counter() - start
    return WRITERS * WRITER_ROUNDS * 3 / elapsed


def main() -> None:
    server = started()
    folder = Path(tempfile.mkdtemp(prefix="pir-team-bench-"))
    try:
        targets = {}
        for name in ("latency", "large", "writers"):
            server.create_database(name)
            targets[("postgresql", name)] = server.url(name)
            targets[("sqlite", name)] = folder / f"{name}.sqlite"
        print(f"edit seen by another client through the feed ({EDITS} edits, 10 ms apart):")
        for backend in ("sqlite", "postgresql"):
            delays = feed_latency(targets[(backend, "latency")])
            print(
                f"  {backend:<10} median {statistics.median(delays) * 1000:6.1f} ms   "
                f"p99 {percentile(delays, 0.99) * 1000:6.1f} ms"
            )
        doc = large_review(random.Random(7))
        doc["id"] = str(uuid.uuid4())
        base, base_part = open_large(targets[("sqlite", "large")], doc)
        team, team_part = open_large(targets[("postgresql", "large")], doc)
        print("opening the large review (load_review, median of 5):")
        print(f"  sqlite     {base * 1000:6.0f} ms (baseline)")
        print(f"  postgresql {team * 1000:6.0f} ms ({team / base:.2f}x; aim: within 1.5x)")
        print("another window's new event brought in: only the timeline read again")
        print(f"  sqlite     {base_part * 1000:6.0f} ms ({base_part / base:.2f}x the whole)")
        print(f"  postgresql {team_part * 1000:6.0f} ms ({team_part / team:.2f}x the whole)")
        print(f"{WRITERS} writer processes, {WRITER_ROUNDS} rounds of 3 writes each:")
        for backend in ("sqlite", "postgresql"):
            rate = writers(targets[(backend, "writers")])
            print(f"  {backend:<10} {rate:6.0f} writes/s")
    finally:
        server.cleanup()
        for path in folder.glob("*"):
            path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
