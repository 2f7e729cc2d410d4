"""Opening the meeting: statement, checklist ticks kept in the library, warnings, prompt cards."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from pir_desktop import operations as ops
from pir_desktop.domain import meeting_opening as opening
from pir_desktop.domain.coach import check_text
from pir_desktop.domain.enums import EventKind
from pir_desktop.domain.findings import locate
from pir_desktop.domain.model import Participant, Review, TimelineEvent
from pir_desktop.domain.prompt_cards import CARDS, HOW_CARDS, PhaseKind, cards_for, phase_kind
from pir_desktop.errors import InvalidChange
from pir_desktop.interchange.review_json import dumps, dumps_v1, read_review_file
from pir_desktop.storage.reviews import load_review

from .conftest import API_SAMPLE, fresh_rows, read_back, table_counts

pytestmark = pytest.mark.both_backends

ENDED = datetime(2026, 4, 2, 15, 0, tzinfo=UTC)


def _review(**fields) -> Review:
    review = Review("Checkout errors", date(2026, 4, 2), "P2", **fields)
    review.timeline = [
        TimelineEvent(ENDED - timedelta(hours=1), "errors", EventKind.STARTED),
        TimelineEvent(ENDED, "recovered", EventKind.RECOVERED),
        TimelineEvent(ENDED + timedelta(hours=3), "follow-up note"),
    ]
    return review


def _rules(review, now) -> list[str]:
    return [w.rule for w in opening.opening_warnings(review, now)]


def test_a_well_prepared_meeting_gets_no_warning():
    review = _review(roles={"facilitator": "Dana", "incident_commander": "Priya"})
    review.participants = [Participant(f"Person {i}") for i in range(6)]
    assert _rules(review, ENDED + timedelta(hours=24)) == []


def test_more_than_eight_people_counting_roles_once():
    review = _review(roles={"facilitator": "Dana", "incident_commander": "Priya"})
    review.participants = [Participant(f"Person {i}") for i in range(6)] + [Participant("priya ")]
    assert len(opening.attendees(review)) == 8
    assert _rules(review, ENDED) == []
    review.participants.append(Participant("Lee"))
    assert _rules(review, ENDED) == ["too-many-attendees"]
    assert "9 people" in opening.opening_warnings(review, ENDED)[0].message


def test_facilitator_who_was_incident_commander():
    review = _review(roles={"facilitator": "Priya  Shah", "incident_commander": "priya shah"})
    assert _rules(review, ENDED) == ["facilitator-is-commander"]
    review.roles["facilitator"] = "Dana"
    assert _rules(review, ENDED) == []
    assert _rules(_review(roles={"facilitator": "", "incident_commander": ""}), ENDED) == []


@pytest.mark.parametrize(
    ("delay", "said"),
    [
        (timedelta(hours=50), "50 hours"),
        (timedelta(days=5, hours=3), "5 days"),
        (timedelta(days=30), "4 weeks"),
        (timedelta(hours=6340), "8 months"),
        (timedelta(days=290), "9 months"),
        (timedelta(days=800), "2 years"),
    ],
)
def test_a_late_meeting_says_how_late_as_a_person_would(delay, said):
    assert opening.how_long(delay) == said


def test_meeting_more_than_48_hours_after_recovery():
    review = _review()
    # the incident ended at the recovered event, not at the later note
    assert _rules(review, ENDED + timedelta(hours=48)) == []
    late = opening.opening_warnings(review, ENDED + timedelta(hours=50))
    assert [w.rule for w in late] == ["late-meeting"]
    assert "50 hours" in late[0].message
    review.timeline = [e for e in review.timeline if e.kind != EventKind.RECOVERED]
    assert opening.incident_end(review) == ENDED + timedelta(hours=3)
    assert _rules(review, ENDED + timedelta(hours=50)) == []
    review.timeline = []
    assert _rules(review, ENDED + timedelta(days=30)) == []


def test_statement_defaults_until_the_review_has_its_own():
    assert opening.statement(_review()) == opening.DEFAULT_STATEMENT
    assert "never who" in opening.DEFAULT_STATEMENT
    assert opening.statement(_review(blameless_statement="  ")) == opening.DEFAULT_STATEMENT
    assert opening.statement(_review(blameless_statement="Our words.")) == "Our words."


def test_checklist_has_the_seven_items_of_the_practice():
    labels = [item.label for item in opening.CHECKLIST]
    assert labels == [
        "Timeline draft ready",
        "Participants invited",
        "Facilitator is not the incident commander",
        "Document pre-filled",
        "Dashboards and logs at hand",
        "Severity and impact assessed",
        "Blameless approach stated in the invite",
    ]
    assert len(opening.CHECKLIST_KEYS) == 7


def _ticks(target, review_id) -> set[str]:
    rows = fresh_rows(target, "SELECT item FROM checklist_ticks WHERE review_id = ?", (review_id,))
    return {r[0] for r in rows}


def test_ticks_and_statement_are_on_disk_and_undoable(library, library_target):
    review = ops.create_review(library, "Search latency", date(2026, 4, 2), "P2")
    assert ops.set_checklist_tick(library, review.id, "timeline_draft", True) is False
    assert ops.set_checklist_tick(library, review.id, "blameless_invite", True) is False
    assert ops.set_checklist_tick(library, review.id, "timeline_draft", True) is True
    assert _ticks(library_target, review.id) == {"timeline_draft", "blameless_invite"}
    assert ops.set_checklist_tick(library, review.id, "timeline_draft", False) is True
    assert read_back(library_target, review.id).checklist == {"blameless_invite"}

    assert ops.set_blameless_statement(library, review.id, "We learn, we do not judge.") is None
    assert read_back(library_target, review.id).blameless_statement == "We learn, we do not judge."
    old = ops.set_blameless_statement(library, review.id, opening.DEFAULT_STATEMENT)
    assert old == "We learn, we do not judge."
    assert read_back(library_target, review.id).blameless_statement is None


def test_bad_checklist_item_changes_nothing(library, library_target):
    review = ops.create_review(library, "Search latency", date(2026, 4, 2), "P2")
    before = table_counts(library_target)
    with pytest.raises(InvalidChange, match="no checklist item 'snacks'"):
        ops.set_checklist_tick(library, review.id, "snacks", True)
    assert table_counts(library_target) == before


def test_deleting_a_review_and_undoing_keeps_its_ticks(library):
    review = read_review_file(API_SAMPLE)
    ops.import_reviews(library, [review])
    ops.set_checklist_tick(library, review.id, "dashboards_ready", True)
    ops.set_blameless_statement(library, review.id, "Own words.")
    whole = ops.delete_review(library, review.id)
    ops.restore_review(library, whole)
    with library.read() as session:
        back = load_review(session, review.id)
    assert back.checklist == {"dashboards_ready"}
    assert back.blameless_statement == "Own words."


def test_the_opening_travels_in_version_2_and_is_named_as_left_out_of_version_1(library):
    review = read_review_file(API_SAMPLE)
    review.checklist = {"timeline_draft"}
    review.blameless_statement = "Own words."
    text, left_out = dumps_v1(review)
    doc = json.loads(text)
    assert set(doc) <= set(json.loads(API_SAMPLE.read_text(encoding="utf-8"))) | {"id"}
    assert "Own words." not in text
    assert left_out == ["blameless statement", "checklist ticks"]
    opening = json.loads(dumps(review))["opening"]
    assert opening["statement"] == "Own words."
    assert [k for k, ticked in opening["checklist"].items() if ticked] == ["timeline_draft"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Timeline", PhaseKind.TIMELINE),
        ("Root cause", PhaseKind.ROOT_CAUSE),
        ("5 whys", PhaseKind.ROOT_CAUSE),
        ("Went well / didn't", PhaseKind.PANELS),
        ("Action items", PhaseKind.ACTIONS),
        ("Opening", PhaseKind.OPENING),
        ("Coffee", PhaseKind.OTHER),
    ],
)
def test_phase_kind_from_its_name(name, kind):
    assert phase_kind(name) == kind


def test_prompt_cards_ask_the_questions_of_the_practice():
    every = [q for cards in CARDS.values() for q in cards]
    for question in (
        "How could we have detected this sooner?",
        "How could we have diagnosed it faster?",
        "What would have helped resolve it faster?",
        "Where did we get lucky?",
        "What did we learn about how the system behaves?",
    ):
        assert question in every
    assert all(cards_for(name) for name in ("Timeline", "Root cause", "Lunch"))
    # the cards follow the coach: none of them is blame framing
    assert [q for q in every if check_text(q)] == []


@pytest.mark.parametrize("phase", ["Timeline", "Root cause (5 whys)"])
def test_timeline_and_root_cause_cards_ask_how_it_made_sense(phase):
    """The Learning from Incidents "how" questions: cues, knowledge, goals, options, local
    rationality and asking for help, each on a card of the phase, none of them blame."""
    cards = cards_for(phase)
    text = "\n".join(cards).lower()
    questions = ("cues", "know", "trying to", "options", "make sense|made sense|sensible",
                 "ask for help|asking")  # fmt: skip
    for words in questions:
        assert any(word in text for word in words.split("|")), words
    how = HOW_CARDS[phase_kind(phase)]
    assert len(how) == 6 and set(how) <= set(cards)
    assert [card for card in how if check_text(card)] == []


def test_no_other_phase_gets_the_how_cards():
    how = {card for cards in HOW_CARDS.values() for card in cards}
    for name in ("Opening", "Went well / didn't", "Action items", "Lunch"):
        assert not how & set(cards_for(name))


def test_locate_points_a_finding_at_its_item():
    review = read_review_file(API_SAMPLE)
    child = review.whys[0].children[0]
    assert locate(review, "whys[0].children[0].text").item_id == child.id
    assert locate(review, "action_items[1].owner").field == "owner"
    assert locate(review, "went_poorly[0]").kind == "panel"
    assert locate(review, "action_items") is None
    assert locate(review, "whys[99].text") is None
