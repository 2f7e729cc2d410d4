"""Guidance for the 5-Whys tree: depth labels, unfinished branches, the next question.

The questions steer away from people and toward the system: what allowed
it, what would have caught it, why the safeguards did not stop it.
"""

from __future__ import annotations

from .model import WhyNode

PROBLEM_PROMPT = (
    "Why did this happen? Describe what the system did, not who did what. Press Insert to ask why."
)
# The question to ask next, below a node at depth n (index n-1); the last repeats.
DEPTH_PROMPTS: tuple[str, ...] = (
    "What allowed this to happen?",
    "What would have caught it earlier?",
    "Why did our safeguards not stop it?",
    "What in our process or tooling made this possible?",
    "Is this a systemic cause we can act on? Mark it as a root cause, or ask why once more.",
)
ROOT_CAUSE_PROMPT = (
    "Root cause marked. What action item would prevent it, or detect it sooner? "
    "(Ctrl+Shift+A makes one from this node.)"
)
UNFINISHED_HINT = "unfinished: this branch stops before a root cause"


def depth_label(depth: int) -> str:
    """``why 3`` for a node three levels below the problem."""
    return f"why {depth}"


def prompt_for(depth: int, root_cause: bool = False) -> str:
    """The next question for a node at ``depth`` (0 is the problem statement)."""
    if depth == 0:
        return PROBLEM_PROMPT
    if root_cause:
        return ROOT_CAUSE_PROMPT
    return DEPTH_PROMPTS[min(depth, len(DEPTH_PROMPTS)) - 1]


def is_unfinished(node: WhyNode) -> bool:
    """A leaf that is not a root cause: its branch stops before reaching a cause."""
    return not node.children and not node.root_cause


def unfinished_count(nodes: list[WhyNode]) -> int:
    return sum(1 for top in nodes for node in top.walk() if is_unfinished(node))
