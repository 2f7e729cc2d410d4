"""The meeting agenda and the time the meeting timer recorded for each phase."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select

from ..domain.meeting_clock import (  # noqa: F401 (part of this module's interface)
    DEFAULT_AGENDA,
    HARD_CAP_MINUTES,
    PLANNED_TOTAL_MINUTES,
    default_agenda,
)
from ..domain.model import MeetingPhase
from ..errors import NotFound
from ..storage import convert
from ..storage import reviews as store
from ..storage.library import Library
from ..storage.schema import PhaseRow, ReviewRow
from . import checks
from .rows import set_value


def set_agenda(
    library: Library, review_id: str, phases: Sequence[MeetingPhase]
) -> list[MeetingPhase]:
    """Replace the review's agenda with ``phases``; returns the agenda it had."""
    for phase in phases:
        checks.text(phase.name, "the phase's name", blank_ok=False)
        checks.whole(phase.planned_minutes, "the planned minutes", 0, 1440)
        checks.whole(phase.actual_seconds, "the recorded seconds", 0, 864000)
    with library.write() as session:
        store.touch(session, review_id)
        old = [
            convert.phase_from_row(p)
            for p in session.scalars(
                select(PhaseRow).where(PhaseRow.review_id == review_id).order_by(PhaseRow.position)
            )
        ]
        session.execute(delete(PhaseRow).where(PhaseRow.review_id == review_id))
        for position, phase in enumerate(phases):
            session.add(
                PhaseRow(
                    id=phase.id,
                    review_id=review_id,
                    position=position,
                    name=phase.name,
                    planned_minutes=phase.planned_minutes,
                    actual_seconds=phase.actual_seconds,
                )
            )
    return old


def record_phase(library: Library, phase_id: str, actual_seconds: int) -> int:
    """Store the time the meeting spent in a phase; returns the old figure."""
    actual_seconds = checks.whole(actual_seconds, "the recorded seconds", 0, 864000)
    return set_value(library, PhaseRow, phase_id, "meeting phase", "actual_seconds", actual_seconds)


def set_meeting_phase(library: Library, review_id: str, index: int) -> int:
    """Make phase ``index`` of the agenda the one the meeting is in; returns the old index."""
    index = checks.whole(index, "the phase number", 0, 999)
    return set_value(library, ReviewRow, review_id, "review", "meeting_phase", index)


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
        phase.actual_seconds = seconds
        review.meeting_phase = index
    return old
