"""What reading and adding a large timeline costs, against the least any reader must do.

    .venv/bin/python benchmarks/import_bench.py

Builds, in a temporary folder, a Slack export of 30 days of 500 messages
(15,000 messages, threads, edits, bots, joins) and a CSV file of 15,000
lines, then measures in the same run (medians of 5):

- ``read_slack`` against ``json.loads`` of the same day files (the parsing
  any Slack reader has to do);
- ``read_csv`` against the standard library's ``csv.reader`` over the same
  text;
- ``operations.import_events`` adding the 15,000 CSV events to a review
  that already has 2,000, with the duplicate check, against
  ``load_review`` of the result (what the window does after every edit).

Prints figures; asserts nothing.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from library_bench import median_time  # noqa: E402

from pir_desktop import operations as ops  # noqa: E402
from pir_desktop.domain.enums import Severity  # noqa: E402
from pir_desktop.interchange.timeline_import import read_csv, read_slack  # noqa: E402
from pir_desktop.storage.library import open_library  # noqa: E402
from pir_desktop.storage.reviews import load_review  # noqa: E402

DAYS, PER_DAY, CSV_LINES, EXISTING = 30, 500, 15_000, 2_000
START = datetime(2026, 3, 1, tzinfo=UTC)


def build_slack(folder: Path) -> list[Path]:
    users = [{"id": f"U{n:03}", "name": f"user{n}", "profile": {"real_name": f"User {n}"}}
             for n in range(40)]  # fmt: skip
    (folder / "users.json").write_text(json.dumps(users), encoding="utf-8")
    channel = folder / "incident-big"
    channel.mkdir()
    days = []
    for day in range(DAYS):
        messages = []
        for n in range(PER_DAY):
            ts = (START + timedelta(days=day, seconds=n * 97)).timestamp()
            message = {"type": "message", "ts": f"{ts:.6f}", "user": f"U{n % 40:03}",
                       "text": f"step {n}: <@U{(n + 1) % 40:03}> checked the pool &amp; "
                               f"<https://grafana.example.com/d/{n}|dashboard {n}>"}  # fmt: skip
            if n % 10 == 3:
                message["thread_ts"] = f"{ts - 97:.6f}"
            if n % 25 == 0:
                message |= {"subtype": "bot_message", "bot_id": "B1", "username": "PagerDuty"}
            if n % 50 == 7:
                message |= {"subtype": "channel_join", "text": "has joined"}
            messages.append(message)
        path = channel / f"{(START + timedelta(days=day)).date().isoformat()}.json"
        path.write_text(json.dumps(messages), encoding="utf-8")
        days.append(path)
    return days


def build_csv() -> str:
    rows = ["time,text,kind,source"]
    for n in range(CSV_LINES):
        at = START + timedelta(seconds=n * 11)
        rows.append(f'{at.isoformat()},"Event {n}, with a comma",note,log')
    return "\n".join(rows) + "\n"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        export = folder / "export"
        export.mkdir()
        days = build_slack(export)
        blobs = [p.read_bytes() for p in days]
        slack_ours = median_time(lambda: read_slack(export), 5)
        slack_base = median_time(lambda: [json.loads(b) for b in blobs], 5)
        count = len(read_slack(export))
        print(f"Slack export, {DAYS * PER_DAY} messages ({count} events kept):")
        print(f"  read_slack        {slack_ours * 1000:8.1f} ms")
        print(f"  json.loads only   {slack_base * 1000:8.1f} ms   ({slack_ours / slack_base:.1f}×)")

        text = build_csv()
        csv_ours = median_time(lambda: read_csv(text, day=date(2026, 3, 1)), 5)
        csv_base = median_time(lambda: list(csv.reader(io.StringIO(text))), 5)
        print(f"CSV, {CSV_LINES} lines:")
        print(f"  read_csv          {csv_ours * 1000:8.1f} ms")
        print(f"  csv.reader only   {csv_base * 1000:8.1f} ms   ({csv_ours / csv_base:.1f}×)")

        events = [e.to_event() for e in read_csv(text, day=date(2026, 3, 1))]
        adds, loads = [], []
        for run in range(5):
            with open_library(folder / f"lib{run}.sqlite") as library:
                review = ops.create_review(library, "Big", date(2026, 3, 1), Severity.P2)
                ops.import_events(library, review.id, [e.to_event() for e in read_csv(
                    build_csv_existing(), day=date(2026, 3, 1))])  # fmt: skip
                began = time.perf_counter()
                added, skipped = ops.import_events(library, review.id, list(events))
                adds.append(time.perf_counter() - began)
                began = time.perf_counter()
                with library.read() as session:
                    load_review(session, review.id)
                loads.append(time.perf_counter() - began)
        add, load = statistics.median(adds), statistics.median(loads)
        print(f"import_events, {CSV_LINES} events into a review of {EXISTING} "
              f"({len(added)} added, {skipped} already there):")  # fmt: skip
        print(f"  import_events     {add * 1000:8.1f} ms")
        print(f"  load_review after {load * 1000:8.1f} ms   ({add / load:.1f}×)")


def build_csv_existing() -> str:
    """The first 2,000 lines of the big CSV: already in the review, so skipped."""
    return "\n".join(build_csv().splitlines()[: EXISTING + 1]) + "\n"


if __name__ == "__main__":
    main()
