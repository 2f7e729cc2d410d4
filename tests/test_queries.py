"""The library-wide queries the window builds on (dashboard, completion, follow-ups), read
through the read-only sqlite3 reader, on tests/learning_library.py's hand-checked library."""

from __future__ import annotations

from datetime import date

import pytest

from pir_desktop import operations as ops
from pir_desktop.storage.library import open_library
from pir_desktop.storage.queries import (
    ActionFilter,
    DashboardFilter,
    actions,
    dashboard,
    known_services,
    known_tags,
    open_reader,
    search,
)

from .learning_library import AS_OF, aid, build, rid

pytestmark = pytest.mark.both_backends


@pytest.fixture
def learning(library_target):
    with open_library(library_target) as library:
        build(library)
    return library_target


def test_dashboard_rows_hold_metrics_and_action_counts(learning):
    with open_reader(learning) as reader:
        rows = dashboard(reader, as_of=AS_OF)
    assert [r.id for r in rows] == [rid(x) for x in "HFEDCBAG"]  # newest incident first
    a = next(r for r in rows if r.id == rid("A"))
    assert (a.title, a.severity, a.status) == ("Checkout timeouts after config push", "P1", "draft")
    assert (a.services, a.tags) == (("checkout-api", "postgres-main"), ("config-change",))
    assert (a.ttd_seconds, a.ttm_seconds) == (300, 3000)
    assert (a.open_actions, a.overdue_actions) == (2, 1)  # a3 (overdue), a4; a6 is deferred
    f = next(r for r in rows if r.id == rid("F"))
    assert (f.ttd_seconds, f.ttm_seconds, f.open_actions, f.overdue_actions) == (None, None, 1, 1)


def test_dashboard_filters_combine(learning):
    with open_reader(learning) as reader:

        def ids(**filters) -> list[str]:
            return [r.id for r in dashboard(reader, DashboardFilter(**filters), as_of=AS_OF)]

        assert ids(severities=frozenset({"P1"})) == [rid("H"), rid("E"), rid("A")]
        assert ids(service="CHECKOUT-api") == [rid("C"), rid("B"), rid("A"), rid("G")]
        assert ids(tag="capacity", start=date(2026, 1, 1), end=date(2026, 12, 31)) == [
            rid("F"), rid("D"), rid("C")
        ]  # fmt: skip
        assert ids(statuses=frozenset({"final"})) == []


def test_known_services_and_tags_for_completion(learning):
    with open_reader(learning) as reader:
        services = [(n.name, n.reviews) for n in known_services(reader)]
        tags = [(n.name, n.reviews) for n in known_tags(reader)]
    # checkout-api: A, C, G write it so, B as Checkout-API: the common spelling is offered
    assert services == [("cdn", 2), ("checkout-api", 4), ("postgres-main", 2), ("search", 2)]
    assert tags == [("capacity", 4), ("Config-Change", 2), ("third-party", 1)]


def test_follow_ups_due_within_a_week_and_of_one_review(learning):
    with open_reader(learning) as reader:
        soon = actions(reader, ActionFilter(due_within=7), as_of=date(2026, 11, 25))
        one = actions(reader, ActionFilter(review_id=rid("D")), as_of=AS_OF)
    assert [a.id for a in soon] == [aid("a3"), aid("a4")]  # due 30 Nov and 1 Dec
    assert [a.id for a in one] == [aid("d1"), aid("d2")]


def test_search_follows_edits_and_gives_the_item(learning):
    with open_library(learning) as library:
        ops.add_lesson(library, rid("F"), "Cache warming needs its own runbook")
    with open_reader(learning) as reader:
        hits = search(reader, "runbook cache")
        assert [(h.review_id, h.path, h.kind) for h in hits] == [
            (rid("F"), "lessons[0].text", "lesson")
        ]
        assert len(search(reader, "action", limit=3)) == 3
