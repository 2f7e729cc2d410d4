"""A library of 1,000 reviews over a year, for the learning-library benchmarks and screenshots.

Run: ``.venv/bin/python benchmarks/learning_library.py PATH [COUNT]`` makes the library at
PATH (default 1,000 reviews). Each review has about 50 timeline events (the key moments
among them, so TTD / TTA / TTM are known for most), 20 why nodes, 10 action items (two
deferred), contributing factors, the three panels, lessons, one to three services and
tags from a small set, and now and then a "repeat of" link to an earlier review. The
content is random but seeded: every run builds the same library.
"""

from __future__ import annotations

import random
import re
import sys
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pir_desktop.domain.enums import (
    ActionCategory,
    ActionStatus,
    EventKind,
    FactorCategory,
    Panel,
    Relation,
    ReviewStatus,
    Severity,
)
from pir_desktop.domain.model import (
    ActionItem,
    ContributingFactor,
    Lesson,
    PanelItem,
    RelatedReview,
    Review,
    TimelineEvent,
    WhyNode,
)
from pir_desktop.operations import import_reviews
from pir_desktop.storage.library import open_library

SERVICES = ["checkout-api", "payments", "postgres-main", "redis-cache", "search", "cdn",
            "auth", "billing-worker", "kafka", "inventory", "notifications", "gateway"]  # fmt: skip
TAGS = ["config-change", "capacity", "third-party", "deploy", "certificate", "dns",
        "data-migration", "dependency", "alerting-gap", "retry-storm"]  # fmt: skip
OWNERS = ["Priya Nair", "Alex Kim", "Dana Reyes", "Sam Ortiz", "Mira Petrov", "Jon Baker",
          "Lena Fischer", "Omar Haddad", None]  # fmt: skip
_TEXT = (
    "connection pool exhausted timeout retry latency spike error rate database "
    "replica lag deploy rollback canary config flag cache eviction queue backlog "
    "consumer stalled disk full memory leak thread dump garbage collection "
    "certificate expired dns resolution load balancer health check failing node "
    "drained autoscaling quota limit throttled upstream dependency vendor outage "
    "alert paged on call escalated dashboard missing metric noisy runbook outdated "
    "migration locked table index rebuild schema change traffic surge marketing "
    "campaign cron job overlapping batch window kafka partition rebalance redis "
    "failover sentinel network partition packet loss firewall rule réseau saturé café "
    "naïve résumé "
)
WORDS = re.findall(r"\S+", _TEXT)
KEY_KINDS = [EventKind.STARTED, EventKind.DETECTED, EventKind.RESPONDED,
             EventKind.ROOT_CAUSE_FOUND, EventKind.FIX_APPLIED, EventKind.RECOVERED]  # fmt: skip
FIRST_DAY = date(2026, 1, 1)


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def _whys(rng: random.Random, count: int) -> list[WhyNode]:
    roots: list[WhyNode] = []
    nodes: list[WhyNode] = []
    for _ in range(count):
        node = WhyNode(sentence(rng, rng.randint(5, 10)), root_cause=rng.random() < 0.1)
        if nodes and rng.random() < 0.75:
            rng.choice(nodes).children.append(node)
        else:
            roots.append(node)
        nodes.append(node)
    return roots


def make_review(rng: random.Random, index: int, count: int, earlier: list[str]) -> Review:
    day = FIRST_DAY + timedelta(days=int(365 * index / count))
    start = datetime(day.year, day.month, day.day, rng.randint(0, 20), rng.randint(0, 59),
                     tzinfo=UTC)  # fmt: skip
    offsets = sorted(rng.sample(range(60, 4 * 3600), 44))
    events = []
    moment = start
    for kind in KEY_KINDS:
        if kind is EventKind.STARTED or rng.random() < 0.9:
            events.append(TimelineEvent(moment, sentence(rng, 8), kind))
        moment += timedelta(seconds=rng.randint(30, 40 * 60))
    events += [
        TimelineEvent(start + timedelta(seconds=s), sentence(rng, rng.randint(6, 14)))
        for s in offsets
    ]
    events.sort(key=lambda e: e.at)
    actions = []
    for n in range(10):
        status = rng.choice([ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE,
                             ActionStatus.DONE, ActionStatus.DROPPED])  # fmt: skip
        due = day + timedelta(days=rng.randint(7, 90)) if rng.random() < 0.85 else None
        done_at = None
        if status is ActionStatus.DONE:
            done_at = start + timedelta(days=rng.randint(2, 100))
        actions.append(ActionItem(
            f"Action {n}: " + sentence(rng, 7), owner=rng.choice(OWNERS), due=due,
            status=status, category=rng.choice(list(ActionCategory)), deferred=n >= 8,
            done_at=done_at))  # fmt: skip
    related = []
    if earlier and rng.random() < 0.15:
        related.append(RelatedReview(rng.choice(earlier[-60:]), Relation.REPEAT_OF))
    return Review(
        id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        title=f"#{index} " + sentence(rng, 6),
        incident_date=day,
        severity=rng.choices(list(Severity), weights=[1, 3, 5, 3])[0],
        status=rng.choice(list(ReviewStatus)),
        summary=sentence(rng, 30),
        problem=sentence(rng, 10),
        timeline=events,
        whys=_whys(rng, 20),
        contributing_factors=[
            ContributingFactor(sentence(rng, 6), rng.choice(list(FactorCategory)))
            for _ in range(rng.randint(2, 5))
        ],
        panels={panel: [PanelItem(sentence(rng, 7)) for _ in range(3)] for panel in Panel},
        action_items=actions,
        lessons=[Lesson(sentence(rng, 9)) for _ in range(2)],
        services=rng.sample(SERVICES, rng.randint(1, 3)),
        tags=rng.sample(TAGS, rng.randint(1, 3)),
        related=related,
    )


def build(path: Path, count: int = 1000, seed: int = 14) -> None:
    rng = random.Random(seed)
    reviews: list[Review] = []
    for index in range(count):
        reviews.append(make_review(rng, index, count, [r.id for r in reviews]))
    with open_library(path) as library:
        for start in range(0, count, 100):
            import_reviews(library, reviews[start : start + 100])


if __name__ == "__main__":
    target = Path(sys.argv[1])
    build(target, int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
    print(f"wrote {target}")
