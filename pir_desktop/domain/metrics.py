"""Time to detect, acknowledge and mitigate, derived from the timeline.

The earliest event of each kind counts. A metric whose two ends are not both
present is unknown (``None``), never zero; one whose ends are out of order is
unknown too and named in ``problems``. Thresholds follow the interchange
format: TTD over 5 minutes on a P1, TTA over 15 minutes, TTM over 30.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from .enums import EventKind, Severity

if TYPE_CHECKING:  # the window's dashboard formats durations without the model
    from .model import TimelineEvent


@dataclass(frozen=True)
class MetricSpec:
    key: str
    label: str
    start: EventKind
    end: EventKind
    threshold: timedelta | None
    threshold_severities: tuple[Severity, ...] | None = None  # None: every severity


METRICS: tuple[MetricSpec, ...] = (
    MetricSpec(
        "ttd",
        "time to detect",
        EventKind.STARTED,
        EventKind.DETECTED,
        timedelta(minutes=5),
        (Severity.P1,),
    ),
    MetricSpec(
        "tta", "time to acknowledge", EventKind.DETECTED, EventKind.RESPONDED, timedelta(minutes=15)
    ),
    MetricSpec(
        "ttm", "time to mitigate", EventKind.RESPONDED, EventKind.RECOVERED, timedelta(minutes=30)
    ),
    MetricSpec("duration", "duration", EventKind.STARTED, EventKind.RECOVERED, None),
)


@dataclass(frozen=True)
class Flag:
    """A metric over its threshold."""

    metric: str
    message: str


@dataclass
class Metrics:
    values: dict[str, timedelta | None]
    missing: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    def seconds(self, key: str) -> int | None:
        value = self.values[key]
        return None if value is None else int(value.total_seconds())

    @property
    def ttd(self) -> timedelta | None:
        return self.values["ttd"]

    @property
    def tta(self) -> timedelta | None:
        return self.values["tta"]

    @property
    def ttm(self) -> timedelta | None:
        return self.values["ttm"]

    @property
    def duration(self) -> timedelta | None:
        return self.values["duration"]


def _kind_label(kind: EventKind) -> str:
    return kind.value.replace("_", " ")


def format_duration(value: timedelta) -> str:
    """``2 min``, ``1 h 05 min``, ``45 s``: short enough for a metrics bar."""
    total = int(value.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{sign}{hours} h {minutes:02d} min"
    if minutes:
        return f"{sign}{minutes} min" + (f" {seconds:02d} s" if seconds else "")
    return f"{sign}{seconds} s"


def first_of_each_kind(events: Iterable[TimelineEvent]) -> dict[EventKind, datetime]:
    earliest: dict[EventKind, datetime] = {}
    for event in events:
        known = earliest.get(event.kind)
        if known is None or event.at < known:
            earliest[event.kind] = event.at
    return earliest


def compute_metrics(events: Iterable[TimelineEvent], severity: Severity) -> Metrics:
    earliest = first_of_each_kind(events)
    result = Metrics(values={})
    missing_kinds: list[EventKind] = []
    for spec in METRICS:
        start, end = earliest.get(spec.start), earliest.get(spec.end)
        if start is None or end is None:
            result.values[spec.key] = None
            for kind, moment in ((spec.start, start), (spec.end, end)):
                if moment is None and kind not in missing_kinds:
                    missing_kinds.append(kind)
            continue
        span = end - start
        if span < timedelta(0):
            result.values[spec.key] = None
            result.problems.append(
                f"{spec.label} is unknown: {_kind_label(spec.end)} "
                f"({end:%Y-%m-%d %H:%M:%S} UTC) comes before {_kind_label(spec.start)} "
                f"({start:%Y-%m-%d %H:%M:%S} UTC)"
            )
            continue
        result.values[spec.key] = span
        applies = spec.threshold_severities is None or severity in spec.threshold_severities
        if spec.threshold is not None and applies and span > spec.threshold:
            scope = f" on a {severity.value}" if spec.threshold_severities else ""
            result.flags.append(
                Flag(
                    spec.key,
                    f"{spec.label} {format_duration(span)} is over "
                    f"{format_duration(spec.threshold)}{scope}",
                )
            )
    result.missing = [f"no '{_kind_label(kind)}' event" for kind in missing_kinds]
    return result
