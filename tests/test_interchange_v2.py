"""Interchange version 2: any valid file round-trips through a library; version 1 files
still import; the refusals name their paths; version 1 export names what it leaves out."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from pir_desktop.cli import main
from pir_desktop.errors import InvalidReviewFile
from pir_desktop.interchange.review_json import dumps, dumps_v1, read_review
from pir_desktop.operations import delete_review, import_reviews, set_services, set_tags
from pir_desktop.storage.reviews import list_reviews, load_review

from . import strategies
from .canonical import canonical, canonical_v2
from .conftest import API_SAMPLE, load_sample

pytestmark = pytest.mark.both_backends

FIXTURE_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def _through_library(library, review):
    # Hypothesis draws the same ids again across examples: each starts from an empty library.
    with library.read() as session:
        for old in list_reviews(session):
            delete_review(library, old.id)
    import_reviews(library, [review])
    with library.read() as session:
        return load_review(session, review.id)


@settings(max_examples=120, deadline=None, suppress_health_check=FIXTURE_OK)
@given(doc=strategies.reviews_v2(full=True))
def test_a_full_version_2_file_comes_back_exactly(library, doc):
    loaded = _through_library(library, read_review(json.dumps(doc)))
    exported = json.loads(dumps(loaded))
    assert exported == canonical_v2(doc)
    # and again: the export is a fixed point
    assert json.loads(dumps(read_review(dumps(loaded)))) == exported


@settings(max_examples=120, deadline=None, suppress_health_check=FIXTURE_OK)
@given(doc=strategies.reviews_v2())
def test_a_version_2_file_without_some_ids_and_times_gets_them(library, doc):
    exported = json.loads(dumps(_through_library(library, read_review(json.dumps(doc)))))
    assert exported == canonical_v2(doc)


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURE_OK)
@given(doc=strategies.reviews)
def test_a_version_1_file_imports_unchanged_and_exports_as_both_versions(library, doc):
    loaded = _through_library(library, read_review(json.dumps(doc)))
    expected = canonical(doc)
    expected.setdefault("id", loaded.id)
    text, left_out = dumps_v1(loaded)
    assert json.loads(text) == expected and left_out == []
    assert json.loads(dumps(loaded)) == canonical_v2({**doc, "id": loaded.id})


def refused(doc) -> str:
    with pytest.raises(InvalidReviewFile) as info:
        read_review(json.dumps(doc), "review.json")
    assert "\n" not in str(info.value)
    return str(info.value)


def v2(**changes) -> dict:
    doc = dict(load_sample(API_SAMPLE), version=2)
    doc.update(changes)
    return doc


ID_A = "3f0b8c52-6a7e-4d0c-9a53-0c7f1d2e4b11"
ID_B = "9a1d6b0e-2c4f-4a8b-b7e1-5d3c2f1a0e99"


def test_an_id_used_twice_is_refused_naming_both_paths():
    doc = v2()
    doc["timeline"][3]["id"] = ID_A
    doc["whys"][0]["children"][0]["id"] = ID_A
    message = refused(doc)
    assert "whys[0].children[0].id: the id " + ID_A in message
    assert "also at timeline[3].id" in message
    doc = v2(deleted=[{"id": ID_A, "deleted_at": "2026-03-13T09:00:00Z"}])
    doc["went_well"] = [{"id": ID_A, "text": "Rollback took 4 minutes"}]
    assert "deleted[0].id: the id " + ID_A + " is used twice (also at went_well[0].id)" in refused(
        doc
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"version": 3}, "newer version of PIR Desktop (format version 3"),
        ({"services": ["checkout-api", "Checkout-API"]}, 'services[1]: "Checkout-API" repeats'),
        ({"tags": ["capacity", " "]}, "tags[1]: must not be blank"),
        ({"related": [{"review": ID_A, "relation": "caused"}]}, "related[0].relation"),
        (
            {
                "related": [
                    {"review": ID_A, "relation": "related"},
                    {"review": ID_A, "relation": "repeat_of"},
                ]
            },
            "related[1].review: repeats related[0].review",
        ),
        ({"updated_at": "2026-03-13T09:00:00"}, "updated_at: time has no UTC offset"),
        (
            {"field_updated_at": {"tittle": "2026-03-13T09:00:00Z"}},
            "field_updated_at.tittle: unknown key",
        ),
        (
            {"opening": {"checklist": {"dashboards_ready": "yes"}}},
            "opening.checklist.dashboards_ready",
        ),
        (
            {"went_well": [{"text": "x", "id": ID_A.upper()}]},
            "went_well[0].id: is not a lowercase UUID",
        ),
        ({"deleted": [{"id": ID_B}]}, "deleted[0].deleted_at: required key is missing"),
    ],
)
def test_version_2_refusals_name_their_path(changes, expected):
    assert expected in refused(v2(**changes))


def test_done_at_belongs_to_done_items_and_source_kinds_are_closed():
    doc = v2()
    doc["action_items"][0]["done_at"] = "2026-03-20T10:00:00Z"
    doc["action_items"][0]["status"] = "open"
    assert "action_items[0].done_at: only a done item has a done_at" in refused(doc)
    doc = v2()
    doc["action_items"][0]["source"] = {"kind": "panel", "id": ID_A}
    assert "action_items[0].source.kind" in refused(doc)


def test_panel_entries_and_lessons_take_text_or_objects():
    doc = v2(went_well=["Plain, as in version 1", {"id": ID_A, "text": "An object",
             "updated_at": "2026-03-13T09:41:07+01:00"}])  # fmt: skip
    review = read_review(json.dumps(doc))
    entries = json.loads(dumps(review))["went_well"]
    assert entries[1] == {"id": ID_A, "updated_at": "2026-03-13T08:41:07Z", "text": "An object"}
    assert entries[0]["text"] == "Plain, as in version 1" and entries[0]["id"] != ID_A


def test_export_version_1_names_on_stderr_what_it_left_out(library, library_target, capsys):
    review = read_review(API_SAMPLE.read_bytes())
    import_reviews(library, [review])
    set_services(library, review.id, ["checkout-api"])
    set_tags(library, review.id, ["capacity"])
    args = ["--library", str(library_target), "export", review.id[:8], "--format", "json"]
    assert main([*args, "--json-version", "1"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["version"] == 1
    assert captured.err == "pir-desktop: left out of version 1: services, tags\n"
    assert main(args) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert (doc["version"], doc["services"], doc["tags"], captured.err) == (
        2, ["checkout-api"], ["capacity"], ""
    )  # fmt: skip
    assert main([*args[:-1], "pdf", "--json-version", "1", "--out", "x.pdf"]) == 2
    assert "is for json" in capsys.readouterr().err


def test_the_public_review_file_redacts_what_version_2_adds():
    from pir_desktop.reports.export import export_review

    review = read_review(API_SAMPLE.read_bytes())
    review.blameless_statement = "Dana Reyes will keep this blameless: mail dana@example.com"
    review.services = ["db-1.prod.example.com", "checkout-api"]
    doc = json.loads(export_review(review, "json", "public").data)
    assert "Dana" not in doc["opening"]["statement"]
    assert "dana@example.com" not in doc["opening"]["statement"]
    assert doc["services"] == ["[host removed]", "checkout-api"]
