"""What the coach costs after each edit, against what the window already pays then.

    .venv/bin/python benchmarks/coach_bench.py

After every committed edit the window reloads the review from the library
(the baseline, measured here in the same run) and then runs the coach and
the action-item checks over the new snapshot (``lint_review`` plus
``locate`` for each finding, what ``gui.coach_panel.CoachFindings`` does).
The review is ``library_bench.large_review`` (2,000 events, 300 whys, 100
action items) with some blameful text added, so that the coach has findings
to place. Its generated texts ("Branch 3 why 2") are cheap to read, so the
same review is measured again with the sentences of the coach's tuning
corpus (``tests/coach_corpus.py``, as people write them) as the texts of its
whys and action items. Prints medians of 20 runs.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

import coach_corpus  # noqa: E402
from library_bench import large_review  # noqa: E402

from pir_desktop import operations as ops  # noqa: E402
from pir_desktop.domain.enums import Panel  # noqa: E402
from pir_desktop.domain.findings import lint_review, locate  # noqa: E402
from pir_desktop.domain.model import PanelItem, Participant  # noqa: E402
from pir_desktop.interchange.review_json import review_from_document  # noqa: E402
from pir_desktop.storage.library import open_library  # noqa: E402
from pir_desktop.storage.reviews import load_review  # noqa: E402

RUNS = 20


def median_ms(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def sentences() -> list[str]:
    groups = [*coach_corpus.BLAMEFUL.values(), *coach_corpus.NEUTRAL.values()]
    return [sentence for group in groups for sentence in group]


def with_sentences(review):
    """The review with people's sentences as the texts of its whys and action items."""
    texts = sentences()
    for index, node in enumerate(review.all_whys()):
        node.text = texts[index % len(texts)]
    for index, action in enumerate(review.action_items):
        action.title = texts[(index + 300) % len(texts)]
    return review


def measure(review, label: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        library = open_library(Path(folder) / "bench.sqlite")
        ops.import_reviews(library, [review])

        def reload():
            with library.read() as session:
                return load_review(session, review.id)

        snapshot = reload()

        def coach():
            findings = lint_review(snapshot, date(2026, 3, 13))
            return [locate(snapshot, f.path) for f in findings]

        findings = len(coach())
        baseline = median_ms(reload)
        cost = median_ms(coach)
        library.close()
    whys = sum(1 for _ in snapshot.all_whys())
    print(
        f"{label}: {len(snapshot.timeline)} events, {whys} whys, "
        f"{len(snapshot.action_items)} action items; the coach finds {findings} things"
    )
    print(f"  reload after an edit (baseline): median {baseline:.1f} ms over {RUNS} runs")
    print(f"  coach + checks + locate:         median {cost:.1f} ms over {RUNS} runs")
    print(f"  the coach adds {cost / baseline:.2f}x the reload's time to each edit")


def main() -> None:
    review = review_from_document(large_review(random.Random(7)))
    names = ["Alex Kim", "Maria Lopez", "the on-call engineer"]
    review.panels[Panel.WENT_POORLY] += [
        PanelItem(f"{names[i % 3]} forgot to check the dashboard {i}") for i in range(30)
    ]
    measure(review, "large review")
    sentenced = review_from_document(large_review(random.Random(7)))
    sentenced.participants += [Participant(name) for name in coach_corpus.NAMES]
    measure(with_sentences(sentenced), "large review, people's sentences in whys and actions")


if __name__ == "__main__":
    main()
