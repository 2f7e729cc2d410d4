"""``import --merge`` and ``merge SOURCE`` as a user runs them: what they print, what the
library holds after (through a fresh connection), --dry-run, and the exit-2 refusals."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pir_desktop import operations as ops
from pir_desktop.cli import main
from pir_desktop.interchange.review_json import dumps
from pir_desktop.storage.library import open_library

from .conftest import API_SAMPLE, read_back

DATA = Path(__file__).parent / "data" / "merge"
REVIEW = "5e0f1a2b-0000-4000-8000-000000000001"
SUMMARY = "added {}, updated {}, deleted {}, kept {}, conflicts {}"


def cli(capsys, *args: str) -> tuple[int, list[str], list[str]]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


def every_row(path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}"))) for t in tables}
    finally:
        conn.close()


@pytest.fixture
def base_library(library_path, capsys) -> Path:
    assert cli(capsys, "--library", str(library_path), "import", str(DATA / "base.json"))[0] == 0
    return library_path


def test_dry_run_prints_the_same_and_writes_nothing(base_library, capsys):
    lib = str(base_library)
    before = every_row(base_library)
    file = str(DATA / "rule2-one-side.json")
    code, dry, _ = cli(capsys, "--library", lib, "import", "--merge", "--dry-run", file)
    assert code == 0
    assert every_row(base_library) == before  # a fresh connection sees no change at all
    assert dry[-1] == "dry run: nothing was written"
    code, real, _ = cli(capsys, "--library", lib, "import", "--merge", file)
    assert code == 0
    assert real == dry[:-1]
    assert real[0] == f"{file}: review {REVIEW} “Checkout errors after the pool change”"
    assert real[1] == SUMMARY.format(2, 0, 1, 10, 0)
    assert [line.split(":")[0] for line in real[2:]] == ["edited after delete"] * 2
    assert every_row(base_library) != before


def test_several_files_in_one_transaction_one_after_the_other(base_library, capsys, tmp_path):
    """Two files of the library's review merge in turn; a third, of a review the library does
    not hold, is imported whole."""
    lib = str(base_library)
    other = json.loads(API_SAMPLE.read_text(encoding="utf-8"))
    api = tmp_path / "api.json"
    with open_library(tmp_path / "scratch.sqlite") as scratch:
        [review] = ops.import_reviews(scratch, [_read(json.dumps(other))])
        api.write_text(dumps(read_back(scratch.path, review.id)), encoding="utf-8")
    files = [DATA / "rule3-fields.json", DATA / "rule4-order.json", api]
    code, out, err = cli(capsys, "--library", lib, "import", "--merge", *map(str, files))
    assert code == 0, err
    heads = [line for line in out if ": review " in line]
    assert heads[2].endswith("(not in the library: imported whole)")
    summaries = [line for line in out if line.startswith("added ")]
    assert summaries[0] == SUMMARY.format(0, 3, 0, 11, 1)
    assert summaries[1] == SUMMARY.format(4, 0, 0, 11, 0)  # into the first's result
    assert summaries[2].startswith("added 33, updated 0, deleted 0, kept 0")
    merged = json.loads(dumps(read_back(base_library, REVIEW)))
    assert merged["title"] == "Checkout 500s after the pool size change"  # from the first
    assert len(merged["timeline"]) == 4  # and the second
    assert read_back(base_library, review.id).title == other["title"]


def _read(text: str):
    from pir_desktop.interchange.review_json import read_review

    return read_review(text)


V1 = {"format": "pir-review", "version": 1, "id": REVIEW, "title": "T",
      "incident_date": "2026-03-12", "severity": "P2"}  # fmt: skip


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            json.dumps(V1),
            "a version 1 review file has no item ids to merge by; merge a version 2 file "
            "(what 'pir-desktop export --format json' writes)",
        ),
        ("{not json", "not valid JSON"),
        (json.dumps({"format": "something-else"}), "not a PIR review"),
        (json.dumps({**V1, "version": 3}), "from a newer version of PIR Desktop"),
    ],
)
def test_a_file_that_is_not_a_v2_review_exits_2_and_nothing_is_written(
    base_library, capsys, tmp_path, content, message
):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    before = every_row(base_library)
    good = str(DATA / "rule1-later-wins.json")
    code, out, err = cli(
        capsys, "--library", str(base_library), "import", "--merge", good, str(bad)
    )
    assert code == 2
    assert out == [] and len(err) == 1 and message in err[0] and str(bad) in err[0]
    assert every_row(base_library) == before  # not even the good file


def test_the_real_program_refuses_a_version_1_file_with_one_line(base_library):
    result = subprocess.run(
        [sys.executable, "-m", "pir_desktop", "--library", str(base_library), "import",
         "--merge", str(API_SAMPLE)],
        capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "no item ids to merge by" in result.stderr


def test_dry_run_belongs_to_a_merge(base_library, capsys):
    code, _out, err = cli(
        capsys, "--library", str(base_library), "import", "--dry-run", str(DATA / "base.json")
    )
    assert code == 2 and err == ["pir-desktop: --dry-run is for a merge: add --merge"]


def _two_libraries(tmp_path, capsys) -> tuple[Path, Path]:
    home, away = tmp_path / "home.sqlite", tmp_path / "away.sqlite"
    for path in (home, away):
        assert cli(capsys, "--library", str(path), "import", str(DATA / "base.json"))[0] == 0
    with open_library(away) as library:
        ops.add_lesson(library, REVIEW, "Written offline")
        ops.add_note(library, REVIEW, "Ask the DBA about pool metrics")  # library-only content
        ops.delete_panel_item(library, "00000000-0000-4000-8000-0000000000c2")
    with open_library(home) as library:
        ops.edit_why(library, "00000000-0000-4000-8000-0000000000b4", "The alert fired at 50%")
    return home, away


def test_merge_from_another_library_file(tmp_path, capsys):
    home, away = _two_libraries(tmp_path, capsys)
    before = every_row(home)
    code, dry, _ = cli(capsys, "--library", str(home), "merge", str(away), "--dry-run")
    assert code == 0 and every_row(home) == before
    code, out, _ = cli(capsys, "--library", str(home), "merge", str(away))
    assert code == 0
    assert out == dry[:-1]
    assert out[0] == f"{away}: review {REVIEW} “Checkout errors after the pool change”"
    assert out[1] == SUMMARY.format(2, 0, 1, 10, 0)  # the lesson and the note; the entry
    merged = read_back(home, REVIEW)
    assert [n.text for n in merged.meeting_notes] == ["Ask the DBA about pool metrics"]
    assert "Written offline" in [lesson.text for lesson in merged.lessons]
    assert merged.whys[1].text == "The alert fired at 50%"
    # and back: the other library takes home's edit; both then hold the same review
    assert cli(capsys, "--library", str(away), "merge", str(home))[0] == 0
    assert json.loads(dumps(read_back(away, REVIEW))) == json.loads(dumps(merged))
    assert read_back(away, REVIEW).meeting_notes == merged.meeting_notes


def test_merge_named_reviews_and_import_one_the_library_lacks(tmp_path, capsys):
    home, away = _two_libraries(tmp_path, capsys)
    code, out, _ = cli(capsys, "--library", str(away), "import", str(API_SAMPLE))
    api_id = out[0].split("\t")[0]
    code, out, err = cli(capsys, "--library", str(home), "merge", str(away), api_id[:8], "5e0f")
    assert code == 0, err
    assert out[0].endswith("(not in the library: imported whole)")
    assert [line for line in out if line.startswith("added")][1] == SUMMARY.format(2, 0, 1, 10, 0)
    assert read_back(home, api_id).id == api_id
    # without names, only the reviews both hold
    with open_library(away) as library:
        ops.add_lesson(library, api_id, "Only the shared ones move")
        ops.create_review(library, "Only in the other library", date(2026, 4, 1))
    code, out, _ = cli(capsys, "--library", str(home), "merge", str(away))
    merged = {line.split(": review ")[1].split()[0] for line in out if ": review " in line}
    assert code == 0 and merged == {api_id, REVIEW}
    assert "Only the shared ones move" in [x.text for x in read_back(home, api_id).lessons]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{library}", "is the library itself"),
        ("postgresql+psycopg://scribe:s3cret@127.0.0.1:1/pir", "the team library"),
        ("{tmp}/missing.sqlite", "there is no library at"),
        ("{tmp}/notes.txt", "not an SQLite database); choose another source file"),
    ],
)
def test_merge_refusals_exit_2_with_one_line(base_library, tmp_path, capsys, source, message):
    (tmp_path / "notes.txt").write_text("plain text, not a library\n", encoding="utf-8")
    source = source.format(library=base_library, tmp=tmp_path)
    before = every_row(base_library)
    code, out, err = cli(capsys, "--library", str(base_library), "merge", source)
    assert code == 2 and out == [] and len(err) == 1 and message in err[0]
    assert "s3cret" not in err[0]
    assert every_row(base_library) == before


def test_merge_of_a_review_the_source_lacks_exits_2(tmp_path, capsys):
    home, away = _two_libraries(tmp_path, capsys)
    code, _out, err = cli(capsys, "--library", str(home), "merge", str(away), "ffff")
    assert code == 2 and err == [
        f"pir-desktop: no review in the library {away} (the source) has an id starting with 'ffff'"
    ]


@pytest.mark.parametrize("command", ["import", "merge"])
def test_a_dry_run_creates_no_library(tmp_path, base_library, capsys, command):
    new = tmp_path / "new.sqlite"
    if command == "import":
        args = ("import", "--merge", str(DATA / "rule2-one-side.json"), "--dry-run")
    else:
        args = ("merge", str(base_library), "--dry-run")
    code, out, err = cli(capsys, "--library", str(new), *args)
    assert (code, out) == (2, [])
    assert err == [f"pir-desktop: there is no library at {new}"]
    assert not new.exists() and list(tmp_path.iterdir()) == [base_library]


def test_a_source_that_is_no_library_is_not_blamed_on_the_library_option(
    base_library, tmp_path, capsys
):
    notes = tmp_path / "notes.sqlite"
    notes.write_text("plain text, not a library\n", encoding="utf-8")
    code, out, err = cli(capsys, "--library", str(base_library), "merge", str(notes))
    assert (code, out) == (2, [])
    assert err == [
        f"pir-desktop: {notes} is not a PIR Desktop library (it is not an SQLite database); "
        "choose another source file"
    ]
    assert "--library" not in err[0]
