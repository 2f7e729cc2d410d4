"""Whole reviews in and out of the library: insert, load, list, find, delete.

These work inside a session that the caller opened (``Library.read`` or
``Library.write``); they never commit. Rows are written with bulk inserts
and read table by table, which keeps a review of thousands of events fast.
"""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from ..domain.enums import (
    DetectionMethod,
    Panel,
    ReviewStatus,
    Severity,
)
from ..domain.model import (
    Detection,
    PanelItem,
    Review,
    ReviewSummary,
    WhyNode,
)
from ..domain.times import utc_now
from ..errors import Ambiguous, Conflict, NotFound
from . import convert
from .schema import (
    ActionItemRow,
    ChecklistTickRow,
    EventRow,
    FactorRow,
    ImpactRow,
    LessonRow,
    MeetingNoteRow,
    PanelItemRow,
    ParticipantRow,
    PhaseRow,
    ReviewRow,
    RoleRow,
    WhyRow,
)


def why_rows(review_id: str, nodes: list[WhyNode], parent_id: str | None = None) -> list[dict]:
    """The rows of a why subtree, parents before children."""
    rows: list[dict] = []
    for position, node in enumerate(nodes):
        rows.append(
            {
                "id": node.id,
                "review_id": review_id,
                "parent_id": parent_id,
                "position": position,
                "text": node.text,
                "root_cause": node.root_cause,
            }
        )
        rows.extend(why_rows(review_id, node.children, node.id))
    return rows


def insert_review(session: Session, review: Review) -> None:
    """Add ``review`` with everything it holds; refuses an id already in the library."""
    if session.get(ReviewRow, review.id) is not None:
        raise Conflict(f"a review with id {review.id} is already in the library")
    now = utc_now()
    rid = review.id
    session.execute(
        insert(ReviewRow),
        [
            {
                "id": rid,
                "title": review.title,
                "incident_date": review.incident_date,
                "severity": review.severity.value,
                "status": review.status.value,
                "summary": review.summary,
                "problem": review.problem,
                "detection_method": review.detection.method.value
                if review.detection and review.detection.method
                else None,
                "detection_notes": review.detection.notes if review.detection else None,
                "blameless_statement": review.blameless_statement,
                "meeting_phase": review.meeting_phase,
                "created_at": review.created_at or now,
                "updated_at": review.updated_at or now,
            }
        ],
    )

    def positioned(items, values) -> list[dict]:
        return [
            {"id": item.id, "review_id": rid, "position": i, **values(item)}
            for i, item in enumerate(items)
        ]

    batches: list[tuple[type, list[dict]]] = [
        (RoleRow, [{"review_id": rid, "role": k, "name": v} for k, v in review.roles.items()]),
        (ImpactRow, [{"review_id": rid, "field": k, "text": v} for k, v in review.impact.items()]),
        (ChecklistTickRow, [{"review_id": rid, "item": key} for key in sorted(review.checklist)]),
        (ParticipantRow, positioned(review.participants, convert.participant_values)),
        (
            EventRow,
            [
                {"id": e.id, "review_id": rid, "seq": i, **convert.event_values(e)}
                for i, e in enumerate(review.timeline)
            ],
        ),
        (WhyRow, why_rows(rid, review.whys)),
        (FactorRow, positioned(review.contributing_factors, convert.factor_values)),
        (
            PanelItemRow,
            [
                {"panel": panel.value, **row}
                for panel in Panel
                for row in positioned(review.panels.get(panel, []), lambda x: {"text": x.text})
            ],
        ),
        (ActionItemRow, positioned(review.action_items, convert.action_values)),
        (LessonRow, positioned(review.lessons, convert.lesson_values)),
        (PhaseRow, positioned(review.meeting, convert.phase_values)),
        (MeetingNoteRow, positioned(review.meeting_notes, convert.note_values)),
    ]
    for table, rows in batches:
        if rows:
            session.execute(insert(table), rows)


def _rows(session: Session, table, review_id: str, *order):
    return session.scalars(select(table).where(table.review_id == review_id).order_by(*order))


def build_why_tree(rows) -> list[WhyNode]:
    """Rebuild the why forest from rows ordered by position."""
    nodes = {row.id: WhyNode(text=row.text, root_cause=row.root_cause, id=row.id) for row in rows}
    roots: list[WhyNode] = []
    for row in rows:
        node = nodes[row.id]
        (roots if row.parent_id is None else nodes[row.parent_id].children).append(node)
    return roots


def load_review(session: Session, review_id: str) -> Review:
    row = session.get(ReviewRow, review_id)
    if row is None:
        raise NotFound(f"there is no review with id {review_id}")
    detection = None
    if row.detection_method is not None or row.detection_notes is not None:
        detection = Detection(
            method=DetectionMethod(row.detection_method) if row.detection_method else None,
            notes=row.detection_notes,
        )
    panels: dict[Panel, list[PanelItem]] = {panel: [] for panel in Panel}
    for item in _rows(session, PanelItemRow, review_id, PanelItemRow.position):
        panels[Panel(item.panel)].append(convert.panel_item_from_row(item))
    return Review(
        id=row.id,
        title=row.title,
        incident_date=row.incident_date,
        severity=Severity(row.severity),
        status=ReviewStatus(row.status),
        summary=row.summary,
        problem=row.problem,
        detection=detection,
        created_at=row.created_at,
        updated_at=row.updated_at,
        roles={r.role: r.name for r in _rows(session, RoleRow, review_id, RoleRow.role)},
        impact={i.field: i.text for i in _rows(session, ImpactRow, review_id, ImpactRow.field)},
        participants=[
            convert.participant_from_row(r)
            for r in _rows(session, ParticipantRow, review_id, ParticipantRow.position)
        ],
        timeline=[
            convert.event_from_row(r)
            for r in _rows(session, EventRow, review_id, EventRow.at, EventRow.seq)
        ],
        whys=build_why_tree(list(_rows(session, WhyRow, review_id, WhyRow.position))),
        contributing_factors=[
            convert.factor_from_row(r)
            for r in _rows(session, FactorRow, review_id, FactorRow.position)
        ],
        panels=panels,
        action_items=[
            convert.action_from_row(r)
            for r in _rows(session, ActionItemRow, review_id, ActionItemRow.position)
        ],
        lessons=[
            convert.lesson_from_row(r)
            for r in _rows(session, LessonRow, review_id, LessonRow.position)
        ],
        meeting=[
            convert.phase_from_row(r)
            for r in _rows(session, PhaseRow, review_id, PhaseRow.position)
        ],
        meeting_phase=row.meeting_phase,
        meeting_notes=[
            convert.note_from_row(r)
            for r in _rows(session, MeetingNoteRow, review_id, MeetingNoteRow.position)
        ],
        blameless_statement=row.blameless_statement,
        checklist={
            t.item for t in _rows(session, ChecklistTickRow, review_id, ChecklistTickRow.item)
        },
    )


def list_reviews(session: Session) -> list[ReviewSummary]:
    """Every review, newest incident first (then most recently created first)."""
    rows = session.execute(
        select(
            ReviewRow.id,
            ReviewRow.title,
            ReviewRow.incident_date,
            ReviewRow.severity,
            ReviewRow.status,
            ReviewRow.updated_at,
        ).order_by(ReviewRow.incident_date.desc(), ReviewRow.created_at.desc())
    )
    return [
        ReviewSummary(
            id=r.id,
            title=r.title,
            incident_date=r.incident_date,
            severity=Severity(r.severity),
            status=ReviewStatus(r.status),
            updated_at=r.updated_at,
        )
        for r in rows
    ]


def count_reviews(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ReviewRow)) or 0


def resolve_review_id(session: Session, ref: str) -> str:
    """The id of the one review whose id is ``ref`` or starts with it."""
    ref = ref.strip().lower()
    if not ref:
        raise NotFound("give a review id or the start of one (see 'pir-desktop list')")
    escaped = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    matches = session.execute(
        select(ReviewRow.id, ReviewRow.title)
        .where(ReviewRow.id.like(escaped + "%", escape="\\"))
        .order_by(ReviewRow.id)
        .limit(6)
    ).all()
    if not matches:
        raise NotFound(f"no review in the library has an id starting with '{ref}'")
    exact = [m for m in matches if m.id == ref]
    if exact:
        return exact[0].id
    if len(matches) > 1:
        shown = ", ".join(f"{m.id[:12]} ({m.title})" for m in matches[:5])
        more = " and more" if len(matches) > 5 else ""
        raise Ambiguous(f"'{ref}' matches several reviews: {shown}{more}; give more of the id")
    return matches[0].id


def delete_review(session: Session, review_id: str) -> None:
    result = session.execute(delete(ReviewRow).where(ReviewRow.id == review_id))
    if result.rowcount == 0:
        raise NotFound(f"there is no review with id {review_id}")


def touch(session: Session, review_id: str) -> ReviewRow:
    """The review's row with ``updated_at`` set to now; ``NotFound`` if it is gone."""
    row = session.get(ReviewRow, review_id)
    if row is None:
        raise NotFound(f"there is no review with id {review_id}")
    row.updated_at = utc_now()
    return row
