"""Precision and recall of the blameless coach on the labelled sentences of tests/coach_corpus.py.

Run: ``.venv/bin/python benchmarks/coach_accuracy.py``. Prints the figures
for the set the rules were tuned on and for the held-out set written after,
and the sentences it gets wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOP))
sys.path.insert(0, str(TOP / "tests"))

from coach_corpus import (  # noqa: E402
    BLAMEFUL,
    HELD_OUT_BLAMEFUL,
    HELD_OUT_NEUTRAL,
    NAMES,
    NEUTRAL,
)

from pir_desktop.domain.coach import check_text  # noqa: E402

names = tuple(sorted(set(NAMES), key=len, reverse=True)) + tuple(
    sorted({part for name in NAMES for part in name.split()}, key=len, reverse=True)
)
for label, blameful, neutral in (
    ("tuning set", BLAMEFUL, NEUTRAL),
    ("held-out set", HELD_OUT_BLAMEFUL, HELD_OUT_NEUTRAL),
):
    missed = [s for s in blameful if not check_text(s, names)]
    wrong = [s for s in neutral if check_text(s, names)]
    hits = len(blameful) - len(missed)
    precision = hits / (hits + len(wrong)) if hits + len(wrong) else 0.0
    print(
        f"{label}: {len(blameful)} blameful + {len(neutral)} neutral sentences, "
        f"precision {precision:.2f}, recall {hits / len(blameful):.2f}"
    )
    for sentence in missed:
        print(f"  missed: {sentence}")
    for sentence in wrong:
        print(f"  flagged although neutral: {sentence}")
