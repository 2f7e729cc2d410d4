"""What a created issue says: the action item, and a link back to its review.

Each issue's body ends with a marker holding the item's id
(``pir-desktop-action: <uuid>``), which is how a push finds an issue it made
when the tracker's answer was lost, instead of making a second one. The body
is Markdown for GitHub, wiki markup for Jira REST v2 and an Atlassian
Document Format tree for Jira REST v3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.model import ActionItem, Review

MARKER = "pir-desktop-action"
_MARKER_RE = re.compile(MARKER + r":\s*([0-9a-fA-F-]{32,36})")


def review_link(review: Review) -> str:
    """The address that opens the review in PIR Desktop (``pir-desktop open URL``)."""
    return f"pir-desktop://review/{review.id}"


def marker(item: ActionItem) -> str:
    return f"{MARKER}: {item.id}"


def marked_ids(text: str) -> list[str]:
    """The item ids of the markers in an issue's body (any of the three forms)."""
    return [m.lower() for m in _MARKER_RE.findall(text or "")]


@dataclass(frozen=True)
class IssueText:
    title: str
    facts: list[tuple[str, str]]  # (label, value) rows: owner, due, category
    origin: str  # the sentence naming the review
    links: list[str]  # where the review is: the pir-desktop address, and the report's if given
    marker: str


def issue_text(review: Review, item: ActionItem, report_url: str | None = None) -> IssueText:
    facts = [
        ("Owner", item.owner or "not set"),
        ("Due", item.due.isoformat() if item.due else "not set"),
        ("Category", item.category.value if item.category else "not set"),
    ]
    origin = (
        f"Action item from the post-incident review “{review.title}” "
        f"({review.severity.value}, incident of {review.incident_date.isoformat()})."
    )
    links = [review_link(review)]
    if report_url:
        links.insert(0, report_url)
    return IssueText(item.title, facts, origin, links, marker(item))


def markdown(text: IssueText) -> str:
    rows = "\n".join(f"| {label} | {_cell(value)} |" for label, value in text.facts)
    links = "\n".join(f"- Review: {link}" for link in text.links)
    return f"{text.origin}\n\n| | |\n|---|---|\n{rows}\n\n{links}\n\n<!-- {text.marker} -->\n"


def _cell(value: str) -> str:
    return value.replace("|", "\\|")


def jira_wiki(text: IssueText) -> str:
    rows = "\n".join(f"||{label}|{value.replace('|', '/')}|" for label, value in text.facts)
    links = "\n".join(f"* Review: {link}" for link in text.links)
    return f"{text.origin}\n\n{rows}\n\n{links}\n\n{{color:#999999}}{text.marker}{{color}}"


def _adf_text(value: str, href: str | None = None) -> dict:
    node: dict = {"type": "text", "text": value}
    if href:
        node["marks"] = [{"type": "link", "attrs": {"href": href}}]
    return node


def _paragraph(*nodes: dict) -> dict:
    return {"type": "paragraph", "content": list(nodes)}


def adf(text: IssueText) -> dict:
    """An Atlassian Document Format document (Jira Cloud REST v3 descriptions)."""
    facts = [
        {
            "type": "listItem",
            "content": [_paragraph(_adf_text(f"{label}: {value}"))],
        }
        for label, value in text.facts
    ]
    links = [
        _paragraph(
            _adf_text("Review: "),
            _adf_text(link, link if link.startswith(("http://", "https://")) else None),
        )
        for link in text.links
    ]
    return {
        "type": "doc",
        "version": 1,
        "content": [
            _paragraph(_adf_text(text.origin)),
            {"type": "bulletList", "content": facts},
            *links,
            _paragraph(_adf_text(text.marker)),
        ],
    }
