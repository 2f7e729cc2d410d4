"""Precision and recall of the blameless coach over one part of the labelled corpus.

Shared by ``tests/test_coach.py`` and ``benchmarks/coach_accuracy.py``. A
sentence counts as flagged when ``check_text`` returns any finding for it,
with the part's names written as a review would give them (``name_variants``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pir_desktop.domain.coach import check_text, name_variants

Groups = dict[str, tuple[str, ...]]


@dataclass
class Score:
    blameful: int = 0
    neutral: int = 0
    missed: list[tuple[str, str]] = field(default_factory=list)  # (form, sentence)
    wrong: list[tuple[str, str]] = field(default_factory=list)  # (kind, sentence)
    by_form: dict[str, tuple[int, int]] = field(default_factory=dict)  # form: (found, of)
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind: (flagged, of)

    @property
    def hits(self) -> int:
        return self.blameful - len(self.missed)

    @property
    def precision(self) -> float:
        flagged = self.hits + len(self.wrong)
        return self.hits / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        return self.hits / self.blameful if self.blameful else 0.0


def score(blameful: Groups, neutral: Groups, names: tuple[str, ...]) -> Score:
    variants = name_variants(names)
    result = Score()
    for form, sentences in blameful.items():
        missed = [s for s in sentences if not check_text(s, variants)]
        result.blameful += len(sentences)
        result.missed += [(form, s) for s in missed]
        result.by_form[form] = (len(sentences) - len(missed), len(sentences))
    for kind, sentences in neutral.items():
        wrong = [s for s in sentences if check_text(s, variants)]
        result.neutral += len(sentences)
        result.wrong += [(kind, s) for s in wrong]
        result.by_kind[kind] = (len(wrong), len(sentences))
    return result
