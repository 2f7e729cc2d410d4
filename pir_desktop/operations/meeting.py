"""The meeting agenda and the time the meeting timer recorded for each phase."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select

from ..domain.meeting_clock import (  # noqa: F401 (part of this module's interface)
    DEFAULT_AGENDA,
    HARD_CAP_MINUTES,
    PLANNED_TOTAL_MINUTES,
    default_agenda,
)
from ..domain.model import MeetingPhase
from ..domain.times import next_stamp, utc_now
from ..errors import NotFound
from ..storage import convert, feed
from ..storage import reviews as store
from ..storage.library import Library
from ..storage.retry import retried
from ..storage.schema import PhaseRow, ReviewRow
from . import checks
from .rows import set_value


@retried
def set_agenda(
    library: Library, review_id: str, phases: Sequence[MeetingPhase]
) -> list[MeetingPhase]:
    """Replace the review's agenda with ``phases``; returns the agenda it had.

    A phase kept unchanged (same id, name, minutes, seconds and place) keeps its
    time; a changed or new one gets a fresh one; a phase left out is deleted
    (a tombstone), and one that comes back (undo) loses its tombstone.
    """
    for phase in phases:
        checks.text(phase.name, "the phase's name", blank_ok=False)
        checks.whole(phase.planned_minutes, "the planned minutes", 0, 1440)
        checks.whole(phase.actual_seconds, "the recorded seconds", 0, 864000)
    with library.write() as session:
        review = store.touch(session, review_id)
        old = [
            convert.phase_from_row(p)
            for p in session.scalars(
                select(PhaseRow).where(PhaseRow.review_id == review_id).order_by(PhaseRow.position)
            )
        ]
        before = {p.id: (position, p) for position, p in enumerate(old)}
        session.execute(delete(PhaseRow).where(PhaseRow.review_id == review_id))
        now = utc_now()
        for position, phase in enumerate(phases):
            was = before.get(phase.id)
            same = was is not None and (was[0], was[1].name, was[1].planned_minutes,
                was[1].actual_seconds) == (position, phase.name, phase.planned_minutes,
                phase.actual_seconds)  # fmt: skip
            if same:
                stamp = was[1].updated_at
            elif was is not None:
                stamp = next_stamp(was[1].updated_at, now)
            else:
                stamp = next_stamp(phase.updated_at, now)
            session.add(
                PhaseRow(
                    id=phase.id,
                    review_id=review_id,
                    position=position,
                    name=phase.name,
                    planned_minutes=phase.planned_minutes,
                    actual_seconds=phase.actual_seconds,
                    updated_at=stamp,
                )
            )
        kept = {phase.id for phase in phases}
        store.unbury(session, review_id, kept)
        store.bury(session, review_id, [i for i in before if i not in kept], review.updated_at)
        feed.record(session, review_id, "agenda_set")
    return old


@retried
def record_phase(
    library: Library, phase_id: str, actual_seconds: int, *, expected: datetime | None = None
) -> int:
    """Store the time the meeting spent in a phase; returns the old figure."""
    actual_seconds = checks.whole(actual_seconds, "the recorded seconds", 0, 864000)
    return set_value(
        library,
        PhaseRow,
        phase_id,
        "meeting phase",
        "actual_seconds",
        actual_seconds,
        expected=expected,
    )


@retried
def set_meeting_phase(library: Library, review_id: str, index: int) -> int:
    """Make phase ``index`` of the agenda the one the meeting is in; returns the old index."""
    index = checks.whole(index, "the phase number", 0, 999)
    return set_value(
        library, ReviewRow, review_id, "review", "meeting_phase", index, change="meeting_phase_set"
    )


@retried
def change_phase(
    library: Library, review_id: str, leaving_id: str, seconds: int, index: int
) -> tuple[int, int]:
    """Record the ``seconds`` spent in the phase ``leaving_id`` and move the meeting to phase
    ``index``, in one transaction; returns the old (seconds, index) for undo."""
    seconds = checks.whole(seconds, "the recorded seconds", 0, 864000)
    index = checks.whole(index, "the phase number", 0, 999)
    with library.write() as session:
        review = store.touch(session, review_id)
        phase = session.get(PhaseRow, leaving_id)
        if phase is None or phase.review_id != review_id:
            raise NotFound(f"there is no meeting phase with id {leaving_id} in this review")
        old = (phase.actual_seconds, review.meeting_phase)
        if phase.actual_seconds != seconds:
            phase.updated_at = next_stamp(phase.updated_at)
        phase.actual_seconds = seconds
        review.meeting_phase = index
        feed.record(session, review_id, "phase_edited", phase.id, phase.updated_at)
        feed.record(session, review_id, "meeting_phase_set", review_id, review.updated_at)
    return old
