"""Row-level helpers the operations share: fetch by id, set one value, keep order.

A container is the set of rows that share a scope (a review's lessons, one
panel of a review, the children of one why). Positions in a container stay
0..n-1 after every change.

Every change of an item moves its ``updated_at`` on (``next_stamp``: now, and
never earlier than the time it had); a delete leaves a tombstone; a restore
removes it and gives the item a fresh time. Texts the library's search reads
are re-indexed in the same transaction (``storage.search_words``).

``updated_at`` is also the item's version: an edit given ``expected`` (the
version it was made from) is refused with ``StaleEdit`` when the item has moved
on since, naming who changed it and when (``check_version``). Every change is
recorded in the change feed (``storage.feed.record``) as ``KIND_VERB``
(``lesson_added``, ``why_edited``, ``panel_item_moved``...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..domain.times import as_utc, next_stamp, utc_now
from ..errors import NotFound, StaleEdit
from ..storage import feed, search_words
from ..storage import reviews as store
from ..storage.schema import DeletedItemRow


def _where(table, scope: dict[str, Any]):
    return [getattr(table, column) == value for column, value in scope.items()]


def count(session: Session, table, scope: dict[str, Any]) -> int:
    return session.scalar(select(func.count()).select_from(table).where(*_where(table, scope)))


def open_gap(session: Session, table, scope: dict[str, Any], position: int | None) -> int:
    """Make room at ``position`` (clamped; ``None`` is the end) and return it."""
    size = count(session, table, scope)
    position = size if position is None else max(0, min(position, size))
    session.execute(
        update(table)
        .where(*_where(table, scope), table.position >= position)
        .values(position=table.position + 1)
    )
    return position


def close_gap(session: Session, table, scope: dict[str, Any], position: int) -> None:
    session.execute(
        update(table)
        .where(*_where(table, scope), table.position > position)
        .values(position=table.position - 1)
    )


def when(moment: datetime) -> str:
    """``14:05:07 UTC on 2026-03-12``: when a change was made, in a message."""
    utc = as_utc(moment)
    return f"{utc:%H:%M:%S} UTC on {utc:%Y-%m-%d}"


def check_version(row, expected: datetime | None, what: str) -> None:
    """``StaleEdit`` when ``expected`` is given and the item's version (``updated_at``) is
    another: someone changed it after the version the edit was made from."""
    if expected is None or as_utc(row.updated_at) == as_utc(expected):
        return
    who = row.updated_by or "another program"
    raise StaleEdit(
        f"{who} changed this {what} at {when(row.updated_at)}, after the version this edit "
        "was made from; the edit was not saved",
        item_id=row.id,
        what=what,
        changed_by=row.updated_by,
        changed_at=row.updated_at,
        version=row.updated_at,
    )


def fetch(session: Session, table, item_id: str, what: str, expected: datetime | None = None):
    """The item's row; ``NotFound`` if it is not there (``StaleEdit`` when the edit had a
    version and the item was deleted since), ``StaleEdit`` if it moved past ``expected``."""
    # FOR UPDATE (PostgreSQL; SQLite's writers already take turns): a concurrent edit of
    # this item waits for this transaction, and this one reads the row as last committed.
    row = session.get(table, item_id, with_for_update=True, populate_existing=True)
    if row is None:
        if expected is not None:
            grave = session.scalar(
                select(DeletedItemRow).where(DeletedItemRow.item_id == item_id).limit(1)
            )
            if grave is not None:
                who = grave.deleted_by or "another program"
                raise StaleEdit(
                    f"{who} deleted this {what} at {when(grave.deleted_at)}, after the "
                    "version this edit was made from; the edit was not saved",
                    item_id=item_id,
                    what=what,
                    changed_by=grave.deleted_by,
                    changed_at=grave.deleted_at,
                    deleted=True,
                )
        raise NotFound(f"there is no {what} with id {item_id}")
    check_version(row, expected, what)
    return row


def set_value(
    library,
    table,
    item_id: str,
    what: str,
    column: str,
    value,
    index=None,
    *,
    expected: datetime | None = None,
    change: str | None = None,
):
    """Set one column of one item in its own transaction; returns the old value.

    ``index(row)``, when given, names the search kind of the item's text (the
    column holds text the search reads). ``change`` names the change in the feed
    (default ``KIND_edited``).
    """
    with library.write() as session:
        row = fetch(session, table, item_id, what, expected)
        review_id = row.review_id if hasattr(row, "review_id") else row.id
        store.touch(session, review_id)
        old = getattr(row, column)
        setattr(row, column, value)
        row.updated_at = next_stamp(row.updated_at)
        if index is not None:
            search_words.index_text(session, review_id, row.id, index(row), value)
        feed.record(
            session, review_id, change or f"{feed.kind_of(table)}_edited", row.id, row.updated_at
        )
    return old


def move(session: Session, table, row, old_scope: dict, new_scope: dict, position: int | None):
    """Move ``row`` to ``position`` in the container ``new_scope``."""
    old_position = row.position
    row.position = -1  # out of the way while the others shift
    session.flush()
    close_gap(session, table, old_scope, old_position)
    if position is not None and new_scope == old_scope:
        # The row itself is still counted in its own container: the last place is one less.
        position = min(position, count(session, table, new_scope) - 1)
    new_position = open_gap(session, table, new_scope, position)
    for column, value in new_scope.items():
        setattr(row, column, value)
    row.position = new_position
    row.updated_at = next_stamp(row.updated_at)  # its place is part of what a merge takes
    session.flush()
    return new_position


@dataclass(frozen=True)
class Removed:
    """What a delete took away, enough for ``restore_*`` to put it back where it was."""

    review_id: str
    item: Any
    position: int
    container: Any = None  # the panel, or the parent why's id


Indexed = Callable[[Any], tuple[str, str]]  # item -> (search kind, text)


class ReviewList:
    """The add / edit / move / delete / restore of one kind of list a review holds.

    ``to_item`` turns a row into its domain object, ``to_values`` a domain
    object into column values (without id, review_id, position and
    updated_at). ``indexed``, for items whose text the search reads, gives
    an item's search kind and text. The named operations validate their
    input and call these.
    """

    def __init__(self, table, what: str, to_item, to_values, indexed: Indexed | None = None):
        self.table, self.what = table, what
        self.to_item, self.to_values = to_item, to_values
        self.indexed = indexed
        self.kind = feed.kind_of(table)

    def _index(self, session, review_id: str, item) -> None:
        if self.indexed is not None:
            kind, text = self.indexed(item)
            search_words.index_text(session, review_id, item.id, kind, text)

    def add(self, library, review_id: str, item, position: int | None, *, restoring=False):
        with library.write() as session:
            store.touch(session, review_id)
            where = open_gap(session, self.table, {"review_id": review_id}, position)
            if restoring:
                buried = store.tombstones(session, review_id, [item.id]).get(item.id)
                stamp = store.restored_stamp(item.updated_at, buried)
            else:
                stamp = utc_now()
            session.add(
                self.table(
                    id=item.id,
                    review_id=review_id,
                    position=where,
                    updated_at=stamp,
                    **self.to_values(item),
                )
            )
            # Redo of an add after its undo (a delete) brings the same id back.
            store.unbury(session, review_id, [item.id])
            self._index(session, review_id, item)
            verb = "restored" if restoring else "added"
            feed.record(session, review_id, f"{self.kind}_{verb}", item.id, stamp)
        return item

    def edit(self, library, item_id: str, changes: dict, expected: datetime | None = None):
        """Apply column ``changes``; returns the item as it was."""
        with library.write() as session:
            row = fetch(session, self.table, item_id, self.what, expected)
            before = self.to_item(row)
            store.touch(session, row.review_id)
            for column, value in changes.items():
                setattr(row, column, value)
            row.updated_at = next_stamp(row.updated_at)
            session.flush()
            self._index(session, row.review_id, self.to_item(row))
            feed.record(session, row.review_id, f"{self.kind}_edited", row.id, row.updated_at)
        return before

    def move(self, library, item_id: str, position: int, expected: datetime | None = None) -> int:
        """Move an item to ``position``; returns its old position."""
        with library.write() as session:
            row = fetch(session, self.table, item_id, self.what, expected)
            old = row.position
            store.touch(session, row.review_id)
            scope = {"review_id": row.review_id}
            move(session, self.table, row, scope, scope, position)
            feed.record(session, row.review_id, f"{self.kind}_moved", row.id, row.updated_at)
        return old

    def delete(self, library, item_id: str, expected: datetime | None = None) -> Removed:
        with library.write() as session:
            row = fetch(session, self.table, item_id, self.what, expected)
            removed = Removed(row.review_id, self.to_item(row), row.position)
            review = store.touch(session, row.review_id)
            session.delete(row)
            session.flush()
            close_gap(session, self.table, {"review_id": row.review_id}, removed.position)
            store.bury(session, removed.review_id, [item_id], review.updated_at)
            feed.record(session, removed.review_id, f"{self.kind}_deleted", item_id)
        return removed

    def restore(self, library, removed: Removed) -> None:
        self.add(library, removed.review_id, removed.item, removed.position, restoring=True)
