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
from ..storage import convert
from ..storage import reviews as store
from ..storage.library import Library
from ..storage.schema import PhaseRow
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
