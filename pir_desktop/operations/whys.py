"""The 5-Whys tree: ask why (add a child), add a branch, edit, re-parent, mark, delete.

Top-level nodes answer "why?" about the review's problem; a node's children
answer "why?" about it. Deleting a node deletes its subtree, and
``restore_why`` puts the whole subtree back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ..domain.model import WhyNode, new_id
from ..domain.times import utc_now
from ..errors import InvalidChange, NotFound
from ..storage import feed, search_words
from ..storage import reviews as store
from ..storage.library import Library
from ..storage.retry import retried
from ..storage.schema import WhyRow
from . import checks
from .rows import Removed, close_gap, fetch, move, open_gap, set_value


def _scope(review_id: str, parent_id: str | None) -> dict:
    return {"review_id": review_id, "parent_id": parent_id}


def _parent_ok(session, review_id: str, parent_id: str | None) -> None:
    if parent_id is None:
        return
    parent = session.get(WhyRow, parent_id)
    if parent is None or parent.review_id != review_id:
        raise NotFound(f"there is no why node with id {parent_id} in this review")


@retried
def add_why(
    library: Library,
    review_id: str,
    parent_id: str | None,
    text: str,
    *,
    position: int | None = None,
    root_cause: bool = False,
    why_id: str | None = None,
) -> WhyNode:
    """Add a node under ``parent_id`` (``None``: under the problem) at ``position``."""
    node = WhyNode(
        text=checks.text(text, "the why's text"),
        root_cause=checks.flag(root_cause, "root cause"),
        id=why_id or new_id(),
    )
    with library.write() as session:
        store.touch(session, review_id)
        _parent_ok(session, review_id, parent_id)
        where = open_gap(session, WhyRow, _scope(review_id, parent_id), position)
        stamp = utc_now()
        session.add(
            WhyRow(
                id=node.id,
                review_id=review_id,
                parent_id=parent_id,
                position=where,
                text=node.text,
                root_cause=node.root_cause,
                updated_at=stamp,
            )
        )
        store.unbury(session, review_id, [node.id])
        search_words.index_text(session, review_id, node.id, "why", node.text)
        feed.record(session, review_id, "why_added", node.id, stamp)
    return node


@retried
def edit_why(library: Library, why_id: str, text: str, *, expected: datetime | None = None) -> str:
    """Set a node's text; returns the old text."""
    text = checks.text(text, "the why's text")
    return set_value(
        library,
        WhyRow,
        why_id,
        "why node",
        "text",
        text,
        index=lambda _row: "why",
        expected=expected,
    )


@retried
def set_root_cause(
    library: Library, why_id: str, root_cause: bool, *, expected: datetime | None = None
) -> bool:
    """Mark or unmark a node as a root cause; returns the old mark."""
    root_cause = checks.flag(root_cause, "root cause")
    return set_value(
        library, WhyRow, why_id, "why node", "root_cause", root_cause, expected=expected
    )


@retried
def move_why(
    library: Library,
    why_id: str,
    parent_id: str | None,
    position: int | None = None,
    *,
    expected: datetime | None = None,
) -> tuple[str | None, int]:
    """Re-parent a node (with its subtree) to ``parent_id`` at ``position``.

    Returns its old parent and position. A node cannot move under itself or
    under one of its own descendants.
    """
    with library.write() as session:
        row = fetch(session, WhyRow, why_id, "why node", expected)
        _parent_ok(session, row.review_id, parent_id)
        ancestor = parent_id
        while ancestor is not None:
            if ancestor == why_id:
                raise InvalidChange("a why cannot be moved under itself or one of its answers")
            ancestor = session.scalar(select(WhyRow.parent_id).where(WhyRow.id == ancestor))
        old = (row.parent_id, row.position)
        store.touch(session, row.review_id)
        move(
            session,
            WhyRow,
            row,
            _scope(row.review_id, row.parent_id),
            _scope(row.review_id, parent_id),
            position,
        )
        feed.record(session, row.review_id, "why_moved", row.id, row.updated_at)
    return old


def _subtree(session, row: WhyRow) -> WhyNode:
    children = session.scalars(
        select(WhyRow).where(WhyRow.parent_id == row.id).order_by(WhyRow.position)
    )
    return WhyNode(
        text=row.text,
        root_cause=row.root_cause,
        id=row.id,
        children=[_subtree(session, child) for child in children],
        updated_at=row.updated_at,
    )


@retried
def delete_why(library: Library, why_id: str, *, expected: datetime | None = None) -> Removed:
    """Delete a node and everything under it; returns them for ``restore_why``."""
    with library.write() as session:
        row = fetch(session, WhyRow, why_id, "why node", expected)
        removed = Removed(row.review_id, _subtree(session, row), row.position, row.parent_id)
        review = store.touch(session, row.review_id)
        scope = _scope(row.review_id, row.parent_id)
        session.delete(row)  # the children go with it: ON DELETE CASCADE
        session.flush()
        close_gap(session, WhyRow, scope, removed.position)
        ids = [node.id for node in removed.item.walk()]
        store.bury(session, removed.review_id, ids, review.updated_at)
        feed.record(session, removed.review_id, "why_deleted", why_id)
    return removed


@retried
def restore_why(library: Library, removed: Removed) -> None:
    node: WhyNode = removed.item
    with library.write() as session:
        store.touch(session, removed.review_id)
        _parent_ok(session, removed.review_id, removed.container)
        where = open_gap(
            session, WhyRow, _scope(removed.review_id, removed.container), removed.position
        )
        rows = store.why_rows(removed.review_id, [node], removed.container)
        rows[0]["position"] = where
        ids = [n.id for n in node.walk()]
        buried = store.tombstones(session, removed.review_id, ids)
        for values in rows:  # fresh, never earlier than the node's time or its tombstone
            values["updated_at"] = store.restored_stamp(
                values["updated_at"], buried.get(values["id"])
            )
            session.add(WhyRow(**values))
        session.flush()
        store.unbury(session, removed.review_id, ids)
        for n in node.walk():
            search_words.index_text(session, removed.review_id, n.id, "why", n.text)
        feed.record(session, removed.review_id, "why_restored", node.id, rows[0]["updated_at"])
