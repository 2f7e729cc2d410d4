"""TTD, TTA, TTM and duration from the timeline, and what the times module accepts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pir_desktop.domain.enums import EventKind, Severity
from pir_desktop.domain.metrics import compute_metrics, format_duration
from pir_desktop.domain.model import TimelineEvent
from pir_desktop.domain.times import TimeFormatError, format_timestamp, parse_timestamp
from pir_desktop.interchange.review_json import read_review

from .conftest import API_SAMPLE, SAMPLES


def at(minute: int, second: int = 0) -> datetime:
    return datetime(2026, 3, 12, 14, 0, 0, tzinfo=UTC) + timedelta(minutes=minute, seconds=second)


def ev(kind: str, minute: int, second: int = 0) -> TimelineEvent:
    return TimelineEvent(at=at(minute, second), text=kind, kind=EventKind(kind))


def test_api_sample_metrics():
    review = read_review(API_SAMPLE.read_bytes())
    m = compute_metrics(review.timeline, review.severity)
    assert [m.seconds(k) for k in ("ttd", "tta", "ttm", "duration")] == [120, 300, 1980, 2400]
    assert m.problems == [] and m.missing == []
    assert [f.metric for f in m.flags] == ["ttm"]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_has_consistent_metrics(path):
    review = read_review(path.read_bytes())
    m = compute_metrics(review.timeline, review.severity)
    assert m.problems == []
    assert m.seconds("duration") == m.seconds("ttd") + m.seconds("tta") + m.seconds("ttm")


def test_missing_ends_are_unknown_not_zero():
    m = compute_metrics([ev("started", 0), ev("detected", 4)], Severity.P1)
    assert m.seconds("ttd") == 240
    assert m.tta is None and m.ttm is None and m.duration is None
    assert m.missing == ["no 'responded' event", "no 'recovered' event"]
    assert compute_metrics([], Severity.P2).values == dict.fromkeys(
        ("ttd", "tta", "ttm", "duration")
    )


def test_ends_out_of_order_are_a_timeline_problem():
    m = compute_metrics([ev("started", 10), ev("detected", 5), ev("recovered", 30)], Severity.P2)
    assert m.ttd is None
    assert m.seconds("duration") == 1200
    assert len(m.problems) == 1
    assert "time to detect is unknown" in m.problems[0]
    assert "detected (2026-03-12 14:05:00 UTC) comes before started" in m.problems[0]


def test_earliest_event_of_each_kind_counts():
    events = [ev("detected", 9), ev("started", 3), ev("detected", 7), ev("started", 5)]
    assert compute_metrics(events, Severity.P3).seconds("ttd") == 240


def test_equal_times_give_zero_not_a_problem():
    m = compute_metrics([ev("started", 5), ev("detected", 5)], Severity.P1)
    assert m.seconds("ttd") == 0 and m.problems == []


@pytest.mark.parametrize(
    ("severity", "ttd_minutes", "flagged"),
    [(Severity.P1, 5, False), (Severity.P1, 6, True), (Severity.P2, 60, False)],
)
def test_ttd_threshold_applies_to_p1_only(severity, ttd_minutes, flagged):
    m = compute_metrics([ev("started", 0), ev("detected", ttd_minutes)], severity)
    assert any(f.metric == "ttd" for f in m.flags) is flagged


def test_tta_and_ttm_thresholds():
    events = [ev("detected", 0), ev("responded", 16), ev("recovered", 47)]
    m = compute_metrics(events, Severity.P3)
    assert {f.metric for f in m.flags} == {"tta", "ttm"}
    assert "time to acknowledge 16 min is over 15 min" in [f.message for f in m.flags]


def test_format_duration():
    assert format_duration(timedelta(seconds=45)) == "45 s"
    assert format_duration(timedelta(minutes=2)) == "2 min"
    assert format_duration(timedelta(minutes=2, seconds=5)) == "2 min 05 s"
    assert format_duration(timedelta(hours=1, minutes=5)) == "1 h 05 min"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-12T14:05:00Z", "2026-03-12T14:05:00Z"),
        ("2026-02-24T10:01:00+01:00", "2026-02-24T09:01:00Z"),
        ("2026-03-12 14:05:00.250-00:30", "2026-03-12T14:35:00.25Z"),
        ("2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00Z"),
    ],
)
def test_timestamps_are_normalised_to_utc(text, expected):
    assert format_timestamp(parse_timestamp(text)) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-03-12T14:05:00", "no UTC offset"),
        ("2026-03-12T14:05Z", "not an RFC 3339 timestamp"),
        ("2026-02-30T14:05:00Z", "does not exist in the calendar"),
        ("2026-03-12T24:00:00Z", "time of day does not exist"),
        ("2026-03-12T14:05:00.1234567Z", "more precise than a microsecond"),
        ("2026-03-12T14:05:00Z\n", "not an RFC 3339 timestamp"),
        ("0001-01-01T00:00:00+01:00", "outside the years"),
    ],
)
def test_bad_timestamps_say_why(text, reason):
    with pytest.raises(TimeFormatError, match=reason):
        parse_timestamp(text)
