"""Times as a scribe types them into the timeline, in UTC or in the zone the window shows."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from pir_desktop.domain.times import (
    TimeFormatError,
    format_event_time,
    parse_typed_date,
    parse_typed_time,
    zone_label,
)

DAY = date(2026, 3, 12)
PARIS = ZoneInfo("Europe/Paris")


def utc(*parts):
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:05", utc(2026, 3, 12, 14, 5)),
        ("14:05:30", utc(2026, 3, 12, 14, 5, 30)),
        ("9:05", utc(2026, 3, 12, 9, 5)),
        ("1405", utc(2026, 3, 12, 14, 5)),
        ("140530", utc(2026, 3, 12, 14, 5, 30)),
        ("14.05", utc(2026, 3, 12, 14, 5)),
        ("2:05 pm", utc(2026, 3, 12, 14, 5)),
        ("2:05PM", utc(2026, 3, 12, 14, 5)),
        ("2 p.m.", utc(2026, 3, 12, 14, 0)),
        ("12:30 am", utc(2026, 3, 12, 0, 30)),
        ("12:10 pm", utc(2026, 3, 12, 12, 10)),
        ("2026-03-13 01:10", utc(2026, 3, 13, 1, 10)),
        ("2026-03-13 1:10 am", utc(2026, 3, 13, 1, 10)),
        ("2026-03-13T01:10Z", utc(2026, 3, 13, 1, 10)),
        ("2026-03-12T14:05:00+01:00", utc(2026, 3, 12, 13, 5)),
    ],
)
def test_accepted_forms(typed, expected):
    assert parse_typed_time(typed, DAY) == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("25:61", "hours go from 0 to 23"),
        ("23:60", "minutes and seconds from 0 to 59"),
        ("13 pm", "with am or pm the hour goes 1 to 12"),
        ("0:30 am", "with am or pm the hour goes 1 to 12"),
        ("14", "type 14:05, 14:05:30, 1405, 2:05 pm"),
        ("quarter past two", "type 14:05"),
        ("2026-02-30 10:00", "does not exist in the calendar"),
    ],
)
def test_refused_forms_say_why(typed, reason):
    with pytest.raises(TimeFormatError, match=reason):
        parse_typed_time(typed, DAY)


def test_a_zone_reads_and_shows_wall_clock_times():
    at = parse_typed_time("14:05", DAY, PARIS)
    assert at == utc(2026, 3, 12, 13, 5)  # Paris is UTC+1 in March before the change
    assert format_event_time(at, DAY, PARIS) == "14:05:00"
    assert format_event_time(at, DAY) == "13:05:00"
    # past midnight in Paris, still the incident's day in UTC
    late = utc(2026, 3, 12, 23, 30)
    assert format_event_time(late, DAY, PARIS) == "2026-03-13 00:30:00"
    assert format_event_time(late, DAY) == "23:30:00"


def test_a_time_the_clocks_skipped_is_refused_and_a_repeated_one_is_its_first_pass():
    with pytest.raises(TimeFormatError, match="clocks went forward"):
        parse_typed_time("02:30", date(2026, 3, 29), PARIS)
    first = parse_typed_time("02:30", date(2026, 10, 25), PARIS)
    assert first == utc(2026, 10, 25, 0, 30)  # still summer time (UTC+2)


def test_zone_labels_name_the_zone_and_its_offset():
    assert zone_label(UTC) == "UTC"
    assert zone_label(PARIS, utc(2026, 7, 1)) == "Europe/Paris, UTC+02:00"
    assert zone_label(ZoneInfo("America/St_Johns"), utc(2026, 1, 1)) == (
        "America/St_Johns, UTC-03:30"
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-25", date(2026, 11, 25)),
        ("2026-11-20", date(2026, 11, 20)),
        ("2026/11/5", date(2026, 11, 5)),
        (" today ", date(2026, 3, 13)),
        ("Tomorrow", date(2026, 3, 14)),
        ("+3d", date(2026, 3, 16)),
        ("+2w", date(2026, 3, 27)),
        ("", None),
        ("   ", None),
    ],
)
def test_typed_dates(typed, expected):
    assert parse_typed_date(typed, date(2026, 3, 13)) == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("2026-02-30", "not a day of the calendar"),
        ("2026-13-01", "not a day of the calendar"),
        ("25/11/2026", "type 2026-11-25"),
        ("next week", "type 2026-11-25"),
    ],
)
def test_refused_dates_say_why(typed, reason):
    with pytest.raises(TimeFormatError, match=reason):
        parse_typed_date(typed, date(2026, 3, 13))
