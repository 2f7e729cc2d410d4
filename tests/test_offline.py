"""Offline copies as a user runs them: ``take-offline`` from a team library on the private
PostgreSQL server (and from a library file), ``offline`` telling which copies have changes
not sent, and ``send-back`` merging both ways so that copy and home are equal after; every
side read back through a fresh connection of its database's own driver. Refusals: one
line, exit 2, no row changed on either side."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from pir_desktop import operations as ops
from pir_desktop.interchange.review_json import dumps
from pir_desktop.operations.offline import offline_copies
from pir_desktop.storage.library import open_library

from .conftest import fresh_rows, read_back
from .merge_files import DATA, REVIEW, SUMMARY, TABLES, cli, ident
from .pg_server import ADMIN_PASSWORD

TITLE = "Checkout errors after the pool change"


def every_row(target, tables=TABLES) -> dict[str, list[str]]:
    return {t: sorted(map(repr, fresh_rows(target, f"SELECT * FROM {t}"))) for t in tables}


def same_review(local, home) -> None:
    """Copy and home hold the same review: every item, field, time, tombstone and note."""
    here, there = read_back(local, REVIEW), read_back(home, REVIEW)
    assert json.loads(dumps(here)) == json.loads(dumps(there))
    assert here.meeting_notes == there.meeting_notes


@pytest.fixture
def team(team_database, capsys, monkeypatch):
    """A team library holding the review, with two more lessons; the copy records the
    home without its password, so sending back signs in through libpq's PGPASSWORD."""
    url = team_database("home")
    assert cli(capsys, "--library", url, "import", str(DATA / "base.json"))[0] == 0
    with open_library(url) as library:
        ops.add_lesson(library, REVIEW, "Second lesson")
        ops.add_lesson(library, REVIEW, "Third lesson")
    monkeypatch.setenv("PGPASSWORD", ADMIN_PASSWORD)
    return url


@pytest.fixture
def local(tmp_path) -> Path:
    return tmp_path / "scribe.sqlite"


def test_take_offline_copies_the_review_with_its_ids_and_records_its_home(team, local, capsys):
    code, out, err = cli(capsys, "--library", str(local), "take-offline", team, REVIEW[:8])
    assert (code, err) == (0, [])
    shown = team.replace(ADMIN_PASSWORD, "***")  # as every line shows a password
    assert out == [f"{REVIEW}\t{TITLE}\ttaken offline from {shown}"]
    same_review(local, team)
    [(home,)] = fresh_rows(local, "SELECT home FROM offline_copies WHERE review_id = ?", [REVIEW])
    assert home == team.replace(f":{ADMIN_PASSWORD}", "")  # never the password
    ids = "SELECT id FROM why_nodes ORDER BY id"
    assert fresh_rows(local, ids) == fresh_rows(team, ids)
    code, out, _ = cli(capsys, "--library", str(local), "offline")
    assert code == 0 and len(out) == 1
    assert out[0].startswith(f"{REVIEW}\t{TITLE}\t{home}\tnothing to send\tlast synced ")


def test_send_back_merges_both_ways_and_leaves_copy_and_home_equal(team, local, capsys):
    assert cli(capsys, "--library", str(local), "take-offline", team)[0] == 0
    lessons = {x.text: x.id for x in read_back(local, REVIEW).lessons}
    with open_library(local) as library:  # the scribe, offline
        ops.add_note(library, REVIEW, "Ask the DBA about pool metrics")
        ops.delete_panel_item(library, ident("c2"))
        ops.move_lesson(library, lessons["Pool size changes need a load test"], 2)
    with open_library(team) as library:  # the facilitator, meanwhile
        ops.edit_why(library, ident("b4"), "The alert fired at 50%")
        ops.move_lesson(library, lessons["Second lesson"], 2)
    with open_library(local) as library:
        assert [copy.changed for copy in offline_copies(library)] == [True]
    code, out, _ = cli(capsys, "--library", str(local), "offline")
    assert "\tchanges not sent\t" in out[0]

    code, out, err = cli(capsys, "--library", str(local), "send-back")
    assert (code, err) == (0, [])
    assert out[0] == f"{REVIEW}\t{TITLE}\tsent back to {_masked(team)}"
    assert out[1] == "into the home: " + SUMMARY.format(1, 0, 1, 12, 0)
    assert out[2] == "into the copy: " + SUMMARY.format(0, 2, 0, 11, 0)
    same_review(local, team)  # the lessons too, though both sides re-ordered them
    why = "SELECT text FROM why_nodes WHERE id = ?"
    for side in (local, team):
        assert fresh_rows(side, why, [ident("b4")]) == [("The alert fired at 50%",)]
        assert fresh_rows(side, "SELECT count(*) FROM panel_items WHERE id = ?", [ident("c2")]) == [
            (0,)
        ]
        notes = "SELECT text FROM meeting_notes WHERE review_id = ?"
        assert fresh_rows(side, notes, [REVIEW]) == [("Ask the DBA about pool metrics",)]
    order = "SELECT text FROM lessons WHERE review_id = ? ORDER BY position"
    assert fresh_rows(local, order, [REVIEW]) == fresh_rows(team, order, [REVIEW])
    code, out, _ = cli(capsys, "--library", str(local), "offline")
    assert "\tnothing to send\t" in out[0]

    # Sending back again changes nothing on either side.
    before = every_row(local), every_row(team)
    code, out, err = cli(capsys, "--library", str(local), "send-back", REVIEW)
    assert (code, err) == (0, [])
    assert out[1:] == ["into the home: " + SUMMARY.format(0, 0, 0, 13, 0),
                       "into the copy: " + SUMMARY.format(0, 0, 0, 13, 0)]  # fmt: skip
    assert (every_row(local), every_row(team)) == before


def test_an_edit_after_a_send_back_is_a_change_not_sent(team, local, capsys):
    assert cli(capsys, "--library", str(local), "take-offline", team)[0] == 0
    assert cli(capsys, "--library", str(local), "send-back")[0] == 0
    with open_library(local) as library:
        assert [c.changed for c in offline_copies(library)] == [False]
        ops.add_lesson(library, REVIEW, "Written on the plane")
        assert [c.changed for c in offline_copies(library)] == [True]
    with open_library(team) as library:
        ops.add_lesson(library, REVIEW, "Written at home")  # the home's edits are not "unsent"
    with open_library(local) as library:
        assert [c.changed for c in offline_copies(library)] == [True]
    assert cli(capsys, "--library", str(local), "send-back")[0] == 0
    with open_library(local) as library:
        assert [c.changed for c in offline_copies(library)] == [False]
    texts = {x.text for x in read_back(team, REVIEW).lessons}
    assert {"Written on the plane", "Written at home"} <= texts
    same_review(local, team)


def test_a_library_file_can_be_the_home(tmp_path, local, capsys):
    home = tmp_path / "home.sqlite"
    assert cli(capsys, "--library", str(home), "import", str(DATA / "base.json"))[0] == 0
    assert cli(capsys, "--library", str(local), "take-offline", str(home))[0] == 0
    with open_library(local) as library:
        ops.add_lesson(library, REVIEW, "Written offline")
    code, out, err = cli(capsys, "--library", str(local), "send-back")
    assert (code, err) == (0, [])
    assert out[0] == f"{REVIEW}\t{TITLE}\tsent back to {home}"
    assert ("Written offline",) in fresh_rows(home, "SELECT text FROM lessons")
    same_review(local, home)


# -- refusals --------------------------------------------------------------------------


def _both(local, home):
    return every_row(local) if local.exists() else None, every_row(home)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("take-offline", "{home}", "ffff"), "no review in postgresql+psycopg://"),
        (("take-offline", "postgresql+psycopg://pir_admin:s3cret@127.0.0.1:1/x"), "team library"),
        (("take-offline", "{tmp}/missing.sqlite"), "there is no library at"),
        (("take-offline", "{local}"), "is the library itself"),
        (("send-back", "5e0f"), "is not an offline copy ('take-offline' makes one)"),
        (("send-back", "ffff"), "no review in "),
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    team, local, tmp_path, capsys, args, message
):
    assert cli(capsys, "--library", str(local), "import", str(DATA / "base.json"))[0] == 0
    before = _both(local, team)
    args = [a.format(home=team, tmp=tmp_path, local=local) for a in args]
    code, out, err = cli(capsys, "--library", str(local), *args)
    assert code == 2 and out == [] and len(err) == 1 and message in err[0], err
    assert ADMIN_PASSWORD not in err[0] and "s3cret" not in err[0]
    assert _both(local, team) == before


def test_a_review_already_here_is_not_taken_again(team, local, capsys):
    assert cli(capsys, "--library", str(local), "take-offline", team)[0] == 0
    before = _both(local, team)
    code, out, err = cli(capsys, "--library", str(local), "take-offline", team, REVIEW)
    assert code == 2 and out == [] and len(err) == 1
    assert "already holds the review" in err[0] and "'send-back' brings them together" in err[0]
    assert _both(local, team) == before


@pytest.mark.parametrize("home", ["postgresql+psycopg://pir_admin@127.0.0.1:1/gone", "{tmp}/x"])
def test_an_unreachable_home_sends_nothing_and_changes_nothing(team, local, tmp_path, capsys, home):
    assert cli(capsys, "--library", str(local), "take-offline", team)[0] == 0
    with open_library(local) as library:
        ops.add_lesson(library, REVIEW, "Written offline")
    conn = sqlite3.connect(local)
    conn.execute("UPDATE offline_copies SET home = ?", [home.format(tmp=tmp_path)])
    conn.commit()
    conn.close()
    before = _both(local, team)
    code, out, err = cli(capsys, "--library", str(local), "send-back")
    assert code == 2 and out == [] and len(err) == 1, err
    assert _both(local, team) == before
    assert "changes not sent" in cli(capsys, "--library", str(local), "offline")[1][0]


def test_a_review_the_home_no_longer_holds_is_refused(team, local, capsys):
    assert cli(capsys, "--library", str(local), "take-offline", team)[0] == 0
    with open_library(team) as library:
        ops.delete_review(library, REVIEW)
    before = every_row(local)
    code, out, err = cli(capsys, "--library", str(local), "send-back")
    assert code == 2 and out == [] and len(err) == 1
    assert "no longer holds the review" in err[0] and "nothing was sent" in err[0]
    assert every_row(local) == before
    assert fresh_rows(team, "SELECT count(*) FROM reviews") == [(0,)]


def _masked(url: str) -> str:
    return url.replace(f":{ADMIN_PASSWORD}@", "@")
