"""Push a review's committed action items to a tracker, and pull back whether they are done.

Push: every committed item (not deferred, open or in progress) without a
``tracker_url`` gets an issue. The labelled issues of the target are read
first, so an item whose issue was made by an earlier push whose answer was
lost is linked to it, not made twice. Each new issue's address is written to
the library (one transaction) before the next issue is created, so a push
that stops half-way leaves everything it made recorded; pushing again goes on
from there.

Refresh: every item with a ``tracker_url`` is looked up, and an item whose
issue is closed (GitHub) or in a done status (Jira) is marked done, with the
issue's closing time as its ``done_at`` when the tracker gives one. An issue
that no longer exists is reported and the others still refreshed; a failure
that would fail them all (no network, token refused) stops. An item whose
issue is at an address the caller has no token for (``connect`` raises
``Elsewhere``: a review imported from another team names its tracker) is
skipped and named; no token is ever sent there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from .. import operations as ops
from ..domain.enums import ActionStatus
from ..domain.model import ActionItem
from ..errors import PirError
from ..storage.library import Library
from ..storage.reviews import load_review
from .http import TrackerError
from .issue_text import IssueText, issue_text
from .target import IssueRef, Target, TrackerSetupError, issue_ref


class TrackerClient(Protocol):
    service: str

    def find_marked(self) -> dict[str, str]: ...
    def create(self, text: IssueText) -> str: ...
    def is_closed(self, ref: IssueRef) -> bool: ...
    def issue_state(self, ref: IssueRef) -> tuple[bool, datetime | None]: ...
    def close(self) -> None: ...


def pushable(item: ActionItem) -> bool:
    return not item.deferred and item.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


@dataclass
class PushResult:
    created: list[tuple[ActionItem, str]] = field(default_factory=list)
    linked: list[tuple[ActionItem, str]] = field(default_factory=list)  # found by their marker
    already: list[ActionItem] = field(default_factory=list)  # had an address before
    left_out: list[ActionItem] = field(default_factory=list)  # deferred, done or dropped

    def summary(self, target_name: str) -> str:
        parts = [f"created {_count(len(self.created), 'issue')} in {target_name}"]
        if self.linked:
            parts.append(f"linked {len(self.linked)} made by an earlier push")
        if self.already:
            parts.append(f"{len(self.already)} already linked")
        if self.left_out:
            parts.append(f"{len(self.left_out)} deferred, done or dropped not pushed")
        return "; ".join(parts)


class PushStopped(PirError):
    """A push that stopped part-way; what it did is in ``result`` and in the library."""

    def __init__(self, message: str, result: PushResult):
        super().__init__(message)
        self.result = result


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def push_actions(
    library: Library,
    review_id: str,
    target: Target,
    client: TrackerClient,
    *,
    report_url: str | None = None,
    progress: Callable[[str], None] = lambda _line: None,
) -> PushResult:
    with library.read() as session:
        review = load_review(session, review_id)
    result = PushResult()
    todo: list[ActionItem] = []
    for item in review.action_items:
        if item.tracker_url:
            result.already.append(item)
        elif pushable(item):
            todo.append(item)
        else:
            result.left_out.append(item)
    if not todo:
        return result
    try:
        marked = client.find_marked()
        for item in todo:
            url = marked.get(item.id.lower())
            if url:
                ops.edit_action_item(library, item.id, tracker_url=url)
                result.linked.append((item, url))
                progress(f"linked “{item.title}” to {url} (made by an earlier push)")
                continue
            url = client.create(issue_text(review, item, report_url))
            ops.edit_action_item(library, item.id, tracker_url=url)
            result.created.append((item, url))
            progress(f"created {url} for “{item.title}”")
    except TrackerError as exc:
        done = len(result.created) + len(result.linked)
        raise PushStopped(
            f"the push stopped after {_count(done, 'item')} of {len(todo)} (each recorded in "
            f"the library; pushing again goes on from there): {exc}",
            result,
        ) from None
    return result


@dataclass
class RefreshResult:
    closed: list[tuple[ActionItem, str]] = field(default_factory=list)  # marked done now
    still_open: list[tuple[ActionItem, str]] = field(default_factory=list)
    reopened: list[tuple[ActionItem, str]] = field(default_factory=list)  # done here, open there
    problems: list[tuple[ActionItem, str]] = field(default_factory=list)
    skipped: list[tuple[ActionItem, str]] = field(default_factory=list)  # at another address

    def summary(self) -> str:
        parts = [
            f"{_count(len(self.closed), 'item')} closed in the tracker, now marked done",
            f"{len(self.still_open)} still open",
        ]
        if self.reopened:
            parts.append(
                f"{len(self.reopened)} open again in the tracker but done here (left done)"
            )
        if self.problems:
            parts.append(f"{len(self.problems)} could not be checked")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped (their issues are at another address)")
        return "; ".join(parts)


class Elsewhere(PirError):
    """An issue at an address the token at hand is not for; its item is skipped."""


class RefreshStopped(PirError):
    def __init__(self, message: str, result: RefreshResult):
        super().__init__(message)
        self.result = result


Connect = Callable[[IssueRef], TrackerClient]


def refresh_actions(
    library: Library,
    review_id: str,
    connect: Connect,
    *,
    progress: Callable[[str], None] = lambda _line: None,
) -> RefreshResult:
    """``connect(ref)`` gives the client for an issue's tracker and base (with its token)."""
    with library.read() as session:
        review = load_review(session, review_id)
    result = RefreshResult()
    clients: dict[tuple[str, str], TrackerClient] = {}
    try:
        for item in review.action_items:
            if not item.tracker_url:
                continue
            try:
                ref = issue_ref(item.tracker_url)
            except TrackerSetupError as exc:
                result.problems.append((item, str(exc)))
                continue
            key = (ref.tracker.value, ref.base)
            if key not in clients:
                try:
                    clients[key] = connect(ref)
                except Elsewhere as exc:
                    result.skipped.append((item, str(exc)))
                    continue
            try:
                closed, closed_at = clients[key].issue_state(ref)
            except TrackerError as exc:
                if exc.status not in (404, 410):
                    raise RefreshStopped(
                        f"the refresh stopped ({len(result.closed)} marked done so far): {exc}",
                        result,
                    ) from None
                result.problems.append((item, str(exc)))
                progress(f"“{item.title}”: {exc}")
                continue
            if closed and item.status != ActionStatus.DONE:
                ops.edit_action_item(library, item.id, status=ActionStatus.DONE, done_at=closed_at)
                result.closed.append((item, item.tracker_url))
                progress(f"“{item.title}” is closed in the tracker: marked done")
            elif not closed and item.status == ActionStatus.DONE:
                result.reopened.append((item, item.tracker_url))
            elif not closed:
                result.still_open.append((item, item.tracker_url))
    finally:
        for client in clients.values():
            client.close()
    return result


@dataclass
class RefreshAllResult:
    """What ``refresh_all_actions`` did, review by review (id -> its result)."""

    reviews: dict[str, RefreshResult] = field(default_factory=dict)

    def summary(self) -> str:
        closed = sum(len(r.closed) for r in self.reviews.values())
        still = sum(len(r.still_open) for r in self.reviews.values())
        problems = sum(len(r.problems) for r in self.reviews.values())
        parts = [
            f"{_count(closed, 'item')} closed in the tracker, now marked done",
            f"{still} still open",
            f"in {_count(len(self.reviews), 'review')}",
        ]
        if problems:
            parts.append(f"{problems} could not be checked")
        return "; ".join(parts)


class RefreshAllStopped(PirError):
    def __init__(self, message: str, result: RefreshAllResult):
        super().__init__(message)
        self.result = result


def linked_reviews(library: Library) -> list[str]:
    """The reviews that have at least one action item linked to a tracker issue."""
    from sqlalchemy import select

    from ..storage.schema import ActionItemRow

    with library.read() as session:
        return list(
            session.scalars(
                select(ActionItemRow.review_id)
                .where(ActionItemRow.tracker_url.is_not(None), ActionItemRow.tracker_url != "")
                .distinct()
                .order_by(ActionItemRow.review_id)
            )
        )


def refresh_all_actions(
    library: Library,
    connect: Connect,
    *,
    progress: Callable[[str], None] = lambda _line: None,
) -> RefreshAllResult:
    """``refresh_actions`` for every review with linked items (the follow-ups' "Refresh all
    from trackers"): each review's items are marked as its tracker says, in its own
    transactions, so a stop part-way keeps what was done (``RefreshAllStopped.result``)."""
    result = RefreshAllResult()
    for review_id in linked_reviews(library):
        try:
            result.reviews[review_id] = refresh_actions(
                library, review_id, connect, progress=progress
            )
        except RefreshStopped as exc:
            result.reviews[review_id] = exc.result
            raise RefreshAllStopped(str(exc), result) from None
    return result
