"""A post-incident review as plain dataclasses, the shape every layer shares.

Storage loads and saves these, interchange reads and writes them as JSON,
reports render them. Lists are kept in their display order; timeline events
in time order. Every item has a UUID so that reviews can move between
libraries without clashes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from .enums import (
    ActionCategory,
    ActionStatus,
    DetectionMethod,
    EventKind,
    FactorCategory,
    Panel,
    Relation,
    ReviewStatus,
    Severity,
)


def new_id() -> str:
    return str(uuid.uuid4())


# The top-level fields whose last change interchange v2 records (``field_updated_at``).
TIMED_FIELDS: tuple[str, ...] = (
    "title",
    "incident_date",
    "severity",
    "status",
    "roles",
    "summary",
    "impact",
    "detection",
    "problem",
    "services",
    "tags",
    "related",
    "opening",
)


@dataclass
class Participant:
    name: str
    role: str | None = None
    required: bool = True
    id: str = field(default_factory=new_id)
    updated_at: datetime | None = None


@dataclass
class TimelineEvent:
    at: datetime
    text: str
    kind: EventKind = EventKind.NOTE
    source: str | None = None
    id: str = field(default_factory=new_id)
    updated_at: datetime | None = None


@dataclass
class WhyNode:
    text: str
    root_cause: bool = False
    children: list[WhyNode] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    updated_at: datetime | None = None

    def walk(self):
        """This node and every node below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ContributingFactor:
    text: str
    category: FactorCategory
    id: str = field(default_factory=new_id)
    updated_at: datetime | None = None


@dataclass
class PanelItem:
    text: str
    id: str = field(default_factory=new_id)
    updated_at: datetime | None = None


@dataclass
class ActionItem:
    title: str
    owner: str | None = None
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    category: ActionCategory | None = None
    deferred: bool = False
    tracker_url: str | None = None
    id: str = field(default_factory=new_id)
    # What the item was made from (interchange v2's ``source``): a ``SourceKind``
    # value (why, went_well, went_poorly, lucky, factor, event) and that item's id.
    source_kind: str | None = None
    source_id: str | None = None
    updated_at: datetime | None = None
    # When the item became done (None when it is not done, or not known).
    done_at: datetime | None = None


@dataclass
class Lesson:
    text: str
    id: str = field(default_factory=new_id)
    updated_at: datetime | None = None


@dataclass
class MeetingNote:
    """Something said in the meeting that is not an event of the incident (no time of its own).

    ``noted_at`` is when it was written down, for reference only; it never
    places the note in the incident's timeline. Kept in the library only:
    neither interchange format has a place for meeting notes.
    """

    text: str
    noted_at: datetime | None = None
    id: str = field(default_factory=new_id)
    updated_at: datetime | None = None


@dataclass
class MeetingPhase:
    name: str
    planned_minutes: int
    actual_seconds: int = 0
    id: str = field(default_factory=new_id)
    updated_at: datetime | None = None


@dataclass(frozen=True)
class RelatedReview:
    """A link to another review: ``relation`` is ``repeat_of`` or ``related``."""

    review: str
    relation: Relation


@dataclass(frozen=True)
class Tombstone:
    """An item deleted from the review, so that a merge can tell deleted from never seen."""

    id: str
    deleted_at: datetime


@dataclass
class Detection:
    method: DetectionMethod | None = None
    notes: str | None = None


@dataclass
class Review:
    title: str
    incident_date: date
    severity: Severity
    status: ReviewStatus = ReviewStatus.DRAFT
    id: str = field(default_factory=new_id)
    roles: dict[str, str] = field(default_factory=dict)
    participants: list[Participant] = field(default_factory=list)
    summary: str = ""
    impact: dict[str, str] = field(default_factory=dict)
    detection: Detection | None = None
    timeline: list[TimelineEvent] = field(default_factory=list)
    problem: str = ""
    whys: list[WhyNode] = field(default_factory=list)
    contributing_factors: list[ContributingFactor] = field(default_factory=list)
    panels: dict[Panel, list[PanelItem]] = field(
        default_factory=lambda: {panel: [] for panel in Panel}
    )
    action_items: list[ActionItem] = field(default_factory=list)
    lessons: list[Lesson] = field(default_factory=list)
    meeting: list[MeetingPhase] = field(default_factory=list)
    meeting_phase: int = 0  # the index of the phase the meeting is in; library only
    meeting_notes: list[MeetingNote] = field(default_factory=list)
    # The meeting's opening, kept in the library only (the interchange format
    # has no place for them): the review's own blameless statement (None: the
    # default text) and the keys of the ticked pre-meeting checklist items.
    blameless_statement: str | None = None
    checklist: set[str] = field(default_factory=set)
    # Interchange v2's metadata for patterns across reviews.
    services: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    related: list[RelatedReview] = field(default_factory=list)
    # When each top-level field (``TIMED_FIELDS``) last changed, and the deleted items.
    field_updated_at: dict[str, datetime] = field(default_factory=dict)
    deleted: list[Tombstone] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def all_whys(self):
        for node in self.whys:
            yield from node.walk()


@dataclass(frozen=True)
class ReviewSummary:
    """One line of the library's list of reviews."""

    id: str
    title: str
    incident_date: date
    severity: Severity
    status: ReviewStatus
    updated_at: datetime | None = None
