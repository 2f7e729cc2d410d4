"""Whole reviews in and out of the library: insert, load, list, find, delete.

These work inside a session that the caller opened (``Library.read`` or
``Library.write``); they never commit. Rows are written with bulk inserts
and read table by table, which keeps a review of thousands of events fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from ..domain.enums import (
    DetectionMethod,
    Panel,
    Relation,
    ReviewStatus,
    Severity,
)
from ..domain.model import (
    TIMED_FIELDS,
    Detection,
    PanelItem,
    RelatedReview,
    Review,
    ReviewSummary,
    Tombstone,
    WhyNode,
)
from ..domain.times import next_stamp, utc_now
from ..errors import Ambiguous, Conflict, NotFound
from . import convert, search_words
from .schema import (
    ActionItemRow,
    ChecklistTickRow,
    DeletedItemRow,
    EventRow,
    FactorRow,
    FieldTimeRow,
    ImpactRow,
    LessonRow,
    MeetingNoteRow,
    PanelItemRow,
    ParticipantRow,
    PhaseRow,
    RelatedRow,
    ReviewRow,
    RoleRow,
    SearchTextRow,
    ServiceRow,
    TagRow,
    WhyRow,
)

# The tables of a review's items, whose ids are unique across the library.
ITEM_TABLES = (
    ParticipantRow,
    EventRow,
    WhyRow,
    FactorRow,
    PanelItemRow,
    ActionItemRow,
    LessonRow,
    PhaseRow,
    MeetingNoteRow,
)


def label_key(name: str) -> str:
    """How services and tags compare: case-insensitively (``casefold``)."""
    return name.casefold()


def why_rows(
    review_id: str, nodes: list[WhyNode], parent_id: str | None = None, now: datetime | None = None
) -> list[dict]:
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
                "updated_at": node.updated_at or now or utc_now(),
            }
        )
        rows.extend(why_rows(review_id, node.children, node.id, now))
    return rows


def _item_ids(review: Review) -> list[str]:
    ids = [p.id for p in review.participants] + [e.id for e in review.timeline]
    ids += [n.id for n in review.all_whys()] + [f.id for f in review.contributing_factors]
    ids += [i.id for items in review.panels.values() for i in items]
    ids += [a.id for a in review.action_items] + [lesson.id for lesson in review.lessons]
    ids += [p.id for p in review.meeting] + [n.id for n in review.meeting_notes]
    return ids


def _refuse_taken_item_ids(session: Session, review: Review) -> None:
    ids = _item_ids(review)
    for table in ITEM_TABLES:
        for start in range(0, len(ids), 500):
            taken = session.scalar(
                select(table.id).where(table.id.in_(ids[start : start + 500])).limit(1)
            )
            if taken is not None:
                raise Conflict(
                    f"the item id {taken} of the review {review.id} is already used by "
                    "another review in the library"
                )


def insert_review(session: Session, review: Review) -> None:
    """Add ``review`` with everything it holds; refuses an id already in the library.

    Items without an ``updated_at`` (a new review, a version 1 file) get the
    time of the insert, and so do top-level fields without a time.
    """
    if session.get(ReviewRow, review.id) is not None:
        raise Conflict(f"a review with id {review.id} is already in the library")
    _refuse_taken_item_ids(session, review)
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
            {
                "id": item.id,
                "review_id": rid,
                "position": i,
                "updated_at": item.updated_at or now,
                **values(item),
            }
            for i, item in enumerate(items)
        ]

    def labels(names: list[str]) -> list[dict]:
        return [
            {"review_id": rid, "key": label_key(name), "name": name, "position": i}
            for i, name in enumerate(names)
        ]

    batches: list[tuple[type, list[dict]]] = [
        (RoleRow, [{"review_id": rid, "role": k, "name": v} for k, v in review.roles.items()]),
        (ImpactRow, [{"review_id": rid, "field": k, "text": v} for k, v in review.impact.items()]),
        (ChecklistTickRow, [{"review_id": rid, "item": key} for key in sorted(review.checklist)]),
        (ParticipantRow, positioned(review.participants, convert.participant_values)),
        (
            EventRow,
            [
                {
                    "id": e.id,
                    "review_id": rid,
                    "seq": i,
                    "updated_at": e.updated_at or now,
                    **convert.event_values(e),
                }
                for i, e in enumerate(review.timeline)
            ],
        ),
        (WhyRow, why_rows(rid, review.whys, now=now)),
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
        (
            FieldTimeRow,
            [
                {
                    "review_id": rid,
                    "field": name,
                    "updated_at": review.field_updated_at.get(name, now),
                }
                for name in TIMED_FIELDS
            ],
        ),
        (
            DeletedItemRow,
            [
                {"review_id": rid, "item_id": t.id, "deleted_at": t.deleted_at}
                for t in review.deleted
            ],
        ),
        (ServiceRow, labels(review.services)),
        (TagRow, labels(review.tags)),
        (
            RelatedRow,
            [
                {
                    "review_id": rid,
                    "other_id": link.review,
                    "relation": link.relation.value,
                    "position": i,
                }
                for i, link in enumerate(review.related)
            ],
        ),
        (SearchTextRow, search_words.rows_of(rid, search_words.texts_of(review))),
    ]
    for table, rows in batches:
        if rows:
            session.execute(insert(table), rows)


def _rows(session: Session, table, review_id: str, *order):
    return session.scalars(select(table).where(table.review_id == review_id).order_by(*order))


def build_why_tree(rows) -> list[WhyNode]:
    """Rebuild the why forest from rows ordered by position."""
    nodes = {
        row.id: WhyNode(
            text=row.text, root_cause=row.root_cause, id=row.id, updated_at=row.updated_at
        )
        for row in rows
    }
    roots: list[WhyNode] = []
    for row in rows:
        node = nodes[row.id]
        (roots if row.parent_id is None else nodes[row.parent_id].children).append(node)
    return roots


def _panels(session: Session, review_id: str) -> dict[Panel, list[PanelItem]]:
    panels: dict[Panel, list[PanelItem]] = {panel: [] for panel in Panel}
    for item in _rows(session, PanelItemRow, review_id, PanelItemRow.position):
        panels[Panel(item.panel)].append(convert.panel_item_from_row(item))
    return panels


def _tombstones(session: Session, review_id: str) -> list[Tombstone]:
    return [
        Tombstone(r.item_id, r.deleted_at)
        for r in _rows(
            session, DeletedItemRow, review_id, DeletedItemRow.deleted_at, DeletedItemRow.item_id
        )
    ]


# A review's lists of items, each read by itself: a change to one item of a list (another
# window's edit) is brought in by reading that list again, not the whole review.
PARTS = {
    "participants": lambda session, review_id: [
        convert.participant_from_row(r)
        for r in _rows(session, ParticipantRow, review_id, ParticipantRow.position)
    ],
    "timeline": lambda session, review_id: [
        convert.event_from_row(r)
        for r in _rows(session, EventRow, review_id, EventRow.at, EventRow.seq)
    ],
    "whys": lambda session, review_id: build_why_tree(
        list(_rows(session, WhyRow, review_id, WhyRow.position))
    ),
    "contributing_factors": lambda session, review_id: [
        convert.factor_from_row(r) for r in _rows(session, FactorRow, review_id, FactorRow.position)
    ],
    "panels": _panels,
    "action_items": lambda session, review_id: [
        convert.action_from_row(r)
        for r in _rows(session, ActionItemRow, review_id, ActionItemRow.position)
    ],
    "lessons": lambda session, review_id: [
        convert.lesson_from_row(r) for r in _rows(session, LessonRow, review_id, LessonRow.position)
    ],
    "meeting_notes": lambda session, review_id: [
        convert.note_from_row(r)
        for r in _rows(session, MeetingNoteRow, review_id, MeetingNoteRow.position)
    ],
}


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
        **{name: read(session, review_id) for name, read in PARTS.items()},
        meeting=[
            convert.phase_from_row(r)
            for r in _rows(session, PhaseRow, review_id, PhaseRow.position)
        ],
        meeting_phase=row.meeting_phase,
        blameless_statement=row.blameless_statement,
        checklist={
            t.item for t in _rows(session, ChecklistTickRow, review_id, ChecklistTickRow.item)
        },
        services=[r.name for r in _rows(session, ServiceRow, review_id, ServiceRow.position)],
        tags=[r.name for r in _rows(session, TagRow, review_id, TagRow.position)],
        related=[
            RelatedReview(r.other_id, Relation(r.relation))
            for r in _rows(session, RelatedRow, review_id, RelatedRow.position)
        ],
        field_updated_at={
            r.field: r.updated_at
            for r in _rows(session, FieldTimeRow, review_id, FieldTimeRow.field)
        },
        deleted=_tombstones(session, review_id),
    )


def reload_parts(session: Session, review: Review, parts: Iterable[str]) -> Review:
    """``review`` with the lists named in ``parts`` (keys of ``PARTS``) read again, with its
    tombstones and its time; the rest is kept as it is."""
    row = session.get(ReviewRow, review.id)
    if row is None:
        raise NotFound(f"there is no review with id {review.id}")
    fresh = {name: PARTS[name](session, review.id) for name in parts}
    return replace(
        review, **fresh, deleted=_tombstones(session, review.id), updated_at=row.updated_at
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


def reviews_of_day(session: Session, incident_date) -> list[tuple[str, str]]:
    """(id, title) of every review of an incident on ``incident_date``."""
    rows = session.execute(
        select(ReviewRow.id, ReviewRow.title).where(ReviewRow.incident_date == incident_date)
    )
    return [(r.id, r.title) for r in rows]


def count_reviews(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ReviewRow)) or 0


def resolve_review_id(session: Session, ref: str, where: str = "the library") -> str:
    """The id of the one review whose id is ``ref`` or starts with it; ``where`` names the
    library in the refusal (``the library /home/me/lib2.sqlite``)."""
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
        raise NotFound(f"no review in {where} has an id starting with '{ref}'")
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


def touch(session: Session, review_id: str, *fields: str, expected=None) -> ReviewRow:
    """The review's row with ``updated_at`` moved on (``next_stamp``), and the times of the
    top-level ``fields`` (of ``TIMED_FIELDS``) changed with it; ``NotFound`` if it is gone.

    A field's time is its version: each field named is recorded in the change feed as
    ``FIELD_edited`` with its new time. ``expected`` (a time for every field named, or a
    mapping of field to time) refuses the change with ``StaleEdit`` when a field's time
    is another: someone changed it after the version the edit was made from.
    """
    from . import feed

    # FOR UPDATE: every write to one review takes its row first, so on PostgreSQL two
    # writers of one review queue here (and positions, counts and field times stay true).
    row = session.get(ReviewRow, review_id, with_for_update=True, populate_existing=True)
    if row is None:
        raise NotFound(f"there is no review with id {review_id}")
    time_rows = {}
    for name in fields:
        if name not in TIMED_FIELDS:
            raise ValueError(f"{name!r} is not a top-level field with a time")
        time_rows[name] = session.get(FieldTimeRow, (review_id, name))
    if expected is not None:
        for name, time_row in time_rows.items():
            wanted = expected.get(name) if isinstance(expected, Mapping) else expected
            if wanted is not None and time_row is not None:
                _check_field(time_row, name, wanted)
    row.updated_at = next_stamp(row.updated_at)
    for name, time_row in time_rows.items():
        if time_row is None:
            time_row = FieldTimeRow(review_id=review_id, field=name, updated_at=row.updated_at)
            session.add(time_row)
        else:
            time_row.updated_at = next_stamp(time_row.updated_at, row.updated_at)
        feed.record(session, review_id, f"{name}_edited", review_id, time_row.updated_at)
    return row


def _check_field(time_row: FieldTimeRow, name: str, expected: datetime) -> None:
    from ..domain.times import as_utc
    from ..errors import StaleEdit

    if as_utc(time_row.updated_at) == as_utc(expected):
        return
    who = time_row.updated_by or "another program"
    moment = as_utc(time_row.updated_at)
    label = FIELD_LABELS.get(name, name)
    raise StaleEdit(
        f"{who} changed the review's {label} at {moment:%H:%M:%S} UTC on {moment:%Y-%m-%d}, "
        "after the version this edit was made from; the edit was not saved",
        item_id=time_row.review_id,
        what=label,
        changed_by=time_row.updated_by,
        changed_at=time_row.updated_at,
        version=time_row.updated_at,
    )


FIELD_LABELS = {
    "incident_date": "incident date",
    "roles": "roles",
    "opening": "opening checklist and statement",
    "related": "links to other reviews",
}


def bury(session: Session, review_id: str, item_ids: Iterable[str], when: datetime) -> None:
    """Write tombstones for deleted items and take their texts out of the search index."""
    ids = list(dict.fromkeys(item_ids))
    existing: dict[str, DeletedItemRow] = {}
    for start in range(0, len(ids), 500):
        for row in session.scalars(
            select(DeletedItemRow).where(
                DeletedItemRow.review_id == review_id,
                DeletedItemRow.item_id.in_(ids[start : start + 500]),
            )
        ):
            existing[row.item_id] = row
    for row in existing.values():
        row.deleted_at = next_stamp(row.deleted_at, when)
    fresh = [
        {"review_id": review_id, "item_id": i, "deleted_at": when} for i in ids if i not in existing
    ]
    if fresh:
        session.execute(insert(DeletedItemRow), fresh)
    search_words.drop_texts(session, ids)


def unbury(session: Session, review_id: str, item_ids: Iterable[str]) -> None:
    """Restored items are no longer deleted: remove their tombstones."""
    ids = list(item_ids)
    for start in range(0, len(ids), 500):
        session.execute(
            delete(DeletedItemRow).where(
                DeletedItemRow.review_id == review_id,
                DeletedItemRow.item_id.in_(ids[start : start + 500]),
            )
        )


def tombstones(session: Session, review_id: str, item_ids: Iterable[str]) -> dict[str, datetime]:
    """When each of these items was deleted, for those that have a tombstone."""
    ids = list(item_ids)
    found: dict[str, datetime] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(DeletedItemRow.item_id, DeletedItemRow.deleted_at).where(
                DeletedItemRow.review_id == review_id,
                DeletedItemRow.item_id.in_(ids[start : start + 500]),
            )
        )
        found.update((row.item_id, row.deleted_at) for row in rows)
    return found


def restored_stamp(updated_at: datetime | None, deleted_at: datetime | None) -> datetime:
    """The time a restored item gets (the undo of its delete): now, but later than its own
    time and than its tombstone, so that a copy that has seen the delete takes the restore
    even when this machine's clock is behind the one that made the item."""
    known = [t for t in (updated_at, deleted_at) if t is not None]
    return next_stamp(max(known, default=None))
