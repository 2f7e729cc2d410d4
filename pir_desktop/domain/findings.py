"""What the blameless coach and the action-item checks report, and ``lint_review`` running both.

A finding points into the interchange format (``whys[0].children[1].text``,
``action_items[2].title``, ``went_poorly[0]``), so the CLI's ``lint --json``
and the window mark the same item. Findings never block anything.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from .enums import Panel
from .model import Review

# The coach's rules that judge with hindsight: the window shows the reminder of hindsight
# bias beside them (kept here, not in ``coach``, so the window can know them at start-up
# without compiling the coach's patterns).
COUNTERFACTUAL_RULES = frozenset({"should-have", "counterfactual"})


@dataclass(frozen=True)
class Finding:
    path: str
    rule: str
    message: str
    suggestion: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Location:
    """The item a finding's path points at: ``kind`` is why, factor, panel, action or lesson."""

    kind: str
    item_id: str
    field: str | None  # "title", "owner", ... ; None for the item's only text


_STEP = re.compile(r"([a-z_]+)\[(\d+)\]")


def locate(review: Review, path: str) -> Location | None:
    """The item ``path`` names in ``review``; None for a path about a whole list."""
    head, _, rest = path.partition(".")
    step = _STEP.fullmatch(head)
    if step is None:
        return None
    name, index = step[1], int(step[2])
    try:
        if name == "whys":
            node = review.whys[index]
            while rest.startswith("children["):
                child, _, rest = rest.partition(".")
                node = node.children[int(_STEP.fullmatch(child)[2])]
            return Location("why", node.id, None)
        if name == "contributing_factors":
            return Location("factor", review.contributing_factors[index].id, None)
        if name == "lessons":
            return Location("lesson", review.lessons[index].id, None)
        if name == "action_items":
            return Location("action", review.action_items[index].id, rest or None)
        if name in {p.value for p in Panel}:
            return Location("panel", review.panels[Panel(name)][index].id, None)
    except (IndexError, KeyError, TypeError):
        return None
    return None


def lint_review(review: Review, today: date) -> list[Finding]:
    """Blame framing first (in the order of the review), then the action-item checks."""
    from .action_checks import check_actions
    from .coach import coach_review

    return coach_review(review) + check_actions(review, today)
