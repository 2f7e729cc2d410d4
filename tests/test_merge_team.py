"""``merge SOURCE`` between a library file and a team library on PostgreSQL, both ways, run
as a user runs it: what each side holds after, read through a fresh connection of each
database's own driver (sqlite3, psycopg); that both then hold the same review; that merging
again changes no row; and the refusals of a source that is no library."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from pir_desktop import operations as ops
from pir_desktop.interchange.review_json import dumps
from pir_desktop.storage.library import open_library

from .conftest import fresh_rows, read_back
from .merge_files import DATA, REVIEW, SUMMARY, TABLES, cli, ident
from .pg_server import ADMIN_PASSWORD


def every_row(target) -> dict[str, list[str]]:
    """Every row of the review's tables, as text, through a fresh connection."""
    return {t: sorted(map(repr, fresh_rows(target, f"SELECT * FROM {t}"))) for t in TABLES}


def as_text(rows: list[tuple]) -> list[tuple]:
    """Rows with times as SQLite holds them (psycopg gives datetimes, sqlite3 the text)."""

    def text(value):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(value, datetime) else value

    return [tuple(map(text, row)) for row in rows]


@pytest.fixture
def two_sides(tmp_path, team_database, capsys):
    """The same review in a library file (the scribe's, offline) and a team library (the
    facilitator's), then edited apart: a lesson and a note added and a panel entry deleted
    in the file; a why edited in the team library."""
    local, team = tmp_path / "scribe.sqlite", team_database("merge")
    for target in (str(local), team):
        assert cli(capsys, "--library", target, "import", str(DATA / "base.json"))[0] == 0
    with open_library(local) as library:
        ops.add_lesson(library, REVIEW, "Written offline")
        ops.add_note(library, REVIEW, "Ask the DBA about pool metrics")
        ops.delete_panel_item(library, ident("c2"))
    with open_library(team) as library:
        ops.edit_why(library, ident("b4"), "The alert fired at 50%")
    return local, team


def test_a_file_and_a_team_library_merge_both_ways_and_end_equal(two_sides, capsys):
    local, team = two_sides
    # the team library into the file
    code, out, err = cli(capsys, "--library", str(local), "merge", team)
    assert (code, err) == (0, [])
    assert ADMIN_PASSWORD not in "\n".join(out)
    assert out[0].startswith("postgresql+psycopg://pir_admin:***@127.0.0.1:")
    assert out[0].endswith(f": review {REVIEW} “Checkout errors after the pool change”")
    assert out[1] == SUMMARY.format(0, 1, 0, 11, 0)
    why = "SELECT text FROM why_nodes WHERE id = ?"
    assert fresh_rows(local, why, [ident("b4")]) == [("The alert fired at 50%",)]
    assert fresh_rows(local, "SELECT count(*) FROM panel_items WHERE id = ?", [ident("c2")]) == [
        (0,)
    ]
    # the file into the team library
    code, out, err = cli(capsys, "--library", team, "merge", str(local))
    assert (code, err) == (0, [])
    assert out[0] == f"{local}: review {REVIEW} “Checkout errors after the pool change”"
    assert out[1] == SUMMARY.format(2, 0, 1, 10, 0)  # the lesson and the note; the entry
    assert fresh_rows(team, why, [ident("b4")]) == [("The alert fired at 50%",)]
    lessons = "SELECT text FROM lessons WHERE review_id = ? ORDER BY position"
    assert fresh_rows(team, lessons, [REVIEW]) == fresh_rows(local, lessons, [REVIEW])
    assert ("Written offline",) in fresh_rows(team, lessons, [REVIEW])
    notes = "SELECT text FROM meeting_notes WHERE review_id = ?"
    assert fresh_rows(team, notes, [REVIEW]) == [("Ask the DBA about pool metrics",)]
    grave = "SELECT item_id, deleted_at FROM deleted_items WHERE review_id = ? ORDER BY item_id"
    assert as_text(fresh_rows(team, grave, [REVIEW])) == as_text(fresh_rows(local, grave, [REVIEW]))
    assert ident("c2") in [row[0] for row in fresh_rows(team, grave, [REVIEW])]
    # both hold the same review, item for item, time for time
    here, there = read_back(local, REVIEW), read_back(team, REVIEW)
    assert json.loads(dumps(here)) == json.loads(dumps(there))
    assert here.meeting_notes == there.meeting_notes


def test_merging_again_either_way_changes_no_row(two_sides, capsys):
    local, team = two_sides
    assert cli(capsys, "--library", str(local), "merge", team)[0] == 0
    assert cli(capsys, "--library", team, "merge", str(local))[0] == 0
    before = every_row(local), every_row(team)
    for into, source in ((str(local), team), (team, str(local))):
        code, out, err = cli(capsys, "--library", into, "merge", source)
        assert (code, err) == (0, [])
        assert out[1] == SUMMARY.format(0, 0, 0, 12, 0)
    assert (every_row(local), every_row(team)) == before


def test_an_empty_database_is_no_source_and_stays_empty(tmp_path, team_database, capsys):
    local, empty = tmp_path / "scribe.sqlite", team_database("empty")
    assert cli(capsys, "--library", str(local), "import", str(DATA / "base.json"))[0] == 0
    before = every_row(local)
    code, out, err = cli(capsys, "--library", str(local), "merge", empty)
    assert code == 2 and out == [] and len(err) == 1
    assert "there is no team library in" in err[0] and ADMIN_PASSWORD not in err[0]
    tables = "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
    assert fresh_rows(empty, tables) == [(0,)]
    assert every_row(local) == before


def test_a_team_library_is_not_merged_into_itself(team_database, capsys):
    team = team_database("self")
    assert cli(capsys, "--library", team, "import", str(DATA / "base.json"))[0] == 0
    before = every_row(team)
    code, out, err = cli(capsys, "--library", team, "merge", team)
    assert code == 2 and out == [] and len(err) == 1 and "is the library itself" in err[0]
    assert ADMIN_PASSWORD not in err[0]
    assert every_row(team) == before


def test_a_dry_run_into_a_team_library_from_a_file_reports_and_writes_nothing(two_sides, capsys):
    """A team library has no path: it is never taken for the source file (the check of one
    library merged into itself once ran os.path.samefile on None and crashed)."""
    local, team = two_sides
    before = every_row(local), every_row(team)
    code, out, err = cli(capsys, "--library", team, "merge", str(local), "--dry-run")
    assert (code, err) == (0, [])
    assert out[1] == SUMMARY.format(2, 0, 1, 10, 0)
    assert out[-1] == "dry run: nothing was written"
    assert (every_row(local), every_row(team)) == before
