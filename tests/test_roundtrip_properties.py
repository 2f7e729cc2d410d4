"""Property tests: any valid review round-trips exactly through a library; corrupted
files are refused cleanly and leave the library as it was."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pir_desktop.cli import main
from pir_desktop.errors import InvalidReviewFile
from pir_desktop.interchange.review_json import dumps_v1, read_review
from pir_desktop.operations import import_reviews
from pir_desktop.storage.reviews import load_review

from . import strategies
from .canonical import canonical
from .conftest import SAMPLES, table_counts

FIXTURE_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURE_OK)
@given(doc=strategies.reviews)
def test_valid_reviews_round_trip_exactly(library, doc):
    review = read_review(json.dumps(doc))
    if "id" in doc:
        # Hypothesis may draw an id twice across examples: start from a clean slate.
        from pir_desktop.operations import delete_review
        from pir_desktop.storage.reviews import list_reviews

        with library.read() as session:
            if any(r.id == review.id for r in list_reviews(session)):
                delete_review(library, review.id)
    import_reviews(library, [review])
    with library.read() as session:
        exported = json.loads(dumps_v1(load_review(session, review.id))[0])
    expected = canonical(doc)
    expected.setdefault("id", review.id)
    assert exported == expected


def _corruptions():
    """A strategy of functions that damage a document or its text."""

    def at_random_path(draw, doc):
        paths = []

        def walk(node, path):
            paths.append(path)
            if isinstance(node, dict):
                for k, v in node.items():
                    walk(v, [*path, k])
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, [*path, i])

        walk(doc, [])
        return draw(st.sampled_from(paths[1:]))

    junk = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=False),
        st.text(max_size=5),
        st.lists(st.integers(), max_size=2),
        st.just({}),
        st.just("2026-03-12T14:00:00"),
        st.just("\ud800"),
    )

    @st.composite
    def corrupt(draw, text: str) -> str | bytes:
        how = draw(st.sampled_from(["replace", "delete", "add_key", "truncate", "flip_byte"]))
        if how == "truncate":
            return text[: draw(st.integers(0, len(text) - 1))]
        if how == "flip_byte":
            data = bytearray(text.encode("utf-8"))
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
            return bytes(data)
        doc = json.loads(text)
        path = at_random_path(draw, doc)
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        key = path[-1]
        if how == "replace":
            parent[key] = draw(junk)
        elif how == "delete":
            del parent[key]
        else:
            target = parent[key] if isinstance(parent[key], dict) else parent
            if isinstance(target, dict):
                target[draw(st.text(min_size=1, max_size=8))] = draw(junk)
            else:
                parent[key] = draw(junk)
        return json.dumps(doc)

    return corrupt


@settings(max_examples=300, deadline=None, suppress_health_check=FIXTURE_OK)
@given(data=st.data())
def test_corrupted_files_are_refused_cleanly(library, data):
    source = data.draw(st.sampled_from(SAMPLES), label="sample")
    damaged = data.draw(_corruptions()(source.read_text(encoding="utf-8")), label="damaged")
    before = table_counts(library.path)
    try:
        review = read_review(damaged, "damaged.json")
    except InvalidReviewFile as exc:
        assert "\n" not in str(exc)
        assert table_counts(library.path) == before
        return
    import_reviews(library, [review])  # still valid: it must then import whole
    after = table_counts(library.path)
    assert after["reviews"] == before["reviews"] + 1


@pytest.mark.parametrize("position", ["first", "last"])
def test_a_bad_file_among_good_ones_imports_nothing(library_path, tmp_path, capsys, position):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "pir-review", "version": 1}', encoding="utf-8")
    files = [str(p) for p in SAMPLES]
    files.insert(0 if position == "first" else len(files), str(bad))
    main(["--library", str(library_path), "list"])
    before = table_counts(library_path)
    assert main(["--library", str(library_path), "import", *files]) == 2
    err = capsys.readouterr().err
    assert "bad.json: title: required key is missing" in err
    assert table_counts(library_path) == before


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURE_OK)
@given(data=st.data())
def test_corrupted_files_through_the_command_exit_0_or_2_and_never_half_import(
    library_path, tmp_path, data, capsys
):
    source = data.draw(st.sampled_from(SAMPLES), label="sample")
    damaged = data.draw(_corruptions()(source.read_text(encoding="utf-8")), label="damaged")
    path = tmp_path / "damaged.json"
    path.write_bytes(damaged if isinstance(damaged, bytes) else damaged.encode("utf-8"))
    main(["--library", str(library_path), "list"])
    before = table_counts(library_path)
    code = main(["--library", str(library_path), "import", str(path)])
    err = capsys.readouterr().err
    after = table_counts(library_path)
    if code == 2:
        assert err.count("\n") == 1 and after == before
    else:
        assert code == 0, err
        assert after["reviews"] == before["reviews"] + 1
