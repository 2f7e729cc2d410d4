"""The blameless coach, the action-item checks and ``pir-desktop lint``."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from pir_desktop.domain.action_checks import check_actions
from pir_desktop.domain.coach import check_text, coach_review, name_variants, names_of
from pir_desktop.domain.enums import ActionCategory, ActionStatus, Panel
from pir_desktop.domain.findings import lint_review
from pir_desktop.domain.model import (
    ActionItem,
    ContributingFactor,
    PanelItem,
    Participant,
    WhyNode,
)
from pir_desktop.interchange.review_json import read_review_file

from . import coach_corpus, coach_corpus_held_out
from .coach_scoring import score
from .conftest import API_SAMPLE


@pytest.mark.parametrize(
    "corpus", [coach_corpus, coach_corpus_held_out], ids=["tuning part", "held-out part"]
)
def test_coach_precision_and_recall_at_least_0_9(corpus):
    result = score(corpus.BLAMEFUL, corpus.NEUTRAL, corpus.NAMES)
    assert result.precision >= 0.9, result.wrong
    assert result.recall >= 0.9, result.missed


def test_the_corpus_is_big_enough_balanced_and_has_names_that_are_words():
    parts = (coach_corpus, coach_corpus_held_out)
    blameful = sum(len(s) for part in parts for s in part.BLAMEFUL.values())
    neutral = sum(len(s) for part in parts for s in part.NEUTRAL.values())
    assert blameful + neutral >= 300
    assert 0.4 <= blameful / (blameful + neutral) <= 0.6
    sentences = [s for part in parts for d in (part.BLAMEFUL, part.NEUTRAL) for g in d.values()
                 for s in g]  # fmt: skip
    assert len(set(sentences)) == len(sentences)  # no sentence in both parts, or twice
    for part in parts:
        assert {"Will", "May", "Mark", "Grace", "Bill", "Rose"} <= set(name_variants(part.NAMES))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Alex forgot the flag", "name-as-cause"),
        ("Who broke prod?", "who-did"),
        ("Root cause: human error", "human-error"),
        ("The engineer should have known", "should-have"),
        ("He failed to escalate", "failed-to"),
        ("Someone forgot to renew it", "forgot"),
        ("A careless edit", "careless"),
        ("Nobody noticed the alert", "didnt-notice"),
        ("Be more careful next time", "try-harder"),
        ("The DBA is to blame", "blame"),
    ],
)
def test_each_rule_names_itself(text, rule):
    assert rule in [r.name for r, _ in check_text(text, ("Alex Kim", "Alex", "Kim"))]


@pytest.mark.parametrize(
    "text",
    [
        "The alert should have fired after two minutes",  # a system as subject
        "The retry loop failed to back off",
        "Alex rolled back the release",
        "Fault-tolerance tests were green",
    ],
)
def test_systemic_or_factual_text_is_left_alone(text):
    assert check_text(text, ("Alex Kim", "Alex", "Kim")) == []


def test_findings_point_into_the_interchange_format():
    review = read_review_file(API_SAMPLE)
    review.whys[0].children.append(WhyNode("Alex forgot to check the pool size"))
    review.panels[Panel.WENT_POORLY].append(PanelItem("Who approved the migration?"))
    review.contributing_factors.append(
        ContributingFactor(
            "Human error during the rollback", review.contributing_factors[0].category
        )
    )
    review.action_items.append(ActionItem("Be more careful with migrations", owner="Alex Kim"))
    found = {(f.path, f.rule) for f in coach_review(review)}
    assert ("whys[0].children[1].text", "name-as-cause") in found
    assert ("went_poorly[3]", "who-did") in found
    assert (
        f"contributing_factors[{len(review.contributing_factors) - 1}].text",
        "human-error",
    ) in found
    assert (f"action_items[{len(review.action_items) - 1}].title", "try-harder") in found
    finding = next(f for f in coach_review(review) if f.rule == "name-as-cause")
    assert "Alex" in finding.message and "What in the system allowed" in finding.suggestion


def test_the_samples_are_blameless():
    assert coach_review(read_review_file(API_SAMPLE)) == []


def test_names_come_from_participants_and_roles():
    review = read_review_file(API_SAMPLE)
    review.participants.append(Participant("will smith"))  # lower case: not a name part
    names = names_of(review)
    assert "Dana Reyes" in names and "Dana" in names and "Priya" in names
    assert "will" not in names


# -- action-item checks -----------------------------------------------------------------


def _rules(review, today=date(2026, 3, 20)):
    return [(f.path, f.rule) for f in check_actions(review, today)]


def test_the_api_sample_is_clean_before_its_dates():
    assert _rules(read_review_file(API_SAMPLE)) == []


def test_missing_owner_due_and_category_and_vague_words():
    review = read_review_file(API_SAMPLE)
    review.action_items.append(ActionItem("Improve monitoring"))
    index = len(review.action_items) - 1
    assert _rules(review) == [
        (f"action_items[{index}].owner", "missing-owner"),
        (f"action_items[{index}].due", "missing-due"),
        (f"action_items[{index}].category", "missing-category"),
        (f"action_items[{index}].title", "vague-wording"),
    ]


@pytest.mark.parametrize(
    "title", ["Look into the pool size", "Remind people to check", "Test more", "Monitor better"]
)
def test_vague_wording(title):
    review = read_review_file(API_SAMPLE)
    review.action_items[0].title = title
    assert ("action_items[0].title", "vague-wording") in _rules(review)


def test_a_past_due_date_is_named_unless_the_item_is_done():
    review = read_review_file(API_SAMPLE)
    assert ("action_items[1].due", "due-past") in _rules(review, date(2026, 3, 29))
    review.action_items[1].status = ActionStatus.DONE
    assert ("action_items[1].due", "due-past") not in _rules(review, date(2026, 3, 29))


def test_more_than_five_committed_items_and_no_prevent_item():
    review = read_review_file(API_SAMPLE)
    for n in range(2):
        review.action_items.append(
            ActionItem(f"Add alert {n} on pool use", owner="Alex Kim", due=date(2026, 4, 1),
                       category=ActionCategory.DETECT)
        )  # fmt: skip
    assert ("action_items", "too-many-committed") in _rules(review)
    review.action_items[-1].deferred = True
    assert ("action_items", "too-many-committed") not in _rules(review)
    for item in review.action_items:
        if item.category == ActionCategory.PREVENT:
            item.category = ActionCategory.MITIGATE
    assert ("action_items", "no-prevent") in _rules(review)


def test_lint_review_runs_both():
    review = read_review_file(API_SAMPLE)
    review.whys[0].text = "Alex forgot the index"
    rules = [f.rule for f in lint_review(review, date(2026, 12, 1))]
    assert rules[0] == "name-as-cause" and "due-past" in rules


# -- the command ------------------------------------------------------------------------


def test_lint_command_prints_json_findings_and_exits_0(tmp_path):
    lib = str(tmp_path / "lib.sqlite")
    sample = json.loads(API_SAMPLE.read_text(encoding="utf-8"))
    sample["whys"][0]["children"][0]["text"] = "Alex Kim forgot to check the query plan"
    sample["went_poorly"].append("Who approved this?")
    path = tmp_path / "review.json"
    path.write_text(json.dumps(sample), encoding="utf-8")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "pir_desktop", "--library", lib, *args],
                              capture_output=True, text=True, timeout=120)  # fmt: skip

    review_id = run("import", str(path)).stdout.split("\t")[0]
    result = run("lint", review_id[:8], "--json")
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    assert all(set(f) == {"path", "rule", "message", "suggestion"} for f in findings)
    assert {"path": "whys[0].children[0].text", "rule": "name-as-cause"}.items() <= findings[
        0
    ].items()
    assert any(f["path"] == "went_poorly[3]" and f["rule"] == "who-did" for f in findings)
    text = run("lint", review_id[:8])
    assert text.returncode == 0
    assert "whys[0].children[0].text: name-as-cause" in text.stdout
