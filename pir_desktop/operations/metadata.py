"""The review's metadata for patterns across reviews: services, tags and links to others.

Services and tags compare case-insensitively and keep their first spelling:
a name the review already holds keeps the spelling it has, and a name given
twice in one list is kept once. Links name another review's id with a
relation, ``repeat_of`` (this incident is a recurrence of that one) or
``related``. Each setter replaces the whole list and returns the old one,
which is what undo needs.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, insert, select

from ..domain.enums import Relation
from ..domain.model import RelatedReview
from ..errors import InvalidChange
from ..storage import reviews as store
from ..storage.library import Library
from ..storage.retry import retried
from ..storage.schema import RelatedRow, ReviewRow, ServiceRow, TagRow
from . import checks

MAX_LABEL = 100  # characters in a service or tag name
MAX_LABELS = 50  # names in one review's list


def _clean_labels(names: Iterable[str], what: str) -> list[str]:
    if isinstance(names, str):
        raise InvalidChange(f"give the {what}s as a list of names, not one text")
    clean: list[str] = []
    for name in names:
        name = checks.text(name, f"a {what} name").strip()
        if not name:
            raise InvalidChange(f"a {what} name must not be blank")
        if len(name) > MAX_LABEL:
            raise InvalidChange(f"a {what} name is at most {MAX_LABEL} characters ({name[:20]}…)")
        clean.append(name)
    if len(clean) > MAX_LABELS:
        raise InvalidChange(f"a review holds at most {MAX_LABELS} {what}s")
    return clean


def _set_labels(
    library: Library, review_id: str, names, table, field: str, expected=None
) -> list[str]:
    clean = _clean_labels(names, field[:-1])
    with library.write() as session:
        store.touch(session, review_id, field, expected=expected)
        rows = session.scalars(
            select(table).where(table.review_id == review_id).order_by(table.position)
        )
        old = [row.name for row in rows]
        spelling = {store.label_key(name): name for name in old}
        kept: dict[str, str] = {}
        for name in clean:
            key = store.label_key(name)
            kept.setdefault(key, spelling.get(key, name))
        session.execute(delete(table).where(table.review_id == review_id))
        if kept:
            session.execute(
                insert(table),
                [
                    {"review_id": review_id, "key": key, "name": name, "position": i}
                    for i, (key, name) in enumerate(kept.items())
                ],
            )
    return old


@retried
def set_services(
    library: Library,
    review_id: str,
    names: Sequence[str],
    *,
    expected: datetime | None = None,
) -> list[str]:
    """The services or components the incident touched; returns the old list."""
    return _set_labels(library, review_id, names, ServiceRow, "services", expected)


@retried
def set_tags(
    library: Library,
    review_id: str,
    names: Sequence[str],
    *,
    expected: datetime | None = None,
) -> list[str]:
    """Free labels for patterns across reviews; returns the old list."""
    return _set_labels(library, review_id, names, TagRow, "tags", expected)


def _link(value) -> RelatedReview:
    if isinstance(value, RelatedReview):
        other, relation = value.review, value.relation
    else:
        try:
            other, relation = value
        except (TypeError, ValueError):
            raise InvalidChange("a link is a review id and a relation") from None
    try:
        other = str(uuid.UUID(str(other)))
    except ValueError:
        raise InvalidChange(f"{other!r} is not a review id") from None
    relation = checks.choice(Relation, relation, "the relation")
    return RelatedReview(other, relation)


@retried
def set_related(
    library: Library,
    review_id: str,
    links: Sequence[RelatedReview | tuple[str, str]],
    *,
    expected: datetime | None = None,
) -> list[RelatedReview]:
    """Link the review to others (``repeat_of`` or ``related``); returns the old links.

    Each other review at most once, never the review itself, and each one in
    the library (a link the review already has may point elsewhere: it may
    have come in a file from another library).
    """
    clean = [_link(link) for link in links]
    seen: set[str] = set()
    for link in clean:
        if link.review == review_id:
            raise InvalidChange("a review cannot be linked to itself")
        if link.review in seen:
            raise InvalidChange(f"the review {link.review} is linked twice; keep one link")
        seen.add(link.review)
    with library.write() as session:
        store.touch(session, review_id, "related", expected=expected)
        old = [
            RelatedReview(row.other_id, Relation(row.relation))
            for row in session.scalars(
                select(RelatedRow)
                .where(RelatedRow.review_id == review_id)
                .order_by(RelatedRow.position)
            )
        ]
        known = {link.review for link in old}
        for link in clean:
            if link.review not in known and session.get(ReviewRow, link.review) is None:
                raise InvalidChange(f"there is no review with id {link.review} in the library")
        session.execute(delete(RelatedRow).where(RelatedRow.review_id == review_id))
        if clean:
            session.execute(
                insert(RelatedRow),
                [
                    {
                        "review_id": review_id,
                        "other_id": link.review,
                        "relation": link.relation.value,
                        "position": i,
                    }
                    for i, link in enumerate(clean)
                ],
            )
    return old
