"""Offline copies: take reviews of a home library to go, send them back, list them.

``take_offline`` copies reviews of a home library (a team library, or
another library file) into this library with the same ids and records that
each is a copy of that home (``offline_copies``). ``send_back`` merges each
copy home both ways with the merge of ``operations.merge`` (rules 1-6 of
interchange v2): the copy into the home, in one transaction there, then the
home's merged review back into the copy, in one transaction here, so that the
two are equal after. ``offline_copies`` lists the copies and whether each has
changes not sent: its ``updated_at`` (which every edit and merge moves on) is
later than it was right after the last take or send-back.

The home's place is recorded without a password (a team library's URL as
``TeamAddress.account``); sending back signs in as any team library command
does (keyring, PGPASSWORD, ~/.pgpass).

Every refusal (an unknown review, a review that is not a copy, a review the
home no longer holds, a home that cannot be opened) comes before anything is
written. A send-back that writes the home and then finds the copy changed
meanwhile (another window) leaves the copy as it is: sending back again
brings both together (a merge of what is already merged changes nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from ..domain.merge import MergeReport, Side, merge_reviews
from ..domain.model import Review
from ..domain.times import utc_now
from ..errors import Conflict, NotFound, PirError
from ..storage import reviews as store
from ..storage.library import Library, open_library
from ..storage.rewrite import write_review
from ..storage.schema import OfflineCopyRow, ReviewRow
from ..storage.team_address import is_team_url
from .merge import apply_merges, prepare_merges


def home_of(library: Library) -> str:
    """Where a library is, as an offline copy records its home: a team library's URL
    without its password, or a library file's absolute path."""
    return library.address.account if library.is_team else str(Path(library.path).absolute())


def open_home(home: str) -> Library:
    """The home library recorded for an offline copy; it must still be a library."""
    return open_library(home if is_team_url(home) else Path(home), create=False)


@dataclass(frozen=True)
class OfflineCopy:
    """One offline copy: its review, its home, when it was taken and last taken or sent
    back, and whether it changed since (``changed``: changes not sent)."""

    review_id: str
    title: str
    home: str
    taken_at: datetime
    synced_at: datetime
    changed: bool


@dataclass(frozen=True)
class SentBack:
    """One review sent back: what the copy did to the home (``to_home``) and what the home's
    merged review did to the copy (``to_copy``)."""

    review_id: str
    title: str
    home: str
    to_home: MergeReport
    to_copy: MergeReport


def _named(session, refs: Sequence[str], where: str) -> list[str]:
    return list(dict.fromkeys(store.resolve_review_id(session, ref, where) for ref in refs))


def _label(review_id: str, title: str) -> str:
    return f"the review {review_id} “{title}”"


def take_offline(library: Library, home: Library, refs: Sequence[str] = ()) -> list[Review]:
    """Copy the reviews ``refs`` names (ids or their starts, in ``home``; every review of the
    home when none is named) into ``library`` with the same ids, as offline copies of
    ``home``; returns them. One transaction: all of them, or none."""
    where = home_of(home)
    if where == home_of(library):
        raise PirError(f"{library.name} is the library itself: name the home to copy from")
    with home.read() as session:
        ids = (
            _named(session, refs, home.name)
            if refs
            else [r.id for r in store.list_reviews(session)]
        )
        if not ids:
            raise NotFound(f"the library {home.name} holds no review to take offline")
        reviews = [store.load_review(session, review_id) for review_id in ids]
    now = utc_now()
    with library.write() as session:
        for review in reviews:
            if session.get(ReviewRow, review.id) is not None:
                copy = session.get(OfflineCopyRow, review.id)
                hint = (
                    f" as an offline copy of {copy.home}: 'send-back' brings them together"
                    if copy is not None
                    else ": 'merge' brings the two copies together"
                )
                raise Conflict(
                    f"this library already holds {_label(review.id, review.title)}{hint}"
                )
            store.insert_review(session, review)
            session.flush()
            version = session.get(ReviewRow, review.id).updated_at
            session.add(
                OfflineCopyRow(
                    review_id=review.id,
                    home=where,
                    taken_at=now,
                    synced_at=now,
                    synced_version=version,
                )
            )
    return reviews


def offline_copies(library: Library) -> list[OfflineCopy]:
    """Every offline copy in ``library``, by home, then title."""
    with library.read() as session:
        rows = session.execute(
            select(OfflineCopyRow, ReviewRow.title, ReviewRow.updated_at)
            .join(ReviewRow, ReviewRow.id == OfflineCopyRow.review_id)
            .order_by(OfflineCopyRow.home, ReviewRow.title, ReviewRow.id)
        ).all()
        return [
            OfflineCopy(
                copy.review_id,
                title,
                copy.home,
                copy.taken_at,
                copy.synced_at,
                changed=updated_at > copy.synced_version,
            )
            for copy, title, updated_at in rows
        ]


def send_back(
    library: Library,
    refs: Sequence[str] = (),
    *,
    opener: Callable[[str], Library] = open_home,
) -> list[SentBack]:
    """Merge the offline copies ``refs`` names (every one when none is named) with their
    homes, both ways, so that each copy and its home's review are equal after."""
    with library.read() as session:
        homes = {row.review_id: row.home for row in session.scalars(select(OfflineCopyRow))}
        ids = _named(session, refs, library.name) if refs else sorted(homes)
        for review_id in ids:
            if review_id not in homes:
                title = session.get(ReviewRow, review_id).title
                raise NotFound(
                    f"{_label(review_id, title)} is not an offline copy ('take-offline' makes one)"
                )
        copies = {review_id: store.load_review(session, review_id) for review_id in ids}
    by_home: dict[str, list[str]] = {}
    for review_id in ids:
        by_home.setdefault(homes[review_id], []).append(review_id)
    opened: dict[str, Library] = {}
    try:
        # Every home opened and checked before anything is written anywhere.
        for home, home_ids in by_home.items():
            opened[home] = lib = opener(home)
            with lib.read() as session:
                for review_id in home_ids:
                    if session.get(ReviewRow, review_id) is None:
                        raise NotFound(
                            f"the home {lib.name} no longer holds "
                            f"{_label(review_id, copies[review_id].title)}; nothing was sent"
                        )
        to_home: dict[str, MergeReport] = {}
        merged: dict[str, Review] = {}
        for home, home_ids in by_home.items():
            lib = opened[home]
            prepared = prepare_merges(lib, [(library.name, copies[i]) for i in home_ids])
            apply_merges(lib, prepared)
            to_home.update((step.review_id, step.report) for step in prepared)
            with lib.read() as session:
                merged.update((i, store.load_review(session, i)) for i in home_ids)
        return _bring_back(library, ids, copies, merged, homes, to_home)
    finally:
        for lib in opened.values():
            lib.close()


def _bring_back(library, ids, copies, merged, homes, to_home) -> list[SentBack]:
    """The home's merged reviews into the copies, in one transaction. The home's review is
    written as it is: it already holds every change of the copy (the copy was just merged
    into it), so the merge of it into the copy gives its content; where rule 4 cannot
    settle an order (two sides re-ordered one list) or a conflict kept each side's own,
    the copy takes the home's, and the two are equal."""
    now = utc_now()
    sent: list[SentBack] = []
    with library.write() as session:
        for review_id in ids:
            copy, home_copy = copies[review_id], merged[review_id]
            row = session.get(ReviewRow, review_id)
            if row is None or row.updated_at != copy.updated_at:
                raise Conflict(
                    f"{_label(review_id, copy.title)} changed in this library while it was "
                    "sent back; the home has what was sent: send it back again"
                )
            result = merge_reviews(copy, home_copy)
            choices = {c.key: Side.INCOMING for c in result.report.conflicts}
            if choices:
                result = merge_reviews(copy, home_copy, choices)
            if home_copy != copy:
                write_review(session, home_copy, copy)
            record = session.get(OfflineCopyRow, review_id)
            record.synced_at = now
            record.synced_version = home_copy.updated_at
            sent.append(
                SentBack(
                    review_id, home_copy.title, homes[review_id], to_home[review_id], result.report
                )
            )
        session.flush()  # the records' changes, before expiring what the writes above made stale
        session.expire_all()
    return sent
