"""Write a whole review over the library's copy of it, changing only the rows that differ.

A merge, and the undo of a merge, hand over a review as it must now be,
with its own ids, item times and tombstones (nothing is stamped "now"):
``write_review`` compares it with what the library holds, row by row, and
inserts, updates and deletes only what differs, so an unchanged item keeps
its row (and a client following changes sees only those). It works inside
the caller's session and never commits.

Plain SQLAlchemy Core statements, which every database the library runs on
understands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from ..domain.enums import Panel
from ..domain.model import Review
from ..errors import Conflict
from . import convert, search_words
from .reviews import ITEM_TABLES, label_key, load_review, why_rows
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

_CHUNK = 500  # ids per IN (...): well under every database's limit on parameters


def _positioned(items, values: Callable) -> list[dict]:
    return [
        {"id": item.id, "position": i, "updated_at": item.updated_at, **values(item)}
        for i, item in enumerate(items)
    ]


def _item_rows(review: Review) -> dict[type, dict[str, dict]]:
    """The rows of every item table for ``review``, by id (without ``review_id``; events
    without ``seq``, which ``_event_seqs`` settles)."""
    rows = {
        ParticipantRow: _positioned(review.participants, convert.participant_values),
        EventRow: [
            {"id": e.id, "updated_at": e.updated_at, **convert.event_values(e)}
            for e in review.timeline
        ],
        WhyRow: [
            {k: v for k, v in row.items() if k != "review_id"}
            for row in why_rows(review.id, review.whys)
        ],
        FactorRow: _positioned(review.contributing_factors, convert.factor_values),
        PanelItemRow: [
            {"panel": panel.value, **row}
            for panel in Panel
            for row in _positioned(review.panels.get(panel, []), lambda x: {"text": x.text})
        ],
        ActionItemRow: _positioned(review.action_items, convert.action_values),
        LessonRow: _positioned(review.lessons, convert.lesson_values),
        PhaseRow: _positioned(review.meeting, convert.phase_values),
        MeetingNoteRow: _positioned(review.meeting_notes, convert.note_values),
    }
    return {table: {row["id"]: row for row in table_rows} for table, table_rows in rows.items()}


def _current_seqs(session: Session, review_id: str) -> dict[str, int]:
    rows = session.execute(select(EventRow.id, EventRow.seq).where(EventRow.review_id == review_id))
    return {row.id: row.seq for row in rows}


def _event_seqs(review: Review, current: dict[str, int]) -> dict[str, int]:
    """A ``seq`` for each event that keeps the timeline's order among equal times and keeps
    each stored event's own ``seq`` where that order allows."""
    seqs: dict[str, int] = {}
    fresh = max(current.values(), default=-1) + 1
    last_at, last_seq = None, -1
    for event in review.timeline:
        if event.at != last_at:
            last_at, last_seq = event.at, -1
        seq = current.get(event.id)
        if seq is None or seq <= last_seq:
            seq, fresh = fresh, fresh + 1
        seqs[event.id] = last_seq = seq
    return seqs


def _refuse_taken(session: Session, review_id: str, ids: list[str]) -> None:
    for table in ITEM_TABLES:
        for start in range(0, len(ids), _CHUNK):
            taken = session.scalar(
                select(table.id).where(table.id.in_(ids[start : start + _CHUNK])).limit(1)
            )
            if taken is not None:
                raise Conflict(
                    f"the item id {taken} of the review {review_id} is already used by "
                    "another review in the library"
                )


def _delete_ids(session: Session, column, ids: Iterable[str], *where) -> None:
    ids = list(ids)
    for start in range(0, len(ids), _CHUNK):
        session.execute(delete(column.table).where(column.in_(ids[start : start + _CHUNK]), *where))


def _write_items(session: Session, review: Review, before: Review) -> None:
    rid = review.id
    new, old = _item_rows(review), _item_rows(before)
    current_seqs = _current_seqs(session, rid)
    for event_id, seq in _event_seqs(review, current_seqs).items():
        new[EventRow][event_id]["seq"] = seq
    for event_id, seq in current_seqs.items():
        if event_id in old[EventRow]:
            old[EventRow][event_id]["seq"] = seq
    # Compare with the positions stored, not the list's indexes: a library may hold gaps
    # (written by older versions), and an unchanged row left at its old number could tie
    # with a moved one.
    for table in ITEM_TABLES:
        if "position" in table.__table__.c:
            stored = session.execute(select(table.id, table.position).where(table.review_id == rid))
            for item_id, position in stored:
                if item_id in old[table]:
                    old[table][item_id]["position"] = position
    added = [i for table in ITEM_TABLES for i in new[table] if i not in old[table]]
    _refuse_taken(session, rid, added)
    # Inserts first (a why's new parent may be new), parents before children (the
    # rows of a why tree come in that order), then updates, then deletes: a why that
    # moves from under a deleted parent has moved before the parent goes (CASCADE).
    for table in ITEM_TABLES:
        rows = [{"review_id": rid, **row} for i, row in new[table].items() if i not in old[table]]
        if rows:
            session.execute(insert(table), rows)
    for table in ITEM_TABLES:
        changed = [row for i, row in new[table].items() if i in old[table] and old[table][i] != row]
        if changed:
            session.execute(update(table), changed)  # by primary key, one executemany
    for table in ITEM_TABLES:
        gone = [i for i in old[table] if i not in new[table]]
        _delete_ids(session, table.id, gone)


def _write_review_row(session: Session, review: Review) -> None:
    detection = review.detection
    values = {
        "title": review.title,
        "incident_date": review.incident_date,
        "severity": review.severity.value,
        "status": review.status.value,
        "summary": review.summary,
        "problem": review.problem,
        "detection_method": detection.method.value if detection and detection.method else None,
        "detection_notes": detection.notes if detection else None,
        "blameless_statement": review.blameless_statement,
        "meeting_phase": review.meeting_phase,
        "updated_at": review.updated_at,
    }
    if review.created_at is not None:
        values["created_at"] = review.created_at
    row = session.get(ReviewRow, review.id)
    changed = {k: v for k, v in values.items() if getattr(row, k) != v}
    if changed:
        session.execute(update(ReviewRow).where(ReviewRow.id == review.id).values(**changed))
    session.expire(row)


def _replace_rows(session: Session, table, review_id: str, rows: list[dict], same: bool) -> None:
    """A small keyed table of the review (roles, impact, labels...): rewritten when it differs."""
    if same:
        return
    session.execute(delete(table).where(table.review_id == review_id))
    if rows:
        session.execute(insert(table), [{"review_id": review_id, **row} for row in rows])


def _labels(names: list[str]) -> list[dict]:
    return [{"key": label_key(n), "name": n, "position": i} for i, n in enumerate(names)]


def _write_keyed(session: Session, review: Review, before: Review) -> None:
    rid = review.id
    _replace_rows(
        session,
        RoleRow,
        rid,
        [{"role": k, "name": v} for k, v in review.roles.items()],
        review.roles == before.roles,
    )
    _replace_rows(
        session,
        ImpactRow,
        rid,
        [{"field": k, "text": v} for k, v in review.impact.items()],
        review.impact == before.impact,
    )
    _replace_rows(
        session,
        ChecklistTickRow,
        rid,
        [{"item": key} for key in sorted(review.checklist)],
        review.checklist == before.checklist,
    )
    _replace_rows(
        session, ServiceRow, rid, _labels(review.services), review.services == before.services
    )
    _replace_rows(session, TagRow, rid, _labels(review.tags), review.tags == before.tags)
    _replace_rows(
        session,
        RelatedRow,
        rid,
        [
            {"other_id": link.review, "relation": link.relation.value, "position": i}
            for i, link in enumerate(review.related)
        ],
        review.related == before.related,
    )
    _replace_rows(
        session,
        FieldTimeRow,
        rid,
        [{"field": k, "updated_at": v} for k, v in review.field_updated_at.items()],
        review.field_updated_at == before.field_updated_at,
    )


def _write_tombstones(session: Session, review: Review, before: Review) -> None:
    rid = review.id
    new = {t.id: t.deleted_at for t in review.deleted}
    old = {t.id: t.deleted_at for t in before.deleted}
    where = (DeletedItemRow.review_id == rid,)
    _delete_ids(session, DeletedItemRow.item_id, [i for i in old if new.get(i) != old[i]], *where)
    fresh = [
        {"review_id": rid, "item_id": i, "deleted_at": at}
        for i, at in new.items()
        if old.get(i) != at
    ]
    if fresh:
        session.execute(insert(DeletedItemRow), fresh)


def _write_search(session: Session, review: Review, before: Review) -> None:
    new = {(i, k): t for i, k, t in search_words.texts_of(review)}
    old = {(i, k): t for i, k, t in search_words.texts_of(before)}
    stale = [key for key in old if new.get(key) != old[key]]
    # An item has one text (one row); the review itself has several (title, summary...).
    for item_id, kind in (key for key in stale if key[0] == review.id):
        session.execute(
            delete(SearchTextRow).where(
                SearchTextRow.item_id == item_id, SearchTextRow.kind == kind
            )
        )
    _delete_ids(session, SearchTextRow.item_id, {i for i, _k in stale if i != review.id})
    rows = search_words.rows_of(
        review.id, [(i, k, t) for (i, k), t in new.items() if old.get((i, k)) != t]
    )
    if rows:
        session.execute(insert(SearchTextRow), rows)


def write_review(session: Session, review: Review, before: Review | None = None) -> Review:
    """Make the library's copy of ``review.id`` hold exactly ``review``: its fields, items
    (ids, times, order), field times and tombstones, and the search index to match.
    Returns the copy as it was. ``before`` is that copy when the caller has just loaded
    it in this transaction. Every item must carry its ``updated_at``."""
    if before is None:
        before = load_review(session, review.id)
    _write_items(session, review, before)
    _write_review_row(session, review)
    _write_keyed(session, review, before)
    _write_tombstones(session, review, before)
    _write_search(session, review, before)
    return before
