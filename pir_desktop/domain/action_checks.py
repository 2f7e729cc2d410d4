"""Checks that make action items SMART: an owner, a date, a category, specific words.

Committed items (not deferred, not done or dropped) need an owner, a due
date and a category; a due date already past is named; vague wording
("improve", "look into", "monitor better") gets a hint of what a specific
item names. Over the list: more than five committed items (defer some),
and no ``prevent`` item although a root cause is marked.
"""

from __future__ import annotations

import re
from datetime import date

from .enums import ActionCategory, ActionStatus
from .findings import Finding
from .model import Review

MAX_COMMITTED = 5

_VAGUE = (
    (r"\bimprove\w*\b", "improve"),
    (r"\blook(?:ing)? into\b", "look into"),
    (r"\bbe (?:more )?careful\b", "be careful"),
    (r"\bremind\w*\b", "remind"),
    (r"\btest(?:ing)? more\b|\bmore test(?:s|ing)\b", "test more"),
    (r"\bmonitor(?:ing)? better\b|\bbetter monitoring\b", "monitor better"),
    (r"\binvestigat\w+\b", "investigate"),
    (r"\bconsider\b", "consider"),
    (r"\bmake sure\b|\bensure\b", "make sure"),
    (r"\bbetter\b", "better"),
)
_VAGUE_RE = [(re.compile(pattern, re.IGNORECASE), word) for pattern, word in _VAGUE]
SPECIFIC_HINT = (
    'Name the change, where it goes and how done is checked, e.g. "Alert when pool use '
    'exceeds 80% for 2 minutes" rather than "monitor better".'
)


def _open(status: ActionStatus) -> bool:
    return status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def check_actions(review: Review, today: date) -> list[Finding]:
    findings: list[Finding] = []
    committed = [
        (index, item)
        for index, item in enumerate(review.action_items)
        if not item.deferred and item.status != ActionStatus.DROPPED
    ]
    for index, item in committed:
        path = f"action_items[{index}]"
        if not _open(item.status):
            continue
        if not (item.owner or "").strip():
            findings.append(Finding(
                f"{path}.owner", "missing-owner", "This action item has no owner.",
                "Give it one person who will see it through (a team is not an owner).",
            ))  # fmt: skip
        if item.due is None:
            findings.append(Finding(
                f"{path}.due", "missing-due", "This action item has no due date.",
                "Agree a date in the meeting; items without one are the ones never done.",
            ))  # fmt: skip
        elif item.due < today:
            findings.append(Finding(
                f"{path}.due", "due-past",
                f"The due date {item.due.isoformat()} has passed and the item is still "
                f"{item.status.value.replace('_', ' ')}.",
                "Mark it done, or agree a new date with its owner.",
            ))  # fmt: skip
        if item.category is None:
            findings.append(Finding(
                f"{path}.category", "missing-category", "This action item has no category.",
                "Say whether it prevents, detects, responds to or mitigates a repeat.",
            ))  # fmt: skip
        for pattern, word in _VAGUE_RE:
            if pattern.search(item.title):
                findings.append(Finding(
                    f"{path}.title", "vague-wording",
                    f"\"{word}\" leaves open what will be done and when it is finished.",
                    SPECIFIC_HINT,
                ))  # fmt: skip
                break
    if len(committed) > MAX_COMMITTED:
        findings.append(Finding(
            "action_items", "too-many-committed",
            f"{len(committed)} action items are committed; teams finish 3 to 5.",
            f"Defer the {len(committed) - MAX_COMMITTED} least important as future improvements.",
        ))  # fmt: skip
    has_root_cause = any(node.root_cause for node in review.all_whys())
    prevents = any(item.category == ActionCategory.PREVENT for _, item in committed)
    if has_root_cause and not prevents:
        findings.append(Finding(
            "action_items", "no-prevent",
            "A root cause is marked but no committed action item prevents it.",
            "Add an item in the 'prevent' category that removes or guards the root cause.",
        ))  # fmt: skip
    return findings
