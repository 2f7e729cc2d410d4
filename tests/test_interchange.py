"""The JSON interchange format: samples round-trip; bad files are refused with their JSON path."""

from __future__ import annotations

import copy
import json

import pytest

from pir_desktop.errors import InvalidReviewFile
from pir_desktop.interchange.review_json import (
    MAX_WHY_DEPTH,
    dumps,
    dumps_v1,
    read_review,
    review_to_document,
    review_to_v1,
)
from pir_desktop.operations import import_reviews
from pir_desktop.storage.reviews import load_review

from .canonical import canonical
from .conftest import API_SAMPLE, SAMPLES, load_sample

pytestmark = pytest.mark.both_backends


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_imports_and_exports_back_equal_as_version_1(library, path):
    doc = load_sample(path)
    review = read_review(path.read_bytes(), path.name)
    import_reviews(library, [review])
    with library.read() as session:
        text, left_out = dumps_v1(load_review(session, review.id))
    exported = json.loads(text)
    assert exported.pop("id") == review.id
    assert exported == canonical(doc)
    assert left_out == []  # a version-1 file holds nothing version 1 cannot


def test_samples_are_present():
    assert len(SAMPLES) >= 3


def test_offset_times_are_normalised_to_utc(library):
    doc = load_sample(SAMPLES[0].with_name("migration-table-lock.json"))
    exported = review_to_document(read_review(json.dumps(doc)))
    assert exported["timeline"][0]["at"] == "2026-02-24T09:00:00Z"


def test_given_id_is_kept_and_export_is_stable():
    doc = load_sample()
    doc["id"] = "3F2B8C1E-9D4A-4C57-8E21-5B0F6A7D9C13"
    first = dumps(read_review(json.dumps(doc)))
    assert json.loads(first)["id"] == "3f2b8c1e-9d4a-4c57-8e21-5b0f6a7d9c13"
    assert dumps(read_review(first)) == first


def test_equal_times_keep_file_order_and_events_are_sorted():
    doc = load_sample()
    doc["timeline"] = [
        {"at": "2026-03-12T14:10:00Z", "text": "late"},
        {"at": "2026-03-12T15:00:00+01:00", "text": "same time, first in file"},
        {"at": "2026-03-12T14:00:00Z", "text": "same time, second in file"},
    ]
    texts = [e["text"] for e in review_to_document(read_review(json.dumps(doc)))["timeline"]]
    assert texts == ["same time, first in file", "same time, second in file", "late"]


def refused(doc_or_text) -> str:
    text = doc_or_text if isinstance(doc_or_text, str | bytes) else json.dumps(doc_or_text)
    with pytest.raises(InvalidReviewFile) as info:
        read_review(text, "review.json")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("review.json: ")
    return message


def mutated(change) -> dict:
    doc = copy.deepcopy(load_sample(API_SAMPLE))
    change(doc)
    return doc


def test_time_without_offset_names_its_path():
    doc = mutated(lambda d: d["timeline"][3].update(at="2026-03-12T14:12:00"))
    assert "timeline[3].at: time has no UTC offset" in refused(doc)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["timeline"][2].update(colour="red"), "timeline[2].colour: unknown key"),
        (lambda d: d.update(titel="x"), "titel: unknown key"),
        (lambda d: d.update({"a\nb": 1}), '["a\\nb"]: unknown key'),
        (lambda d: d["roles"].update({"lead dev": "x"}), 'roles["lead dev"]: unknown key'),
        (lambda d: d["whys"][0]["children"][0].update(why=1), "whys[0].children[0].why: unknown"),
        (lambda d: d.pop("severity"), "severity: required key is missing"),
        (lambda d: d.update(severity="P5"), 'severity: "P5" is not one of: P1, P2, P3, P4'),
        (lambda d: d.update(title="   "), "title: must not be blank"),
        (lambda d: d["timeline"][0].update(text=""), "timeline[0].text: must not be blank"),
        (lambda d: d.update(incident_date="2026-02-30"), "incident_date: date does not exist"),
        (lambda d: d.update(incident_date="12/03/2026"), "incident_date: date is not written"),
        (lambda d: d["action_items"][1].update(due="soon"), "action_items[1].due: must be a date"),
        (lambda d: d["action_items"][0].update(status="closed"), "action_items[0].status"),
        (lambda d: d.update(went_well="all of it"), "went_well: must be a list, not text"),
        (lambda d: d["participants"][0].update(required="yes"), "participants[0].required"),
        (lambda d: d.update(id="not-a-uuid"), "id: is not a UUID"),
        (lambda d: d["timeline"][1].update(at="2026-03-12T25:00:00Z"), "timeline[1].at"),
        (lambda d: d["timeline"][1].update(at="yesterday"), "timeline[1].at: time is not"),
        (lambda d: d.update(format="other"), 'not a PIR review (no "format": "pir-review")'),
        (lambda d: d.update(version=0), "version: must be 1"),
        (lambda d: d.update(version="1"), "version: must be 1"),
        (
            lambda d: d.update(meeting={"phases": [{"name": "x", "planned_minutes": 10**30}]}),
            "meeting.phases[0].planned_minutes: must be at most 1440",
        ),
        (lambda d: d.update(summary="\ud800"), "summary: contains an escaped character"),
    ],
)
def test_invalid_documents_are_refused_with_path(change, expected):
    assert expected in refused(mutated(change))


def test_newer_version_says_so():
    message = refused(mutated(lambda d: d.update(version=3)))
    assert "newer version of PIR Desktop" in message
    assert "format version 3" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"\xff\xfe{}", "not UTF-8 text"),
        ('{"format": "pir-review",', "not valid JSON"),
        ("", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"format": "pir-review", "format": "pir-review"}', 'key "format" appears twice'),
        ('{"format": "pir-review", "version": NaN}', "NaN is not a JSON number"),
        ("[" * 100_000, "not valid JSON"),
    ],
)
def test_malformed_files_are_refused(text, expected):
    assert expected in refused(text)


def test_too_deep_whys_are_refused_clearly():
    node = {"text": "bottom"}
    for _ in range(MAX_WHY_DEPTH + 5):
        node = {"text": "why", "children": [node]}
    doc = mutated(lambda d: d.update(whys=[node]))
    assert f"nested more than {MAX_WHY_DEPTH} levels deep" in refused(doc)


def test_deep_but_allowed_whys_round_trip():
    node = {"text": "bottom", "root_cause": True, "children": []}
    for level in range(MAX_WHY_DEPTH - 1):
        node = {"text": f"why {level}", "root_cause": False, "children": [node]}
    doc = mutated(lambda d: d.update(whys=[node]))
    assert review_to_v1(read_review(json.dumps(doc)))[0]["whys"] == [node]


def test_several_problems_are_counted():
    doc = mutated(lambda d: [e.update(at="2026-03-12T14:00:00") for e in d["timeline"]])
    message = refused(doc)
    assert "timeline[0].at: time has no UTC offset" in message
    assert "(and 6 more problems)" in message


def test_byte_order_mark_is_accepted():
    data = "\ufeff".encode() + API_SAMPLE.read_bytes()
    assert read_review(data).title == "API returned 500 errors for 40 minutes"


def test_a_lone_surrogate_in_a_refused_value_is_spelled_out():
    from pir_desktop.errors import InvalidReviewFile

    doc = load_sample()
    doc["timeline"][0]["kind"] = "\ud800"
    try:
        read_review(json.dumps(doc))
    except InvalidReviewFile as exc:
        message = str(exc)
    else:
        raise AssertionError("accepted")
    assert "\\ud800" in message
    message.encode("utf-8")  # printable on any UTF-8 terminal
