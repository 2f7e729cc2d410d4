"""Merging another copy of a review into the library: prepare, apply, undo.

``prepare_merge`` reads the library's copy and runs ``domain.merge`` on it
(nothing is written: the CLI's ``--dry-run`` and the window's preview stop
there); ``PreparedMerge.choose`` runs it again with the person's choices for
the conflicts (``choose_all`` for several copies in a row). ``apply_merges``
writes one or more prepared merges in one transaction (everything or
nothing) and returns what ``undo_merges`` needs
to put every review back as it was, with the same ids, times and tombstones;
redo is ``apply_merges`` again. A copy of a review the library does not hold
is a plain import, and its undo deletes it.

Both refuse, with a ``Conflict``, a review that changed in the library since
the merge was prepared (another window or program edited it): the merge
would otherwise write over that edit. Merged items keep the times the
merge gives them (``domain.merge``): nothing is stamped "now". Each merged review
(and each undone) is one change of the feed, ``review_merged`` or
``review_merge_undone``: followers read the whole review again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..domain.merge import MergeReport, MergeResult, Side, item_ids, merge_reviews
from ..domain.model import Review
from ..errors import Conflict
from ..storage import feed
from ..storage import reviews as store
from ..storage.library import Library
from ..storage.rewrite import write_review
from ..storage.schema import ReviewRow


@dataclass(frozen=True)
class PreparedMerge:
    """One merge, computed and not yet written.

    ``base`` is the copy it merges into: the library's (or, for a second copy
    of the same review in one batch, the previous merge's result), None when
    the library does not hold the review (``result`` is then the incoming copy,
    imported whole). ``choices`` are the conflicts' settled sides, by key.
    """

    source: str
    incoming: Review
    base: Review | None
    result: MergeResult
    choices: Mapping[str, Side]

    @property
    def review_id(self) -> str:
        return self.incoming.id

    @property
    def report(self) -> MergeReport:
        return self.result.report

    @property
    def is_import(self) -> bool:
        return self.base is None

    def choose(self, choices: Mapping[str, Side | str]) -> PreparedMerge:
        """The same merge with these sides for its conflicts (keys: ``MergeConflict.key``)."""
        return _prepared(self.source, self.incoming, self.base, choices)


def _prepared(source: str, incoming: Review, base: Review | None, choices) -> PreparedMerge:
    choices = {key: Side(value) for key, value in (choices or {}).items()}
    if base is None:
        report = MergeReport(added=sum(1 for _ in item_ids(incoming)))
        return PreparedMerge(source, incoming, None, MergeResult(incoming, report, True), choices)
    return PreparedMerge(source, incoming, base, merge_reviews(base, incoming, choices), choices)


def _library_copy(library: Library, review_id: str) -> Review | None:
    with library.read() as session:
        if session.get(ReviewRow, review_id) is None:
            return None
        return store.load_review(session, review_id)


def prepare_merge(
    library: Library,
    incoming: Review,
    *,
    source: str = "the file",
    choices: Mapping[str, Side | str] | None = None,
) -> PreparedMerge:
    """Merge ``incoming`` into the library's copy of the same review, in memory only."""
    return _prepared(source, incoming, _library_copy(library, incoming.id), choices)


def prepare_merges(library: Library, copies: Iterable[tuple[str, Review]]) -> list[PreparedMerge]:
    """Several copies (``(source, review)``, in order); copies of the same review merge one
    after the other, each into the result of the one before."""
    latest: dict[str, Review | None] = {}
    prepared = []
    for source, review in copies:
        if review.id not in latest:
            latest[review.id] = _library_copy(library, review.id)
        step = _prepared(source, review, latest[review.id], None)
        latest[review.id] = step.result.review
        prepared.append(step)
    return prepared


def look_alikes(library: Library, prepared: Iterable[PreparedMerge]) -> dict[str, str]:
    """For the steps that import a review the library lacks: the id of a review the library
    holds with the same title and incident date under another id (review id -> that id).
    Importing one of those makes a second copy of what is likely the same review."""
    from .reviews import same_title_and_day

    found = {}
    with library.read() as session:
        for step in prepared:
            if step.is_import and step.review_id not in found:
                other = same_title_and_day(session, step.incoming)
                if other is not None:
                    found[step.review_id] = other
    return found


def choose_all(
    prepared: Sequence[PreparedMerge], choices: Sequence[Mapping[str, Side | str]]
) -> list[PreparedMerge]:
    """``prepare_merges``' steps again with ``choices[i]`` for step ``i``'s conflicts.

    A later copy of the same review merges into the result of the step before
    it, so a choice there changes what the later steps merge into (and may
    change their conflicts: a key that is no longer a conflict is ignored)."""
    latest: dict[str, Review | None] = {}
    out = []
    for step, chosen in zip(prepared, choices, strict=True):
        base = latest.get(step.review_id, step.base)
        again = _prepared(step.source, step.incoming, base, chosen)
        latest[step.review_id] = again.result.review
        out.append(again)
    return out


@dataclass(frozen=True)
class MergeUndo:
    """What undoing one review's merge needs: the review before (None: it was imported) and
    after."""

    review_id: str
    before: Review | None
    after: Review


def _stored_time(session, review_id: str):
    row = session.get(ReviewRow, review_id)
    return None if row is None else (row.updated_at,)


def _check_unchanged(session, review_id: str, expected: Review | None, what: str) -> None:
    now = _stored_time(session, review_id)
    wanted = None if expected is None else (expected.updated_at,)
    if now != wanted:
        raise Conflict(
            f"the review {review_id} changed in the library since {what}; "
            "nothing was written: merge again to include that change"
        )


def apply_merges(library: Library, prepared: Sequence[PreparedMerge]) -> list[MergeUndo]:
    """Write the prepared merges in one transaction; returns what ``undo_merges`` needs (only
    for the reviews the merges changed)."""
    first: dict[str, PreparedMerge] = {}
    last: dict[str, PreparedMerge] = {}
    for step in prepared:
        first.setdefault(step.review_id, step)
        last[step.review_id] = step
    undo: list[MergeUndo] = []
    with library.write() as session:
        for review_id, step in first.items():
            _check_unchanged(session, review_id, step.base, "the merge was prepared")
            final = last[review_id].result.review
            before = step.base
            if before is None:
                store.insert_review(session, final)
            elif final != before:
                # unchanged since it was loaded (every edit moves the review's time on)
                write_review(session, final, before)
            else:
                continue
            # The whole review, for other windows and ``watch``: a merge may touch any part.
            feed.record(session, review_id, "review_merged", review_id, final.updated_at)
            undo.append(MergeUndo(review_id, before, final))
        session.expire_all()
    return undo


def undo_merges(library: Library, undo: Sequence[MergeUndo]) -> None:
    """Put every review back as it was before ``apply_merges``, in one transaction; refuses
    (``Conflict``) when one changed since the merge."""
    with library.write() as session:
        for step in reversed(undo):
            _check_unchanged(session, step.review_id, step.after, "the merge")
            if step.before is None:
                store.delete_review(session, step.review_id)
            else:
                write_review(session, step.before, step.after)
            version = None if step.before is None else step.before.updated_at
            feed.record(session, step.review_id, "review_merge_undone", step.review_id, version)
        session.expire_all()
