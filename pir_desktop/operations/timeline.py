"""Add, edit, move and delete timeline events.

Events are kept in time order; ``seq`` orders events that share a time. A
new event, or one whose time changes, goes after the events already at
that time. "Move" reorders events that share a time: any other move is a
change of time.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, select

from ..domain.enums import EventKind
from ..domain.model import TimelineEvent, new_id
from ..domain.times import next_stamp, utc_now
from ..errors import InvalidChange
from ..storage import convert, feed, search_words
from ..storage import reviews as store
from ..storage.library import Library
from ..storage.retry import retried
from ..storage.schema import EventRow, SearchTextRow
from . import checks
from .rows import Removed, fetch


def _next_seq(session, review_id: str) -> int:
    top = session.scalar(select(func.max(EventRow.seq)).where(EventRow.review_id == review_id))
    return 0 if top is None else top + 1


@retried
def add_event(
    library: Library,
    review_id: str,
    at: datetime,
    text: str,
    kind: EventKind | str = EventKind.NOTE,
    source: str | None = None,
    *,
    event_id: str | None = None,
) -> TimelineEvent:
    event = TimelineEvent(
        at=checks.moment(at, "the event's time"),
        text=checks.text(text, "the event's text", blank_ok=False),
        kind=checks.choice(EventKind, kind, "the event's kind"),
        source=checks.optional_text(source, "the event's source"),
        id=event_id or new_id(),
    )
    with library.write() as session:
        store.touch(session, review_id)
        stamp = utc_now()
        session.add(
            EventRow(
                id=event.id,
                review_id=review_id,
                seq=_next_seq(session, review_id),
                updated_at=stamp,
                **convert.event_values(event),
            )
        )
        store.unbury(session, review_id, [event.id])
        search_words.index_text(session, review_id, event.id, "event", event.text)
        feed.record(session, review_id, "event_added", event.id, stamp)
    return event


@retried
def edit_event(
    library: Library, event_id: str, *, expected: datetime | None = None, **changes
) -> TimelineEvent:
    """Change any of ``at``, ``text``, ``kind``, ``source``; returns the event as it was."""
    unknown = set(changes) - {"at", "text", "kind", "source"}
    if unknown:
        raise TypeError(f"edit_event() got unknown fields {sorted(unknown)}")
    clean = {}
    if "at" in changes:
        clean["at"] = checks.moment(changes["at"], "the event's time")
    if "text" in changes:
        clean["text"] = checks.text(changes["text"], "the event's text", blank_ok=False)
    if "kind" in changes:
        clean["kind"] = checks.choice(EventKind, changes["kind"], "the event's kind").value
    if "source" in changes:
        clean["source"] = checks.optional_text(changes["source"], "the event's source")
    with library.write() as session:
        row = fetch(session, EventRow, event_id, "timeline event", expected)
        before = convert.event_from_row(row)
        store.touch(session, row.review_id)
        if "at" in clean and clean["at"] != row.at:
            row.seq = _next_seq(session, row.review_id)
        for name, value in clean.items():
            setattr(row, name, value)
        row.updated_at = next_stamp(row.updated_at)
        if "text" in clean:
            search_words.index_text(session, row.review_id, row.id, "event", clean["text"])
        feed.record(session, row.review_id, "event_edited", row.id, row.updated_at)
    return before


@retried
def move_event(
    library: Library, event_id: str, index: int, *, expected: datetime | None = None
) -> int:
    """Move an event to ``index`` in the timeline among events at the same time.

    Returns its old index. Refused when the place is among events at another
    time: the timeline stays in time order.
    """
    with library.write() as session:
        row = fetch(session, EventRow, event_id, "timeline event", expected)
        rows = list(
            session.scalars(
                select(EventRow)
                .where(EventRow.review_id == row.review_id)
                .order_by(EventRow.at, EventRow.seq)
            )
        )
        old = rows.index(row)
        if not 0 <= index < len(rows):
            raise InvalidChange(f"there is no place {index + 1} in a timeline of {len(rows)}")
        if rows[index].at != row.at:
            raise InvalidChange(
                "the timeline is kept in time order: change the event's time to move it there"
            )
        group = [r for r in rows if r.at == row.at]
        start = rows.index(group[0])
        seqs = [r.seq for r in group]
        group.remove(row)
        group.insert(index - start, row)
        for r, seq in zip(group, seqs, strict=True):
            r.seq = seq
        row.updated_at = next_stamp(row.updated_at)
        store.touch(session, row.review_id)
        feed.record(session, row.review_id, "event_moved", row.id, row.updated_at)
    return old


@retried
def delete_event(library: Library, event_id: str, *, expected: datetime | None = None) -> Removed:
    with library.write() as session:
        row = fetch(session, EventRow, event_id, "timeline event", expected)
        removed = Removed(row.review_id, convert.event_from_row(row), row.seq)
        review = store.touch(session, row.review_id)
        session.delete(row)
        session.flush()
        store.bury(session, removed.review_id, [event_id], review.updated_at)
        feed.record(session, removed.review_id, "event_deleted", event_id)
    return removed


@retried
def restore_event(library: Library, removed: Removed) -> None:
    """Put back a deleted event with its id and its place among equal times."""
    event: TimelineEvent = removed.item
    with library.write() as session:
        store.touch(session, removed.review_id)
        taken = session.scalar(
            select(EventRow.id).where(
                EventRow.review_id == removed.review_id, EventRow.seq == removed.position
            )
        )
        seq = _next_seq(session, removed.review_id) if taken else removed.position
        buried = store.tombstones(session, removed.review_id, [event.id]).get(event.id)
        stamp = store.restored_stamp(event.updated_at, buried)
        session.add(
            EventRow(
                id=event.id,
                review_id=removed.review_id,
                seq=seq,
                updated_at=stamp,
                **convert.event_values(event),
            )
        )
        store.unbury(session, removed.review_id, [event.id])
        search_words.index_text(session, removed.review_id, event.id, "event", event.text)
        feed.record(session, removed.review_id, "event_restored", event.id, stamp)


@retried
def import_events(
    library: Library, review_id: str, events: list[TimelineEvent]
) -> tuple[list[TimelineEvent], int]:
    """Add ``events`` in one transaction, leaving out any already in the timeline (same time
    and words) or repeated; returns (the events added, how many were left out)."""
    from ..interchange.timeline_import import split_new

    clean = [
        TimelineEvent(
            at=checks.moment(e.at, "the event's time"),
            text=checks.text(e.text, "the event's text", blank_ok=False).strip(),
            kind=checks.choice(EventKind, e.kind, "the event's kind"),
            source=checks.optional_text(e.source, "the event's source"),
            id=e.id,
        )
        for e in events
    ]
    with library.write() as session:
        store.touch(session, review_id)
        existing = session.scalars(select(EventRow).where(EventRow.review_id == review_id))
        added, skipped = split_new(existing, clean)
        first = _next_seq(session, review_id)
        now = utc_now()
        if added:  # one executemany, not an ORM object per event: a Slack export is thousands
            session.execute(
                insert(EventRow),
                [
                    {"id": e.id, "review_id": review_id, "seq": first + i, "updated_at": now}
                    | convert.event_values(e)
                    for i, e in enumerate(added)
                ],
            )
            rows = search_words.rows_of(review_id, [(e.id, "event", e.text) for e in added])
            if rows:
                session.execute(insert(SearchTextRow), rows)
            store.unbury(session, review_id, [e.id for e in added])
            feed.record(session, review_id, "events_imported")
    return added, len(skipped)


@retried
def remove_events(library: Library, event_ids: list[str]) -> None:
    """Take out the events an import added (its undo)."""
    with library.write() as session:
        by_review: dict[str, list[str]] = {}
        for event_id in event_ids:
            row = fetch(session, EventRow, event_id, "timeline event")
            by_review.setdefault(row.review_id, []).append(row.id)
            session.delete(row)
        session.flush()
        for review_id, ids in by_review.items():
            review = store.touch(session, review_id)
            store.bury(session, review_id, ids, review.updated_at)
            feed.record(session, review_id, "events_removed")
