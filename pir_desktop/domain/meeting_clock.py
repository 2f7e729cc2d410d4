"""The meeting timer's arithmetic: phases, time spent in each, near and over the timebox.

Plain Python with an injected clock (a function returning seconds), so the
window ticks it with real time and tests with a fake one. The clock keeps
the seconds spent in each phase; the window records them in the review
when the meeting moves on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .model import MeetingPhase

NEAR_FRACTION = 0.8  # "near the timebox" from 80% of it on

# The agenda a new meeting starts from: (name, planned minutes).
DEFAULT_AGENDA: tuple[tuple[str, int], ...] = (
    ("Timeline", 15),
    ("Root cause", 20),
    ("Went well / didn't", 10),
    ("Action items", 10),
)
PLANNED_TOTAL_MINUTES = 60
HARD_CAP_MINUTES = 90


def default_agenda() -> list[MeetingPhase]:
    return [MeetingPhase(name=name, planned_minutes=minutes) for name, minutes in DEFAULT_AGENDA]


class TimeboxState(StrEnum):
    WITHIN = "within"
    NEAR = "near"
    OVER = "over"


@dataclass(frozen=True)
class ClockState:
    """What the timer shows, frozen at one moment; used by undo to go back."""

    index: int
    spent: tuple[float, ...]


class MeetingClock:
    def __init__(
        self,
        phases: Sequence[MeetingPhase],
        clock: Callable[[], float],
        planned_total_minutes: int,
        hard_cap_minutes: int,
    ):
        if not phases:
            raise ValueError("a meeting needs at least one phase")
        self.phases = list(phases)
        self._clock = clock
        self.planned_total = planned_total_minutes * 60
        self.hard_cap = hard_cap_minutes * 60
        self.index = 0
        self._spent = [float(p.actual_seconds) for p in self.phases]
        self._since: float | None = None  # when the running stretch started

    # -- state -------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def phase(self) -> MeetingPhase:
        return self.phases[self.index]

    def spent(self, index: int | None = None) -> float:
        """Seconds spent in a phase (default: the current one), the running stretch included."""
        index = self.index if index is None else index
        extra = self._clock() - self._since if self.running and index == self.index else 0.0
        return self._spent[index] + extra

    def remaining(self) -> float:
        """Seconds left in the current phase's timebox; negative once over."""
        return self.phase.planned_minutes * 60 - self.spent()

    def total_spent(self) -> float:
        return sum(self.spent(i) for i in range(len(self.phases)))

    def state(self) -> TimeboxState:
        planned = self.phase.planned_minutes * 60
        spent = self.spent()
        if spent > planned:
            return TimeboxState.OVER
        if planned and spent >= planned * NEAR_FRACTION:
            return TimeboxState.NEAR
        return TimeboxState.WITHIN

    def total_state(self) -> TimeboxState:
        total = self.total_spent()
        if total > self.hard_cap:
            return TimeboxState.OVER
        if total > self.planned_total:
            return TimeboxState.NEAR
        return TimeboxState.WITHIN

    def snapshot(self) -> ClockState:
        return ClockState(self.index, tuple(self.spent(i) for i in range(len(self.phases))))

    # -- controls ----------------------------------------------------------
    def start(self) -> None:
        if not self.running:
            self._since = self._clock()

    def pause(self) -> None:
        if self.running:
            self._spent[self.index] = self.spent()
            self._since = None

    def go_to(self, index: int) -> None:
        """Make ``index`` the current phase; the clock keeps running if it was."""
        if not 0 <= index < len(self.phases):
            raise IndexError(index)
        was_running = self.running
        self.pause()
        self.index = index
        if was_running:
            self.start()

    def resume_at(self, index: int, spent: float | None = None) -> None:
        """Come back to phase ``index`` after a restart, paused, with ``spent`` seconds in it
        when they are more than the agenda recorded (kept while the meeting ran)."""
        if not 0 <= index < len(self.phases):
            raise IndexError(index)
        self._since = None
        self.index = index
        if spent is not None:
            self._spent[index] = max(self._spent[index], float(spent))

    def restore(self, state: ClockState) -> None:
        """Go back to a snapshot (undo of a phase change); running stays as it is."""
        was_running = self.running
        self._since = None
        self.index = state.index
        self._spent = list(state.spent)
        if was_running:
            self.start()


def format_clock(seconds: float) -> str:
    """``12:05`` or ``-01:30`` (over time), minutes and seconds."""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds))
    minutes, secs = divmod(whole, 60)
    return f"{sign}{minutes:02d}:{secs:02d}"
