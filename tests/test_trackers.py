"""Action items out to GitHub and Jira, and their state back, against a loopback server.

pytest-httpserver stands in for each tracker: every request is matched on
method, path, query and headers as the public APIs document them, and the
JSON bodies are checked in the handlers. The library is read back through a
fresh connection; the token is looked for in the library file, the logs and
everything printed.
"""

from __future__ import annotations

import io
import json
import logging
import time
from datetime import UTC, datetime

import pytest
from werkzeug.wrappers import Response

from pir_desktop import operations as ops
from pir_desktop.cli import main
from pir_desktop.domain.enums import ActionStatus
from pir_desktop.interchange.review_json import read_review_file
from pir_desktop.trackers import http as tracker_http
from pir_desktop.trackers.github import GitHubClient
from pir_desktop.trackers.issue_text import marked_ids
from pir_desktop.trackers.secrets import SERVICE, NoKeyringBackend, TokenStore
from pir_desktop.trackers.target import (
    GITHUB_API,
    Tracker,
    TrackerSetupError,
    base_url,
    issue_ref,
    make_target,
)

from .conftest import API_SAMPLE, read_back

GITHUB_TOKEN = "ghp_s3cretTOKENvalue42"
JIRA_CLOUD_SECRET = "pat@example.com:ATATT3xFfGF0s3cret"
JIRA_PAT = "NjM5OTk0MTE4MzQ0OsecretPAT"
GITHUB_HEADERS = {
    "Authorization": f"Bearer {GITHUB_TOKEN}",
    "Accept": "application/vnd.github+json",
    "X-GitHub-Api-Version": "2022-11-28",
}


def _review(library) -> str:
    review = read_review_file(API_SAMPLE)
    ops.import_reviews(library, [review])
    return review.id


@pytest.fixture
def pushed_review(library, library_path):
    """The API sample with its last action item deferred: three committed items to push."""
    review_id = _review(library)
    items = read_back(library_path, review_id).action_items
    ops.edit_action_item(library, items[3].id, deferred=True)
    library.close()
    return review_id


def cli(library_path, *args, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--library", str(library_path), *args], out, err, io.StringIO(stdin))
    return code, out.getvalue(), err.getvalue()


def _secret_free(library_path, *texts: str, secret: str) -> None:
    for path in library_path.parent.glob(library_path.name + "*"):  # with -wal and -shm
        assert secret.encode() not in path.read_bytes(), path
    for text in texts:
        assert secret not in text


class GitHubFake:
    """Answers like GitHub's REST API for one repository, remembering what was created."""

    def __init__(self, server, repo: str = "acme/api"):
        self.server, self.repo = server, repo
        self.created: list[dict] = []
        self.existing: list[dict] = []  # issues already in the repository, with the label
        self.root = server.url_for("").rstrip("/")
        self.api = f"/api/v3/repos/{repo}"

    def expect_list(self):
        self.server.expect_request(
            f"{self.api}/issues",
            method="GET",
            query_string={"labels": "pir-action", "state": "all", "per_page": "100"},
            headers=GITHUB_HEADERS,
        ).respond_with_handler(lambda _request: Response(json.dumps(self.existing), 200))

    def expect_create(self):
        def create(request):
            body = json.loads(request.data)
            assert set(body) == {"title", "body", "labels"}
            assert request.headers["Content-Type"] == "application/json"
            self.created.append(body)
            number = 100 + len(self.created)
            issue = {
                "number": number,
                "state": "open",
                "title": body["title"],
                "body": body["body"],
                "html_url": f"{self.root}/{self.repo}/issues/{number}",
                "url": f"{self.root}/api/v3{self.api.removeprefix('/api/v3')}/issues/{number}",
            }
            return Response(json.dumps(issue), 201, content_type="application/json")

        self.server.expect_request(
            f"{self.api}/issues", method="POST", headers=GITHUB_HEADERS
        ).respond_with_handler(create)


@pytest.fixture
def github(httpserver):
    return GitHubFake(httpserver)


def test_github_push_creates_labelled_issues_once_and_records_their_addresses(
    github, httpserver, library_path, pushed_review, memory_keyring, caplog
):
    caplog.set_level(logging.DEBUG)  # httpx and httpcore log every request at DEBUG
    base = github.root  # an Enterprise host by its name: the API is at /api/v3
    code, out, err = cli(library_path, "token", "set", "--tracker", "github", "--base-url", base,
                         stdin=GITHUB_TOKEN + "\n")  # fmt: skip
    assert (code, err) == (0, "")
    assert memory_keyring.secrets == {(SERVICE, f"github@{base}/api/v3"): GITHUB_TOKEN}
    github.expect_list()
    github.expect_create()

    push = ("push", pushed_review, "--tracker", "github", "--repo", "acme/api", "--base-url", base)
    code, out, err = cli(library_path, *push)
    assert (code, err) == (0, "")
    review = read_back(library_path, pushed_review)
    committed, deferred = review.action_items[:3], review.action_items[3]
    assert [i.tracker_url for i in committed] == [
        f"{base}/acme/api/issues/{n}" for n in (101, 102, 103)
    ]
    assert deferred.tracker_url is None
    assert [c["title"] for c in github.created] == [i.title for i in committed]
    for item, created in zip(committed, github.created, strict=True):
        assert created["labels"] == ["pir-action"]
        assert f"pir-desktop://review/{pushed_review}" in created["body"]
        assert review.title in created["body"]
        assert f"| Owner | {item.owner} |" in created["body"]
        assert marked_ids(created["body"]) == [item.id]
    assert out.splitlines()[-1] == (
        "created 3 issues in GitHub acme/api; 1 deferred, done or dropped not pushed"
    )

    code, out, err = cli(library_path, *push)  # again: nothing new is made
    assert (code, err) == (0, "")
    assert (
        out == "created 0 issues in GitHub acme/api; 3 already linked; "
        "1 deferred, done or dropped not pushed\n"
    )
    assert len(github.created) == 3
    httpserver.check_assertions()
    _secret_free(library_path, out, err, caplog.text, secret=GITHUB_TOKEN)
    assert "POST" in caplog.text  # the requests were logged, and without the token


def test_an_issue_made_by_a_push_whose_answer_was_lost_is_linked_not_made_again(
    github, httpserver, library_path, pushed_review, memory_keyring, monkeypatch
):
    review = read_back(library_path, pushed_review)
    first = review.action_items[0]
    # The server made #7 for the first item, but the answer never came back.
    monkeypatch.setattr(tracker_http, "TIMEOUT", tracker_http.httpx.Timeout(0.5))

    def slow(request):
        time.sleep(1.0)
        return Response("{}", 201)

    httpserver.expect_oneshot_request(
        f"{github.api}/issues", method="POST", headers=GITHUB_HEADERS
    ).respond_with_handler(slow)
    github.expect_list()
    memory_keyring.set_password(SERVICE, f"github@{github.root}/api/v3", GITHUB_TOKEN)
    push = ("push", pushed_review, "--tracker", "github", "--repo", "acme/api",
            "--base-url", github.root)  # fmt: skip
    code, out, err = cli(library_path, *push)
    assert code == 2
    assert "did not answer in time while creating the issue “" + first.title in err
    assert "it may have been created. Push again" in err
    assert all(i.tracker_url is None for i in read_back(library_path, pushed_review).action_items)

    time.sleep(0.6)  # let the slow handler finish before the next requests
    lost = f"{github.root}/acme/api/issues/7"
    github.existing = [
        {"number": 7, "html_url": lost, "body": f"...\n<!-- pir-desktop-action: {first.id} -->"},
        {
            "number": 8,
            "html_url": "x",
            "pull_request": {},
            "body": "pir-desktop-action: " + review.action_items[1].id,
        },
    ]
    github.expect_create()
    code, out, err = cli(library_path, *push)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"linked “{first.title}” to {lost} (made by an earlier push)"
    assert [c["title"] for c in github.created] == [i.title for i in review.action_items[1:3]]
    urls = [i.tracker_url for i in read_back(library_path, pushed_review).action_items]
    assert urls[:3] == [
        lost,
        f"{github.root}/acme/api/issues/101",
        f"{github.root}/acme/api/issues/102",
    ]


def test_github_list_of_labelled_issues_is_read_page_by_page(httpserver):
    page2 = httpserver.url_for("/api/v3/repositories/1/issues") + "?page=2"
    httpserver.expect_request(
        "/api/v3/repos/acme/api/issues",
        query_string={"labels": "pir-action", "state": "all", "per_page": "100"},
    ).respond_with_json(
        [{"html_url": "u1", "body": "pir-desktop-action: " + "a" * 32}],
        headers={"Link": f'<{page2}>; rel="next", <{page2}>; rel="last"'},
    )
    httpserver.expect_request(
        "/api/v3/repositories/1/issues", query_string="page=2"
    ).respond_with_json([{"html_url": "u2", "body": "pir-desktop-action: " + "b" * 32}])
    target = make_target("github", "acme/api", httpserver.url_for("/"))
    found = GitHubClient(target, GITHUB_TOKEN).find_marked()
    assert found == {"a" * 32: "u1", "b" * 32: "u2"}


def test_a_push_that_fails_half_way_keeps_what_it_made_and_goes_on_from_there(
    github, httpserver, library_path, pushed_review, memory_keyring
):
    memory_keyring.set_password(SERVICE, f"github@{github.root}/api/v3", GITHUB_TOKEN)
    github.expect_list()
    made = []

    def second_refused(request):
        made.append(json.loads(request.data)["title"])
        if len(made) == 2:
            error = {
                "message": "Validation Failed",
                "errors": [{"resource": "Issue", "code": "custom", "field": "title",
                            "message": "title is too long (maximum is 256 characters)"}],
                "documentation_url": "https://docs.github.com/rest/issues/issues#create-an-issue",
            }  # fmt: skip
            return Response(json.dumps(error), 422, content_type="application/json")
        url = f"{github.root}/acme/api/issues/{len(made)}"
        return Response(json.dumps({"html_url": url, "number": len(made)}), 201)

    httpserver.expect_request(f"{github.api}/issues", method="POST").respond_with_handler(
        second_refused
    )
    push = ("push", pushed_review, "--tracker", "github", "--repo", "acme/api",
            "--base-url", github.root)  # fmt: skip
    code, _out, err = cli(library_path, *push)
    assert code == 2
    assert err == (
        "pir-desktop: the push stopped after 1 item of 3 (each recorded in the library; pushing "
        f"again goes on from there): GitHub at {github.root.removeprefix('http://')} did not "
        "accept the request (422 UNPROCESSABLE ENTITY): Validation Failed; title is too long "
        "(maximum is 256 characters)\n"
    )
    urls = [i.tracker_url for i in read_back(library_path, pushed_review).action_items]
    assert urls == [f"{github.root}/acme/api/issues/1", None, None, None]


@pytest.mark.parametrize(
    ("status", "headers", "body", "expected"),
    [
        (401, {}, {"message": "Bad credentials"},
         "refused the token (401 UNAUTHORIZED): it is wrong, expired or revoked"),
        (403, {}, {"message": "Resource not accessible by personal access token"},
         "refused the request (403 FORBIDDEN): Resource not accessible by personal access "
         "token. The token lacks a permission"),
        (404, {}, {"message": "Not Found"},
         "the repository acme/api was not found, or the token cannot see it (404 NOT FOUND"),
        (429, {"Retry-After": "120"}, {"message": "slow down"},
         "is limiting requests (429 TOO MANY REQUESTS); try again in 120 s (at "),
        (403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "4102444800"},
         {"message": "API rate limit exceeded"}, "is limiting requests (403 FORBIDDEN)"),
        (502, {}, "<html>bad gateway</html>",
         "had a problem of its own (502 BAD GATEWAY); try again later"),
    ],
)  # fmt: skip
def test_tracker_errors_are_named_and_change_nothing(
    status, headers, body, expected, github, httpserver, library_path, pushed_review,
    memory_keyring,
):  # fmt: skip
    memory_keyring.set_password(SERVICE, f"github@{github.root}/api/v3", GITHUB_TOKEN)
    httpserver.expect_request(f"{github.api}/issues").respond_with_data(
        json.dumps(body) if isinstance(body, dict) else body, status, headers
    )
    before = read_back(library_path, pushed_review)
    code, out, err = cli(library_path, "push", pushed_review, "--tracker", "github", "--repo",
                         "acme/api", "--base-url", github.root)  # fmt: skip
    assert code == 2
    assert expected in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert read_back(library_path, pushed_review) == before
    _secret_free(library_path, out, err, secret=GITHUB_TOKEN)


def test_an_unreachable_tracker_is_named(library_path, pushed_review, memory_keyring):
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    memory_keyring.set_password(SERVICE, f"github@{base}/api/v3", GITHUB_TOKEN)
    code, _, err = cli(library_path, "push", pushed_review, "--tracker", "github",
                       "--repo", "acme/api", "--base-url", base)  # fmt: skip
    assert code == 2
    assert err.startswith("pir-desktop: the push stopped after 0 items of 3 (each recorded")
    assert f"cannot reach GitHub at 127.0.0.1:{port}" in err
    assert "Check the address and your network connection" in err


def test_a_short_rate_limit_wait_is_waited_once(httpserver):
    slept = []
    httpserver.expect_oneshot_request("/api/v3/user").respond_with_data(
        "{}", 429, {"Retry-After": "2"}
    )
    httpserver.expect_oneshot_request("/api/v3/user").respond_with_json({"login": "octocat"})
    target = make_target("github", "acme/api", httpserver.url_for("/"))
    client = GitHubClient(target, GITHUB_TOKEN, sleep=slept.append)
    assert client.whoami() == "octocat"
    assert slept == [2.0]


def test_retry_after_as_a_date():
    response = tracker_http.httpx.Response(
        429, headers={"Retry-After": "Wed, 21 Oct 2026 07:28:30 GMT"}
    )
    now = datetime(2026, 10, 21, 7, 28, 0, tzinfo=UTC)
    assert tracker_http.retry_after(response, now) == 30.0


def test_refresh_marks_closed_issues_done_and_names_missing_ones(
    github, httpserver, library_path, pushed_review, memory_keyring
):
    memory_keyring.set_password(SERVICE, f"github@{github.root}/api/v3", GITHUB_TOKEN)
    github.expect_list()
    github.expect_create()
    push = ("push", pushed_review, "--tracker", "github", "--repo", "acme/api",
            "--base-url", github.root)  # fmt: skip
    assert cli(library_path, *push)[0] == 0
    httpserver.clear()
    closed = {"state": "closed", "state_reason": "completed", "closed_at": "2026-03-24T16:20:00Z"}
    for number, answer in ((101, closed), (102, {"state": "open"})):
        httpserver.expect_request(
            f"{github.api}/issues/{number}", method="GET", headers=GITHUB_HEADERS
        ).respond_with_json({"number": number, **answer})
    httpserver.expect_request(f"{github.api}/issues/103").respond_with_json(
        {"message": "Not Found"}, 404
    )
    code, out, err = cli(library_path, "refresh", pushed_review)
    assert (code, err) == (0, "")
    items = read_back(library_path, pushed_review).action_items
    assert [i.status for i in items] == [
        ActionStatus.DONE,
        ActionStatus.OPEN,
        ActionStatus.OPEN,
        ActionStatus.OPEN,
    ]
    assert items[0].done_at == datetime(2026, 3, 24, 16, 20, tzinfo=UTC)  # GitHub's closed_at
    assert [i.done_at for i in items[1:]] == [None, None, None]
    assert f"“{items[0].title}” is closed in the tracker: marked done" in out
    assert f"could not check “{items[2].title}”: issue #103 of acme/api was not found" in out
    assert out.splitlines()[-1] == (
        "1 item closed in the tracker, now marked done; 1 still open; 1 could not be checked"
    )
    code, out, _ = cli(library_path, "refresh", pushed_review)  # the done one stays done
    assert code == 0 and out.splitlines()[-1].startswith("0 items closed")


# -- Jira ------------------------------------------------------------------------------------


def _basic(secret: str) -> str:
    import base64

    return "Basic " + base64.b64encode(secret.encode()).decode()


def test_jira_cloud_v3_push_and_refresh(httpserver, library_path, pushed_review, memory_keyring):
    site = httpserver.url_for("/jira").rstrip("/")  # a site with a context path
    assert cli(library_path, "token", "set", "--tracker", "jira", "--base-url", site,
               stdin=JIRA_CLOUD_SECRET)[0] == 0  # fmt: skip
    headers = {"Authorization": _basic(JIRA_CLOUD_SECRET), "Accept": "application/json"}
    httpserver.expect_request(
        "/jira/rest/api/3/search/jql",
        method="GET",
        query_string={
            "jql": 'project = "OPS" AND labels = "pir-action"',
            "fields": "description",
            "maxResults": "100",
        },
        headers=headers,
    ).respond_with_json({"issues": [], "isLast": True})
    created = []

    def create(request):
        fields = json.loads(request.data)["fields"]
        created.append(fields)
        key = f"OPS-{len(created)}"
        return Response(json.dumps({"id": str(10000 + len(created)), "key": key,
                                    "self": f"{site}/rest/api/3/issue/{key}"}), 201)  # fmt: skip

    httpserver.expect_request(
        "/jira/rest/api/3/issue", method="POST", headers=headers
    ).respond_with_handler(create)
    code, _out, err = cli(library_path, "push", pushed_review, "--tracker", "jira", "--project",
                          "ops", "--base-url", site, "--jira-api", "3")  # fmt: skip
    assert (code, err) == (0, "")
    items = read_back(library_path, pushed_review).action_items
    assert [i.tracker_url for i in items] == [f"{site}/browse/OPS-{n}" for n in (1, 2, 3)] + [None]
    first = created[0]
    assert first["project"] == {"key": "OPS"}
    assert first["summary"] == items[0].title
    assert first["issuetype"] == {"name": "Task"}
    assert first["labels"] == ["pir-action"]
    doc = first["description"]
    assert (doc["type"], doc["version"]) == ("doc", 1)
    assert {node["type"] for node in doc["content"]} == {"paragraph", "bulletList"}
    flat = json.dumps(doc)
    assert f"pir-desktop://review/{pushed_review}" in flat
    assert marked_ids(flat) == [items[0].id]

    httpserver.clear()
    resolved = {"done": "2026-03-20T09:30:00.000+0100"}
    for key, category in (("OPS-1", "done"), ("OPS-2", "indeterminate"), ("OPS-3", "new")):
        httpserver.expect_request(
            f"/jira/rest/api/3/issue/{key}",
            query_string={"fields": "status,resolutiondate"},
            headers=headers,
        ).respond_with_json({"key": key, "fields": {"status": {
            "name": "Closed", "statusCategory": {"key": category}},
            "resolutiondate": resolved.get(category)}})  # fmt: skip
    code, _out, err = cli(library_path, "refresh", pushed_review, "--jira-api", "3")
    assert (code, err) == (0, "")
    items = read_back(library_path, pushed_review).action_items
    assert [i.status for i in items[:3]] == [
        ActionStatus.DONE,
        ActionStatus.OPEN,
        ActionStatus.OPEN,
    ]
    # done_at is Jira's resolution time (in UTC), not the time of the refresh
    assert items[0].done_at == datetime(2026, 3, 20, 8, 30, tzinfo=UTC)
    httpserver.check_assertions()


def test_jira_server_v2_push_pages_its_search_and_reports_jira_reasons(
    httpserver, library_path, pushed_review, memory_keyring
):
    site = httpserver.url_for("/").rstrip("/")
    memory_keyring.set_password(SERVICE, f"jira@{site}", JIRA_PAT)
    headers = {"Authorization": f"Bearer {JIRA_PAT}"}
    review = read_back(library_path, pushed_review)
    jql = 'project = "OPS" AND labels = "pir-action"'
    httpserver.expect_request("/rest/api/2/search", headers=headers, query_string={
        "jql": jql, "fields": "description", "maxResults": "100"}).respond_with_json(
        {"startAt": 0, "maxResults": 1, "total": 2, "issues": [
            {"key": "OPS-9", "fields": {"description": "old, unmarked"}}]})  # fmt: skip
    httpserver.expect_request("/rest/api/2/search", headers=headers, query_string={
        "jql": jql, "fields": "description", "maxResults": "100", "startAt": "1"}
        ).respond_with_json({"startAt": 1, "maxResults": 1, "total": 2, "issues": [
            {"key": "OPS-10", "fields": {"description":
             f"text\n{{color:#999999}}pir-desktop-action: {review.action_items[0].id}{{color}}"}}]})  # fmt: skip  # noqa: E501
    bodies = []

    def create(request):
        bodies.append(json.loads(request.data)["fields"])
        if len(bodies) == 2:
            return Response(json.dumps({"errorMessages": [], "errors": {
                "issuetype": "The issue type selected is invalid."}}), 400)  # fmt: skip
        return Response(json.dumps({"id": "1", "key": "OPS-11", "self": "x"}), 201)

    httpserver.expect_request("/rest/api/2/issue", method="POST", headers=headers
                              ).respond_with_handler(create)  # fmt: skip
    code, _out, err = cli(library_path, "push", pushed_review, "--tracker", "jira",
                         "--project", "OPS", "--base-url", site)  # fmt: skip
    assert code == 2
    assert "the push stopped after 2 items of 3" in err
    assert (
        "did not accept the request (400 BAD REQUEST): "
        "issuetype: The issue type selected is invalid." in err
    )
    assert isinstance(bodies[0]["description"], str)  # v2: wiki markup, not ADF
    assert "pir-desktop-action: " + review.action_items[1].id in bodies[0]["description"]
    urls = [i.tracker_url for i in read_back(library_path, pushed_review).action_items]
    assert urls == [f"{site}/browse/OPS-10", f"{site}/browse/OPS-11", None, None]


# -- keyring ---------------------------------------------------------------------------------


def test_no_keyring_backend_says_so_stores_nothing_and_offers_the_session(
    httpserver, library_path, pushed_review, _private_user_dirs
):
    base = httpserver.url_for("/").rstrip("/")
    code, out, err = cli(library_path, "token", "set", "--tracker", "github", "--base-url", base,
                         stdin=GITHUB_TOKEN)  # fmt: skip
    assert code == 2
    assert "there is no system keyring on this machine" in err
    assert "a token for this session only, kept in memory" in err
    push = ("push", pushed_review, "--tracker", "github", "--repo", "acme/api", "--base-url", base)
    code, out, err = cli(library_path, *push)
    assert code == 2
    assert (
        "no system keyring, so none can be stored; give one for this run with --token-stdin" in err
    )

    httpserver.expect_request("/api/v3/repos/acme/api/issues", method="GET").respond_with_json([])
    urls = iter(range(1, 10))
    httpserver.expect_request(
        "/api/v3/repos/acme/api/issues",
        method="POST",
        headers={"Authorization": f"Bearer {GITHUB_TOKEN}"},
    ).respond_with_handler(
        lambda _r: Response(json.dumps({"html_url": f"{base}/acme/api/issues/{next(urls)}"}), 201)
    )
    code, out, err = cli(library_path, *push, "--token-stdin", stdin=GITHUB_TOKEN + "\n")
    assert (code, err) == (0, "")
    assert out.endswith(
        "created 3 issues in GitHub acme/api; 1 deferred, done or dropped not pushed\n"
    )
    # Nothing anywhere under the (private) home holds the token, nor the library.
    for path in _private_user_dirs.rglob("*"):
        if path.is_file():
            assert GITHUB_TOKEN.encode() not in path.read_bytes(), path
    _secret_free(library_path, out, err, secret=GITHUB_TOKEN)


def test_token_store_session_only_path_and_delete(memory_keyring):
    from keyring.backends import fail

    none = TokenStore(fail.Keyring())
    assert not none.keyring_available
    with pytest.raises(NoKeyringBackend, match="no system keyring"):
        none.store(Tracker.GITHUB, GITHUB_API, GITHUB_TOKEN)
    none.keep_for_session(Tracker.GITHUB, GITHUB_API, GITHUB_TOKEN)
    assert none.get(Tracker.GITHUB, GITHUB_API) == GITHUB_TOKEN
    assert none.where(Tracker.GITHUB, GITHUB_API) == "session"
    assert GITHUB_TOKEN not in repr(none)
    assert none.delete(Tracker.GITHUB, GITHUB_API)
    assert none.get(Tracker.GITHUB, GITHUB_API) is None

    store = TokenStore(memory_keyring)
    store.store(Tracker.JIRA, "https://x.atlassian.net", " a@b.c:tok \n")
    assert store.where(Tracker.JIRA, "https://x.atlassian.net") == "keyring"
    assert memory_keyring.secrets == {(SERVICE, "jira@https://x.atlassian.net"): "a@b.c:tok"}
    with pytest.raises(Exception, match="no spaces"):
        store.store(Tracker.JIRA, "https://x.atlassian.net", "two words")
    assert store.delete(Tracker.JIRA, "https://x.atlassian.net")
    assert not store.delete(Tracker.JIRA, "https://x.atlassian.net")
    assert memory_keyring.secrets == {}


def test_token_cli_test_and_delete(httpserver, library_path, memory_keyring):
    base = httpserver.url_for("/").rstrip("/")
    httpserver.expect_request(
        "/api/v3/user", headers={"Authorization": f"Bearer {GITHUB_TOKEN}"}
    ).respond_with_json({"login": "octocat"})
    assert cli(library_path, "token", "set", "--tracker", "github", "--base-url", base,
               stdin=GITHUB_TOKEN)[0] == 0  # fmt: skip
    code, out, err = cli(library_path, "token", "test", "--tracker", "github", "--base-url", base)
    assert (code, out, err) == (
        0, f"the token for GitHub at {base}/api/v3 works: signed in as octocat\n", "")  # fmt: skip
    code, out, _ = cli(library_path, "token", "delete", "--tracker", "github", "--base-url", base)
    assert out == f"deleted the token for GitHub at {base}/api/v3\n"
    assert memory_keyring.secrets == {}
    code, _, err = cli(library_path, "token", "test", "--tracker", "github", "--base-url", base)
    assert code == 2 and "there is no token for GitHub at " + base in err


# -- addresses -------------------------------------------------------------------------------


def test_base_addresses_and_issue_addresses_lead_back_to_them():
    assert base_url("github", None) == GITHUB_API
    assert base_url("github", "https://github.com/") == GITHUB_API
    assert base_url("github", "https://GHE.example.com") == "https://ghe.example.com/api/v3"
    assert base_url("jira", "https://x.atlassian.net/rest/api/3/") == "https://x.atlassian.net"
    ref = issue_ref("https://github.com/acme/api/issues/12")
    assert (ref.tracker, ref.base, ref.project, ref.key) == ("github", GITHUB_API, "acme/api", "12")
    ref = issue_ref("https://ghe.example.com/acme/api/issues/3")
    assert ref.base == "https://ghe.example.com/api/v3"
    ref = issue_ref("https://jira.example.com/jira/browse/OPS-42")
    assert (ref.tracker, ref.base, ref.key) == ("jira", "https://jira.example.com/jira", "OPS-42")
    assert make_target("jira", "ops", "https://x.atlassian.net").jira_api == 3
    assert make_target("jira", "OPS", "https://jira.example.com").jira_api == 2
    for bad in ("acme", "acme/api/x", ""):
        with pytest.raises(TrackerSetupError, match="OWNER/NAME"):
            make_target("github", bad)
    with pytest.raises(TrackerSetupError, match="needs the site"):
        make_target("jira", "OPS")
    with pytest.raises(TrackerSetupError, match="not the address of a GitHub issue"):
        issue_ref("https://example.com/wiki/page")


def test_push_options_that_do_not_fit_are_named(library_path, pushed_review):
    code, _, err = cli(library_path, "push", pushed_review, "--tracker", "github")
    assert (code, err) == (2, "pir-desktop: pushing to GitHub needs --repo OWNER/NAME\n")
    code, _, err = cli(library_path, "push", pushed_review, "--tracker", "jira", "--repo", "a/b",
                       "--base-url", "https://x.atlassian.net")  # fmt: skip
    assert (code, err) == (2, "pir-desktop: --repo is for GitHub; Jira takes --project KEY\n")
    code, _, err = cli(library_path, "push", pushed_review, "--tracker", "github", "--repo",
                       "a/b", "--base-url", "ftp://x")  # fmt: skip
    assert "must be an http or https address" in err


def test_refresh_stops_when_the_token_is_refused(httpserver, library_path, memory_keyring):
    from pir_desktop.storage.library import open_library

    base = httpserver.url_for("/").rstrip("/")
    memory_keyring.set_password(SERVICE, f"github@{base}/api/v3", GITHUB_TOKEN)
    with open_library(library_path) as library:
        review_id = _review(library)
        items = read_back(library_path, review_id).action_items
        for n, item in enumerate(items[:2], start=1):
            ops.edit_action_item(library, item.id, tracker_url=f"{base}/acme/api/issues/{n}")
    httpserver.expect_oneshot_request("/api/v3/repos/acme/api/issues/1").respond_with_json(
        {"message": "Bad credentials"}, 401
    )
    code, _out, err = cli(library_path, "refresh", review_id)
    assert code == 2
    assert err.startswith("pir-desktop: the refresh stopped (0 marked done so far): GitHub at ")
    assert "refused the token (401 UNAUTHORIZED)" in err
    assert len(httpserver.log) == 1  # the second issue was not asked for


@pytest.mark.parametrize(
    ("status", "headers", "body", "expected"),
    [
        (401, {}, {"errorMessages": ["You are not authenticated."]},
         "refused the token (401 UNAUTHORIZED)"),
        (404, {}, {"errorMessages": ["No project could be found with key 'OPS'."]},
         "the project OPS was not found, or the token cannot see it (404 NOT FOUND"),
        (429, {"Retry-After": "600"}, {"errorMessages": ["Rate limit exceeded."]},
         "is limiting requests (429 TOO MANY REQUESTS); try again in 600 s"),
    ],
)  # fmt: skip
def test_jira_errors_are_named_and_change_nothing(
    status, headers, body, expected, httpserver, library_path, pushed_review, memory_keyring
):
    site = httpserver.url_for("/").rstrip("/")
    memory_keyring.set_password(SERVICE, f"jira@{site}", JIRA_PAT)
    httpserver.expect_request("/rest/api/2/search").respond_with_json(body, status, headers)
    before = read_back(library_path, pushed_review)
    code, out, err = cli(library_path, "push", pushed_review, "--tracker", "jira",
                         "--project", "OPS", "--base-url", site)  # fmt: skip
    assert code == 2
    assert expected in err and err.count("\n") == 1
    assert read_back(library_path, pushed_review) == before
    _secret_free(library_path, out, err, secret=JIRA_PAT)


def test_refresh_all_goes_through_every_linked_review(library):
    from datetime import date

    from pir_desktop.trackers.sync import refresh_all_actions

    review = ops.create_review(library, "First", date(2026, 5, 4), "P2")
    other = ops.create_review(library, "Second", date(2026, 5, 9), "P3")
    first = ops.add_action_item(
        library, review.id, "A", tracker_url="https://github.com/o/r/issues/1"
    )
    second = ops.add_action_item(
        library, other.id, "B", tracker_url="https://github.com/o/r/issues/2"
    )
    ops.add_action_item(library, other.id, "C")  # not linked: not looked up
    closed_at = datetime(2026, 5, 20, 8, 0, tzinfo=UTC)
    asked = []

    class Fake:
        service = "fake"

        def issue_state(self, ref):
            asked.append(ref.key)
            return (ref.key == "1", closed_at if ref.key == "1" else None)

        def close(self):
            pass

    result = refresh_all_actions(library, lambda ref: Fake())
    assert sorted(asked) == ["1", "2"]
    assert set(result.reviews) == {review.id, other.id}
    assert (
        result.summary()
        == "1 item closed in the tracker, now marked done; 1 still open; in 2 reviews"
    )
    items = {a.id: a for a in read_back(library.path, review.id).action_items}
    assert (items[first.id].status, items[first.id].done_at) == (ActionStatus.DONE, closed_at)
    assert read_back(library.path, other.id).action_items[0].id == second.id
