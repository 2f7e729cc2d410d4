"""Create, rename, edit, delete and import whole reviews."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from ..domain.enums import ReviewStatus, Severity
from ..domain.model import Review
from ..errors import Conflict
from ..storage import feed, search_words
from ..storage import reviews as store
from ..storage.library import Library
from ..storage.retry import retried
from ..storage.schema import ReviewRow
from . import checks

_FIELDS = ("title", "incident_date", "severity", "status", "summary", "problem")
_ENUM_FIELDS = {"severity": Severity, "status": ReviewStatus}


@retried
def create_review(
    library: Library,
    title: str,
    incident_date: date,
    severity: Severity | str = Severity.P3,
    *,
    status: ReviewStatus | str = ReviewStatus.DRAFT,
    review_id: str | None = None,
) -> Review:
    review = Review(
        title=checks.text(title, "the title", blank_ok=False),
        incident_date=checks.day(incident_date, "the incident date"),
        severity=checks.choice(Severity, severity, "the severity"),
        status=checks.choice(ReviewStatus, status, "the status"),
    )
    if review_id is not None:
        review.id = review_id
    with library.write() as session:
        store.insert_review(session, review)
        feed.record(session, review.id, "review_created", review.id)
    return review


def rename_review(
    library: Library, review_id: str, title: str, *, expected: datetime | None = None
) -> str:
    """Set the title; returns the old one."""
    return set_review_fields(library, review_id, title=title, expected=expected)["title"]


@retried
def set_review_fields(
    library: Library,
    review_id: str,
    *,
    expected: datetime | Mapping[str, datetime] | None = None,
    **fields,
) -> dict:
    """Set any of title, incident_date, severity, status, summary, problem.

    Returns the previous values of the fields given, for undo. ``expected`` is the
    version the edit was made from: each field's time (``Review.field_updated_at``), as
    a mapping of field to time, or one time for every field given.
    """
    unknown = set(fields) - set(_FIELDS)
    if unknown:
        raise TypeError(f"set_review_fields() got unknown fields {sorted(unknown)}")
    clean: dict = {}
    for name, value in fields.items():
        if name == "title":
            clean[name] = checks.text(value, "the title", blank_ok=False)
        elif name == "incident_date":
            clean[name] = checks.day(value, "the incident date")
        elif name in _ENUM_FIELDS:
            clean[name] = checks.choice(_ENUM_FIELDS[name], value, f"the {name}")
        else:
            clean[name] = checks.text(value, f"the {name}")
    with library.write() as session:
        row = store.touch(session, review_id, *clean, expected=expected)
        previous = {}
        for name, value in clean.items():
            old = getattr(row, name)
            previous[name] = _ENUM_FIELDS[name](old) if name in _ENUM_FIELDS else old
            setattr(row, name, value.value if name in _ENUM_FIELDS else value)
            if name in search_words.REVIEW_KINDS:
                search_words.index_text(session, review_id, review_id, name, value)
    return previous


@retried
def delete_review(library: Library, review_id: str) -> Review:
    """Delete a review with everything it holds; returns it whole for ``restore_review``."""
    with library.write() as session:
        review = store.load_review(session, review_id)
        store.delete_review(session, review_id)
        feed.record(session, review_id, "review_deleted", review_id)
    return review


@retried
def restore_review(library: Library, review: Review) -> None:
    with library.write() as session:
        store.insert_review(session, review)
        feed.record(session, review.id, "review_restored", review.id, review.updated_at)


def _same_title(title: str) -> str:
    return " ".join(title.split()).casefold()


def same_title_and_day(session, review: Review) -> str | None:
    """The id of a review in the library with ``review``'s title (ignoring case and
    spacing) and incident date under another id, if there is one."""
    for other_id, title in store.reviews_of_day(session, review.incident_date):
        if other_id != review.id and _same_title(title) == _same_title(review.title):
            return other_id
    return None


def _refuse_known(session, review: Review, named_by_file: bool) -> None:
    """A review already in the library is not imported again: one whose file names its id
    is known by that id, one whose file does not (ids are then new on every read) by its
    title (ignoring case and spacing) and incident date."""
    day = review.incident_date.isoformat()
    if named_by_file:
        if session.get(ReviewRow, review.id) is not None:
            raise Conflict(
                f"the review “{review.title}” of {day} (id {review.id}) is already in the "
                "library; nothing was imported (import --merge brings in a version 2 "
                "file's changes)"
            )
        return
    other_id = same_title_and_day(session, review)
    if other_id is not None:
        raise Conflict(
            f"the review “{review.title}” of {day} is already in the library (id "
            f"{other_id[:8]}); nothing was imported (a file without a review id is "
            "known by its title and incident date: change the title in the file to "
            "import it as another review)"
        )


def refuse_known_reviews(
    library: Library, reviews: Iterable[Review], named_ids: Iterable[str] | None = None
) -> None:
    """What ``import_reviews`` refuses, checked without writing (``Conflict``), so that the
    window can say it before it offers an undo step."""
    reviews = list(reviews)
    named = _check_files(reviews, named_ids)
    with library.read() as session:
        for review in reviews:
            _refuse_known(session, review, named is None or review.id in named)


@retried
def import_reviews(
    library: Library, reviews: Iterable[Review], named_ids: Iterable[str] | None = None
) -> list[Review]:
    """Add several reviews in one transaction: all of them, or none if any fails.

    ``named_ids`` are the ids the files named; the other reviews' ids were made up on
    reading, so those are matched by title and incident date instead (``None``: every
    id counts, for callers that made the reviews themselves). A review the library
    already holds is refused with ``Conflict``.
    """
    reviews = list(reviews)
    named = _check_files(reviews, named_ids)
    with library.write() as session:
        for review in reviews:
            _refuse_known(session, review, named is None or review.id in named)
            store.insert_review(session, review)
            feed.record(session, review.id, "review_imported", review.id)
    return reviews


def _check_files(reviews: list[Review], named_ids: Iterable[str] | None) -> set[str] | None:
    """Refuses two files of one review; the set of ``named_ids``."""
    named = None if named_ids is None else set(named_ids)
    seen: set[str] = set()
    seen_titles: set[tuple[str, date]] = set()
    for review in reviews:
        if review.id in seen:
            raise Conflict(f"two of the files hold the same review id {review.id}")
        seen.add(review.id)
        if named is not None and review.id not in named:
            key = (_same_title(review.title), review.incident_date)
            if key in seen_titles:
                raise Conflict(
                    f"two of the files hold the review “{review.title}” of "
                    f"{review.incident_date.isoformat()}; nothing was imported"
                )
            seen_titles.add(key)
    return named
