"""What the blameless coach and the action-item checks report, and ``lint_review`` running both.

A finding points into the interchange format (``whys[0].children[1].text``,
``action_items[2].title``, ``went_poorly[0]``), so the CLI's ``lint --json``
and the window mark the same item. Findings never block anything.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from .model import Review


@dataclass(frozen=True)
class Finding:
    path: str
    rule: str
    message: str
    suggestion: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def lint_review(review: Review, today: date) -> list[Finding]:
    """Blame framing first (in the order of the review), then the action-item checks."""
    from .action_checks import check_actions
    from .coach import coach_review

    return coach_review(review) + check_actions(review, today)
