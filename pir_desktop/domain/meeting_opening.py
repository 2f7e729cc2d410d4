"""Opening the meeting: the blameless statement, the pre-meeting checklist and its warnings.

The statement is read out (and shown on the presenter screen) before the
first phase; a review may replace the default text. The checklist's ticks
are kept in the review. The warnings are the conditions the practice says
spoil a review: too many people in the room, a facilitator who was also the
incident commander, and a meeting held long after the incident ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .enums import EventKind, RoleName
from .findings import Finding
from .model import Review

DEFAULT_STATEMENT = (
    "This review is blameless. We are here to learn how our systems, tools and "
    "processes made this incident possible, not to find who is at fault. Everyone "
    "acted in good faith on what they knew at the time. When something went wrong "
    "we ask what in the system allowed it, never who. What is said here is used to "
    "make the system safer, not to judge anyone."
)

MAX_ATTENDEES = 8
MAX_DELAY = timedelta(hours=48)


@dataclass(frozen=True)
class ChecklistItem:
    key: str  # stored in the library; never renamed
    label: str


CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem("timeline_draft", "Timeline draft ready"),
    ChecklistItem("participants_invited", "Participants invited"),
    ChecklistItem("facilitator_not_ic", "Facilitator is not the incident commander"),
    ChecklistItem("document_prefilled", "Document pre-filled"),
    ChecklistItem("dashboards_ready", "Dashboards and logs at hand"),
    ChecklistItem("severity_assessed", "Severity and impact assessed"),
    ChecklistItem("blameless_invite", "Blameless approach stated in the invite"),
)
CHECKLIST_KEYS = frozenset(item.key for item in CHECKLIST)


def statement(review: Review) -> str:
    """The statement this review opens with: its own text, else the default."""
    return (review.blameless_statement or "").strip() or DEFAULT_STATEMENT


def _same_person(a: str | None, b: str | None) -> bool:
    a, b = " ".join((a or "").split()).casefold(), " ".join((b or "").split()).casefold()
    return bool(a) and a == b


def attendees(review: Review) -> list[str]:
    """Everyone expected in the room: the participants and the people in the four roles."""
    seen: dict[str, str] = {}
    names = [p.name for p in review.participants] + list(review.roles.values())
    for name in names:
        key = " ".join(name.split()).casefold()
        if key:
            seen.setdefault(key, name.strip())
    return list(seen.values())


def incident_end(review: Review) -> datetime | None:
    """When the incident ended: the first ``recovered`` event, else the last event."""
    recovered = [e.at for e in review.timeline if e.kind == EventKind.RECOVERED]
    if recovered:
        return min(recovered)
    return max((e.at for e in review.timeline), default=None)


def how_long(delay: timedelta) -> str:
    """A delay as a person says it: "52 hours", "5 days", "3 weeks", "9 months", "2 years"."""
    hours = delay.total_seconds() / 3600
    days = hours / 24
    if days < 4:
        return f"{int(hours)} hours"
    if days < 21:
        return f"{int(days)} days"
    if days < 61:
        return f"{int(days // 7)} weeks"
    if days < 730:
        return f"{int(days // 30.44)} months"
    return f"{int(days // 365.25)} years"


def opening_warnings(review: Review, now: datetime) -> list[Finding]:
    """What spoils this meeting if it starts at ``now`` (an aware datetime)."""
    warnings = []
    people = attendees(review)
    if len(people) > MAX_ATTENDEES:
        warnings.append(Finding(
            "participants", "too-many-attendees",
            f"{len(people)} people are expected; above {MAX_ATTENDEES} a review turns into "
            "a presentation and fewer people speak.",
            "Keep those who were involved and those who own the follow-up; send the others "
            "the report.",
        ))  # fmt: skip
    if _same_person(
        review.roles.get(RoleName.FACILITATOR.value),
        review.roles.get(RoleName.INCIDENT_COMMANDER.value),
    ):
        warnings.append(Finding(
            "roles.facilitator", "facilitator-is-commander",
            "The facilitator was also the incident commander, and will be asked about "
            "their own decisions.",
            "Ask someone who was not involved in the response to facilitate.",
        ))  # fmt: skip
    ended = incident_end(review)
    if ended is not None and now - ended > MAX_DELAY:
        warnings.append(Finding(
            "timeline", "late-meeting",
            f"The meeting starts {how_long(now - ended)} after the incident ended; after 48 hours "
            "memories fade and chat history gets hard to find.",
            "Hold it as soon as you can, and lean on the timeline's data (logs, chat, "
            "dashboards) rather than memory.",
        ))  # fmt: skip
    return warnings
