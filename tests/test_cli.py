"""The command line as scripts use it: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pir_desktop import __version__
from pir_desktop.cli import main

from .canonical import canonical, canonical_v2
from .conftest import API_SAMPLE, SAMPLES, load_sample, table_counts


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real program in a child process, as a user's shell would start it."""
    return subprocess.run(
        [sys.executable, "-m", "pir_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"pir-desktop {__version__}"


def test_import_list_export_metrics_end_to_end(tmp_path):
    lib = str(tmp_path / "lib.sqlite")
    result = run("--library", lib, "import", *map(str, SAMPLES))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(SAMPLES)
    ids = {}
    for line, path in zip(lines, SAMPLES, strict=True):
        review_id, title = line.split("\t")
        assert title == load_sample(path)["title"]
        ids[path.name] = review_id

    listed = json.loads(run("--library", lib, "list", "--json").stdout)
    assert [r["incident_date"] for r in listed] == sorted(
        (r["incident_date"] for r in listed), reverse=True
    )
    assert {r["id"] for r in listed} == set(ids.values())
    assert set(listed[0]) == {"id", "title", "incident_date", "severity", "status", "updated_at"}
    assert listed[0]["updated_at"].endswith("Z")

    api_id = ids[API_SAMPLE.name]
    result = run("--library", lib, "metrics", api_id[:8], "--json")
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert {
        k: metrics[k] for k in ("ttd_seconds", "tta_seconds", "ttm_seconds", "duration_seconds")
    } == {"ttd_seconds": 120, "tta_seconds": 300, "ttm_seconds": 1980, "duration_seconds": 2400}
    assert metrics["problems"] == []

    result = run("--library", lib, "export", api_id[:6], "--format", "json")
    exported = json.loads(result.stdout)
    assert exported["version"] == 2 and result.stderr == ""
    assert exported == canonical_v2({**load_sample(API_SAMPLE), "id": api_id})

    result = run("--library", lib, "export", api_id[:6], "--format", "json", "--json-version", "1")
    exported = json.loads(result.stdout)
    assert exported.pop("id") == api_id
    assert exported == canonical(load_sample(API_SAMPLE))
    assert result.stderr == ""  # nothing version 1 cannot hold

    out = tmp_path / "out" / "api.json"
    out.parent.mkdir()
    assert (
        run("--library", lib, "export", api_id, "--format", "json", "--out", str(out)).returncode
        == 0
    )
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == api_id
    assert [p.name for p in out.parent.iterdir()] == ["api.json"]


def test_human_list_and_metrics(library_path, capsys):
    lib = str(library_path)
    code, out, _ = cli(capsys, "--library", lib, "list")
    assert code == 0 and "holds no reviews yet" in out
    cli(capsys, "--library", lib, "import", str(API_SAMPLE))
    code, out, _ = cli(capsys, "--library", lib, "list")
    assert "2026-03-12  P1  draft     API returned 500 errors for 40 minutes" in out
    review_id = out.split()[0]
    code, out, _ = cli(capsys, "--library", lib, "metrics", review_id)
    assert "Time to mitigate     33 min  ! over 30 min" in out
    assert "Time to detect       2 min" in out


def test_metrics_names_problems(library_path, tmp_path, capsys):
    doc = load_sample()
    doc["timeline"][2]["at"] = "2026-03-12T14:00:00Z"  # detected before started
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    _, out, _ = cli(capsys, "--library", str(library_path), "import", str(path))
    _code, out, _ = cli(capsys, "--library", str(library_path), "metrics", out[:8], "--json")
    metrics = json.loads(out)
    assert metrics["ttd_seconds"] is None and metrics["tta_seconds"] == 720
    assert metrics["problems"][0].startswith("time to detect is unknown")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "zzzz", "--format", "json"], "no review in the library {library} has an id"),
        (["metrics", ""], "give a review id"),
        (["export", "x", "--format", "odt"], "invalid choice: 'odt'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["import", "/nonexistent/file.json"], "/nonexistent/file.json: no such file"),
        (["import", "/"], "/: is a folder"),
    ],
)
def test_user_errors_exit_2_with_one_line(library_path, args, message):
    result = run("--library", str(library_path), *args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("pir-desktop: ")
    assert message.format(library=library_path) in result.stderr
    assert result.stdout == ""


def test_ambiguous_prefix_lists_the_candidates(library_path, tmp_path, capsys):
    for n in range(2):
        doc = load_sample()
        doc["id"] = f"abcdef0{n}-0000-4000-8000-000000000000"
        path = tmp_path / f"{n}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        cli(capsys, "--library", str(library_path), "import", str(path))
    code, _, err = cli(capsys, "--library", str(library_path), "metrics", "abcdef")
    assert code == 2
    assert "'abcdef' matches several reviews: abcdef00-000" in err
    code, _out, _ = cli(capsys, "--library", str(library_path), "metrics", "ABCDEF01", "--json")
    assert code == 0


def test_reimporting_the_same_id_is_refused(library_path, tmp_path, capsys):
    doc = load_sample()
    doc["id"] = "0f0f0f0f-0000-4000-8000-000000000000"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert cli(capsys, "--library", str(library_path), "import", str(path))[0] == 0
    before = table_counts(library_path)
    code, _, err = cli(capsys, "--library", str(library_path), "import", str(path))
    assert code == 2 and "already in the library" in err
    assert table_counts(library_path) == before


def test_reimporting_a_version_1_file_without_an_id_is_refused(library_path, tmp_path):
    """A v1 file without an id got a new id on every import: importing it twice made two
    copies. Without an id, a review is known by its title and incident date."""
    doc = load_sample()
    assert doc["version"] == 1 and "id" not in doc
    path = tmp_path / "r.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert run("--library", str(library_path), "import", str(path)).returncode == 0
    before = table_counts(library_path)
    again = dict(doc, title="  " + doc["title"].upper() + " ")  # case and spacing aside
    other = tmp_path / "again.json"
    other.write_text(json.dumps(again), encoding="utf-8")
    for file in (path, other):
        result = run("--library", str(library_path), "import", str(file))
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith(f"pir-desktop: the review “{again['title']}"[:20])
        assert "is already in the library" in result.stderr
        assert "nothing was imported" in result.stderr
        assert table_counts(library_path) == before
    # two files of one review in one import: neither is imported
    doc["incident_date"] = "2026-03-13"
    other.write_text(json.dumps(doc), encoding="utf-8")
    result = run("--library", str(library_path), "import", str(other), str(other))
    assert result.returncode == 2 and "two of the files hold the review" in result.stderr
    assert table_counts(library_path) == before
    # another day is another review
    assert run("--library", str(library_path), "import", str(other)).returncode == 0
    assert table_counts(library_path)["reviews"] == before["reviews"] + 1


def test_invalid_file_exits_2_and_writes_nothing(library_path, tmp_path):
    doc = load_sample()
    doc["timeline"][3]["at"] = "2026-03-12T14:12:00"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    run("--library", str(library_path), "list")
    before = table_counts(library_path)
    result = run("--library", str(library_path), "import", str(path))
    assert result.returncode == 2
    assert (
        result.stderr == f"pir-desktop: {path}: timeline[3].at: time has no UTC offset "
        "(add Z or an offset like +01:00)\n"
    )
    assert table_counts(library_path) == before


def test_not_a_library_exits_2(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a database at all\n" * 20)
    result = run("--library", str(path), "list")
    assert result.returncode == 2
    assert "is not a PIR Desktop library" in result.stderr
    assert path.read_text() == "not a database at all\n" * 20


def test_no_command_opens_the_window_on_the_default_library(_private_user_dirs):
    env = {"XDG_DATA_HOME": str(_private_user_dirs / "data"), "QT_QPA_PLATFORM": "offscreen"}
    assert run("import", str(API_SAMPLE), env=env).returncode == 0
    expected = _private_user_dirs / "data" / "pir-desktop" / "library.sqlite"
    assert expected.exists()
    before = expected.read_bytes()
    # the window shows the default library's reviews, paints and quits
    result = run("--exit-after-startup", env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert expected.read_bytes() == before  # start-up only reads


def test_window_modules_stay_out_of_the_command_line_path():
    # the commands must work where Qt cannot load: none of them imports it
    code = (
        "import sys; from pir_desktop.cli import main; "
        "main(['--library', sys.argv[1], 'list']); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            [sys.executable, "-c", code, str(Path(folder) / "lib.sqlite")],
            capture_output=True,
            text=True,
        )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "words",
    [
        [],
        ["--exit-after-startup"],
        ["--library", "lib.sqlite"],
        ["--library=lib.sqlite", "--exit-after-startup"],
        ["--library", "a.sqlite", "--library", "b.sqlite"],
        ["--library", "postgresql://me@db.example/pir"],
    ],
)
def test_a_plain_window_start_reads_as_the_full_parser_reads_it(words):
    # start-up skips building every command's parser; what it reads must not differ
    from pir_desktop.cli import _window_start, build_parser

    quick, full = _window_start(words), build_parser().parse_args(words)
    assert vars(quick) == {k: vars(full)[k] for k in ("command", "library", "exit_after_startup")}


@pytest.mark.parametrize(
    "words",
    [["--help"], ["--lib", "x"], ["--library"], ["--library", "--exit-after-startup"],
     ["--library="], ["open"], ["--library", "x", "list"], ["--exit-after-startup", "extra"]],
)  # fmt: skip
def test_anything_else_goes_to_the_full_parser(words):
    from pir_desktop.cli import _window_start

    assert _window_start(words) is None


def test_a_library_option_without_its_value_is_a_usage_error(capsys):
    code, _out, err = cli(capsys, "--library")
    assert code == 2
    assert err.startswith("pir-desktop: argument --library") and "--help" in err


def test_a_bug_is_logged_not_shown_as_a_traceback(monkeypatch, capsys, _private_user_dirs):
    from pir_desktop import cli as cli_module

    def broken(args, out):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setitem(cli_module.COMMANDS, "list", broken)
    code = main(["list"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "internal error (RuntimeError: boom)" in err
    log = Path(err.split("details in ")[1].strip())
    assert "Traceback" in log.read_text() and "second line" in log.read_text()


def _import_at_once(library_path, file_lists) -> tuple[list[int], list]:
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "pir_desktop", "--library", str(library_path), "import",
             *map(str, files)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for files in file_lists
    ]  # fmt: skip
    outputs = [child.communicate(timeout=120) for child in children]
    return [child.returncode for child in children], outputs


def test_programs_importing_at_the_same_time_all_succeed(library_path, tmp_path):
    run("--library", str(library_path), "list")  # create it first
    file_lists = []
    for n in range(4):  # four people's copies of the samples, under titles of their own
        files = []
        for sample in SAMPLES:
            doc = json.loads(sample.read_text(encoding="utf-8"))
            doc["title"] += f" ({n})"
            files.append(tmp_path / f"{n}-{sample.name}")
            files[-1].write_text(json.dumps(doc), encoding="utf-8")
        file_lists.append(files)
    codes, outputs = _import_at_once(library_path, file_lists)
    assert codes == [0, 0, 0, 0], outputs
    assert table_counts(library_path)["reviews"] == 4 * len(SAMPLES)


def test_programs_importing_the_same_files_at_once_import_them_once(library_path):
    run("--library", str(library_path), "list")
    codes, outputs = _import_at_once(library_path, [SAMPLES] * 3)
    assert sorted(codes) == [0, 2, 2], outputs
    assert table_counts(library_path)["reviews"] == len(SAMPLES)


def test_no_screen_is_a_clear_message(_private_user_dirs):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "pir_desktop"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 2
    assert "there is no screen" in result.stderr and "xvfb-run" in result.stderr
    assert result.stderr.count("\n") == 1


def test_export_markdown_report(capsys, library_path):
    code, out, _ = cli(capsys, "--library", str(library_path), "import", str(API_SAMPLE))
    review_id = out.split("\t")[0]
    code, out, err = cli(
        capsys, "--library", str(library_path), "export", review_id, "--format", "md"
    )
    assert code == 0, err
    assert out.startswith("# API returned 500 errors for 40 minutes\n")
    assert "| 14:07:00 | detected | Error-rate alert fired, on-call paged | alerting |" in out
