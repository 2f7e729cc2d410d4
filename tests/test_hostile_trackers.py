"""No secret leaves: a token goes only to the tracker address it was given or stored for.

Two loopback servers stand in for "our" tracker (``localhost``) and someone
else's (``127.0.0.1``, another address as far as a base URL goes); the
other one records every request, and the tests assert it never saw the
token. The commands run as a child process under limits, with the token on
standard input as a script gives it.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3

import pytest
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Response

from pir_desktop.cli import main

from .conftest import load_sample
from .hostile import assert_refused, import_review, library_state, run_bounded

TOKEN = "ghp_s3cretTOKENvalue42"


@pytest.fixture
def foreign():
    """Someone else's server: answers anything, remembers what it was sent."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    server.seen = []

    def record(request):
        server.seen.append(dict(request.headers))
        return Response(json.dumps({"state": "closed"}), 200, content_type="application/json")

    server.expect_request(re.compile(".*")).respond_with_handler(record)
    yield server
    server.clear()
    server.stop()


def _linked_review(library_path, tmp_path, urls: list[str]) -> str:
    doc = load_sample()
    doc.pop("id", None)
    for item, url in zip(doc["action_items"], urls, strict=False):
        item["tracker_url"] = url
    return import_review(library_path, doc, tmp_path)


def _titles(library_path, review_id) -> list[tuple[str, str]]:
    conn = sqlite3.connect(library_path)
    try:
        return conn.execute(
            "SELECT title, status FROM action_items WHERE review_id = ? ORDER BY position",
            (review_id,),
        ).fetchall()
    finally:
        conn.close()


def test_refresh_sends_a_piped_token_only_to_its_tracker(
    httpserver, foreign, library_path, tmp_path
):
    ours = httpserver.url_for("/").rstrip("/")  # http://localhost:PORT
    theirs = f"http://127.0.0.1:{foreign.port}"
    review_id = _linked_review(
        library_path, tmp_path,
        [f"{ours}/acme/api/issues/7", f"{theirs}/evil/loot/issues/1"],
    )  # fmt: skip
    httpserver.expect_request(
        "/api/v3/repos/acme/api/issues/7", headers={"Authorization": f"Bearer {TOKEN}"}
    ).respond_with_json({"number": 7, "state": "closed"})
    result = run_bounded(
        "--library", str(library_path), "refresh", review_id, "--token-stdin",
        "--tracker", "github", "--base-url", ours, stdin=f"{TOKEN}\n".encode(),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert foreign.seen == []  # the imported review's address got nothing, token or not
    title = load_sample()["action_items"][1]["title"]
    assert (
        f"skipped “{title}”: its issue is at {theirs}, not at {ours} that the token on "
        "standard input is for"
    ) in result.stdout
    assert result.stdout.splitlines()[-1].endswith(
        "1 skipped (their issues are at another address)"
    )
    assert _titles(library_path, review_id)[0][1] == "done"  # ours was refreshed
    assert TOKEN not in result.stdout + result.stderr


def test_a_piped_token_for_refresh_needs_the_tracker_it_is_for(library_path, tmp_path):
    review_id = _linked_review(library_path, tmp_path, ["https://github.com/acme/api/issues/7"])
    before = library_state(library_path)
    result = run_bounded(
        "--library", str(library_path), "refresh", review_id, "--token-stdin",
        stdin=f"{TOKEN}\n".encode(),
    )  # fmt: skip
    assert_refused(result, "--token-stdin needs --tracker")
    assert library_state(library_path) == before


@pytest.mark.parametrize(
    "args",
    [
        ["push", "REVIEW", "--tracker", "jira", "--project", "OPS",
         "--base-url", "http://jira.example.com", "--token-stdin"],
        ["push", "REVIEW", "--tracker", "github", "--repo", "acme/api",
         "--base-url", "http://github.example.com", "--token-stdin"],
        ["refresh", "REVIEW", "--tracker", "jira", "--base-url", "http://jira.example.com",
         "--token-stdin"],
        ["token", "set", "--tracker", "jira", "--base-url", "http://10.0.0.7:8080"],
    ],
    ids=["push-jira", "push-github", "refresh", "token-set"],
)  # fmt: skip
def test_plain_http_is_refused_for_a_tracker_off_this_machine(library_path, tmp_path, args):
    review_id = _linked_review(library_path, tmp_path, [])
    before = library_state(library_path)
    args = [review_id if a == "REVIEW" else a for a in args]
    result = run_bounded("--library", str(library_path), *args, stdin=f"{TOKEN}\n".encode())
    assert_refused(result, "plain http://", "unencrypted", "use https://")
    assert library_state(library_path) == before


def test_an_item_linked_over_plain_http_is_not_looked_up(library_path, tmp_path, memory_keyring):
    from pir_desktop.trackers.secrets import SERVICE

    url = "http://jira.example.com/browse/OPS-1"
    memory_keyring.set_password(SERVICE, "jira@http://jira.example.com", TOKEN)
    review_id = _linked_review(library_path, tmp_path, [url])
    out, err = io.StringIO(), io.StringIO()
    code = main(["--library", str(library_path), "refresh", review_id], out, err, io.StringIO())
    assert (code, err.getvalue()) == (0, "")
    assert "plain http:// (jira.example.com): the token would cross the network" in out.getvalue()


def test_a_next_page_on_another_host_gets_no_request(httpserver, foreign, library_path, tmp_path):
    ours = httpserver.url_for("/").rstrip("/")
    review_id = _linked_review(library_path, tmp_path, [])
    httpserver.expect_request("/api/v3/repos/acme/api/issues", method="GET").respond_with_data(
        "[]",
        headers={"Link": f'<http://127.0.0.1:{foreign.port}/steal?page=2>; rel="next"'},
        content_type="application/json",
    )
    before = library_state(library_path)
    result = run_bounded(
        "--library", str(library_path), "push", review_id, "--tracker", "github",
        "--repo", "acme/api", "--base-url", ours, "--token-stdin", stdin=f"{TOKEN}\n".encode(),
    )  # fmt: skip
    assert_refused(result, f"pointed to http://127.0.0.1:{foreign.port}/steal", "nothing was sent")
    assert foreign.seen == []
    assert library_state(library_path) == before


@pytest.mark.parametrize(
    ("token", "shown"),
    [("ghp_tökén", "U+00F6"), ("ghp_abc\x01def", "U+0001"), ("ghp_\u200bzero", "U+200B")],
)
def test_a_token_that_is_no_header_value_is_refused_before_any_request(
    httpserver, library_path, tmp_path, token, shown
):
    review_id = _linked_review(library_path, tmp_path, [])
    before = library_state(library_path)
    result = run_bounded(
        "--library", str(library_path), "push", review_id, "--tracker", "github",
        "--repo", "acme/api", "--base-url", httpserver.url_for("/"), "--token-stdin",
        stdin=f"{token}\n".encode(),
    )  # fmt: skip
    assert_refused(result, "ASCII letters, digits and punctuation", shown)
    assert token not in result.stderr
    assert httpserver.log == []
    assert library_state(library_path) == before


def test_token_set_stores_no_token_holding_a_control_character(memory_keyring):
    out, err = io.StringIO(), io.StringIO()
    code = main(["token", "set", "--tracker", "github"], out, err, io.StringIO("ghp_ab\x01cd\n"))
    assert code == 2
    assert err.getvalue().count("\n") == 1 and "U+0001" in err.getvalue()
    assert "ghp_ab" not in err.getvalue()
    assert memory_keyring.secrets == {}
