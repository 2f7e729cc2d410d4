"""Quick capture: each kind of line, and any string at all without an exception."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pir_desktop.domain.enums import ActionCategory, EventKind, Panel
from pir_desktop.domain.quick_capture import Action, Event, PanelEntry, Why, parse

DAY = date(2026, 3, 12)
NOW = datetime(2026, 3, 12, 15, 30, tzinfo=UTC)


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
        ("#responded IC joined", Event(NOW, "IC joined", EventKind.RESPONDED)),
        ("why: the pool was too small", Why("the pool was too small")),
        ("WHY:   slow   query", Why("slow query")),
        ("+ rollback took 3 minutes", PanelEntry(Panel.WENT_WELL, "rollback took 3 minutes")),
        ("- runbook out of date", PanelEntry(Panel.WENT_POORLY, "runbook out of date")),
        ("~ DBA happened to be online", PanelEntry(Panel.LUCKY, "DBA happened to be online")),
        ("todo: add a pool alert @alex due 2026-04-01 #detect",
         Action("add a pool alert", "alex", date(2026, 4, 1), ActionCategory.DETECT)),
        ("todo: lint migrations #prevent @Alex_Kim",
         Action("lint migrations", "Alex Kim", None, ActionCategory.PREVENT)),
        ("todo: fix it due 2026-02-30", Action("fix it due 2026-02-30", None, None, None)),
        ("the db team joined the call", Event(NOW, "the db team joined the call", EventKind.NOTE)),
        ("25:99 not a time", Event(NOW, "25:99 not a time", EventKind.NOTE)),
        ("why:", Event(NOW, "why:", EventKind.NOTE)),
        ("14:05", Event(NOW, "14:05", EventKind.NOTE)),
        ("#detected", Event(NOW, "#detected", EventKind.NOTE)),
    ],
)  # fmt: skip
def test_each_kind_of_line(line, item):
    assert parse(line, DAY, NOW) == item


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_string_yields_an_item(line):
    item = parse(line, DAY, NOW)
    assert isinstance(item, Event | Why | PanelEntry | Action)
    if isinstance(item, Event) and item.kind == EventKind.NOTE and item.at == NOW:
        assert item.text == " ".join(line.split())  # nothing typed is lost


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["", "why:", "todo:", "+", "-", "~", "14:05", "#detected", "99:99"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.sampled_from(["", " @x", " due 2026-13-01", " due 2026-04-01", " #prevent", " #note"]),
)
def test_near_misses_never_raise(prefix, body, suffix):
    assert parse(f"{prefix} {body}{suffix}", DAY, NOW) is not None
