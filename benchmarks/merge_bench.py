"""Merging two copies of the large review, each with a tenth of its items changed.

Run: ``.venv/bin/python benchmarks/merge_bench.py`` (or ``make bench``).

Two libraries start with the same large review (``library_bench.large_review``:
2,000 events, 300 whys, 100 action items); on each, a tenth of the items are
changed through the real operations (edited, moved, deleted, or a new item
added next to them). The "away" copy is exported as a version-2 file and
merged into the "home" library, which is what ``pir-desktop import --merge``
does. Printed: the median of several runs of the merge engine alone (two
reviews in memory), of the whole merge in process (read and check the file,
load the library's copy, merge, write in one transaction) and of the command
(start-up included), against baselines measured in the same run: loading the
review from the library, and exporting it with the command. Aim (issue 16):
the whole merge under 1 s.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from library_bench import command, large_review
from library_bench import median_time as _median_time

from pir_desktop import operations as ops
from pir_desktop.domain.merge import merge_reviews
from pir_desktop.interchange.review_json import (
    dumps,
    read_review,
    read_review_file_to_merge,
)
from pir_desktop.operations.merge import apply_merges, prepare_merge
from pir_desktop.storage.library import open_library
from pir_desktop.storage.reviews import load_review

RUNS = 5


def median_time(fn) -> float:
    return _median_time(fn, RUNS)


SHARE = 0.10  # of the items changed on each side


def load(library, review_id):
    with library.read() as session:
        return load_review(session, review_id)


def change(library, review_id: str, rng: random.Random, label: str) -> int:
    """Change ``SHARE`` of the review's items through the operations; returns how many."""
    review = load(library, review_id)
    whys = list(review.all_whys())
    items = (
        [("event", e) for e in review.timeline]
        + [("why", n) for n in whys]
        + [("action", a) for a in review.action_items]
        + [("panel", p) for items in review.panels.values() for p in items]
        + [("lesson", x) for x in review.lessons]
    )
    chosen = rng.sample(items, int(len(items) * SHARE))
    gone: set[str] = set()
    for n, (kind, item) in enumerate(chosen):
        if item.id in gone:
            continue
        what = rng.random()
        text = f"{label} change {n}"
        if kind == "event":
            if what < 0.7:
                ops.edit_event(library, item.id, text=text)
            elif what < 0.8:
                ops.edit_event(library, item.id, at=item.at + timedelta(seconds=rng.randint(1, 90)))
            elif what < 0.9:
                ops.delete_event(library, item.id)
            else:
                ops.add_event(library, review_id, item.at, text)
        elif kind == "why":
            if what < 0.7:
                ops.edit_why(library, item.id, text)
            elif what < 0.9:
                removed = ops.delete_why(library, item.id)
                gone.update(node.id for node in removed.item.walk())
            else:
                ops.add_why(library, review_id, item.id, text)
        elif kind == "action":
            if what < 0.7:
                ops.edit_action_item(library, item.id, title=text)
            elif what < 0.8:
                ops.move_action_item(library, item.id, rng.randint(0, 99))
            elif what < 0.9:
                ops.delete_action_item(library, item.id)
            else:
                ops.add_action_item(library, review_id, text, position=rng.randint(0, 99))
        elif kind == "panel":
            ops.edit_panel_item(library, item.id, text)
        else:
            ops.add_lesson(library, review_id, text) if what < 0.5 else ops.edit_lesson(
                library, item.id, text
            )
    return len(chosen)


def main() -> None:
    rng = random.Random(16)
    work = Path(tempfile.mkdtemp(prefix="pir-merge-bench-"))
    home_path, away_path = work / "home.sqlite", work / "away.sqlite"
    with open_library(home_path) as home:
        [review] = ops.import_reviews(home, [read_review(json.dumps(large_review(rng)))])
        review_id = review.id
        shared = dumps(load(home, review_id))
        with open_library(away_path) as away:
            ops.import_reviews(away, [read_review(shared)])
            changed_away = change(away, review_id, rng, "away")
            away_file = work / "away.json"
            away_file.write_text(dumps(load(away, review_id)), encoding="utf-8")
        changed_home = change(home, review_id, rng, "home")
        mine, theirs = load(home, review_id), read_review_file_to_merge(away_file)
        items = sum(1 for _ in mine.all_whys()) + len(mine.timeline) + len(mine.action_items)
        loading = median_time(lambda: load(home, review_id))
        merging = median_time(lambda: merge_reviews(mine, theirs))
        rows = [
            ("  baseline: load the review from the library", loading, ""),
            ("merge engine (two reviews in memory)", merging, ""),
        ]
        report = merge_reviews(mine, theirs).report

    # The whole merge in process, each run on its own copy of the home library.
    copies = [work / f"home-{n}.sqlite" for n in range(RUNS * 2)]
    for target in copies:
        shutil.copyfile(home_path, target)
    fresh = iter(copies)

    def merge_in_process():
        with open_library(next(fresh)) as library:
            incoming = read_review_file_to_merge(away_file)
            apply_merges(library, [prepare_merge(library, incoming)])

    in_process = median_time(merge_in_process)
    rows.append(("import --merge, in process (open, read, merge, write)", in_process, "< 1 s"))

    def merge_command():
        target = str(next(fresh))
        run = command("--library", target, "import", "--merge", str(away_file))
        subprocess.run(run, check=True, stdout=subprocess.DEVNULL)

    def export_command():
        run = command("--library", str(home_path), "export", review_id, "--format", "json")
        subprocess.run(run, check=True, stdout=subprocess.DEVNULL)

    rows.append(("pir-desktop import --merge away.json", median_time(merge_command), "< 1 s"))
    rows.append(("  baseline: pir-desktop export --format json", median_time(export_command), ""))

    print(
        f"PIR Desktop merge benchmark (median of {RUNS} runs; files in {work})\n"
        f"the large review: {items} events, whys and action items; changed {changed_home} "
        f"items at home and {changed_away} away\nthe merge: {report.summary()}"
    )
    print(f"{'step':<56} {'seconds':>8}  aim")
    for name, seconds, aim in rows:
        print(f"{name:<56} {seconds:8.3f}  {aim}")


if __name__ == "__main__":
    main()
