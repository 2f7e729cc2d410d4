"""Quick capture: each kind of line, and any string at all without an exception.

A line without a time is a meeting note, never a timeline event dated at
the meeting's wall clock.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pir_desktop.domain.enums import ActionCategory, EventKind, Panel
from pir_desktop.domain.quick_capture import (
    Action,
    Event,
    Note,
    NotUnderstood,
    PanelEntry,
    Why,
    parse,
    unknown_tags,
)

DAY = date(2026, 3, 12)


def at(hour, minute, second=0):
    return datetime(2026, 3, 12, hour, minute, second, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "item"),
    [
        ("14:05 first 500 errors", Event(at(14, 5), "first 500 errors", EventKind.NOTE)),
        ("14:07 alert fired #detected", Event(at(14, 7), "alert fired", EventKind.DETECTED)),
        ("14:30:15 #fix-applied rollback",
         Event(at(14, 30, 15), "rollback", EventKind.FIX_APPLIED)),
        ("9:05 #root_cause_found index dropped",
         Event(at(9, 5), "index dropped", EventKind.ROOT_CAUSE_FOUND)),
        ("2026-03-13 01:10 #recovered all green",
         Event(datetime(2026, 3, 13, 1, 10, tzinfo=UTC), "all green", EventKind.RECOVERED)),
        ("2:05 pm paged #detected", Event(at(14, 5), "paged", EventKind.DETECTED)),
        ("11:40am standup", Event(at(11, 40), "standup", EventKind.NOTE)),
        ("#responded IC joined", Note("#responded IC joined")),
        ("why: the pool was too small", Why("the pool was too small")),
        ("WHY:   slow   query", Why("slow query")),
        ("+ rollback took 3 minutes", PanelEntry(Panel.WENT_WELL, "rollback took 3 minutes")),
        ("- runbook out of date", PanelEntry(Panel.WENT_POORLY, "runbook out of date")),
        ("~ DBA happened to be online", PanelEntry(Panel.LUCKY, "DBA happened to be online")),
        ("todo: add a pool alert @alex due 2026-04-01 #detect",
         Action("add a pool alert", "alex", date(2026, 4, 1), ActionCategory.DETECT)),
        ("todo: lint migrations #prevent @Alex_Kim",
         Action("lint migrations", "Alex Kim", None, ActionCategory.PREVENT)),
        # "due" as a word of the task, not a day
        ("todo: due diligence on it", Action("due diligence on it", None, None, None)),
        ("todo: list what is due", Action("list what is due", None, None, None)),
        ("todo: x due monitoring gaps", Action("x due monitoring gaps", None, None, None)),
        ("the db team joined the call", Note("the db team joined the call")),
        ("  ask   Sam about the  cache ", Note("ask Sam about the cache")),
        # the timeline's own spellings: a scribe copying a chat log types 1402
        ("1402 config push #note", Event(at(14, 2), "config push", EventKind.NOTE)),
        ("140230 config push", Event(at(14, 2, 30), "config push", EventKind.NOTE)),
        ("14.05 paged", Event(at(14, 5), "paged", EventKind.NOTE)),
        ("2pm paged", Event(at(14, 0), "paged", EventKind.NOTE)),
        ("2500 users saw errors", Note("2500 users saw errors")),  # no hour 25
        ("140 users saw errors", Note("140 users saw errors")),
        ("1430 rolled back #fixed", Event(at(14, 30), "rolled back", EventKind.FIX_APPLIED)),
        ("1412 IC joined #ack", Event(at(14, 12), "IC joined", EventKind.RESPONDED)),
        ("1431 errors stopped #Resolved", Event(at(14, 31), "errors stopped", EventKind.RECOVERED)),
        ("1409 pager #detect", Event(at(14, 9), "pager", EventKind.DETECTED)),
        ("1409 pager #detectedx", Event(at(14, 9), "pager #detectedx", EventKind.NOTE)),
        ("1500 requests failed", Event(at(15, 0), "requests failed", EventKind.NOTE)),
        ("99.95 availability all week", Note("99.95 availability all week")),  # a decimal
        ("3:1 reads to writes", Note("3:1 reads to writes")),  # a ratio
        ("why:", Note("why:")),
        ("14:05", Note("14:05")),
        ("#detected", Note("#detected")),
    ],
)  # fmt: skip
def test_each_kind_of_line(line, item):
    assert parse(line, DAY) == item


@pytest.mark.parametrize(
    ("due", "expected"),
    [("+2w", date(2026, 12, 15)), ("+3d", date(2026, 12, 4)), ("tomorrow", date(2026, 12, 2)),
     ("today", date(2026, 12, 1)), ("2027/1/5", date(2027, 1, 5))],
)  # fmt: skip
def test_a_due_date_as_people_say_it_counts_from_the_meeting_day(due, expected):
    item = parse(
        f"todo: review pool settings @Dana due {due} #prevent", DAY, today=date(2026, 12, 1)
    )
    assert item == Action("review pool settings", "Dana", expected, ActionCategory.PREVENT)


def test_a_time_is_read_on_the_incident_date_in_the_zone_shown():
    paris = ZoneInfo("Europe/Paris")
    item = parse("14:05 failover started #started", DAY, paris)
    assert item == Event(at(13, 5), "failover started", EventKind.STARTED)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # a new user's report: filed as a note, the event was missing from the timeline
        ("25:61 impossible time test", "25:61 is not a time of day: hours go from 0 to 23"),
        ("14:75 paged", "14:75 is not a time of day"),
        ("25:99", "25:99 is not a time of day"),
        ("2:5 pm paged", "2:5 pm is not a time: type 14:05"),
        ("13pm paged", "13pm is not a time: with am or pm the hour goes 1 to 12"),
        ("2026-03-13 25:10 all green", "2026-03-13 25:10 is not a time: 25:10 is not a time"),
        ("2026-13-13 01:10 all green", "2026-13-13 01:10 is not a time: date does not exist"),
    ],
)
def test_the_shape_of_a_time_that_is_no_time_is_refused_with_the_reason(line, reason):
    with pytest.raises(NotUnderstood) as refused:
        parse(line, DAY)
    assert str(refused.value).startswith(reason)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # a new user's report: both became an action item titled "… due …" with no date
        ("todo: page sooner @bob due 2026-13-01",
         "due 2026-13-01 is not a date: that day is not in the calendar; type 2026-11-25"),
        ("todo: page sooner due next friday", "due next friday is not a date: type 2026-11-25"),
        ("todo: fix it due 2026-02-30", "due 2026-02-30 is not a date: that day is not in"),
        ("todo: fix it due Friday @bob #prevent", "due Friday is not a date"),
        ("todo: fix it due in 2 weeks", "due in 2 weeks is not a date"),
        ("todo: fix it due 5/4 #detect", "due 5/4 is not a date"),
        ("todo: fix it due tomorow", "due tomorow is not a date"),
    ],
)  # fmt: skip
def test_a_due_date_that_is_no_date_is_refused_with_the_reason(line, reason):
    with pytest.raises(NotUnderstood) as refused:
        parse(line, DAY, today=DAY)
    assert str(refused.value).startswith(reason)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_string_yields_an_item_or_a_reason(line):
    try:
        item = parse(line, DAY)
    except NotUnderstood as refused:
        assert "is not a" in str(refused)
        return
    assert isinstance(item, Event | Note | Why | PanelEntry | Action)
    if isinstance(item, Note):
        assert item.text == " ".join(line.split())  # nothing typed is lost


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["", "why:", "todo:", "+", "-", "~", "14:05", "#detected", "99:99"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.sampled_from(["", " @x", " due 2026-13-01", " due 2026-04-01", " #prevent", " #note"]),
)
def test_near_misses_never_raise_anything_but_a_reason(prefix, body, suffix):
    with contextlib.suppress(NotUnderstood):
        assert parse(f"{prefix} {body}{suffix}", DAY) is not None


@pytest.mark.parametrize(
    ("line", "people", "item"),
    [
        # a new user's report: "@Lee Chen" gave the owner "Lee" and left "Chen" in the title
        ('todo: add a pool alert @"Lee Chen" due 2026-04-01',
         (), Action("add a pool alert", "Lee Chen", date(2026, 4, 1), None)),
        ("todo: add a pool alert @“Lee  Chen” #detect",
         (), Action("add a pool alert", "Lee Chen", None, ActionCategory.DETECT)),
        ("todo: add a pool alert @Lee_Chen",
         (), Action("add a pool alert", "Lee Chen", None, None)),
        # a name the review knows (a participant, a role, an owner) is matched whole, as known
        ("todo: add a pool alert @lee chen due 2026-04-01",
         ("Lee Chen", "Lee"), Action("add a pool alert", "Lee Chen", date(2026, 4, 1), None)),
        ("todo: add a pool alert @Lee check the logs",
         ("Lee Chen", "Lee"), Action("add a pool alert check the logs", "Lee", None, None)),
        ("todo: add a pool alert @Lee Chenko", ("Lee Chen",),
         Action("add a pool alert Chenko", "Lee", None, None)),  # a word is not cut
        ('todo: add a pool alert @""', (), Action('add a pool alert @""', None, None, None)),
    ],
)  # fmt: skip
def test_an_owner_of_several_words(line, people, item):
    assert parse(line, DAY, people=people) == item


@pytest.mark.parametrize(
    ("line", "unknown"),
    [
        ("1409 pager #detectedx", ["#detectedx"]),
        ("1409 pager #detected", []),
        ("todo: add a pool alert #alerting #detect", ["#alerting"]),
        ("todo: add a pool alert #detected", ["#detected"]),  # a kind of event, not of action
        ("1409 pager #prevent", ["#prevent"]),  # a kind of action, not of event
        ("see issue #123 and PR #45", []),  # numbers are not tags
        ("the pager fired #detected", ["#detected"]),  # no time: a note, the tag unread
        ("why: no alert #monitoring", ["#monitoring"]),
    ],
)
def test_tags_that_were_not_understood_are_named(line, unknown):
    assert unknown_tags(parse(line, DAY)) == unknown
