"""A small library whose insights, follow-ups and search answers were worked out by hand.

Eight reviews, A to H. A-F fall in 2026 (Q1: A, B, C; Q2: none; Q3: D, E; Q4: F);
G (2025-12-31) and H (2027-01-01) are outside 2026. The expected figures in
``tests/test_learning_cli.py`` are computed from the comments here, not by the
code under test.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from pir_desktop.interchange.review_json import read_review
from pir_desktop.operations import import_reviews


def rid(letter: str) -> str:
    return f"{ord(letter):08x}-0000-4000-8000-000000000000"


def aid(name: str) -> str:
    return f"{sum(map(ord, name)) * 7919:08x}-{len(name):04x}-4000-8000-{ord(name[0]):012x}"


def _events(day: str, moments: list[tuple[str, int]]) -> list[dict]:
    start = datetime.fromisoformat(f"{day}T10:00:00+00:00")
    return [
        {"at": (start + timedelta(seconds=s)).isoformat().replace("+00:00", "Z"), "kind": k,
         "text": f"{k.replace('_', ' ')} at +{s} s"}
        for k, s in moments
    ]  # fmt: skip


def _action(name: str, status: str, due: str | None = None, **extra) -> dict:
    item = {"id": aid(name), "title": f"Action {name}", "status": status, **extra}
    if due is not None:
        item["due"] = due
    return item


def documents() -> list[dict]:
    def review(letter, day, severity, **fields) -> dict:
        return {"format": "pir-review", "version": 2, "id": rid(letter),
                "title": fields.pop("title", f"Review {letter}"), "incident_date": day,
                "severity": severity, **fields}  # fmt: skip

    return [
        # A: TTD 300, TTA 300, TTM 3000, duration 3600.
        review(
            "A", "2026-01-15", "P1",
            title="Checkout timeouts after config push",
            summary="Payments failed while the connection pool was exhausted.",
            timeline=_events("2026-01-15", [("started", 0), ("detected", 300),
                                            ("responded", 600), ("recovered", 3600)]),
            whys=[{"text": "Checkout could not reach the database", "children": [
                {"text": "Pods restarted together"},
                {"text": "Connection pool exhausted by retries", "root_cause": True}]}],
            contributing_factors=[{"text": "No retry budget", "category": "technical"},
                                  {"text": "Pool size hard-coded", "category": "technical"},
                                  {"text": "Config pushed without canary", "category": "process"}],
            went_well=["Rollback took 4 minutes"],
            action_items=[
                # committed 4 (a1-a4), done 2, on time 1 (a1), overdue 1 (a3) as of 2026-12-01
                _action("a1", "done", "2026-02-01", done_at="2026-01-30T12:00:00Z"),
                _action("a2", "done", "2026-02-01", done_at="2026-02-02T10:00:00Z"),
                _action("a3", "open", "2026-11-30", owner="priya NAIR"),
                _action("a4", "in_progress", "2026-12-01", owner="Kim"),
                _action("a5", "dropped", "2026-01-20"),
                _action("a6", "open", "2026-05-01", deferred=True, owner="Kim"),
            ],
            services=["checkout-api", "postgres-main"], tags=["config-change"],
        ),
        # B: two detected events, the earliest (120) counts: TTD 120; the rest unknown.
        review(
            "B", "2026-02-10", "P2",
            timeline=_events("2026-02-10", [("started", 0), ("detected", 900),
                                            ("detected", 120)]),
            action_items=[
                _action("b1", "done"),  # done without a due date: not on time
                _action("b2", "done", "2026-03-01"),  # done, no done_at: not on time
            ],
            services=["Checkout-API"],
        ),
        # C: no start: TTD and duration unknown; TTA 61, TTM 600. A repeat of A.
        review(
            "C", "2026-03-31", "P2",
            timeline=_events("2026-03-31", [("detected", 0), ("responded", 61),
                                            ("recovered", 661)]),
            contributing_factors=[{"text": "On-call unfamiliar with the service",
                                   "category": "human"}],
            related=[{"review": rid("A"), "relation": "repeat_of"}],
            services=["checkout-api"], tags=["Config-Change", "capacity"],
        ),
        # D: responded before detected: TTA unknown; TTD 1800, TTM 5700, duration 7200.
        review(
            "D", "2026-07-01", "P3",
            timeline=[*_events("2026-07-01", [("started", 0), ("detected", 1800),
                                              ("responded", 1500), ("recovered", 7200)]),
                      {"at": "2026-07-01T10:10:00Z", "text": "Réseau saturé sur le cœur"}],
            contributing_factors=[{"text": "Search index rebuilt at peak", "category": "technical"},
                                  {"text": "No dashboard for the indexer", "category": "tooling"}],
            action_items=[_action("d1", "open", "2026-08-01", owner="Priya Nair"),
                          _action("d2", "open")],
            services=["search"], tags=["capacity"],
        ),
        # E: TTD 60, TTA 60, TTM 60, duration 180. A repeat of D, related to B.
        review(
            "E", "2026-09-30", "P1",
            timeline=_events("2026-09-30", [("started", 0), ("detected", 60),
                                            ("responded", 120), ("recovered", 180)]),
            related=[{"review": rid("D"), "relation": "repeat_of"},
                     {"review": rid("B"), "relation": "related"}],
            services=["search", "postgres-main"], tags=["third-party"],
        ),
        # F: no timeline: every metric unknown. Related (not a repeat) to A.
        review(
            "F", "2026-10-05", "P4",
            action_items=[_action("f1", "in_progress", "2026-11-01"),
                          _action("f2", "open", None, deferred=True)],
            related=[{"review": rid("A"), "relation": "related"}],
            services=["cdn"], tags=["capacity"],
        ),
        # G and H lie outside 2026: nothing of theirs counts in the 2026 insights.
        review(
            "G", "2025-12-31", "P2",
            timeline=_events("2025-12-31", [("started", 0), ("detected", 5)]),
            contributing_factors=[{"text": f"Old factor {i}", "category": "technical"}
                                  for i in range(5)],
            action_items=[_action("g1", "open", "2025-12-20")],
            services=["checkout-api"], tags=["capacity"],
        ),
        review("H", "2027-01-01", "P1", services=["cdn"]),
    ]  # fmt: skip


def build(library) -> None:
    import_reviews(library, [read_review(json.dumps(doc)) for doc in documents()])


AS_OF = date(2026, 12, 1)
