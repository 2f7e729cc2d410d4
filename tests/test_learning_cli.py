"""search, actions and insights as a script sees them, on tests/learning_library.py, whose
answers were worked out by hand (in the comments there and below)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pir_desktop.cli import main
from pir_desktop.storage.library import open_library

from .learning_library import aid, build, rid

pytestmark = pytest.mark.both_backends


@pytest.fixture(scope="module")
def lib(make_target) -> str:
    path = make_target()
    with open_library(path) as library:
        build(library)
    return str(path)


def cli(capsys, *args) -> tuple[int, object, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def as_json(capsys, lib, *args):
    code, out, err = cli(capsys, "--library", lib, *args, "--json")
    assert (code, err) == (0, ""), err
    return json.loads(out)


def metric(known, median, p90) -> dict:
    return {"known": known, "median_seconds": median, "p90_seconds": p90}


NONE = metric(0, None, None)


def summary(reviews, severity, ttd, tta, ttm, duration, actions, repeats) -> dict:
    return {
        "reviews": reviews,
        "severity": dict(zip(("P1", "P2", "P3", "P4"), severity, strict=True)),
        "ttd": ttd, "tta": tta, "ttm": ttm, "duration": duration,
        "actions": dict(zip(("committed", "done", "done_on_time", "open_overdue"), actions,
                            strict=True)),
        "repeats": repeats,
    }  # fmt: skip


EXPECTED_2026 = {
    "from": "2026-01-01",
    "to": "2026-12-31",
    "by": "quarter",
    "as_of": "2026-12-01",
    "periods": [
        # Q1: A, B, C. TTD 300, 120 -> even: (120+300)//2 = 210, p90 rank ceil(1.8) = 2 -> 300.
        # TTA 300, 61 -> (61+300)//2 = 180 (180.5 rounded down), p90 300. TTM 3000, 600 ->
        # 1800, 3000. Duration: A only. Actions A 4/2/1/1 + B 2/2/0/0. C repeats A.
        {"start": "2026-01-01", "end": "2026-03-31",
         **summary(3, (1, 2, 0, 0), metric(2, 210, 300), metric(2, 180, 300),
                   metric(2, 1800, 3000), metric(1, 3600, 3600), (6, 4, 1, 1), 1)},
        # Q2: nothing, listed all the same.
        {"start": "2026-04-01", "end": "2026-06-30",
         **summary(0, (0, 0, 0, 0), NONE, NONE, NONE, NONE, (0, 0, 0, 0), 0)},
        # Q3: D, E. TTD 1800, 60 -> 930, 1800; TTA only E (D's ends out of order) -> 60;
        # TTM 5700, 60 -> 2880, 5700; duration 7200, 180 -> 3690, 7200. E repeats D.
        {"start": "2026-07-01", "end": "2026-09-30",
         **summary(2, (1, 0, 1, 0), metric(2, 930, 1800), metric(1, 60, 60),
                   metric(2, 2880, 5700), metric(2, 3690, 7200), (2, 0, 0, 1), 1)},
        # Q4: F, no timeline: every metric unknown (null, never zero).
        {"start": "2026-10-01", "end": "2026-12-31",
         **summary(1, (0, 0, 0, 1), NONE, NONE, NONE, NONE, (1, 0, 0, 1), 0)},
    ],
    # Total: TTD 60,120,300,1800 -> 210, rank ceil(3.6)=4 -> 1800. TTA 60,61,300 (odd) -> 61,
    # rank 3 -> 300. TTM 60,600,3000,5700 -> 1800, 5700. Duration 180,3600,7200 -> 3600, 7200.
    "total": summary(6, (2, 2, 1, 1), metric(4, 210, 1800), metric(3, 61, 300),
                     metric(4, 1800, 5700), metric(3, 3600, 7200), (9, 4, 1, 3), 2),
    # checkout-api: A, B (as Checkout-API), C; most write it in lower case. G is outside.
    "services": [{"name": "checkout-api", "reviews": 3}, {"name": "postgres-main", "reviews": 2},
                 {"name": "search", "reviews": 2}, {"name": "cdn", "reviews": 1}],
    # config-change: A and C spell it two ways, one each: the first in code-point order wins.
    "tags": [{"name": "capacity", "reviews": 3}, {"name": "Config-Change", "reviews": 2},
             {"name": "third-party", "reviews": 1}],
    "factors": {"technical": 3, "process": 1, "human": 1, "tooling": 1},
}  # fmt: skip


def test_insights_json_gives_the_hand_computed_figures(lib, capsys):
    doc = as_json(capsys, lib, "insights", "--from", "2026-01-01", "--to", "2026-12-31",
                  "--as-of", "2026-12-01")  # fmt: skip
    assert doc == EXPECTED_2026


def test_insights_defaults_to_the_last_four_quarters_by_quarter(lib, capsys):
    doc = as_json(capsys, lib, "insights", "--as-of", "2026-12-01")
    assert doc == EXPECTED_2026


def test_insights_by_month_lists_empty_months_and_counts_only_the_range(lib, capsys):
    # From 15 February: B (10 February) is outside the range though its month is listed.
    doc = as_json(capsys, lib, "insights", "--from", "2026-02-15", "--to", "2026-04-10",
                  "--by", "month", "--as-of", "2026-12-01")  # fmt: skip
    assert [(p["start"], p["end"], p["reviews"]) for p in doc["periods"]] == [
        ("2026-02-01", "2026-02-28", 0),
        ("2026-03-01", "2026-03-31", 1),
        ("2026-04-01", "2026-04-30", 0),
    ]
    assert doc["total"]["tta"] == metric(1, 61, 61)
    assert doc["total"]["ttd"] == NONE
    assert doc["services"] == [{"name": "checkout-api", "reviews": 1}]


def test_insights_refuses_a_range_that_ends_before_it_starts(lib, capsys):
    code, _out, err = cli(capsys, "--library", lib, "insights", "--from", "2026-05-01",
                          "--to", "2026-04-01")  # fmt: skip
    assert code == 2 and "starts (2026-05-01) after it ends (2026-04-01)" in err
    code, _out, err = cli(capsys, "--library", lib, "insights", "--from", "2026-13-01")
    assert code == 2 and "date does not exist" in err


def test_insights_for_a_person_names_the_periods_and_the_spread(lib, capsys):
    code, out, _ = cli(capsys, "--library", lib, "insights", "--as-of", "2026-12-01")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Insights from 2026-01-01 to 2026-12-31 by quarter, as of 2026-12-01"
    q1 = next(line for line in lines if line.startswith("2026 Q1"))
    assert "3 min 30 s" not in q1 and "3 min / 5 min (2)" in q1  # TTD 210 s / 300 s
    q2 = next(line for line in lines if line.startswith("2026 Q2"))
    assert q2.count("unknown") == 4
    assert "Services: checkout-api (3), postgres-main (2), search (2), cdn (1)" in lines


def ids(rows) -> list[str]:
    return [row["id"] for row in rows]


def test_actions_json_shape_and_order(lib, capsys):
    rows = as_json(capsys, lib, "actions", "--as-of", "2026-12-01")
    assert set(rows[0]) == {"review_id", "review_title", "id", "title", "owner", "due",
                            "status", "category", "deferred", "tracker_url", "overdue"}  # fmt: skip
    # by due date; equal dates by review title (Review B < Review F...); no date last
    dues = [r["due"] for r in rows]
    assert dues == sorted(d for d in dues if d) + [None] * dues.count(None)
    assert ids(rows)[:3] == [aid("g1"), aid("a5"), aid("a1")]
    assert rows[0] == {
        "review_id": rid("G"), "review_title": "Review G", "id": aid("g1"),
        "title": "Action g1", "owner": None, "due": "2025-12-20", "status": "open",
        "category": None, "deferred": False, "tracker_url": None, "overdue": True,
    }  # fmt: skip
    # a1 and a2 share 2026-02-01 in one review: their order in the review
    assert ids(rows)[2:4] == [aid("a1"), aid("a2")]
    assert set(ids(rows[-4:])) == {aid("b1"), aid("d2"), aid("f2")} | {ids(rows)[-4]}


def test_actions_open_overdue_and_deferred(lib, capsys):
    assert ids(as_json(capsys, lib, "actions", "--open", "--as-of", "2026-12-01")) == [
        aid("g1"), aid("d1"), aid("f1"), aid("a3"), aid("a4"), aid("d2")
    ]  # fmt: skip
    assert ids(as_json(capsys, lib, "actions", "--overdue", "--as-of", "2026-12-01")) == [
        aid("g1"), aid("d1"), aid("f1"), aid("a3")
    ]  # fmt: skip
    # a day earlier a3 (due 30 November) is not yet overdue
    assert ids(as_json(capsys, lib, "actions", "--overdue", "--as-of", "2026-11-30")) == [
        aid("g1"), aid("d1"), aid("f1")
    ]  # fmt: skip
    deferred = as_json(capsys, lib, "actions", "--deferred", "--as-of", "2026-12-01")
    assert ids(deferred) == [aid("a6"), aid("f2")]
    assert [r["overdue"] for r in deferred] == [False, False]  # deferred is never overdue


def test_actions_owner_ignores_case_and_service_follows_the_review(lib, capsys):
    rows = as_json(capsys, lib, "actions", "--owner", "PRIYA nair", "--as-of", "2026-12-01")
    assert ids(rows) == [aid("d1"), aid("a3")]
    rows = as_json(capsys, lib, "actions", "--service", "CHECKOUT-API", "--as-of", "2026-12-01")
    assert {r["review_id"] for r in rows} == {rid("A"), rid("B"), rid("G")}
    assert as_json(capsys, lib, "actions", "--service", "nothing-like-it") == []


def test_actions_for_a_person_and_exclusive_filters(lib, capsys):
    code, out, _ = cli(capsys, "--library", lib, "actions", "--overdue", "--as-of", "2026-12-01")
    assert code == 0
    assert out.splitlines()[0].startswith("2025-12-20  open")
    assert out.splitlines()[0].endswith("[Review G]  OVERDUE")
    assert out.splitlines()[-1] == "4 item(s); 4 open, 4 overdue as of 2026-12-01"
    code, _out, err = cli(capsys, "--library", lib, "actions", "--open", "--deferred")
    assert code == 2 and "not allowed with argument" in err


def test_search_matches_word_starts_ignoring_case_and_accents(lib, capsys):
    # D's timeline in time order: started 10:00, this event 10:10, responded 10:25, ...
    hits = as_json(capsys, lib, "search", "RESEAU sat")
    assert hits == [
        {
            "review_id": rid("D"),
            "review_title": "Review D",
            "path": "timeline[1].text",
            "snippet": "Réseau saturé sur le cœur",
        }
    ]
    hits = as_json(capsys, lib, "search", "conn exhaust")
    assert [(h["review_id"], h["path"]) for h in hits] == [
        (rid("A"), "summary"),  # "connection pool was exhausted": a summary before a why
        (rid("A"), "whys[0].children[1].text"),
    ]
    assert as_json(capsys, lib, "search", "ool") == []  # inside a word is not a match
    assert as_json(capsys, lib, "search", "  ") == []


def test_search_puts_titles_first_and_points_into_every_kind_of_text(lib, capsys):
    hits = as_json(capsys, lib, "search", "checkout")
    assert (hits[0]["path"], hits[0]["review_id"]) == ("title", rid("A"))
    assert {h["path"] for h in hits} >= {"whys[0].text"}
    paths = {h["path"] for h in as_json(capsys, lib, "search", "rollback")}
    assert paths == {"went_well[0].text"}
    assert {h["path"] for h in as_json(capsys, lib, "search", "a3")} == {"action_items[2].title"}
    factor = as_json(capsys, lib, "search", "indexer")
    assert [h["path"] for h in factor] == ["contributing_factors[1].text"]
    code, out, _ = cli(capsys, "--library", lib, "search", "rollback")
    assert code == 0
    assert out == f"{rid('A')[:8]}  Checkout timeouts after config push  went_well[0].text\n" \
                  "    Rollback took 4 minutes\n"  # fmt: skip


def test_read_only_commands_never_import_sqlalchemy_or_qt(lib):
    # A team library's schema is checked through SQLAlchemy and Alembic's revision table;
    # a library file at head is read with sqlite3 alone. Qt and matplotlib never load.
    heavy = "'PySide6', 'matplotlib'"
    if not lib.startswith("postgresql"):
        heavy += ", 'sqlalchemy', 'alembic'"
    code = (
        "import sys; from pir_desktop.cli import main\n"
        "for args in (['list'], ['search', 'checkout'], ['actions', '--open'],"
        " ['insights', '--json']):\n"
        "    assert main(['--library', sys.argv[1], *args]) == 0\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in ({heavy})]\n"
        "assert not bad, bad"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, lib], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_a_damaged_library_gets_one_line_from_every_read_only_command(tmp_path, capsys):
    import sqlite3

    path = tmp_path / "library.sqlite"
    with open_library(path) as library:
        build(library)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    for args in (["list"], ["search", "checkout"], ["actions"], ["insights", "--json"]):
        code, _out, err = cli(capsys, "--library", str(path), *args)
        assert code == 2, args
        assert err.count("\n") == 1 and "is damaged" in err, (args, err)
