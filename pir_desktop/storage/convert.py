"""Rows to domain objects and back, one pair of functions per kind of item.

``*_from_row`` builds the dataclass from a model row; ``*_values`` gives the
columns of an item other than ``id``, ``review_id``, ``updated_at`` and its
place (``position``, ``seq``, ``parent_id``), which belong to the container
(and the time to the operation that writes the row).
"""

from __future__ import annotations

from ..domain.enums import ActionCategory, ActionStatus, EventKind, FactorCategory
from ..domain.model import (
    ActionItem,
    ContributingFactor,
    Lesson,
    MeetingNote,
    MeetingPhase,
    PanelItem,
    Participant,
    TimelineEvent,
)
from .schema import (
    ActionItemRow,
    EventRow,
    FactorRow,
    LessonRow,
    MeetingNoteRow,
    PanelItemRow,
    ParticipantRow,
    PhaseRow,
)


def participant_from_row(row: ParticipantRow) -> Participant:
    return Participant(
        name=row.name, role=row.role, required=row.required, id=row.id, updated_at=row.updated_at
    )


def participant_values(item: Participant) -> dict:
    return {"name": item.name, "role": item.role, "required": item.required}


def event_from_row(row: EventRow) -> TimelineEvent:
    return TimelineEvent(
        at=row.at,
        text=row.text,
        kind=EventKind(row.kind),
        source=row.source,
        id=row.id,
        updated_at=row.updated_at,
    )


def event_values(item: TimelineEvent) -> dict:
    return {"at": item.at, "kind": item.kind.value, "text": item.text, "source": item.source}


def factor_from_row(row: FactorRow) -> ContributingFactor:
    return ContributingFactor(
        text=row.text,
        category=FactorCategory(row.category),
        id=row.id,
        updated_at=row.updated_at,
    )


def factor_values(item: ContributingFactor) -> dict:
    return {"text": item.text, "category": item.category.value}


def panel_item_from_row(row: PanelItemRow) -> PanelItem:
    return PanelItem(text=row.text, id=row.id, updated_at=row.updated_at)


def action_from_row(row: ActionItemRow) -> ActionItem:
    return ActionItem(
        title=row.title,
        owner=row.owner,
        due=row.due,
        status=ActionStatus(row.status),
        category=ActionCategory(row.category) if row.category else None,
        deferred=row.deferred,
        tracker_url=row.tracker_url,
        id=row.id,
        source_kind=row.source_kind,
        source_id=row.source_id,
        updated_at=row.updated_at,
        done_at=row.done_at,
    )


def action_values(item: ActionItem) -> dict:
    return {
        "title": item.title,
        "owner": item.owner,
        "due": item.due,
        "status": item.status.value,
        "category": item.category.value if item.category else None,
        "deferred": item.deferred,
        "tracker_url": item.tracker_url,
        "source_kind": item.source_kind,
        "source_id": item.source_id,
        "done_at": item.done_at,
    }


def lesson_from_row(row: LessonRow) -> Lesson:
    return Lesson(text=row.text, id=row.id, updated_at=row.updated_at)


def lesson_values(item: Lesson) -> dict:
    return {"text": item.text}


def phase_from_row(row: PhaseRow) -> MeetingPhase:
    return MeetingPhase(
        name=row.name,
        planned_minutes=row.planned_minutes,
        actual_seconds=row.actual_seconds,
        id=row.id,
        updated_at=row.updated_at,
    )


def phase_values(item: MeetingPhase) -> dict:
    return {
        "name": item.name,
        "planned_minutes": item.planned_minutes,
        "actual_seconds": item.actual_seconds,
    }


def note_from_row(row: MeetingNoteRow) -> MeetingNote:
    return MeetingNote(text=row.text, noted_at=row.noted_at, id=row.id, updated_at=row.updated_at)


def note_values(item: MeetingNote) -> dict:
    return {"text": item.text, "noted_at": item.noted_at}
