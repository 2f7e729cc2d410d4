"""Precision and recall of the blameless coach on the labelled corpus, both parts.

    .venv/bin/python benchmarks/coach_accuracy.py [--part tuning|held-out|both]
                                                 [--list-held-out]

The tuning part (``tests/coach_corpus.py``) is what the rules are tuned on:
its mistakes are listed. The held-out part (``tests/coach_corpus_held_out.py``)
was written before the rules of issue 17 and is never tuned on: only its
figures are printed, unless ``--list-held-out`` asks for its mistakes too
(for the closing report, never while changing rules). The blind part
(``tests/coach_corpus_blind.py``) was written by a session that never saw
the coach or its corpus, after the rules were written; its mistakes are
listed with ``--list-held-out`` only. Each part prints the recall per form
of blame and the false alarms per kind of look-alike.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOP))
sys.path.insert(0, str(TOP / "tests"))

import coach_corpus  # noqa: E402
import coach_corpus_blind  # noqa: E402
import coach_corpus_held_out  # noqa: E402
from coach_scoring import score  # noqa: E402


def report(label: str, corpus, list_mistakes: bool) -> None:
    result = score(corpus.BLAMEFUL, corpus.NEUTRAL, corpus.NAMES)
    print(
        f"{label}: {result.blameful} blameful + {result.neutral} neutral sentences, "
        f"precision {result.precision:.2f}, recall {result.recall:.2f}"
    )
    print(
        "  found, by form:   " + ", ".join(f"{f} {a}/{b}" for f, (a, b) in result.by_form.items())
    )
    print(
        "  false alarms:     " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in result.by_kind.items())
    )
    if list_mistakes:
        for form, sentence in result.missed:
            print(f"  missed ({form}): {sentence}")
        for kind, sentence in result.wrong:
            print(f"  flagged although neutral ({kind}): {sentence}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--part",
        choices=["tuning", "held-out", "blind", "both"],
        default="both",
        help="both: every part",
    )
    parser.add_argument("--list-held-out", action="store_true")
    args = parser.parse_args()
    if args.part in ("tuning", "both"):
        report("tuning part", coach_corpus, True)
    if args.part in ("held-out", "both"):
        report("held-out part (never tuned on)", coach_corpus_held_out, args.list_held_out)
    if args.part in ("blind", "both"):
        report("blind part (written without seeing the coach)", coach_corpus_blind,
               args.list_held_out)  # fmt: skip


if __name__ == "__main__":
    main()
