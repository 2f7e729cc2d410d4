"""How reading and reporting grow with the input: Slack, text log and PDF at 1x, 4x and 16x.

    .venv/bin/python benchmarks/growth_bench.py            (or ``make bench``)
    .venv/bin/python benchmarks/growth_bench.py --scale 0.25 --no-largest

Each input is one of the shapes that used to be quadratic (issue 18), built
in a temporary folder at three sizes, each four times the one before:

- Slack: a day file holding one message of unclosed mentions (``<@U1 `` over
  and over: 40,000 characters took 13 s), and an export of ordinary
  messages with mentions and links;
- text: a log line followed by untimed continuation lines (a stack trace:
  200,000 lines took 68 s);
- PDF: the full report of a review whose timeline has that many events
  (16,000 took 16 times as long as 2,000).

For each it prints the time at each size and the growth from one size to
the next: about 4 is linear, about 16 quadratic. The baseline, measured in
the same run on the same input, is the least any reader must do
(``json.loads`` of the Slack file, ``str.splitlines`` of the log) and, for
the PDF, the Markdown report of the same review (linear, pure Python). Then
what the largest input of each kind takes (``--no-largest`` leaves it out).
``--scale`` multiplies every size (for a slow machine, or older code).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from pir_desktop.interchange.review_json import read_review_file  # noqa: E402
from pir_desktop.interchange.timeline_import import read_timeline_file  # noqa: E402
from pir_desktop.reports.export import export_review  # noqa: E402

SAMPLE = HERE.parent / "tests" / "data" / "samples" / "api-500-connection-pool.json"
DAY = date(2026, 3, 12)
START = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)


def timed(action: Callable[[], object], runs: int = 1) -> float:
    """The best of ``runs``: the machine is shared, the least disturbed run is the work."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def mention_message(folder: Path, size: int) -> tuple[Path, str]:
    path = folder / f"mentions-{size}" / "2026-03-12.json"
    path.parent.mkdir()
    text = "<@U1 " * (size // 5)
    path.write_text(json.dumps([{"ts": "1773324000.0001", "user": "U1", "text": text}]))
    return path, f"{len(text):,} characters"


def slack_export(folder: Path, size: int) -> tuple[Path, str]:
    path = folder / f"export-{size}"
    (path / "incident").mkdir(parents=True)
    (path / "users.json").write_text(json.dumps([{"id": "U1", "name": "kim"}]))
    messages = [
        {
            "ts": f"{1773324000 + 3 * i}.{i % 1000:06d}",
            "user": "U1",
            "text": f"<@U1> pool at {i % 100}% see <https://grafana.example.com/d/{i}|panel {i}>",
        }
        for i in range(size)
    ]
    (path / "incident" / "2026-03-12.json").write_text(json.dumps(messages))
    return path, f"{size:,} messages"


def stack_trace(folder: Path, size: int) -> tuple[Path, str]:
    path = folder / f"trace-{size}.log"
    path.write_text("14:05 worker crashed\n" + "    at pool.acquire (pool.js:42)\n" * size)
    return path, f"{size:,} untimed lines"


def long_review(size: int):
    review = read_review_file(SAMPLE)
    from pir_desktop.domain.model import TimelineEvent

    review.timeline = [
        TimelineEvent(START + timedelta(seconds=2 * i), f"Event {i}: pool at {i % 100}% on api")
        for i in range(size)
    ]
    return review


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def row(label: str, sizes: list[str], times: list[float], baseline: list[float]) -> None:
    growth = [later / earlier for earlier, later in itertools.pairwise(times)]
    shown = "  ".join(f"{s}: {_ms(t)}" for s, t in zip(sizes, times, strict=True))
    print(f"  {label}")
    print(f"    {shown}")
    print(
        f"    growth x{growth[0]:.1f} then x{growth[1]:.1f} for each 4x (linear: 4, quadratic: 16)"
    )
    base_growth = [later / earlier for earlier, later in itertools.pairwise(baseline)]
    print(
        "    baseline " + "  ".join(_ms(t) for t in baseline)
        + f" (growth x{base_growth[0]:.1f}, x{base_growth[1]:.1f})"
    )  # fmt: skip


def measure(folder: Path, scale: float) -> None:
    def sizes(base: int) -> list[int]:
        return [max(1, round(base * scale * 4**k)) for k in range(3)]

    for label, make, fmt, base in (
        ("Slack: one message of unclosed mentions", mention_message, "slack", 50_000),
        ("Slack: an export of ordinary messages", slack_export, "slack", 5_000),
        ("text log: untimed continuation lines", stack_trace, "text", 50_000),
    ):
        made = [make(folder, n) for n in sizes(base)]
        times = [timed(lambda p=p, f=fmt: read_timeline_file(p, f, UTC, DAY), 2) for p, _ in made]
        if fmt == "slack":
            day = [p if p.is_file() else p / "incident" / "2026-03-12.json" for p, _ in made]
            baseline = [timed(lambda d=d: json.loads(d.read_bytes()), 2) for d in day]
        else:
            baseline = [timed(lambda p=p: p.read_text().splitlines(), 2) for p, _ in made]
        row(label, [d for _, d in made], times, baseline)
    reviews = [(long_review(n), f"{n:,} events") for n in sizes(2_000)]
    export_review(long_review(10), "pdf")  # fonts loaded once, outside the timing
    times = [timed(lambda r=r: export_review(r, "pdf")) for r, _ in reviews]
    baseline = [timed(lambda r=r: export_review(r, "md")) for r, _ in reviews]
    row("PDF: the full report of a long timeline (baseline: its Markdown)",
        [d for _, d in reviews], times, baseline)  # fmt: skip


def largest(folder: Path) -> None:
    print("  the largest inputs:")
    path, what = mention_message(folder, 4_000_000)
    print(
        f"    a Slack message of {what}: {timed(lambda: read_timeline_file(path, 'slack')):.2f} s"
    )
    path, what = slack_export(folder, 200_000)
    seconds = timed(lambda: read_timeline_file(path, "slack"))
    print(f"    a Slack export of {what} ({_size(path)}): {seconds:.2f} s")
    path, what = stack_trace(folder, 2_000_000)
    seconds = timed(lambda: read_timeline_file(path, "text", UTC, DAY))
    print(f"    a log of {what} ({_size(path)}): {seconds:.2f} s")
    review = long_review(100_000)
    seconds = timed(lambda: export_review(review, "pdf"))
    print(f"    the PDF of a 100,000-event timeline: {seconds:.1f} s")


def _size(path: Path) -> str:
    total = sum(p.stat().st_size for p in path.rglob("*")) if path.is_dir() else path.stat().st_size
    return f"{total / 2**20:.0f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    parser.add_argument("--no-largest", action="store_true", help="leave out the largest inputs")
    args = parser.parse_args()
    print("growth with input size, 1x 4x 16x (best of 2 runs for the readers, 1 for the PDF)")
    with tempfile.TemporaryDirectory() as folder:
        measure(Path(folder), args.scale)
        if not args.no_largest:
            largest(Path(folder))


if __name__ == "__main__":
    main()
